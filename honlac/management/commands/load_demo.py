from django.core.management.base import BaseCommand

from honlac.demo import load_demo
from meetings.models import Body


class Command(BaseCommand):
    help = "Load (or restore) the demonstration data and accounts. Safe to run again."

    def handle(self, *args, **options):
        load_demo()
        bodies = ", ".join(body.display_code for body in Body.objects.order_by("code"))
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {bodies}."))
