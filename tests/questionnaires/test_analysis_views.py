"""The pages and the command of the compiled analysis (questionnaires.analysis): compiled by the secretariat only,
from the questionnaire's page, which tells when it is out of date; listed on the secure page once issued."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from meetings.issuing import issue_at_once
from meetings.models import Document, PrintJob
from questionnaires import analysis
from questionnaires.analysis import generate_analysis
from tests.factories import UserFactory, answered, secretariat_user, state, three_cycles
from tests.helpers import LOGIN, assert_answer


@pytest.fixture
def cycles(db):
    return three_cycles(states=("ECU", "MEX", "COL", "PER", "DOM"))


def contributor(code, username):
    from accounts.models import User

    return UserFactory(username=username, role=User.Role.CONTRIBUTOR, member_state=state(code))


GENERATE_ROLES = {
    "anonymous": LOGIN,
    "own_state": 403,
    "other_state": 403,
    "non_participant": 403,
    "own_contributor": 403,
    "other_contributor": 403,
    "secretariat": 302,
    "admin": 302,
}


@pytest.mark.parametrize(("role", "expected"), GENERATE_ROLES.items())
def test_only_the_secretariat_compiles_the_analysis(client, users, cycles, role, expected):
    _first, second = cycles
    answered(second, "ECU", post=True)
    people = {
        **users,
        "own_contributor": contributor("ECU", "contributor-ecu"),
        "other_contributor": contributor("MEX", "contributor-mex"),
    }
    if people[role] is not None:
        client.force_login(people[role])
    response = client.post(reverse("questionnaires:analysis", args=["honlac", 32]))
    assert_answer(response, expected)
    analyses = Document.objects.filter(printed_as=Document.PrintedAs.ANALYSIS)
    if expected == 302:
        assert response["Location"] == analyses.get().get_absolute_url()
    else:
        assert not analyses.exists()


def test_the_questionnaire_page_compiles_the_analysis_and_tells_when_it_is_out_of_date(client, cycles):
    _first, second = cycles
    answered(second, "ECU", post=True)
    client.force_login(secretariat_user())
    dashboard = reverse("questionnaires:dashboard", args=["honlac", 32])
    page = client.get(dashboard).content.decode()
    assert "Compile the analysis</button>" in page

    client.post(reverse("questionnaires:analysis", args=["honlac", 32]))
    answered(second, "MEX", post=True)
    page = client.get(dashboard).content.decode()
    assert "UNODC/HONLAC/32/CRP.1</a>" in page
    assert "1 response was posted after" in page
    assert "Compile the analysis again</button>" in page


def test_the_analysis_prints_in_the_background(client, cycles):
    _first, second = cycles
    answered(second, "ECU", post=True)
    document = generate_analysis(second, by=None)
    client.force_login(secretariat_user())
    response = client.get(reverse("meetings:document_download", args=[document.pk, "fr"]))
    job = PrintJob.objects.get(document=document, language="fr")
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()


def test_the_data_of_the_analysis_are_those_of_the_moment_it_was_generated(cycles):
    _first, second = cycles
    answered(second, "ECU", post=True)
    moment = timezone.now() + datetime.timedelta(minutes=1)
    document = generate_analysis(second, by=None, at=moment)
    assert document.data_as_of == moment
    assert analysis.dashboard_state(second) == {"analysis": document, "analysis_posted_since": 0}


@pytest.mark.parametrize("role", ["own_state", "other_state", "secretariat"])
def test_the_secure_page_lists_the_analysis_once_issued_for_the_participants(client, users, cycles, role):
    _first, second = cycles
    answered(second, "ECU", post=True)
    document = generate_analysis(second, by=None)
    client.force_login(users[role])
    secure_page = reverse("questionnaires:secure_page", args=["honlac", 32])
    link = f'<a class="symbol" href="{document.get_absolute_url()}">UNODC/HONLAC/32/CRP.1</a>'

    assert (link in client.get(secure_page).content.decode()) == (role == "secretariat")  # a draft
    issue_at_once(document, by=None)
    assert link in client.get(secure_page).content.decode()


def test_the_command_compiles_the_analysis_and_prints_its_symbol(cycles):
    _first, second = cycles
    with pytest.raises(CommandError, match="No response is posted yet"):
        call_command("compile_analysis", "HONLAC", "32", stdout=io.StringIO())
    answered(second, "ECU", post=True)
    out = io.StringIO()
    call_command("compile_analysis", "honlac", "32", stdout=out)
    assert out.getvalue().strip() == "UNODC/HONLAC/32/CRP.1"
    assert Document.objects.get(symbol="UNODC/HONLAC/32/CRP.1").data_as_of is not None
    with pytest.raises(CommandError, match="Meeting 40 of HONLAC has no questionnaire"):
        call_command("compile_analysis", "HONLAC", "40")
