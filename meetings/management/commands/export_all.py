from django.core.management.base import BaseCommand

from meetings.backup import export_all


class Command(BaseCommand):
    help = "Export the whole portal (database and files) to a ZIP file, e.g. `export_all backup.zip`."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        objects, files = export_all(file)
        self.stdout.write(f"{objects} records and {files} files written to {file}.")
