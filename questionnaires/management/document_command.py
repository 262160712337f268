"""The commands that make a document of a meeting's questionnaire and print its symbol (transmittal_note,
compile_analysis): `generate` is the service, called as the system (a command run by an operator)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from questionnaires.models import Questionnaire


class QuestionnaireDocumentCommand(BaseCommand):
    generate = None  # the service: generate(questionnaire, by=None) -> Document

    def add_arguments(self, parser):
        parser.add_argument("body", help="Code of the body, e.g. honlaf or subcom")
        parser.add_argument("number", type=int, help="Number of the meeting whose questionnaire it is, e.g. 32")

    def handle(self, *args, body, number, **options):
        questionnaire = Questionnaire.objects.filter(meeting__body__code__iexact=body, meeting__number=number).first()
        if questionnaire is None:
            raise CommandError(f"Meeting {number} of {body} has no questionnaire.")
        try:
            document = self.generate(questionnaire, by=None)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(document.symbol)
