from django.core.management.base import BaseCommand

from accounts.mail import send_queued


class Command(BaseCommand):
    help = (
        "Send the queued emails (and those whose sender died while sending them), e.g. from cron; safe to run on "
        "several machines at once: each message is taken by one sender."
    )

    def handle(self, *args, **options):
        sent, failed = send_queued()
        self.stdout.write(f"{sent} sent, {failed} failed")
