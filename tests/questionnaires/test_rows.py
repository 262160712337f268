"""The rows of the dashboard and of the secure page, worked out in Python (questionnaires.rows) and printed as they
were by the templates."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from questionnaires import responses
from questionnaires.models import Response
from questionnaires.rows import url_of_each
from tests.factories import answered, focal_point, open_questionnaire, secretariat_user, state
from tests.helpers import MINIMAL_PDF

MOMENT = datetime.datetime(2026, 12, 1, 9, 5, tzinfo=datetime.UTC)


@pytest.fixture
def questionnaire(db):
    questionnaire = open_questionnaire(states=("ECU", "MEX", "COL", "ARG"))
    draft = responses.response_for(questionnaire, state("ECU"), by=None)
    responses.add_attachment(draft, file=SimpleUploadedFile("informe.pdf", MINIMAL_PDF), by=None)
    answered(questionnaire, "ECU", post=True)
    answered(questionnaire, "MEX", post=True)
    answered(questionnaire, "COL")
    Response.objects.filter(questionnaire=questionnaire).update(updated_at=MOMENT, posted_at=MOMENT)
    Response.objects.filter(member_state__code="COL").update(returned_at=MOMENT)
    return questionnaire


def cells(page):
    """The cells of the dashboard's table of responses, a list per row."""
    table = re.search(r"<tbody>(.*?)</tbody>", page, re.S).group(1)
    return [
        [re.sub(r"\s+", " ", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
    ]


def test_url_of_each_writes_what_reverse_writes():
    assert url_of_each("questionnaires:response", None)(42) == reverse("questionnaires:response", args=[42])
    history = url_of_each("questionnaires:state_history", "honlac", None)
    assert history("ECU") == reverse("questionnaires:state_history", args=["honlac", "ECU"])


@pytest.mark.parametrize(
    ("language", "sent_back", "posted", "not_started", "view", "history", "moment"),
    [
        ("en", "Sent back", "Posted", "Not started", "View the response", "History", "1 December 2026, 09:05"),
        ("fr", "Renvoyée", "Publiée", "Non commencée", "Voir la réponse", "Historique", "1er décembre 2026, 09:05"),
    ],
)
def test_dashboard_prints_a_row_per_state(
    client, questionnaire, language, sent_back, posted, not_started, view, history, moment
):
    client.force_login(secretariat_user())
    page = client.get(reverse("questionnaires:dashboard", args=["honlac", 32]), HTTP_ACCEPT_LANGUAGE=language)
    rows = {row[0]: row for row in cells(page.content.decode())}
    by_state = {r.member_state.code: r for r in Response.objects.filter(questionnaire=questionnaire)}

    def links(code, response=True):
        history_link = (
            f'<a class="ms-2" href="/bodies/honlac/states/{code}/implementation/">{history}'
            f'<span class="visually-hidden"> ({state(code).name})</span></a>'
        )
        if not response:
            return history_link
        return f'<a href="/responses/{by_state[code].pk}/">{view}</a> {history_link}'

    ecuador, colombia, argentina = (state(code).name for code in ("ECU", "COL", "ARG"))
    assert rows[ecuador][1:] == [posted, moment, "", links("ECU")]
    assert rows[colombia][1:3] == [sent_back, moment]
    assert rows[colombia][4] == links("COL")
    assert rows[argentina][1:] == [not_started, "", "", links("ARG", response=False)]
    assert list(rows) == [s.name for s in questionnaire.meeting.participating_states.order_by("name")]


@pytest.mark.parametrize(
    ("language", "lines"),
    [
        ("en", ["Posted on 1 December 2026, 1 attachment", "Posted on 1 December 2026, 0 attachments"]),
        (
            "es",
            [
                "Publicada el 1 de diciembre de 2026, 1 archivo adjunto",
                "Publicada el 1 de diciembre de 2026, 0 archivos adjuntos",
            ],
        ),
    ],
)
def test_secure_page_prints_each_posted_response_with_its_date_and_attachments(client, questionnaire, language, lines):
    client.force_login(focal_point("ARG"))
    page = client.get(reverse("questionnaires:secure_page", args=["honlac", 32]), HTTP_ACCEPT_LANGUAGE=language)
    html = page.content.decode()
    items = re.findall(
        r'<a href="/responses/(\d+)/">([^<]+)</a>\s*<span class="small text-body-secondary">([^<]+)</span>', html
    )
    by_state = {r.member_state.code: r for r in Response.objects.filter(questionnaire=questionnaire)}
    expected = [
        (str(by_state[code].pk), state(code).name, line) for code, line in zip(("ECU", "MEX"), lines, strict=True)
    ]
    expected.sort(key=lambda item: item[1])
    assert items == expected
