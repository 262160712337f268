"""Recommendations take their topic from the one working-group topic of the meeting (agendas.Topic): first a
key to it beside the present one; 0003 fills it, 0004 drops the recommendations' own topics.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("agendas", "0006_one_topic_data"),
        ("questionnaires", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="recommendation",
            name="new_topic",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="agendas.topic",
                verbose_name="topic",
            ),
        ),
    ]
