"""Messages live in the outbox now (accounts.OutgoingEmail; its migration 0006 moved the rows there)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('questionnaires', '0004_drop_own_topics'),
        ('accounts', '0006_outbox'),
    ]

    operations = [
        migrations.DeleteModel(
            name='Message',
        ),
    ]
