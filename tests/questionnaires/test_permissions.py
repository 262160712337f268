"""Every URL of the questionnaires app × every role, with the expected answer."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from questionnaires import services
from questionnaires.models import Attachment, Response
from tests.factories import admin_user, answered, focal_point, open_questionnaire, secretariat_user
from tests.meetings.test_permissions import LOGIN, PUBLIC, ROLES, SECRETARIAT_ONLY, client_for, expect
from tests.meetings.test_views import MINIMAL_PDF

PARTICIPANTS = (LOGIN, 200, 200, 404, 200, 200)
OWN_AND_SECRETARIAT = (LOGIN, 200, 404, 404, 200, 200)


@pytest.fixture
def world(db):
    questionnaire = open_questionnaire(states=("ECU", "MEX", "COL"))
    users = {
        "anonymous": None,
        "own_state": focal_point("ECU"),
        "other_state": focal_point("MEX"),
        "non_participant": focal_point("FRA"),
        "secretariat": secretariat_user(),
        "admin": admin_user(),
    }
    draft = answered(questionnaire, "ECU")
    posted = answered(questionnaire, "COL", post=True)
    for response in (draft, posted):
        Response.objects.filter(pk=response.pk).update(status="draft")
        services.add_attachment(response, file=SimpleUploadedFile("note.pdf", MINIMAL_PDF), by=None)
    services.submit_response(posted, by=None)
    services.post_response(posted, by=None)
    attachments = {a.response_id: a for a in Attachment.objects.all()}
    return questionnaire, users, draft, posted, attachments


def check(response, wanted):
    if wanted == LOGIN:
        assert response.status_code == 302
        assert "/accounts/login/?next=" in response["Location"]
    elif wanted == 302:
        assert response.status_code == 302
        assert "/accounts/login/" not in response["Location"]
    else:
        assert response.status_code == wanted


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("recommendations", PUBLIC),
        ("recommendation_create", SECRETARIAT_ONLY),
        ("recommendation_paste", SECRETARIAT_ONLY),
        ("recommendation_import", SECRETARIAT_ONLY),
        ("recommendation_edit", SECRETARIAT_ONLY),
        ("dashboard", SECRETARIAT_ONLY),
        ("edit", SECRETARIAT_ONLY),
        ("export_csv", SECRETARIAT_ONLY),
        ("export_xlsx", SECRETARIAT_ONLY),
        ("blank_pdf", PARTICIPANTS),
        ("my_response", (LOGIN, 302, 302, 404, 302, 302)),
        ("secure_page", PARTICIPANTS),
        ("draft", OWN_AND_SECRETARIAT),
        ("draft_edit", OWN_AND_SECRETARIAT),
        ("draft_history", OWN_AND_SECRETARIAT),
        ("draft_attachment", OWN_AND_SECRETARIAT),
        ("posted", PARTICIPANTS),
        ("posted_attachment", PARTICIPANTS),
        ("posted_edit", (LOGIN, 403, 403, 404, 200, 200)),
        ("posted_history", (LOGIN, 403, 403, 404, 200, 200)),
    ],
)
def test_get_permission_matrix(client, world, name, expected, role):
    questionnaire, users, draft, posted, attachments = world
    recommendation = questionnaire.source_meeting.recommendations.first()
    q = ["honlac", 32]
    urls = {
        "recommendations": reverse("questionnaires:recommendations", args=["honlac", 31]),
        "recommendation_create": reverse("questionnaires:recommendation_create", args=["honlac", 31]),
        "recommendation_paste": reverse("questionnaires:recommendation_paste", args=["honlac", 31]),
        "recommendation_import": reverse("questionnaires:recommendation_import", args=["honlac", 31]),
        "recommendation_edit": reverse("questionnaires:recommendation_edit", args=["honlac", 31, recommendation.pk]),
        "dashboard": reverse("questionnaires:dashboard", args=q),
        "edit": reverse("questionnaires:edit", args=q),
        "export_csv": reverse("questionnaires:export", args=[*q, "csv"]),
        "export_xlsx": reverse("questionnaires:export", args=[*q, "xlsx"]),
        "blank_pdf": reverse("questionnaires:blank_pdf", args=[*q, "es"]),
        "my_response": reverse("questionnaires:my_response", args=q),
        "secure_page": reverse("questionnaires:secure_page", args=q),
        "draft": reverse("questionnaires:response", args=[draft.pk]),
        "draft_edit": reverse("questionnaires:response_edit", args=[draft.pk]),
        "draft_history": reverse("questionnaires:response_history", args=[draft.pk]),
        "draft_attachment": reverse("questionnaires:attachment", args=[draft.pk, attachments[draft.pk].pk]),
        "posted": reverse("questionnaires:response", args=[posted.pk]),
        "posted_attachment": reverse("questionnaires:attachment", args=[posted.pk, attachments[posted.pk].pk]),
        "posted_edit": reverse("questionnaires:response_edit", args=[posted.pk]),
        "posted_history": reverse("questionnaires:response_history", args=[posted.pk]),
    }
    check(client_for(client, users, role).get(urls[name]), expect(expected, role))


SECRETARIAT_POST = (LOGIN, 403, 403, 403, 302, 302)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("generate", SECRETARIAT_POST),
        ("status", SECRETARIAT_POST),
        ("invite", SECRETARIAT_POST),
        ("remind", SECRETARIAT_POST),
        ("post_all", SECRETARIAT_POST),
        ("transmittal_note", SECRETARIAT_POST),
        ("response_submit", (LOGIN, 302, 404, 404, 302, 302)),
        ("response_post", (LOGIN, 403, 404, 404, 302, 302)),
        ("response_reopen", (LOGIN, 403, 404, 404, 302, 302)),
        ("attachment_delete", (LOGIN, 302, 404, 404, 302, 302)),
        ("attachment_upload", (LOGIN, 302, 404, 404, 302, 302)),
    ],
)
def test_post_permission_matrix(client, world, name, expected, role):
    questionnaire, users, draft, _posted, attachments = world
    q = ["honlac", 32]
    urls = {
        "generate": reverse("questionnaires:generate", args=q),
        "status": reverse("questionnaires:status", args=q),
        "invite": reverse("questionnaires:invite", args=q),
        "remind": reverse("questionnaires:remind", args=q),
        "post_all": reverse("questionnaires:post_all", args=q),
        "transmittal_note": reverse("questionnaires:transmittal_note", args=q),
        "response_submit": reverse("questionnaires:response_submit", args=[draft.pk]),
        "response_post": reverse("questionnaires:response_post", args=[draft.pk]),
        "response_reopen": reverse("questionnaires:response_reopen", args=[draft.pk]),
        "attachment_delete": reverse("questionnaires:attachment_delete", args=[draft.pk, attachments[draft.pk].pk]),
        "attachment_upload": reverse("questionnaires:attachment_upload", args=[draft.pk]),
    }
    check(client_for(client, users, role).post(urls[name], {"status": "open", "reason": "x"}), expect(expected, role))


@pytest.mark.parametrize("role", ["own_state", "other_state", "secretariat", "admin"])
def test_secure_page_lists_only_posted_responses(client, world, role):
    _questionnaire, users, _draft, posted, _attachments = world
    page = client_for(client, users, role).get(reverse("questionnaires:secure_page", args=["honlac", 32]))
    assert list(page.context["posted"]) == [posted]
