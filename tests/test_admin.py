"""The admin: every list page answers with a query count that does not grow with its rows, long titles are
shortened in the lists, and the records (outbox, print jobs, mail runs) cannot be added or changed."""

import datetime

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.audit import log_action
from accounts.models import OutgoingEmail
from agendas.models import AgendaPatternItem, Consultation, MeetingNoteParagraph, NotePatternParagraph
from questionnaires.models import MessageRun, ResponseVersion
from tests.factories import (
    AgendaFactory,
    BodyFactory,
    DocumentFactory,
    HostOfferFactory,
    MeetingFactory,
    PrintJobFactory,
    QuestionnaireFactory,
    ResponseFactory,
    UserFactory,
    admin_user,
    recommendations_for,
)
from tests.helpers import confirm_identity

APPS = {"accounts", "meetings", "agendas", "questionnaires"}
LONG_TITLE = "Implementation of the recommendations adopted by the Thirty-first Meeting of Heads of Agencies"


def changelists():
    return sorted(
        f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
        for model in admin.site._registry
        if model._meta.app_label in APPS
    )


def add_rows(number):
    """One row of every model of the portal's admin, around meeting `number` of the body."""
    user = UserFactory(username=f"user-{number}", first_name="Ana", last_name=f"Pérez {number}")
    meeting = MeetingFactory(number=number)
    document = DocumentFactory(meeting=meeting, title_en=LONG_TITLE)
    PrintJobFactory(document=document, requested_by=user)
    AgendaFactory(meeting=meeting, document=DocumentFactory(meeting=meeting))
    HostOfferFactory(body=meeting.body, meeting_number=number)
    recommendations_for(meeting, 1)
    questionnaire = QuestionnaireFactory(meeting=meeting, source_meeting=meeting)
    response = ResponseFactory(questionnaire=questionnaire, updated_by=user)
    ResponseVersion.objects.create(response=response, number=1, event="saved", snapshot={}, created_by=user)
    run = MessageRun.objects.create(questionnaire=questionnaire, kind=MessageRun.Kind.INVITATION, created_by=user)
    OutgoingEmail.objects.create(to=user.email, recipient=user, run=run, subject=LONG_TITLE, body="Text")
    Consultation.objects.create(meeting=meeting, closes_at=timezone.now() + datetime.timedelta(days=7))
    AgendaPatternItem.objects.create(body=meeting.body, position=number, title=LONG_TITLE)
    NotePatternParagraph.objects.create(body=meeting.body, position=number, text=LONG_TITLE)
    MeetingNoteParagraph.objects.create(meeting=meeting, after=1, text=LONG_TITLE)
    log_action(document, "document.registered", by=user)


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.fixture
def admin_client_(client, db):
    client.force_login(admin_user())
    return client


def test_admin_changelists_answer_with_queries_that_do_not_grow_with_rows(admin_client_):
    add_rows(40)
    few = {name: queries(admin_client_, reverse(name)) for name in changelists()}
    for number in range(41, 45):
        add_rows(number)
    many = {name: queries(admin_client_, reverse(name)) for name in changelists()}
    assert many == few


def test_admin_lists_shorten_long_titles_and_give_them_in_full_on_hover(admin_client_):
    add_rows(40)
    page = admin_client_.get(reverse("admin:meetings_document_changelist")).content.decode()
    assert f'<span title="{LONG_TITLE}">{LONG_TITLE[:59]}…</span>' in page
    outbox = admin_client_.get(reverse("admin:accounts_outgoingemail_changelist")).content.decode()
    assert f"{LONG_TITLE[:59]}…" in outbox


@pytest.mark.parametrize(
    ("name", "query", "found"),
    [
        ("admin:accounts_outgoingemail_changelist", {"q": "user-40", "status__exact": "queued"}, 1),
        ("admin:accounts_outgoingemail_changelist", {"status__exact": "sent"}, 0),
        ("admin:meetings_printjob_changelist", {"q": "user-40", "status__exact": "queued"}, 1),
        ("admin:questionnaires_messagerun_changelist", {"q": "user-40", "kind__exact": "invitation"}, 1),
        ("admin:meetings_document_changelist", {"q": "Implementation", "status__exact": "draft"}, 2),
        ("admin:meetings_meeting_changelist", {"q": "40", "status__exact": "held"}, 1),
        ("admin:agendas_topic_changelist", {"q": "Synthetic", "selected__exact": "0"}, 2),
        ("admin:questionnaires_response_changelist", {"q": "Ecuador", "status__exact": "draft"}, 2),
        ("admin:questionnaires_questionnaire_changelist", {"q": "40", "status__exact": "open"}, 1),
        ("admin:agendas_consultation_changelist", {"q": "40"}, 1),
        ("admin:accounts_auditevent_changelist", {"q": "user-40", "action__exact": "document.registered"}, 1),
    ],
)
def test_admin_search_and_filter_find_the_rows(admin_client_, name, query, found):
    add_rows(40)
    add_rows(41)
    response = admin_client_.get(reverse(name), query)
    assert response.status_code == 200
    assert response.context["cl"].result_count == found


def test_admin_outbox_print_jobs_and_mail_runs_are_records_not_edited(admin_client_):
    add_rows(40)
    email, job, run = OutgoingEmail.objects.get(), PrintJobFactory._meta.model.objects.get(), MessageRun.objects.get()
    for model, obj in [
        ("accounts_outgoingemail", email),
        ("meetings_printjob", job),
        ("questionnaires_messagerun", run),
    ]:
        listing = admin_client_.get(reverse(f"admin:{model}_changelist")).content.decode()
        assert reverse(f"admin:{model}_add") not in listing
        assert admin_client_.get(reverse(f"admin:{model}_add")).status_code == 403
        page = admin_client_.get(reverse(f"admin:{model}_change", args=[obj.pk]))
        assert page.status_code == 200
        assert 'name="_save"' not in page.content.decode()
        assert admin_client_.post(reverse(f"admin:{model}_change", args=[obj.pk]), {}).status_code == 403
    email.refresh_from_db()
    assert email.subject == LONG_TITLE


def test_admin_saves_working_languages_once_each_in_un_order(admin_client_):
    confirm_identity(admin_client_)
    body = BodyFactory()
    url = reverse("admin:meetings_body_change", args=[body.pk])
    form = admin_client_.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data["member_states"] = [state.pk for state in data.get("member_states", [])]
    refused = admin_client_.post(url, {**data, "working_languages": '["en", "en", "fr"]'})
    assert refused.status_code == 200
    assert list(refused.context["adminform"].form.errors) == ["working_languages"]
    body.refresh_from_db()
    assert body.working_languages == ["en", "fr", "es"]
    accepted = admin_client_.post(url, {**data, "working_languages": ["fr", "en", "en"]})
    assert accepted.status_code == 302
    body.refresh_from_db()
    assert body.working_languages == ["en", "fr"]
