from questionnaires.management.document_command import QuestionnaireDocumentCommand
from questionnaires.transmittal import generate_transmittal_note


class Command(QuestionnaireDocumentCommand):
    help = (
        "Generate (or bring up to date) the transmittal note of a meeting's questionnaire and print its symbol, "
        "e.g. `transmittal_note honlaf 33`."
    )
    generate = staticmethod(generate_transmittal_note)
