"""The whole demonstration data, loaded app by app in the order of their dependencies.

Above the apps, so that none of them imports another's demo: meetings (the body, its meetings, the accounts),
then agendas (the standard agenda, agendas, working-group topics, offers), then questionnaires (recommendations
under those topics, the questionnaire and its responses); then the rest of the family, HONLAF and the
Subcommission, in the same order (the apps' demo_family modules). Loading again restores the demo state.
"""

from django.db import transaction

from agendas.demo import load_agendas_demo
from agendas.demo_family import load_family_agendas_demo
from meetings.demo import load_meetings_demo
from meetings.demo_family import load_family_meetings_demo
from questionnaires.demo import load_questionnaire_demo
from questionnaires.demo_family import load_family_questionnaire_demo


def load_demo():
    """Create or restore the demonstration data. Returns the HONLAC body."""
    with transaction.atomic():
        body = load_meetings_demo()
        load_agendas_demo(body)
        load_questionnaire_demo(body)
        # The rest of the family: HONLAF and the Subcommission (meetings.demo_family).
        honlaf, subcommission = load_family_meetings_demo()
        load_family_agendas_demo(honlaf, subcommission)
        load_family_questionnaire_demo(honlaf)
    return body
