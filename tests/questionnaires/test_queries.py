"""Pages run the same number of queries whatever the number of States and responses."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import MemberState
from tests.factories import answered, focal_point, open_questionnaire, secretariat_user


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def scenario(client, size):
    codes = list(
        MemberState.objects.filter(region="latin_america_caribbean").order_by("code").values_list("code", flat=True)
    )
    codes = ["ECU", *[code for code in codes if code != "ECU"]]
    if size > len(codes):
        codes += list(
            MemberState.objects.exclude(code__in=codes)
            .order_by("code")
            .values_list("code", flat=True)[: size - len(codes)]
        )
    codes = codes[:size]
    questionnaire = open_questionnaire(states=codes, recommendations=5)
    for code in codes[: size - 1]:
        answered(questionnaire, code, post=True, text="Medidas adoptadas " * 10)
    focal_point(codes[-1])
    return questionnaire


@pytest.mark.parametrize("who", ["secretariat", "focal_point"])
def test_secure_page_queries_do_not_grow(client, db, who):
    pages = {}
    for size in (3, 30):
        with transaction.atomic():
            scenario(client, size)
            user = secretariat_user() if who == "secretariat" else focal_point("ECU")
            client.force_login(user)
            pages[size] = count_queries(client, reverse("questionnaires:secure_page", args=["honlac", 32]))
            transaction.set_rollback(True)
    assert pages[3] == pages[30]
    assert pages[30] <= 12


@pytest.mark.parametrize(
    "page",
    ["dashboard", "response_edit", "response"],
)
def test_secretariat_pages_queries_do_not_grow(client, db, page):
    counts = {}
    for size in (3, 30):
        with transaction.atomic():
            questionnaire = scenario(client, size)
            client.force_login(secretariat_user())
            response = questionnaire.responses.get(member_state__code="ECU")
            url = {
                "dashboard": reverse("questionnaires:dashboard", args=["honlac", 32]),
                "response_edit": reverse("questionnaires:response_edit", args=[response.pk]),
                "response": reverse("questionnaires:response", args=[response.pk]),
            }[page]
            counts[size] = count_queries(client, url)
            transaction.set_rollback(True)
    assert counts[3] == counts[30]
    assert counts[30] <= 15
