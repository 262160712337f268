"""Pages run the same number of queries whatever the number of States and responses."""

import pytest
from django.db import transaction
from django.urls import reverse

from meetings.models import MemberState
from tests.factories import answered, focal_point, open_questionnaire, secretariat_user

# The most each page may run, with 3 States as with 30.
QUERIES = {
    "secure_page_secretariat": 11,
    "secure_page_focal_point": 12,
    "dashboard": 14,
    # One more since the blocks given to contributors are shown in the form (one query, whatever their number).
    "response_edit": 12,
    "response": 11,
}


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
def test_secure_page_queries_do_not_grow(client, db, who, django_assert_max_num_queries):
    counts = []
    for size in (3, 30):
        with transaction.atomic():
            scenario(client, size)
            user = secretariat_user() if who == "secretariat" else focal_point("ECU")
            client.force_login(user)
            with django_assert_max_num_queries(QUERIES[f"secure_page_{who}"]) as queries:
                page = client.get(reverse("questionnaires:secure_page", args=["honlac", 32]))
            assert page.status_code == 200
            assert len(page.context["posted_rows"]) == size - 1
            counts.append(len(queries))
            transaction.set_rollback(True)
    assert counts[0] == counts[1]


@pytest.mark.parametrize(
    "page",
    ["dashboard", "response_edit", "response"],
)
def test_secretariat_pages_queries_do_not_grow(client, db, page, django_assert_max_num_queries):
    counts = []
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
            with django_assert_max_num_queries(QUERIES[page]) as queries:
                assert client.get(url).status_code == 200
            counts.append(len(queries))
            transaction.set_rollback(True)
    assert counts[0] == counts[1]
