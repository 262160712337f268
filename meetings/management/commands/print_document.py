from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from honlac import printing
from meetings.issued_files import file_name, issued_file
from meetings.models import Document


class Command(BaseCommand):
    help = (
        "Write a language version of a document to a PDF file, e.g. `print_document UNODC/SUBCOM/58/1 --lang ar`: "
        "its issued file as it was issued, or, for a version not issued (or with --draft), a draft printed from "
        "the data of now."
    )

    def add_arguments(self, parser):
        parser.add_argument("symbol")
        parser.add_argument("--lang", default="en", help="Language version (default: en)")
        parser.add_argument("--output", help="PDF file to write (default: the symbol with the language)")
        parser.add_argument("--draft", action="store_true", help="Print a draft from the data even if issued")

    def handle(self, *args, symbol, lang, output, draft, **options):
        document = Document.objects.select_related("meeting__body").filter(symbol=symbol).first()
        if document is None:
            raise CommandError(f"No document {symbol}.")
        if lang not in document.meeting.body.working_languages:
            raise CommandError(f"{lang} is not a working language of {document.meeting.body}.")
        path = Path(output or file_name(document, lang))
        version = None if draft else issued_file(document, lang)
        if version is not None:
            with version.file.open("rb") as stored:
                path.write_bytes(stored.read())
            self.stdout.write(f"{path} (issued {version.issued_at:%Y-%m-%d})")
            return
        if lang not in printing.languages(document.printed_as, document):
            raise CommandError(f"{symbol} has no {lang} version to print.")
        path.write_bytes(printing.render_document(document, language=lang))
        self.stdout.write(f"{path} (draft)")
