from django.core.management.base import BaseCommand

from honlac.demo import load_demo


class Command(BaseCommand):
    help = "Load (or restore) the demonstration data and accounts. Safe to run again."

    def handle(self, *args, **options):
        body = load_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo data of {body} loaded."))
