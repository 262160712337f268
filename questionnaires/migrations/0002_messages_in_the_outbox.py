"""Messages live in the outbox now (accounts.OutgoingEmail; its migration 0006 moved the rows there)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('questionnaires', '0001_initial'),
        ('accounts', '0006_outbox'),
    ]

    operations = [
        migrations.DeleteModel(
            name='Message',
        ),
    ]
