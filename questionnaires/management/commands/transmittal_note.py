from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from questionnaires.models import Questionnaire
from questionnaires.transmittal import generate_transmittal_note


class Command(BaseCommand):
    help = (
        "Generate (or bring up to date) the transmittal note of a meeting's questionnaire and print its symbol, "
        "e.g. `transmittal_note HONLAC 32`."
    )

    def add_arguments(self, parser):
        parser.add_argument("body", help="Code of the body, e.g. HONLAC")
        parser.add_argument("number", type=int, help="Number of the meeting whose questionnaire it is, e.g. 32")

    def handle(self, *args, body, number, **options):
        questionnaire = Questionnaire.objects.filter(meeting__body__code__iexact=body, meeting__number=number).first()
        if questionnaire is None:
            raise CommandError(f"Meeting {number} of {body} has no questionnaire.")
        try:
            document = generate_transmittal_note(questionnaire, by=None)  # the system: a command run by an operator
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(document.symbol)
