"""Recommendations that continue one of an earlier meeting: suggestions by the likeness of the texts, linking
in the form, on the page of a whole meeting and by CSV, and what the list of a meeting shows
(questionnaires.threads)."""

import io
import itertools
import json
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accounts.models import AuditEvent, User
from agendas.models import Topic
from meetings.models import Meeting
from questionnaires import linking, threads
from questionnaires.implementation import thread
from questionnaires.models import Recommendation
from questionnaires.recommendation_table import fingerprint
from questionnaires.recommendations import import_recommendations_csv
from tests.factories import MeetingFactory, UserFactory, admin_user, secretariat_user, state, three_cycles
from tests.helpers import LOGIN, assert_answer

DEMO = json.loads((Path(__file__).parents[2] / "questionnaires/data/demo.json").read_text())["recommendations_31"]

# The first recommendation of the demo, as a meeting would update it, and as another would rewrite it.
UPDATED = (
    "Governments should establish or strengthen national early warning systems on new psychoactive substances and "
    "synthetic opioids that link law enforcement agencies, forensic laboratories, customs and health authorities, "
    "and should share their findings regularly through the UNODC Early Warning Advisory."
)
REWRITTEN = (
    "Governments are encouraged to continue strengthening their national early warning systems on new "
    "psychoactive substances and to share their findings with UNODC."
)


def topic(meeting, position=1, **titles):
    return Topic.objects.create(meeting=meeting, position=position, **titles)


def rec(meeting, number, text, topic=None, **fields):
    return Recommendation.objects.create(meeting=meeting, number=number, text_en=text, topic=topic, **fields)


def links(meeting):
    return {
        r.number: (r.continues.meeting.number, r.continues.number, r.continuation) if r.continues else None
        for r in Recommendation.objects.filter(meeting=meeting).select_related("continues__meeting")
    }


# Suggestions --------------------------------------------------------------------------------------------------


def test_the_threshold_parts_different_recommendations_from_a_continued_one():
    for code in ("en", "fr", "es"):
        texts = [entry[code] for entry in DEMO]
        assert max(threads.similarity(a, b) for a, b in itertools.combinations(texts, 2)) < threads.THRESHOLD
    assert threads.similarity(DEMO[0]["en"], UPDATED) > 0.8
    assert threads.similarity(DEMO[0]["en"], REWRITTEN) >= threads.THRESHOLD


def test_the_alike_recommendation_of_the_topic_is_suggested_and_an_unlike_one_is_not(db):
    earlier, later = MeetingFactory(number=31), MeetingFactory(number=32)
    drugs = topic(earlier, title_en="Synthetic drugs")
    candidates = [rec(earlier, number, DEMO[index]["en"], drugs) for number, index in ((1, 2), (2, 0), (3, 1))]
    new = rec(later, 1, UPDATED, topic(later, title_en="Synthetic drugs"))
    unlike = rec(later, 2, DEMO[4]["en"], new.topic)
    found = threads.suggest([new, unlike], candidates, language="en")
    assert [(s.recommendation.number, s.percent) for s in found[new.pk]] == [(2, 88)]
    assert found[unlike.pk] == []


def test_suggestions_keep_to_the_topic_of_the_same_title_in_any_language_else_take_every_one(db):
    earlier, later = MeetingFactory(number=31), MeetingFactory(number=32)
    drugs = topic(earlier, 1, title_en="Synthetic drugs", title_fr="Drogues de synthèse")
    ports = topic(earlier, 2, title_en="Maritime trafficking")
    in_ports = rec(earlier, 1, UPDATED, ports)
    in_drugs = rec(earlier, 2, REWRITTEN, drugs)
    # The same topic, titled only in French, in capitals and without accents.
    same = rec(later, 1, UPDATED, topic(later, 1, title_fr="DROGUES DE SYNTHESE"))
    elsewhere = rec(later, 2, UPDATED, topic(later, 2, title_en="Precursors"))
    found = threads.suggest([same, elsewhere], [in_ports, in_drugs], language="en")
    assert [s.recommendation for s in found[same.pk]] == [in_drugs]
    assert [s.recommendation for s in found[elsewhere.pk]] == [in_ports, in_drugs]


def test_at_most_three_suggestions_are_given_the_best_first(db):
    earlier, later = MeetingFactory(number=31), MeetingFactory(number=32)
    words = UPDATED.split()
    candidates = [rec(earlier, n, " ".join(words[: len(words) - 4 * n])) for n in range(1, 6)]
    new = rec(later, 1, UPDATED)
    found = threads.suggest([new], candidates, language="en")
    assert [s.recommendation.number for s in found[new.pk]] == [1, 2, 3]


def test_texts_are_compared_in_the_original_language_of_the_body(db):
    earlier, later = MeetingFactory(number=31), MeetingFactory(number=32)
    candidate = rec(earlier, 1, "Something else entirely.", text_es=DEMO[0]["es"])
    new = rec(later, 1, "Nothing alike here.", text_es=DEMO[0]["es"])
    assert threads.suggest([new], [candidate], language="en")[new.pk] == []
    assert threads.suggest([new], [candidate], language="es")[new.pk][0].percent == 100


# The form -----------------------------------------------------------------------------------------------------


@pytest.fixture
def cycles(db):
    """Meetings 30, 31 and 32; the three recommendations of 31 continue those of 30 (1 and 3 reiterated, 2
    updated); meeting 32 has two recommendations, linked to nothing yet."""
    three_cycles()
    later = Meeting.objects.get(number=32)
    drugs = topic(later, title_en="Synthetic drugs")
    rec(later, 1, "Governments should strengthen early warning systems (1).", drugs)
    rec(later, 2, "Governments should fund early warning systems and forensic laboratories.", drugs)
    return later


def form_data(**values):
    data = {"number": "", "topic": "", "text_en": "", "text_fr": "", "text_es": "", "continues": "", "continuation": ""}
    data.update({key: str(value) for key, value in values.items()})
    return data


def test_the_form_offers_the_earlier_recommendations_latest_meeting_first_but_those_continued_already(client, cycles):
    Recommendation.objects.filter(meeting__number=31, number=3).update(continues=None, continuation="")
    taken = Recommendation.objects.get(meeting__number=31, number=3)
    Recommendation.objects.filter(meeting=cycles, number=1).update(continues=taken, continuation="reiterated")
    client.force_login(secretariat_user())
    page = client.get(reverse("questionnaires:recommendation_create", args=["honlac", 32]))
    choices = [text for value, text in page.context["form"].fields["continues"].widget.choices]
    assert choices[0] == "None: a new recommendation"
    assert choices[1:] == [
        "Recommendation 1 of the Thirty-first Meeting: Governments should strengthen early warning systems (1).",
        "Recommendation 2 of the Thirty-first Meeting: Governments should strengthen and fund early warning "
        "systems (2).",
        # Those of the 30th are continued already, by the 31st; the one the 31st left is offered.
        "Recommendation 3 of the Thirtieth Meeting: Governments should strengthen early warning systems (3).",
    ]


def test_the_form_links_a_new_recommendation_as_the_texts_say(client, cycles):
    earlier = Recommendation.objects.get(meeting__number=31, number=2)
    client.force_login(secretariat_user())
    url = reverse("questionnaires:recommendation_create", args=["honlac", 32])
    same = form_data(number=3, text_en=earlier.text_en.upper(), continues=earlier.pk)
    assert client.post(url, same).status_code == 302
    other = Recommendation.objects.get(meeting__number=31, number=1)
    changed = form_data(number=4, text_en="Quite another text.", continues=other.pk)
    assert client.post(url, changed).status_code == 302
    Recommendation.objects.filter(meeting__number=31, number=3).update(continues=None, continuation="")
    chosen = form_data(number=5, text_en="Same.", continues=Recommendation.objects.get(meeting__number=30, number=3).pk)
    chosen["continuation"] = "updated"
    assert client.post(url, chosen).status_code == 302
    assert {n: link for n, link in links(cycles).items() if n > 2} == {
        3: (31, 2, "reiterated"),
        4: (31, 1, "updated"),
        5: (30, 3, "updated"),
    }


def test_the_form_edits_and_removes_a_link_and_the_trail_records_it(client, cycles):
    recommendation = Recommendation.objects.get(meeting=cycles, number=1)
    earlier = Recommendation.objects.get(meeting__number=31, number=1)
    client.force_login(secretariat_user())
    url = reverse("questionnaires:recommendation_edit", args=["honlac", 32, recommendation.pk])
    page = client.get(url)
    assert page.context["form"].fields["continues"].help_text == (
        "Suggested by the likeness of the texts: Recommendation 1 of the Thirty-first Meeting (100%); "
        "Recommendation 3 of the Thirty-first Meeting (86%); Recommendation 2 of the Thirty-first Meeting (75%)."
    )
    same = {
        "number": 1,
        "topic": recommendation.topic_id,
        "text_en": recommendation.text_en,
        "text_fr": "Même.",
        "text_es": "Igual.",
    }
    Recommendation.objects.filter(pk=recommendation.pk).update(text_fr="Même.", text_es="Igual.")
    data = form_data(**same, continues=earlier.pk, continuation="reiterated")
    assert client.post(url, data).status_code == 302
    assert links(cycles)[1] == (31, 1, "reiterated")
    assert client.post(url, form_data(**same)).status_code == 302
    assert links(cycles)[1] is None
    events = AuditEvent.objects.filter(action="recommendation.changed", object_id=recommendation.pk)
    assert [event.details for event in events.order_by("pk")] == [{"fields": ["continues", "continuation"]}] * 2


def test_the_form_refuses_a_recommendation_continued_already_at_the_meeting(client, cycles):
    earlier = Recommendation.objects.get(meeting__number=31, number=2)
    Recommendation.objects.filter(meeting=cycles, number=2).update(continues=earlier, continuation="updated")
    client.force_login(secretariat_user())
    url = reverse("questionnaires:recommendation_create", args=["honlac", 32])
    page = client.post(url, form_data(number=3, text_en="Again.", continues=earlier.pk))
    assert page.status_code == 200
    assert page.context["form"].errors["continues"] == [
        "Recommendation 2 of the Thirty-first Meeting is continued already, by recommendation 2 of this meeting: a "
        "recommendation is continued by one recommendation of a meeting at most."
    ]
    assert not Recommendation.objects.filter(meeting=cycles, number=3).exists()


def test_the_form_refuses_a_later_meeting_and_a_kind_without_a_recommendation(client, cycles):
    client.force_login(secretariat_user())
    later = Recommendation.objects.get(meeting=cycles, number=1)
    url = reverse("questionnaires:recommendation_create", args=["honlac", 31])
    page = client.post(url, form_data(number=9, text_en="Again.", continues=later.pk))
    assert list(page.context["form"].errors) == ["continues"]
    page = client.post(url, form_data(number=9, text_en="Again.", continuation="updated"))
    assert page.context["form"].errors == {
        "continuation": ["Choose the recommendation it continues, or leave this empty."]
    }
    assert not Recommendation.objects.filter(number=9).exists()


# The list of a meeting ----------------------------------------------------------------------------------------


def test_the_list_says_what_each_recommendation_continues_and_is_continued_as(client, cycles):
    page = client.get(reverse("questionnaires:recommendations", args=["honlac", 31]))
    notes = {r.number: r.thread_notes for r in page.context["recommendations"]}
    assert notes[1] == [
        (
            "Continues recommendation 1 of the Thirtieth Meeting (reiterated)",
            "/meetings/honlac/30/recommendations/#recommendation-1",
        )
    ]
    assert notes[2][0][0] == "Continues recommendation 2 of the Thirtieth Meeting (updated)"
    Recommendation.objects.filter(meeting=cycles, number=2).update(
        continues=Recommendation.objects.get(meeting__number=31, number=1), continuation="updated"
    )
    page = client.get(reverse("questionnaires:recommendations", args=["honlac", 30]))
    assert b'id="recommendation-1"' in page.content
    page = client.get(reverse("questionnaires:recommendations", args=["honlac", 31]))
    html = page.content.decode()
    assert (
        '<a class="small" href="/meetings/honlac/32/recommendations/#recommendation-2">'
        "Continued as recommendation 2 of the Thirty-second Meeting</a>"
    ) in html
    assert page.context["recommendations"][0].thread_notes[1][0] == (
        "Continued as recommendation 2 of the Thirty-second Meeting"
    )


# The page that links a meeting at once --------------------------------------------------------------------------


def link_page(meeting_number=32):
    return reverse("questionnaires:recommendation_links", args=["honlac", meeting_number])


def posted(page, changes=None):
    """The data of the page's form as shown, with `changes` ({number: (continues id or "", kind)})."""
    formset, changes = page.context["formset"], changes or {}
    data = {"link-TOTAL_FORMS": len(formset.forms), "link-INITIAL_FORMS": len(formset.forms)}
    for index, form in enumerate(formset):
        values = {name: form[name].value() for name in ("id", "fingerprint", "continues", "continuation")}
        if form.row.number in changes:
            values["continues"], values["continuation"] = changes[form.row.number]
        data.update({f"link-{index}-{name}": "" if value is None else value for name, value in values.items()})
    return data


def test_the_page_preselects_the_most_alike_or_the_current_link(client, cycles):
    client.force_login(secretariat_user())
    page = client.get(link_page(32))
    rows = {form.row.number: form for form in page.context["formset"]}
    first = Recommendation.objects.get(meeting__number=31, number=1)
    assert rows[1]["continues"].value() == first.pk
    assert rows[1]["continuation"].value() == ""
    assert [(s.recommendation.number, s.percent) for s in rows[1].suggestions] == [(1, 100), (3, 86), (2, 75)]
    assert rows[2]["continues"].value() == Recommendation.objects.get(meeting__number=31, number=2).pk
    html = page.content.decode()
    assert "Alike: recommendation 1 (100%), recommendation 3 (86%), recommendation 2 (75%)" in html
    assert "1. Governments should strengthen early warning systems (1)." in html
    page = client.get(link_page(31))
    rows = {form.row.number: form for form in page.context["formset"]}
    assert rows[2]["continues"].value() == Recommendation.objects.get(meeting__number=30, number=2).pk
    assert rows[2]["continuation"].value() == "updated"


def test_the_page_gives_a_recommendation_continued_already_to_no_other_row(client, cycles):
    first, third = (Recommendation.objects.get(meeting__number=31, number=n) for n in (1, 3))
    # Both rows of 32 are most alike to recommendation 1 of 31; the closer one gets it, the other its next best.
    Recommendation.objects.filter(meeting=cycles, number=2).update(text_en=first.text_en.replace("(1)", "(one)"))
    client.force_login(secretariat_user())
    page = client.get(link_page(32))
    rows = {form.row.number: form for form in page.context["formset"]}
    assert [s.recommendation.number for s in rows[2].suggestions][0] == 1
    assert (rows[1]["continues"].value(), rows[2]["continues"].value()) == (first.pk, third.pk)
    Recommendation.objects.filter(meeting=cycles, number=2).update(continues=first, continuation="updated")
    page = client.get(link_page(32))
    rows = {form.row.number: form for form in page.context["formset"]}
    assert (rows[1]["continues"].value(), rows[2]["continues"].value()) == (third.pk, first.pk)


def test_the_page_saves_every_link_at_once_and_the_trail_records_each(client, cycles):
    client.force_login(secretariat_user())
    page = client.get(link_page(32))
    assert client.post(link_page(32), posted(page)).status_code == 302
    assert links(cycles) == {1: (31, 1, "reiterated"), 2: (31, 2, "updated")}
    events = AuditEvent.objects.filter(action="recommendation.linked").order_by("object_id")
    assert [event.details for event in events] == [
        {
            "continues": "Recommendation 1, HONLAC 31",
            "continuation": "reiterated",
            "previous_continues": None,
            "previous_continuation": "",
        },
        {
            "continues": "Recommendation 2, HONLAC 31",
            "continuation": "updated",
            "previous_continues": None,
            "previous_continuation": "",
        },
    ]
    # Exchanged, then one of them unlinked; the other rows stay as they are.
    first, second = (Recommendation.objects.get(meeting__number=31, number=n).pk for n in (1, 2))
    page = client.get(link_page(32))
    assert client.post(link_page(32), posted(page, {1: (second, ""), 2: (first, "updated")})).status_code == 302
    assert links(cycles) == {1: (31, 2, "updated"), 2: (31, 1, "updated")}
    page = client.get(link_page(32))
    assert client.post(link_page(32), posted(page, {2: ("", "")})).status_code == 302
    assert links(cycles) == {1: (31, 2, "updated"), 2: None}
    assert AuditEvent.objects.filter(action="recommendation.linked").count() == 5


def test_the_page_keeps_a_link_to_an_older_meeting_made_in_the_form(client, cycles):
    older = Recommendation.objects.get(meeting__number=30, number=3)
    Recommendation.objects.filter(meeting__number=31, number=3).update(continues=None, continuation="")
    Recommendation.objects.filter(meeting=cycles, number=2).update(continues=older, continuation="updated")
    client.force_login(secretariat_user())
    page = client.get(link_page(32))
    row = next(form for form in page.context["formset"] if form.row.number == 2)
    assert row["continues"].value() == older.pk
    assert row.fields["continues"].choices[-1] == (
        older.pk,
        "Recommendation 3 of the Thirtieth Meeting: Governments should strengthen early warning systems (3).",
    )
    assert client.post(link_page(32), posted(page, {1: ("", "")})).status_code == 302
    assert links(cycles) == {1: None, 2: (30, 3, "updated")}


def test_the_page_refuses_a_recommendation_continued_twice(client, cycles):
    client.force_login(secretariat_user())
    page = client.get(link_page(32))
    first = Recommendation.objects.get(meeting__number=31, number=1).pk
    answer = client.post(link_page(32), posted(page, {2: (first, "updated")}))
    assert answer.status_code == 200
    assert [str(m) for m in answer.context["messages"]] == [
        "Recommendation 1 of the Thirty-first Meeting would be continued by recommendations 1, 2: a recommendation "
        "is continued by one recommendation of a meeting at most."
    ]
    assert links(cycles) == {1: None, 2: None}


def test_the_page_saves_nothing_over_a_change_made_meanwhile_then_replaces_it_on_purpose(client, cycles):
    client.force_login(secretariat_user())
    page = client.get(link_page(32))
    third = Recommendation.objects.get(meeting__number=31, number=3)
    Recommendation.objects.filter(meeting=cycles, number=1).update(continues=third, continuation="updated")
    answer = client.post(link_page(32), posted(page))
    assert answer.status_code == 200
    assert links(cycles) == {1: (31, 3, "updated"), 2: None}
    marked = [form for form in answer.context["formset"] if getattr(form, "changed_meanwhile", False)]
    assert [(form.row.number, form.saved_now) for form in marked] == [
        (1, "Continues recommendation 3 of the Thirty-first Meeting (updated)")
    ]
    assert "Someone else changed the links marked below" in answer.content.decode()
    again = client.post(link_page(32), posted(answer))
    assert again.status_code == 302
    assert links(cycles) == {1: (31, 1, "reiterated"), 2: (31, 2, "updated")}


def test_the_page_of_the_first_meeting_of_a_body_links_nothing(client, cycles):
    client.force_login(secretariat_user())
    page = client.get(link_page(30))
    assert page.context["previous"] is None
    assert "is the first of its body in the portal" in page.content.decode()


def linked_meetings(size):
    """Two meetings of `size` recommendations under two topics; each recommendation of the later continues the
    one of the same number of the earlier."""
    earlier, later = MeetingFactory(number=10 + size), MeetingFactory(number=11 + size)
    for meeting in (earlier, later):
        drugs, ports = topic(meeting, 1, title_en="Synthetic drugs"), topic(meeting, 2, title_en="Ports")
        for number in range(1, size + 1):
            rec(meeting, number, f"{DEMO[number % 12]['en']} ({number})", drugs if number % 2 else ports)
    for number in range(1, size + 1):
        Recommendation.objects.filter(meeting=later, number=number).update(
            continues=Recommendation.objects.get(meeting=earlier, number=number), continuation="reiterated"
        )
    return earlier, later


def test_the_list_of_a_meeting_runs_as_many_queries_for_40_recommendations_as_for_3(client, db):
    counts = []
    for size in (3, 40):
        earlier, later = linked_meetings(size)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("questionnaires:recommendations", args=["honlac", earlier.number]))
        assert [len(r.thread_notes) for r in page.context["recommendations"]] == [1] * size
        with CaptureQueriesContext(connection) as later_queries:
            page = client.get(reverse("questionnaires:recommendations", args=["honlac", later.number]))
        assert [len(r.thread_notes) for r in page.context["recommendations"]] == [1] * size
        counts.append((len(queries), len(later_queries)))
    assert counts[0] == counts[1]


def test_the_page_runs_as_many_queries_for_40_rows_as_for_3(client, db):
    counts = []
    for size in (3, 40):
        _earlier, later = linked_meetings(size)
        client.force_login(secretariat_user())
        with CaptureQueriesContext(connection) as queries:
            page = client.get(link_page(later.number))
        assert len(page.context["rows"]) == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


# Importing ------------------------------------------------------------------------------------------------------


def csv_file(text):
    return io.BytesIO(text.encode())


def test_the_import_links_each_row_to_the_recommendation_it_continues(cycles):
    by = secretariat_user()
    result = import_recommendations_csv(
        cycles,
        file=csv_file(
            "number,text_en,continues,continuation\n"
            "2,,3,\n"
            "3,Governments should strengthen and fund early warning systems (2).,2,\n"
            "4,A new text.,1,reiterated\n"
            "5,Nothing continued.,,\n"
        ),
        by=by,
    )
    assert [r.number for r in result.linked] == [2, 3, 4]
    assert links(cycles) == {
        1: None,
        2: (31, 3, "updated"),
        3: (31, 2, "reiterated"),
        4: (31, 1, "reiterated"),
        5: None,
    }
    event = AuditEvent.objects.get(action="recommendations.imported", actor=by)
    assert event.details["linked"] == [2, 3, 4]


@pytest.mark.parametrize(
    ("rows", "error"),
    [
        ("3,New.,7,", "Line 2 continues recommendation 7, which the Thirty-first Meeting does not have."),
        ("3,New.,x,", "Line 2 continues recommendation x, which the Thirty-first Meeting does not have."),
        ("3,New.,1,again", "Line 2: the column continuation takes reiterated or updated, not “again”."),
        (
            "3,New.,,updated",
            "Line 2 says how it continues but not which recommendation: give its number in the column continues.",
        ),
        (
            "3,New.,1,\n4,Other.,1,",
            "Recommendation 1 of the Thirty-first Meeting would be continued by recommendations 3, 4: a "
            "recommendation is continued by one recommendation of a meeting at most.",
        ),
    ],
)
def test_the_import_refuses_a_wrong_link_and_saves_nothing(cycles, rows, error):
    with pytest.raises(ValidationError) as refused:
        import_recommendations_csv(cycles, file=csv_file(f"number,text_en,continues,continuation\n{rows}\n"), by=None)
    assert refused.value.messages == [error]
    assert sorted(Recommendation.objects.filter(meeting=cycles).values_list("number", flat=True)) == [1, 2]
    assert links(cycles) == {1: None, 2: None}


def test_the_import_of_the_first_meeting_of_a_body_links_nothing(cycles):
    first = Meeting.objects.get(number=30)
    with pytest.raises(ValidationError, match="no earlier meeting of the body is in the portal"):
        import_recommendations_csv(first, file=csv_file("number,text_en,continues\n9,New.,1\n"), by=None)


def test_the_import_page_says_how_many_were_linked(client, cycles):
    client.force_login(secretariat_user())
    upload = SimpleUploadedFile("r.csv", b"number,text_en,continues\n3,New.,3\n", content_type="text/csv")
    page = client.post(
        reverse("questionnaires:recommendation_import", args=["honlac", 32]), {"file": upload}, follow=True
    )
    assert [str(m) for m in page.context["messages"]] == [
        "1 recommendation was added. 1 recommendation was linked to the one it continues."
    ]


# Who may link -------------------------------------------------------------------------------------------------

MATRIX_ROLES = [
    "anonymous",
    "own_state",
    "other_state",
    "non_participant",
    "secretariat",
    "admin",
    "own_contributor",
    "other_contributor",
]


@pytest.fixture
def every_role(users):
    return {
        **users,
        "own_contributor": UserFactory(
            username="contributor-ecu", role=User.Role.CONTRIBUTOR, member_state=state("ECU")
        ),
        "other_contributor": UserFactory(
            username="contributor-mex", role=User.Role.CONTRIBUTOR, member_state=state("MEX")
        ),
    }


@pytest.mark.parametrize("role", MATRIX_ROLES)
@pytest.mark.parametrize(
    ("name", "get", "post"),
    [
        ("recommendation_links", 200, 302),
        ("recommendation_create", 200, 302),
        ("recommendation_edit", 200, 302),
        ("recommendation_import", 200, 200),
    ],
)
def test_only_the_secretariat_and_administrators_link_recommendations(
    client, cycles, every_role, role, name, get, post
):
    user = every_role[role]
    if user is not None:
        client.force_login(user)
    args = ["honlac", 32, Recommendation.objects.get(meeting=cycles, number=1).pk] if name.endswith("edit") else []
    url = reverse(f"questionnaires:{name}", args=args or ["honlac", 32])
    allowed = role in ("secretariat", "admin")
    wanted = (get, post) if allowed else (LOGIN, LOGIN) if user is None else (403, 403)
    assert_answer(client.get(url), wanted[0])
    data = {"link-TOTAL_FORMS": "0", "link-INITIAL_FORMS": "0"} if name == "recommendation_links" else {}
    if name in ("recommendation_create", "recommendation_edit"):
        third = Recommendation.objects.get(meeting__number=31, number=3).pk
        data = form_data(number=3 if name.endswith("create") else 1, text_en="New.", continues=third)
    before = links(cycles)
    assert_answer(client.post(url, data), wanted[1])
    if not allowed:
        assert links(cycles) == before


def test_the_list_of_recommendations_with_its_threads_is_public(client, cycles, every_role):
    for role in MATRIX_ROLES:
        client.logout()
        if every_role[role] is not None:
            client.force_login(every_role[role])
        page = client.get(reverse("questionnaires:recommendations", args=["honlac", 31]))
        assert page.status_code == 200
        assert "Continues recommendation 1 of the Thirtieth Meeting (reiterated)" in page.content.decode()
        assert ("Link to the previous meeting" in page.content.decode()) == (role in ("secretariat", "admin"))


def test_the_admin_looks_up_the_recommendation_continued_by_its_id(client, cycles):
    client.force_login(admin_user())
    recommendation = Recommendation.objects.get(meeting__number=31, number=1)
    page = client.get(reverse("admin:questionnaires_recommendation_change", args=[recommendation.pk]))
    html = page.content.decode()
    assert re.search(rf'<input type="text" name="continues" value="{recommendation.continues_id}"[^>]*RawId', html)
    assert '<select name="continuation"' in html


@pytest.mark.parametrize(
    ("language", "note"),
    [
        ("fr", "Fait suite à la recommandation 2 de la trentième Réunion (actualisée)"),
        ("es", "Da continuidad a la recomendación 2 de la Trigésima Reunión (actualizada)"),
    ],
)
def test_the_list_names_the_meeting_continued_in_the_reader_s_language(client, cycles, language, note):
    client.cookies["django_language"] = language
    try:
        page = client.get(reverse("questionnaires:recommendations", args=["honlac", 31]))
    finally:
        translation.activate("en")  # the request leaves its language active for the tests that follow
    assert page.context["recommendations"][1].thread_notes[0][0] == note


def test_the_form_names_the_earlier_recommendations_in_the_reader_s_language(client, cycles):
    client.force_login(secretariat_user())
    client.cookies["django_language"] = "fr"
    try:
        page = client.get(reverse("questionnaires:recommendation_create", args=["honlac", 32]))
        choices = [str(text) for _value, text in page.context["form"].fields["continues"].widget.choices]
    finally:
        translation.activate("en")
    assert choices[:2] == [
        "Aucune\u00a0: nouvelle recommandation",
        "Recommandation 1 de la trente et unième Réunion\u00a0: Les gouvernements devraient renforcer les "
        "systèmes d'alerte précoce (1).",
    ]


def test_a_recommendation_continued_already_by_a_later_meeting_is_not_continued_again(client, cycles):
    """A(30) is continued by B(31): C(32) may not continue A as well, by the form, the linking page or in the
    database, or B would drop out of A's thread (and C out of its own)."""
    earlier = Recommendation.objects.get(meeting__number=30, number=1)
    client.force_login(secretariat_user())
    url = reverse("questionnaires:recommendation_create", args=["honlac", 32])
    form = client.get(url).context["form"]
    assert earlier.pk not in {value for value, _label in form.fields["continues"].widget.choices}
    page = client.post(url, form_data(number=3, text_en="Again.", continues=earlier.pk))
    assert page.status_code == 200
    assert page.context["form"].errors["continues"] == [
        "Recommendation 1 of the Thirtieth Meeting is continued already, by Recommendation 1 of the Thirty-first "
        "Meeting: a recommendation is continued once, so that its thread runs from one meeting to the next."
    ]
    later = Recommendation.objects.get(meeting=cycles, number=1)
    with pytest.raises(ValidationError, match="continued already"):
        linking.link_recommendations(
            cycles, links={later.pk: (fingerprint(later, linking.LINK_FIELDS), earlier.pk, "")}, by=None
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Recommendation.objects.filter(pk=later.pk).update(continues=earlier, continuation="reiterated")
    assert [rec.meeting.number for rec in thread(earlier)] == [30, 31]
