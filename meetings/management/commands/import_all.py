from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from meetings.backup import import_all


class Command(BaseCommand):
    help = "Import an export of the portal into an empty, migrated database, e.g. `import_all backup.zip`."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            objects, files = import_all(file)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"{objects} records and {files} files imported from {file}.")
