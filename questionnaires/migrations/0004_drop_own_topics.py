"""The recommendations' own topics go: each recommendation keeps the key to agendas.Topic filled by 0003."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("questionnaires", "0003_topic_of_the_agendas_data")]

    operations = [
        migrations.RemoveField(model_name="recommendation", name="topic"),
        migrations.DeleteModel(name="Topic"),
        migrations.RenameField(model_name="recommendation", old_name="new_topic", new_name="topic"),
        migrations.AlterField(
            model_name="recommendation",
            name="topic",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="recommendations",
                to="agendas.topic",
                verbose_name="topic",
            ),
        ),
    ]
