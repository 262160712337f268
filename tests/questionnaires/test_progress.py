"""Progress of implementation over time: the charts drawn on the server, the numbers beside them, a State's
history, who may read them, and their queries."""

import re

import pytest
from django.db import transaction
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from meetings.models import Body, Meeting, MemberState
from questionnaires.charts import percent
from questionnaires.implementation import NO_ANSWER, STATUSES
from questionnaires.models import Answer, Recommendation, Response
from tests.factories import UserFactory, answered, focal_point, secretariat_user, state, three_cycles
from tests.helpers import LOGIN, SVG, assert_answer, chart_segments, confirm_identity, parse_svg

ROLES = [
    "anonymous",
    "own_state",
    "other_state",
    "non_participant",
    "secretariat",
    "admin",
    "own_contributor",
    "other_contributor",
]
COUNTED = [Response.Status.SUBMITTED, Response.Status.POSTED]


@pytest.fixture
def world(db):
    """Meetings 30, 31, 32; Peru takes part in meeting 32 only. Answers to the questionnaire of 31 (on the
    recommendations of 30): Ecuador implemented (posted), Mexico partially (posted), Colombia not yet (a draft).
    To that of 32 (on those of 31): Ecuador partially (submitted, not posted), Colombia implemented and Peru not
    applicable (posted), Mexico nothing."""
    first, second = three_cycles()
    second.meeting.participating_states.add(state("PER"))
    answered(first, "ECU", status="implemented", post=True)
    answered(first, "MEX", status="partially", post=True)
    answered(first, "COL", status="not_yet")
    answered(second, "ECU", status="partially", submit=True)
    answered(second, "COL", status="implemented", post=True)
    answered(second, "PER", status="not_applicable", post=True)
    return first, second


@pytest.fixture
def people(db):
    return {
        "anonymous": None,
        "own_state": focal_point("ECU"),
        "other_state": focal_point("MEX"),
        "non_participant": focal_point("FRA"),
        "peru": focal_point("PER"),
        "secretariat": secretariat_user(),
        "admin": UserFactory(username="admin", role=User.Role.SECRETARIAT, member_state=None, is_superuser=True),
        "own_contributor": UserFactory(username="contrib-ecu", role=User.Role.CONTRIBUTOR, member_state=state("ECU")),
        "other_contributor": UserFactory(username="contrib-mex", role=User.Role.CONTRIBUTOR, member_state=state("MEX")),
    }


@pytest.fixture
def get_as(client, people):
    def get(role, url):
        if people[role] is not None:
            client.force_login(people[role])
            confirm_identity(client)
        return client.get(url)

    return get


def later_recommendation(number=1):
    return Recommendation.objects.get(meeting__number=31, number=number)


def thread_url(number=1):
    return reverse("questionnaires:thread_progress", args=[later_recommendation(number).pk])


def svg_of(html, chart_id):
    """The chart `chart_id` of a page, parsed."""
    start = html.rindex("<svg", 0, html.index(f'id="{chart_id}"'))
    depth = 0
    for tag in re.finditer(r"<(/?)svg\b[^>]*>", html[start:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return parse_svg(html[start : start + tag.end()])
    raise AssertionError(f"no chart {chart_id}")


def database_counts(recommendation, meeting, *, statuses=COUNTED):
    """The States taking part in `meeting` in each status for `recommendation`, counted from the Answer rows."""
    participants = set(meeting.participating_states.values_list("pk", flat=True))
    rows = (
        Answer.objects.filter(
            question__recommendation=recommendation,
            response__status__in=statuses,
            response__member_state__in=participants,
        )
        .exclude(status="")
        .values("status")
        .annotate(count=Count("pk"))
    )
    result = dict.fromkeys(STATUSES, 0)
    for row in rows:
        result[row["status"]] = row["count"]
    result[NO_ANSWER] = len(participants) - sum(result.values())
    return result


# A thread's page -------------------------------------------------------------------------------------------------


def test_the_shares_of_a_thread_equal_the_answers_in_the_database(world, get_as):
    first, second = world
    page = get_as("secretariat", thread_url(2)).content.decode()
    earlier, later = Recommendation.objects.get(meeting__number=30, number=2), later_recommendation(2)
    expected = [
        database_counts(earlier, first.meeting),  # reviewed at 31 by Ecuador, Mexico, Colombia
        database_counts(later, second.meeting),  # reviewed at 32, with Peru
    ]
    assert expected[0] == {"implemented": 1, "partially": 1, "not_yet": 0, "not_applicable": 0, NO_ANSWER: 1}
    assert expected[1] == {"implemented": 1, "partially": 1, "not_yet": 0, "not_applicable": 1, NO_ANSWER: 1}
    drawn = chart_segments(svg_of(page, f"thread-{later.pk}"))
    wanted = [
        (status, counts[status], sum(counts.values())) for counts in expected for status in STATUSES if counts[status]
    ]
    assert [(status, *map(int, re.search(r"(\d+) of (\d+)", title).groups())) for status, title, _ in drawn] == wanted


def _text(html):
    return re.sub(" +", " ", re.sub(r"<[^>]+>|[ \t\n]+", " ", html)).strip()


def table_columns(page):
    """The columns of the first table of a chart's numbers, a meeting each: (heading, [the cell of each status
    in the order of STATUSES, then the total])."""
    table = page[page.index("shares-table") :]
    table = table[: table.index("</table>")]
    headings = [_text(cell) for cell in re.findall(r'<th scope="col"[^>]*>(.*?)</th>', table, re.DOTALL)][1:]
    rows = dict(re.findall(r'<tr data-status="([a-z_]+)">(.*?)</tr>', table, re.DOTALL))
    assert list(rows) == STATUSES
    cells = [[_text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", rows[status])] for status in STATUSES]
    totals = [_text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", table[table.index("<tfoot>") :])]
    return [(heading, [row[index] for row in cells] + [totals[index]]) for index, heading in enumerate(headings)]


def test_the_table_beside_the_chart_has_the_same_numbers(world, get_as):
    later = later_recommendation(2)
    page = get_as("secretariat", thread_url(2)).content.decode()
    assert table_columns(page) == [
        (
            "Thirty-first Meeting (2023) Recommendation 2 of the Thirtieth Meeting",
            [
                "1 (33.3%)",
                "1 (33.3%)",
                "0 (0%)",
                "0 (0%)",
                "1 (33.3%)",
                "3",
            ],
        ),
        (
            "Thirty-second Meeting (2024) Recommendation 2 of the Thirty-first Meeting",
            ["1 (25%)", "1 (25%)", "0 (0%)", "1 (25%)", "1 (25%)", "4"],
        ),
    ]
    titles = [title for _, title, _ in chart_segments(svg_of(page, f"thread-{later.pk}"))]
    assert titles == [
        "Implemented: 1 of 3 (33.3%)",
        "Partially implemented: 1 of 3 (33.3%)",
        "No answer: 1 of 3 (33.3%)",
        "Implemented: 1 of 4 (25%)",
        "Partially implemented: 1 of 4 (25%)",
        "Not applicable: 1 of 4 (25%)",
        "No answer: 1 of 4 (25%)",
    ]
    assert "<caption>States in each status of implementation, by meeting" in page


def test_a_participant_counts_the_posted_answers_of_the_meetings_their_state_took_part_in(world, get_as):
    first, second = world
    later = later_recommendation(1)
    page = get_as("other_state", thread_url(1)).content.decode()  # Mexico
    posted = [Response.Status.POSTED]
    assert [cells for _, cells in table_columns(page)] == [
        _table_cells(database_counts(later.continues, first.meeting, statuses=posted)),
        _table_cells(database_counts(later, second.meeting, statuses=posted)),
    ]
    # Ecuador's answer to 32 is submitted, not posted: Mexico counts it as no answer, the secretariat does not.
    assert table_columns(page)[1][1] == ["1 (25%)", "0 (0%)", "0 (0%)", "1 (25%)", "2 (50%)", "4"]
    peru = get_as("peru", thread_url(1)).content.decode()  # took part in 32 only: 31 is left out, not "no answer"
    assert [heading for heading, _ in table_columns(peru)] == [
        "Thirty-second Meeting (2024) Recommendation 1 of the Thirty-first Meeting"
    ]
    assert "Reviewed at the Thirty-first Meeting, in which your State did not take part." in peru


def _table_cells(counts):
    total = sum(counts.values())
    return [f"{counts[status]} ({percent(counts[status] / total)})" for status in STATUSES] + [str(total)]


def test_the_page_speaks_the_readers_language(world, get_as, client):
    client.cookies["django_language"] = "fr"
    page = get_as("secretariat", thread_url(2)).content.decode()
    assert table_columns(page)[0][1][0] == "1 (33,3\u00a0%)"
    assert "Appliquée\u00a0: 1 sur 3 (33,3\u00a0%)" in [
        title for _, title, _ in chart_segments(svg_of(page, f"thread-{later_recommendation(2).pk}"))
    ]


def test_a_recommendation_not_reviewed_yet_says_so(world, get_as):
    first, second = world
    newest = Recommendation.objects.create(meeting=second.meeting, number=1, text_en="A new one.")
    page = get_as("secretariat", reverse("questionnaires:thread_progress", args=[newest.pk])).content.decode()
    assert "No meeting has reviewed this thread yet." in page
    assert 'class="chart"' not in page


def test_a_participant_of_the_meeting_that_adopted_it_reads_the_page_before_any_review(world, get_as):
    first, second = world
    newest = Recommendation.objects.create(meeting=second.meeting, number=1, text_en="A new one.")
    url = reverse("questionnaires:thread_progress", args=[newest.pk])
    page = get_as("peru", url)  # Peru takes part in meeting 32 only
    assert page.status_code == 200
    assert "No meeting has reviewed this thread yet." in page.content.decode()
    assert get_as("non_participant", url).status_code == 404


def test_user_text_of_a_meeting_is_escaped_on_the_page(world, get_as):
    Body.objects.filter(code="honlac").update(meeting_noun_en='Meeting <img src=x onerror="alert(1)">')
    page = get_as("secretariat", thread_url(1)).content.decode()
    assert "<img src=x" not in page
    svg = svg_of(page, f"thread-{later_recommendation(1).pk}")
    assert '<img src=x onerror="alert(1)">' in svg.find(f"{SVG}title").text


def test_the_meeting_page_charts_every_thread_of_its_recommendations(world, get_as):
    page = get_as("secretariat", reverse("questionnaires:meeting_progress", args=["honlac", 31])).content.decode()
    for number in (1, 2, 3):
        later = later_recommendation(number)
        svg = svg_of(page, f"thread-{later.pk}")
        counts = database_counts(later, Meeting.objects.get(number=32))
        drawn = [title for status, title, _ in chart_segments(svg) if "of 4" in title]
        assert len(drawn) == sum(1 for count in counts.values() if count)
    assert page.count('role="img"') == 3


# A State's history -----------------------------------------------------------------------------------------------


def history_url(code="ECU"):
    return reverse("questionnaires:state_history", args=["honlac", code])


def history_cells(page):
    """The statuses of the history table, row by row."""
    table = page[page.index('class="table table-sm align-middle history-table"') :]
    table = table[table.index("<tbody>") : table.index("</table>")]
    return [re.findall(r'<td data-status="([a-z_]*)">', row) for row in re.findall(r"<tr>(.*?)</tr>", table, re.DOTALL)]


def test_a_states_own_history_shows_its_submitted_and_posted_answers(world, get_as):
    page = get_as("own_state", history_url()).content.decode()
    expected = [
        [
            Answer.objects.get(
                question__recommendation__meeting__number=source,
                question__recommendation__number=number,
                response__member_state__code="ECU",
                response__status__in=COUNTED,
            ).status
            for source in (30, 31)
        ]
        for number in (1, 2, 3)
    ]
    assert expected == [["implemented", "partially"]] * 3
    assert history_cells(page) == expected
    assert "Counted: your State&#x27;s submitted and posted responses." in page or "your State" in page
    svg = svg_of(page, "state-history")
    assert [title for _, title, _ in chart_segments(svg)] == [
        "Implemented: 3 of 3 (100%)",
        "Partially implemented: 3 of 3 (100%)",
    ]


def test_another_state_sees_only_the_posted_answers_of_shared_meetings(world, get_as):
    mexico = get_as("other_state", history_url()).content.decode()
    assert history_cells(mexico) == [["implemented", "no_answer"]] * 3  # Ecuador's answer to 32 is not posted
    peru = get_as("peru", history_url()).content.decode()  # took part in 32 only
    assert history_cells(peru) == [["no_answer"]] * 3
    secretariat = get_as("secretariat", history_url()).content.decode()
    assert history_cells(secretariat) == [["implemented", "partially"]] * 3


def test_a_history_cell_links_to_the_answer(world, get_as):
    page = get_as("own_state", history_url()).content.decode()
    response = Response.objects.get(member_state__code="ECU", questionnaire__meeting__number=31)
    question = response.questionnaire.questions.get(recommendation__number=1)
    assert f'href="/responses/{response.pk}/#question-{question.pk}"' in page


# Who may read them -----------------------------------------------------------------------------------------------

PARTICIPANTS = (LOGIN, 200, 200, 404, 200, 200, 404, 404)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("thread", PARTICIPANTS),
        ("meeting", PARTICIPANTS),
        ("own_history", PARTICIPANTS),
        ("unknown_recommendation", (LOGIN, 404, 404, 404, 404, 404, 404, 404)),
        ("state_outside_the_body", (LOGIN, 404, 404, 404, 404, 404, 404, 404)),
    ],
)
def test_permission_matrix(world, get_as, page, expected, role):
    urls = {
        "thread": thread_url(1),
        "meeting": reverse("questionnaires:meeting_progress", args=["honlac", 31]),
        "own_history": history_url("ECU"),
        "unknown_recommendation": reverse("questionnaires:thread_progress", args=[999999]),
        "state_outside_the_body": history_url("FRA"),
    }
    assert_answer(get_as(role, urls[page]), dict(zip(ROLES, expected, strict=True))[role])


def test_a_non_participating_state_has_its_own_history_when_it_is_of_the_body(world, get_as):
    Body.objects.get(code="honlac").member_states.add(state("FRA"))
    page = get_as("non_participant", history_url("FRA"))
    assert page.status_code == 200
    assert "No questionnaire of this body has been sent to this State yet." in page.content.decode()
    assert get_as("non_participant", history_url("ECU")).status_code == 404


# Links -----------------------------------------------------------------------------------------------------------


def test_the_pages_are_linked_from_the_home_the_dashboard_and_the_recommendations(world, get_as):
    home = get_as("own_state", reverse("meetings:home")).content.decode()
    assert f'href="{history_url("ECU")}"' in home
    dashboard = get_as("secretariat", reverse("questionnaires:dashboard", args=["honlac", 32])).content.decode()
    for code in ("ECU", "MEX", "COL", "PER"):
        assert dashboard.count(f'href="{history_url(code)}"') == 1
    recommendations = get_as("own_state", reverse("questionnaires:recommendations", args=["honlac", 31]))
    assert f'href="{thread_url(1)}"' in recommendations.content.decode()
    assert reverse("questionnaires:meeting_progress", args=["honlac", 31]) in recommendations.content.decode()


# Queries ---------------------------------------------------------------------------------------------------------

QUERIES = {"thread": 13, "meeting": 14, "history": 15}


def sized_world(size, recommendations):
    codes = list(MemberState.objects.order_by("code").values_list("code", flat=True)[:size])
    codes = ["ECU", *[code for code in codes if code != "ECU"]][:size]
    first, second = three_cycles(states=codes, recommendations=recommendations)
    for code in codes:
        answered(first, code, status="implemented", post=True)
        answered(second, code, status="partially", post=True)
    return codes


@pytest.mark.parametrize("page", ["thread", "meeting", "history"])
@pytest.mark.parametrize("who", ["secretariat", "own_state"])
def test_queries_do_not_grow_with_states_and_threads(client, db, page, who, django_assert_max_num_queries):
    counted = []
    for size, recommendations in ((3, 2), (30, 12)):
        with transaction.atomic():
            sized_world(size, recommendations)
            client.force_login(secretariat_user() if who == "secretariat" else focal_point("ECU"))
            url = {
                "thread": thread_url(1),
                "meeting": reverse("questionnaires:meeting_progress", args=["honlac", 31]),
                "history": history_url("ECU"),
            }[page]
            with (
                django_assert_max_num_queries(QUERIES[page]),
                CaptureQueriesContext(transaction.get_connection()) as run,
            ):
                response = client.get(url)
            assert response.status_code == 200
            assert response.content.decode().count('class="chart-segment"') > 0
            counted.append(len(run.captured_queries))
            transaction.set_rollback(True)
    assert counted[0] == counted[1]
