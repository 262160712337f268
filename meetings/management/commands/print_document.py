from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from honlac import printing
from meetings.models import Document


class Command(BaseCommand):
    help = "Print a document in one working language to a PDF file, e.g. `print_document UNODC/HONLAC/31/1 --lang fr`."

    def add_arguments(self, parser):
        parser.add_argument("symbol")
        parser.add_argument("--lang", default="en", help="Language version (default: en)")
        parser.add_argument("--output", help="PDF file to write (default: the symbol with the language)")

    def handle(self, *args, symbol, lang, output, **options):
        document = Document.objects.select_related("meeting__body").filter(symbol=symbol).first()
        if document is None:
            raise CommandError(f"No document {symbol}.")
        if lang not in document.meeting.body.working_languages:
            raise CommandError(f"{lang} is not a working language of {document.meeting.body}.")
        if lang not in printing.languages(document.printed_as, document):
            raise CommandError(f"{symbol} has no {lang} version to print.")
        path = Path(output or f"{symbol.replace('/', '_')}_{lang.upper()}.pdf")
        path.write_bytes(printing.render_document(document, language=lang))
        self.stdout.write(str(path))
