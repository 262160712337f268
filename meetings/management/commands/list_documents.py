from django.core.management.base import BaseCommand, CommandError

from meetings.models import Meeting


class Command(BaseCommand):
    help = "List the symbols and titles of a meeting's documents, e.g. `list_documents honlaf 33`."

    def add_arguments(self, parser):
        parser.add_argument("body", help="Code of the body, e.g. honlaf or subcom")
        parser.add_argument("number", type=int, help="Number of the meeting, e.g. 31")
        parser.add_argument("--lang", default="en", help="Language of the titles (default: en)")

    def handle(self, *args, body, number, lang, **options):
        meeting = Meeting.objects.filter(body__code__iexact=body, number=number).first()
        if meeting is None:
            raise CommandError(f"No meeting {number} of {body}.")
        for document in meeting.documents.order_by("kind", "number"):
            title = getattr(document, f"title_{lang}", None) or document.title_en
            self.stdout.write(f"{document.symbol}\t{title}")
