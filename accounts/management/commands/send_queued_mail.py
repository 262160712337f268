from django.core.management.base import BaseCommand

from accounts.services import send_queued


class Command(BaseCommand):
    help = "Send the queued emails not sent yet (pending, or failed at an earlier try), e.g. from cron."

    def handle(self, *args, **options):
        sent, failed = send_queued()
        self.stdout.write(f"{sent} sent, {failed} failed")
