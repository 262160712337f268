"""The implementation matrix of a body: what it counts for each audience, its filters, its thread mode, who may
see it, its XLSX and its queries."""

import io
import re
from collections import Counter

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import User
from agendas.models import Topic
from meetings.models import MemberState
from questionnaires.implementation import reported
from questionnaires.models import Answer, Recommendation, Response
from tests.factories import UserFactory, answered, focal_point, secretariat_user, state, three_cycles
from tests.helpers import LOGIN, ROLES, assert_answer

STATUSES = ["implemented", "partially", "not_yet", "not_applicable", "no_answer"]
CSS = {f"matrix-{code.replace('_', '-')}": code for code in STATUSES}


@pytest.fixture
def cycles(db):
    """Meetings 30 to 32 (ECU, MEX, COL take part); on the recommendations of 30: Ecuador's answers posted,
    Mexico's submitted, Colombia's a draft; on those of 31: Colombia's posted."""
    first, second = three_cycles()
    answered(first, "ECU", status="implemented", post=True)
    answered(first, "MEX", status="partially", submit=True)
    answered(first, "COL", status="not_yet")
    answered(second, "COL", status="not_applicable", post=True)
    return first, second


def url(query="", name="questionnaires:matrix"):
    return reverse(name, args=["honlac"]) + (f"?{query}" if query else "")


def grid(page):
    """{State name: [status of each cell]} of the table's body."""
    html = page.content.decode()
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    rows = {}
    for name, cells in re.findall(r'<th scope="row" class="matrix-state">([^<]+)</th>(.*?)</tr>', body):
        rows[name] = [CSS[css] for css in re.findall(r'<td class="(matrix-[a-z-]+)">', cells) if css in CSS]
    return rows


def legend(page):
    """{status: total} as the legend gives it."""
    html = page.content.decode()
    part = html[html.index('id="matrix-legend"') : html.index("</ul>", html.index('id="matrix-legend"'))]
    return dict(zip(STATUSES, (int(n) for n in re.findall(r'matrix-count">(\d+)<', part)), strict=True))


def column_totals(page):
    """{status: [count per recommendation]} of the table's foot (the row totals' columns left out)."""
    html = page.content.decode()
    foot = html[html.index("<tfoot>") : html.index("</tfoot>")]
    lines = re.findall(r"<tr>(.*?)</tr>", foot)
    result = {}
    for code, line in zip(STATUSES, lines, strict=True):
        values = re.findall(r'<td class="matrix-total">(?:<strong>)?(\d*)', line)
        result[code] = [int(value) for value in values[: -len(STATUSES)]]
    return result


def answers_in_database(questionnaire, statuses):
    """What the test counts itself: the answers of `questionnaire` in responses of `statuses`, by status."""
    rows = Answer.objects.filter(
        question__questionnaire=questionnaire, response__status__in=statuses, question__recommendation__isnull=False
    ).exclude(status="")
    return Counter(rows.values_list("status", flat=True))


def expected_legend(questionnaire, statuses, states):
    found = answers_in_database(questionnaire, statuses)
    cells = states * questionnaire.questions.filter(recommendation__isnull=False).count()
    return {code: found.get(code, 0) for code in STATUSES[:-1]} | {"no_answer": cells - sum(found.values())}


def sheet(response):
    return load_workbook(io.BytesIO(response.content)).active


def xlsx_totals(response):
    """{status: grand total} from the XLSX's lines of totals (the last five)."""
    rows = list(sheet(response).iter_rows(values_only=True))
    return {code: next(v for v in row[-5:] if v is not None) for code, row in zip(STATUSES, rows[-5:], strict=True)}


# What it counts ---------------------------------------------------------------------------------------------


def test_the_secretariat_counts_every_submitted_answer_as_the_database_holds_them(cycles, client_as):
    first, _ = cycles
    client = client_as("secretariat")
    page = client.get(url("meeting=30"))
    expected = expected_legend(first, [Response.Status.SUBMITTED, Response.Status.POSTED], 3)
    assert expected == {"implemented": 3, "partially": 3, "not_yet": 0, "not_applicable": 0, "no_answer": 3}
    assert legend(page) == expected
    assert "Submitted and posted responses" in page.content.decode()
    assert grid(page) == {
        "Colombia": ["no_answer"] * 3,
        "Ecuador": ["implemented"] * 3,
        "Mexico": ["partially"] * 3,
    }
    assert column_totals(page)["implemented"] == [1, 1, 1]
    assert {code: sum(values) for code, values in column_totals(page).items()} == expected
    assert xlsx_totals(client.get(url("meeting=30", "questionnaires:matrix_xlsx"))) == expected


def test_a_participant_counts_only_the_posted_answers(cycles, client_as):
    first, _ = cycles
    client = client_as("other_state")
    page = client.get(url("meeting=30"))
    expected = expected_legend(first, [Response.Status.POSTED], 3)
    assert expected == {"implemented": 3, "partially": 0, "not_yet": 0, "not_applicable": 0, "no_answer": 6}
    assert legend(page) == expected
    assert "Posted responses" in page.content.decode()
    assert "Submitted and posted" not in page.content.decode()
    assert grid(page)["Mexico"] == ["no_answer"] * 3  # its own submitted answers are not posted yet
    assert xlsx_totals(client.get(url("meeting=30", "questionnaires:matrix_xlsx"))) == expected


def test_each_cell_links_to_the_answer(cycles, client_as):
    first, _ = cycles
    page = client_as("secretariat").get(url("meeting=30")).content.decode()
    response = Response.objects.get(questionnaire=first, member_state__code="ECU")
    question = first.questions.get(position=2)
    link = reverse("questionnaires:response", args=[response.pk]) + f"#question-{question.pk}"
    assert page.count(f'href="{link}"') == 1
    answer = client_as("secretariat").get(link).content.decode()
    assert answer.count(f'id="question-{question.pk}"') == 1  # where the link leads on the response page


def test_every_counted_cell_links_to_the_answer_that_reported_gives(cycles, users, client_as):
    first, _ = cycles
    recommendations = list(Recommendation.objects.filter(meeting=first.source_meeting))
    for role in ("secretariat", "other_state"):
        html = client_as(role).get(url("meeting=30")).content.decode()
        cells = reported(users[role], recommendations)
        assert sorted(re.findall(r'<td class="matrix-[a-z-]+"><a href="([^"]+)"', html)) == sorted(
            cell.url for cell in cells.values()
        )


def test_the_default_meeting_is_the_latest_whose_questionnaire_has_answers(cycles, client_as):
    page = client_as("secretariat").get(url())
    assert grid(page)["Colombia"] == ["not_applicable"] * 3  # the recommendations of 31, answered in 32
    Response.objects.filter(questionnaire=cycles[1]).delete()
    page = client_as("secretariat").get(url())
    assert grid(page)["Ecuador"] == ["implemented"] * 3  # those of 30


def test_the_xlsx_has_the_rows_columns_labels_and_totals_of_the_page_in_the_readers_language(cycles, client_as):
    response = client_as("secretariat").get(url("meeting=30", "questionnaires:matrix_xlsx"), HTTP_ACCEPT_LANGUAGE="fr")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(sheet(response).iter_rows(values_only=True))
    assert rows[0][:4] == ("État", "N°\u00a01", "N°\u00a02", "N°\u00a03")
    assert rows[0][4:] == (
        "Appliquée",
        "Partiellement appliquée",
        "Pas encore appliquée",
        "Sans objet",
        "Pas de réponse",
    )
    assert rows[1] == ("Colombie", "Pas de réponse", "Pas de réponse", "Pas de réponse", 0, 0, 0, 0, 3)
    assert rows[2] == ("Équateur", "Appliquée", "Appliquée", "Appliquée", 3, 0, 0, 0, 0)
    assert rows[3][0] == "Mexique"
    assert rows[4][0] == "Total\u00a0: Appliquée"
    assert rows[4][1:4] == (1, 1, 1)
    assert len(rows) == 1 + 3 + 5


# Filters and threads ------------------------------------------------------------------------------------------


def test_the_topic_filter_keeps_the_recommendations_of_the_topic(cycles, client_as):
    first, _ = cycles
    other = Topic.objects.create(meeting=first.source_meeting, position=2, title_en="Money laundering")
    Recommendation.objects.filter(meeting=first.source_meeting, number=3).update(topic=other)
    client = client_as("secretariat")
    page = client.get(url(f"meeting=30&topic={other.pk}"))
    assert grid(page)["Ecuador"] == ["implemented"]
    assert legend(page) == {"implemented": 1, "partially": 1, "not_yet": 0, "not_applicable": 0, "no_answer": 1}
    rows = list(sheet(client.get(url(f"meeting=30&topic={other.pk}", "questionnaires:matrix_xlsx"))).iter_rows())
    assert [cell.value for cell in rows[0]][:2] == ["State", "No. 3"]
    assert len(rows[0]) == 1 + 1 + 5


def test_the_region_filter_keeps_the_states_of_the_group(db, client_as):
    first, _ = three_cycles(states=("ECU", "MEX", "ESP"))
    answered(first, "ESP", status="partially", post=True)
    answered(first, "ECU", status="implemented", post=True)
    client = client_as("secretariat")
    page = client.get(url("meeting=30&region=western_europe_others"))
    assert grid(page) == {"Spain": ["partially"] * 3}
    assert legend(page)["implemented"] == 0
    page = client.get(url("meeting=30&region=latin_america_caribbean"))
    assert list(grid(page)) == ["Ecuador", "Mexico"]
    page = client.get(url("meeting=30&region=nowhere"))  # not a choice: every State
    assert list(grid(page)) == ["Ecuador", "Mexico", "Spain"]


def test_states_are_in_the_order_of_their_names_in_the_readers_language(db, client_as):
    three_cycles(states=("DEU", "ECU", "DZA"))
    client = client_as("secretariat")
    assert list(grid(client.get(url("meeting=30")))) == ["Algeria", "Ecuador", "Germany"]
    assert list(grid(client.get(url("meeting=30"), HTTP_ACCEPT_LANGUAGE="es"))) == ["Alemania", "Argelia", "Ecuador"]


def test_a_thread_shows_a_column_per_meeting_of_the_recommendation(cycles, client_as):
    page = client_as("secretariat").get(url("meeting=31&thread=2"))
    html = page.content.decode()
    assert grid(page) == {
        "Colombia": ["no_answer", "not_applicable"],
        "Ecuador": ["implemented", "no_answer"],
        "Mexico": ["partially", "no_answer"],
    }
    assert re.findall(r'class="matrix-rec"[^>]*>HONLAC (\d+)<br>No. (\d+)', html) == [("30", "2"), ("31", "2")]
    assert "fund early warning systems (2)" in html  # the updated text of 31
    # Followed from the earlier recommendation, the same thread.
    assert grid(client_as("secretariat").get(url("meeting=30&thread=2"))) == grid(page)


def test_a_thread_shows_only_the_meetings_a_participant_may_see(db, client_as):
    first, second = three_cycles()
    second.meeting.participating_states.add(state("PER"))
    answered(first, "ECU", status="implemented", post=True)
    answered(second, "PER", status="partially", post=True)
    page = client_as("secretariat").get(url("meeting=31&thread=1"))
    assert grid(page)["Peru"] == ["no_answer", "partially"]
    client = Client()
    client.force_login(focal_point("PER"))
    page = client.get(url("meeting=31&thread=1"))
    assert grid(page) == {
        name: cells[1:] for name, cells in grid(client_as("secretariat").get(url("meeting=31&thread=1"))).items()
    }
    assert client.get(url("meeting=30")).status_code == 404  # Peru took no part in 31, which reviewed 30


# Who may see it -------------------------------------------------------------------------------------------------


MATRIX_ROLES = [*ROLES, "own_contributor", "other_contributor"]
EXPECTED = dict(zip(MATRIX_ROLES, (LOGIN, 200, 200, 404, 200, 200, 404, 404), strict=True))


@pytest.mark.parametrize("name", ["questionnaires:matrix", "questionnaires:matrix_xlsx"])
@pytest.mark.parametrize("role", MATRIX_ROLES)
def test_permission_matrix(cycles, users, client, client_as, role, name):
    if role.endswith("contributor"):
        code = "ECU" if role == "own_contributor" else "MEX"
        client.force_login(UserFactory(username=role, role=User.Role.CONTRIBUTOR, member_state=state(code)))
    else:
        client = client_as(role)
    for query in ("", "meeting=30", "meeting=31&thread=1&region=latin_america_caribbean"):
        assert_answer(client.get(url(query, name)), EXPECTED[role])


def test_a_meeting_that_is_not_a_choice_is_not_found(cycles, client_as):
    assert client_as("secretariat").get(url("meeting=32")).status_code == 404
    assert client_as("secretariat").get(url("meeting=x")).status_code == 404
    assert client_as("secretariat").get(reverse("questionnaires:matrix", args=["honlaf"])).status_code == 404


def test_a_draft_questionnaire_gives_participants_nothing_to_see(db, client_as):
    first, second = three_cycles()
    type(first).objects.update(status="draft")
    assert client_as("own_state").get(url()).status_code == 404
    assert client_as("secretariat").get(url()).status_code == 200


def test_the_meeting_page_the_dashboard_and_the_secure_page_link_to_the_matrix(cycles, client_as):
    first, _ = cycles
    matrix = url()
    secretariat = client_as("secretariat")
    meeting_page = secretariat.get(reverse("meetings:detail", args=["honlac", 31])).content.decode()
    assert f'href="{matrix}"' in meeting_page
    dashboard = secretariat.get(reverse("questionnaires:dashboard", args=["honlac", 31])).content.decode()
    assert f'href="{matrix}?meeting=30"' in dashboard
    secure_page = client_as("own_state").get(reverse("questionnaires:secure_page", args=["honlac", 31]))
    assert f'href="{matrix}?meeting=30"' in secure_page.content.decode()


# Queries ---------------------------------------------------------------------------------------------------------


def queries_of(client, address):
    client.get(address)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


@pytest.mark.parametrize(("states", "recommendations"), [(3, 3), (30, 12)])
def test_queries_do_not_grow_with_states_and_recommendations(db, client, states, recommendations):
    codes = list(MemberState.objects.order_by("code").values_list("code", flat=True)[:states])
    first, second = three_cycles(states=codes, recommendations=recommendations)
    for code in codes:
        answered(first, code, status="implemented", post=True)
        answered(second, code, status="partially", post=True)
    # The session and the user, the body, the questionnaires, the recommendations, the States, the answers (and
    # the session's save), a focal point's State for the menu loaded with the user; a thread's three.
    for user, queries in ((secretariat_user(), 10), (focal_point(codes[0]), 10)):
        client.force_login(user)
        page = client.get(url("meeting=30"))
        assert len(grid(page)) == states and len(grid(page)[state(codes[0]).name]) == recommendations
        assert queries_of(client, url("meeting=30")) == queries
        assert queries_of(client, url("meeting=31&thread=1")) == queries + 3
        assert queries_of(client, url("meeting=30", "questionnaires:matrix_xlsx")) <= queries
