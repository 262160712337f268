"""One working-group topic, schema: the proposed topics become the topics of the meeting (same rows, so the
consultation's voices keep theirs), with a position; the agenda's sub-items get a key to their topic.

The data follow in 0006 (a migration of its own: PostgreSQL alters no table with data changes pending in the
same transaction).
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("agendas", "0004_offers_topics_organization_note"),
        ("meetings", "0002_member_states"),
    ]

    operations = [
        migrations.RenameModel("TopicProposal", "Topic"),
        migrations.AlterModelOptions(
            name="topic",
            options={"ordering": ["meeting", "position", "pk"], "verbose_name": "topic", "verbose_name_plural": "topics"},
        ),
        migrations.AddField(
            model_name="topic",
            name="position",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="position"),
        ),
        migrations.AlterField(
            model_name="topic",
            name="meeting",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="topics",
                to="meetings.meeting",
                verbose_name="meeting",
            ),
        ),
        migrations.AlterField(
            model_name="topic",
            name="selected",
            field=models.BooleanField(default=False, help_text="Placed on the agenda.", verbose_name="selected"),
        ),
        migrations.AddField(
            model_name="agendaitem",
            name="topic",
            field=models.ForeignKey(
                blank=True,
                help_text="A sub-item on a working-group topic shows the topic's title.",
                null=True,
                on_delete=django.db.models.deletion.RESTRICT,
                related_name="agenda_items",
                to="agendas.topic",
                verbose_name="working-group topic",
            ),
        ),
    ]
