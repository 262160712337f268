"""The whole demonstration data, loaded app by app in the order of their dependencies.

Above the apps, so that none of them imports another's demo: meetings (the body, its meetings, the accounts),
then agendas (the standard agenda, agendas, working-group topics, offers), then questionnaires (recommendations
under those topics, the questionnaire and its responses). Loading again restores the demo state.
"""

from django.db import transaction

from agendas.demo import load_agendas_demo
from meetings.demo import load_meetings_demo
from questionnaires.demo import load_questionnaire_demo


def load_demo():
    """Create or restore the demonstration data. Returns the HONLAC body."""
    with transaction.atomic():
        body = load_meetings_demo()
        load_agendas_demo(body)
        load_questionnaire_demo(body)
    return body
