"""One outbox for every message: OutgoingEmail takes the messages of the questionnaires' runs (questionnaires.Message,
deleted by questionnaires 0005 once its rows are here) and the columns a sender needs to claim a row.

The old runs kept no texts: their messages come over with status, attempts, error and date; a sent one keeps
"(not kept)" for its text; one not sent yet comes over as failed, with no text, and is written again (in its
recipient's language, with the link of the day) when the secretariat retries the run's failed messages.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

NOT_SENT = "Queued before the outbox kept the texts of messages: retry the run's failed messages to write and send it."


def messages_into_the_outbox(apps, schema_editor):
    OutgoingEmail = apps.get_model("accounts", "OutgoingEmail")
    Message = apps.get_model("questionnaires", "Message")
    MessageRun = apps.get_model("questionnaires", "MessageRun")
    OutgoingEmail.objects.filter(status="pending").update(status="queued")
    for run in MessageRun.objects.order_by("pk"):
        kind = {"invitation": "Invitation", "reminder": "Reminder"}.get(run.kind, run.kind)
        OutgoingEmail.objects.bulk_create(
            OutgoingEmail(
                to=message.email,
                recipient_id=message.recipient_id,
                language=message.language,
                run_id=run.pk,
                subject=f"{kind} (text not kept)" if message.status == "sent" else kind,
                body="(not kept)" if message.status == "sent" else "",
                status="sent" if message.status == "sent" else "failed",
                attempts=message.attempts,
                error=message.error or ("" if message.status == "sent" else NOT_SENT),
                sent_at=message.sent_at,
            )
            for message in Message.objects.filter(run=run).order_by("pk")
        )
        # bulk_create dates the rows now; they were queued with their run.
        OutgoingEmail.objects.filter(run_id=run.pk).update(created_at=run.created_at)


def messages_out_of_the_outbox(apps, schema_editor):
    OutgoingEmail = apps.get_model("accounts", "OutgoingEmail")
    Message = apps.get_model("questionnaires", "Message")
    of_runs = OutgoingEmail.objects.filter(run__isnull=False)
    Message.objects.bulk_create(
        Message(
            run_id=email.run_id,
            recipient_id=email.recipient_id,
            member_state_id=email.recipient.member_state_id,
            email=email.to,
            language=email.language,
            status={"sent": "sent", "failed": "failed"}.get(email.status, "pending"),
            error=email.error,
            attempts=email.attempts,
            sent_at=email.sent_at,
        )
        for email in of_runs.filter(recipient__member_state__isnull=False).select_related("recipient").order_by("pk")
    )
    of_runs.delete()
    OutgoingEmail.objects.filter(status__in=["queued", "sending"]).update(status="pending")


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0005_audit_dotted_actions'),
        ('questionnaires', '0004_drop_own_topics'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='outgoingemail',
            options={'ordering': ['-created_at', '-pk'], 'verbose_name': 'outgoing email', 'verbose_name_plural': 'outgoing emails'},
        ),
        migrations.AddField(
            model_name='outgoingemail',
            name='attachments',
            field=models.JSONField(blank=True, default=list, help_text='Documents printed when the message is sent: kind, source, language and file name of each.', verbose_name='attachments'),
        ),
        migrations.AddField(
            model_name='outgoingemail',
            name='claimed_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='taken by a sender'),
        ),
        migrations.AddField(
            model_name='outgoingemail',
            name='language',
            field=models.CharField(blank=True, max_length=8, verbose_name='language'),
        ),
        migrations.AddField(
            model_name='outgoingemail',
            name='recipient',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recipient'),
        ),
        migrations.AddField(
            model_name='outgoingemail',
            name='run',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='messages', to='questionnaires.messagerun', verbose_name='run'),
        ),
        migrations.AlterField(
            model_name='outgoingemail',
            name='status',
            field=models.CharField(choices=[('queued', 'Queued'), ('sending', 'Sending'), ('sent', 'Sent'), ('failed', 'Failed')], default='queued', max_length=10, verbose_name='status'),
        ),
        migrations.AddIndex(
            model_name='outgoingemail',
            index=models.Index(fields=['status', 'claimed_at'], name='outgoing_email_claimable'),
        ),
        migrations.AddConstraint(
            model_name='outgoingemail',
            constraint=models.UniqueConstraint(fields=('run', 'recipient'), name='outgoing_email_one_per_recipient_of_run'),
        ),
        migrations.RunPython(messages_into_the_outbox, messages_out_of_the_outbox),
    ]
