from questionnaires.analysis import generate_analysis
from questionnaires.management.document_command import QuestionnaireDocumentCommand


class Command(QuestionnaireDocumentCommand):
    help = (
        "Compile (or bring up to date, or revise once issued) the analysis of a meeting's questionnaire and print "
        "its symbol, e.g. `compile_analysis honlaf 33`."
    )
    generate = staticmethod(generate_analysis)
