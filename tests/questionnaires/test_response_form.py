"""The response form: the autosave endpoint, attaching and removing files without losing what was typed, the
submission's confirmation, the error summary of a refused submission, and the language of the answers."""

import html
import re

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.middleware import SIGNED_IN_MARKER_COOKIE
from accounts.models import AuditEvent
from questionnaires import responses
from questionnaires.models import Attachment, ImplementationStatus, Response, ResponseVersion
from tests.factories import answered, focal_point, open_questionnaire, state
from tests.helpers import LOGIN, MINIMAL_PDF, ROLES, assert_answer, expect

WRITERS = (401, 200, 404, 404, 200, 200)
SESSION_COOKIE = settings.SESSION_COOKIE_NAME


@pytest.fixture
def questionnaire(db):
    return open_questionnaire(states=("ECU", "MEX", "COL"))


@pytest.fixture
def draft(questionnaire):
    return responses.response_for(questionnaire, state("ECU"), by=None)


def form_data(response, *, text="Typed, not yet saved.", status="implemented", version=None):
    data = {"version": response.version if version is None else version, "language": "es"}
    for question in response.questionnaire.questions.all():
        if question.recommendation_id:
            data[f"status_{question.pk}"] = status
        data[f"text_{question.pk}"] = text
    return data


def texts(response):
    return set(response.answers.values_list("text", flat=True))


def autosave_url(response):
    return reverse("questionnaires:response_autosave", args=[response.pk])


# The autosave endpoint ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_autosave_permission_matrix(client_as, users, draft, role):
    wanted = expect(WRITERS, role)
    result = client_as(role).post(autosave_url(draft), form_data(draft))
    assert result.status_code == wanted
    draft.refresh_from_db()
    if wanted == 200:
        assert result.json() == {"version": 1, "saved_at": draft.updated_at.isoformat()}
        assert texts(draft) == {"Typed, not yet saved."}
        assert draft.updated_by == users[role]
    else:
        assert (draft.version, texts(draft)) == (0, set())
    if role == "anonymous":  # never signed in on this browser: nothing is kept (see the tests below)
        assert result.json()["error"] == "signed_out"
        assert Session.objects.count() == 0


def test_autosave_saves_through_the_service_with_a_version_and_an_audit_entry(client, draft):
    client.force_login(focal_point("ECU"))
    first = client.post(autosave_url(draft), form_data(draft, text="Primera frase."))
    second = client.post(autosave_url(draft), form_data(draft, text="Primera frase. Segunda.", version=1))
    assert (first.json()["version"], second.json()["version"]) == (1, 2)
    draft.refresh_from_db()
    assert (draft.version, draft.language, texts(draft)) == (2, "es", {"Primera frase. Segunda."})
    assert list(draft.versions.values_list("number", "event")) == [(2, "saved"), (1, "saved")]
    actions = AuditEvent.objects.filter(object_id=draft.pk, action="response.saved").values_list("details", flat=True)
    assert sorted(details["version"] for details in actions) == [1, 2]


def test_autosave_after_someone_else_saved_is_a_conflict_that_saves_nothing(client, draft):
    secretariat = client
    from tests.factories import secretariat_user

    officer = secretariat_user()
    responses.save_response(
        draft,
        answers={q.pk: ("partially", "Del secretariado.") for q in draft.questionnaire.questions.all()},
        expected_version=0,
        by=officer,
    )
    draft.refresh_from_db()
    secretariat.force_login(focal_point("ECU"))
    result = client.post(autosave_url(draft), form_data(draft, text="Lo que escribí.", version=0))
    assert result.status_code == 409
    assert result.json() == {
        "error": "conflict",
        "by": str(officer),
        "at": draft.updated_at.isoformat(),
        "version": 1,
    }
    draft.refresh_from_db()
    assert (draft.version, texts(draft)) == (1, {"Del secretariado."})


@pytest.mark.parametrize("status", ["submitted", "posted"])
def test_autosave_of_a_locked_response_is_refused(client, questionnaire, status):
    response = answered(questionnaire, "ECU", submit=True, post=status == "posted")
    client.force_login(focal_point("ECU"))
    result = client.post(autosave_url(response), form_data(response, text="Cambiado."))
    assert result.status_code == 400
    assert result.json() == {
        "error": "refused",
        "message": "This response was submitted and is locked. The secretariat can reopen it.",
    }
    assert texts(response) == {"Measures taken."}


def test_autosave_of_an_invalid_form_saves_nothing(client, draft):
    client.force_login(focal_point("ECU"))
    result = client.post(autosave_url(draft), form_data(draft, status="not_a_status"))
    assert (result.status_code, result.json()["error"]) == (400, "invalid")
    assert Response.objects.get(pk=draft.pk).version == 0


def test_autosave_answers_only_post(client, draft):
    client.force_login(focal_point("ECU"))
    assert client.get(autosave_url(draft)).status_code == 405


def test_autosave_needs_the_csrf_token(draft):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(focal_point("ECU"))
    assert client.post(autosave_url(draft), form_data(draft)).status_code == 403
    assert Response.objects.get(pk=draft.pk).version == 0


def test_form_tells_its_script_where_and_how_often_to_save(client, draft, settings):
    settings.HONLAC_AUTOSAVE_SECONDS = 7
    client.force_login(focal_point("ECU"))
    page = client.get(reverse("questionnaires:response_edit", args=[draft.pk])).content.decode()
    assert f'data-autosave-url="{autosave_url(draft)}" data-autosave-seconds="7"' in page
    assert '<script src="/static/js/response-form.js" defer></script>' in page


# Attaching and removing files keep what was typed (without JavaScript) --------------------------------------------


def test_attaching_a_file_saves_what_was_typed_first(client, draft):
    client.force_login(focal_point("ECU"))
    data = {**form_data(draft), "attach": "", "file": SimpleUploadedFile("ley.pdf", MINIMAL_PDF)}
    result = client.post(reverse("questionnaires:response_edit", args=[draft.pk]), data, follow=True)
    assert result.redirect_chain == [(reverse("questionnaires:response_edit", args=[draft.pk]), 302)]
    assert [str(m) for m in result.context["messages"]] == ["The draft was saved and the file was attached."]
    assert texts(draft) == {"Typed, not yet saved."}
    assert list(Attachment.objects.values_list("original_name", flat=True)) == ["ley.pdf"]
    assert list(draft.versions.values_list("number", flat=True)) == [2, 1]  # saved, then attached
    assert result.content.decode().count("Typed, not yet saved.</textarea>") == 3


def test_attaching_a_file_refused_still_saves_what_was_typed(client, draft):
    client.force_login(focal_point("ECU"))
    data = {**form_data(draft), "attach": "", "file": SimpleUploadedFile("virus.pdf", b"MZ not a pdf")}
    result = client.post(reverse("questionnaires:response_edit", args=[draft.pk]), data, follow=True)
    messages = [str(m) for m in result.context["messages"]]
    assert len(messages) == 1 and messages[0].startswith("The draft was saved, but the file was not attached:")
    assert texts(draft) == {"Typed, not yet saved."}
    assert not Attachment.objects.exists()


def test_attach_without_a_file_saves_and_says_so(client, draft):
    client.force_login(focal_point("ECU"))
    result = client.post(
        reverse("questionnaires:response_edit", args=[draft.pk]), {**form_data(draft), "attach": ""}, follow=True
    )
    assert [str(m) for m in result.context["messages"]] == [
        "The draft was saved, but no file was attached: choose a file to attach."
    ]
    assert texts(draft) == {"Typed, not yet saved."}


def test_removing_a_file_saves_what_was_typed_first(client, draft):
    attachment = responses.add_attachment(draft, file=SimpleUploadedFile("old.pdf", MINIMAL_PDF), by=None)
    draft.refresh_from_db()
    client.force_login(focal_point("ECU"))
    data = {**form_data(draft), "remove": str(attachment.pk)}
    result = client.post(reverse("questionnaires:response_edit", args=[draft.pk]), data, follow=True)
    assert [str(m) for m in result.context["messages"]] == ["The draft was saved and the file old.pdf was removed."]
    assert texts(draft) == {"Typed, not yet saved."}
    assert not Attachment.objects.exists()


def test_removing_another_responses_file_removes_nothing(client, questionnaire, draft):
    other = answered(questionnaire, "COL")
    attachment = responses.add_attachment(other, file=SimpleUploadedFile("col.pdf", MINIMAL_PDF), by=None)
    client.force_login(focal_point("ECU"))
    client.post(reverse("questionnaires:response_edit", args=[draft.pk]), {**form_data(draft), "remove": attachment.pk})
    assert list(Attachment.objects.all()) == [attachment]
    assert texts(draft) == {"Typed, not yet saved."}


def test_file_input_and_buttons_belong_to_the_response_form(client, draft):
    responses.add_attachment(draft, file=SimpleUploadedFile("old.pdf", MINIMAL_PDF), by=None)
    client.force_login(focal_point("ECU"))
    page = client.get(reverse("questionnaires:response_edit", args=[draft.pk])).content.decode()
    assert 'enctype="multipart/form-data" novalidate id="response-form"' in page
    assert 'name="file" id="id_file" form="response-form"' in page
    assert 'type="submit" form="response-form" name="attach"' in page
    assert re.search(r'type="submit" form="response-form" name="remove" value="\d+" aria-label="Remove old.pdf"', page)
    # The first button of the form (pressed by Enter) saves the draft.
    assert page.index('name="save"') < min(page.index('name="remove"'), page.index('name="attach"'))


# Submitting: saved, then confirmed -----------------------------------------------------------------------------

CONFIRMATION = (LOGIN, 200, 404, 404, 200, 200)


@pytest.mark.parametrize("role", ROLES)
def test_submit_confirmation_permission_matrix(client_as, questionnaire, role):
    response = answered(questionnaire, "ECU")
    result = client_as(role).get(reverse("questionnaires:response_submit", args=[response.pk]))
    assert_answer(result, expect(CONFIRMATION, role))
    if result.status_code == 200:
        page = result.content.decode()
        assert '<h1 class="h2">Submit the response of Ecuador?</h1>' in page
        assert "<li>It will be locked: nobody can change it any more.</li>" in page
        assert "<li>To change it afterwards, ask the secretariat to reopen it.</li>" in page
        assert f'<input type="hidden" name="version" value="{response.version}">' in page
    assert Response.objects.get(pk=response.pk).status == "draft"


def test_save_and_submit_saves_then_asks_then_submits(client, draft):
    client.force_login(focal_point("ECU"))
    saved = client.post(reverse("questionnaires:response_edit", args=[draft.pk]), {**form_data(draft), "submit": ""})
    confirm_url = reverse("questionnaires:response_submit", args=[draft.pk])
    assert saved["Location"] == confirm_url
    draft.refresh_from_db()
    assert (draft.status, texts(draft)) == ("draft", {"Typed, not yet saved."})
    page = client.get(confirm_url)
    assert page.context["confirmation"].button == "Submit the response"
    done = client.post(confirm_url, {"version": draft.version}, follow=True)
    assert done.redirect_chain == [(reverse("questionnaires:response", args=[draft.pk]), 302)]
    assert [str(m) for m in done.context["messages"]] == [
        "The response of Ecuador was submitted and is now locked. Thank you."
    ]
    assert Response.objects.get(pk=draft.pk).status == "submitted"


def test_submit_confirmed_after_someone_else_saved_is_refused(client, draft):
    client.force_login(focal_point("ECU"))
    client.post(reverse("questionnaires:response_edit", args=[draft.pk]), {**form_data(draft), "submit": ""})
    responses.save_response(draft, answers={}, expected_version=1, by=focal_point("ECU", "fp-ecu-2"))
    result = client.post(reverse("questionnaires:response_submit", args=[draft.pk]), {"version": 1}, follow=True)
    assert result.redirect_chain == [(reverse("questionnaires:response_edit", args=[draft.pk]), 302)]
    message = str(list(result.context["messages"])[0])
    assert message.startswith("fp-ecu-2 changed the response at ")
    assert Response.objects.get(pk=draft.pk).status == "draft"


def test_submit_confirmation_of_a_submitted_response_says_it_is_locked(client, questionnaire):
    response = answered(questionnaire, "ECU", submit=True)
    client.force_login(focal_point("ECU"))
    result = client.get(reverse("questionnaires:response_submit", args=[response.pk]), follow=True)
    assert [str(m) for m in result.context["messages"]] == [
        "This response was submitted and is locked. The secretariat can reopen it."
    ]


# A refused submission: an error summary, each block without a status marked -------------------------------------


def refused_submission(client, draft):
    data = form_data(draft)
    questions = list(draft.questionnaire.questions.order_by("position"))
    for question in questions[:2]:
        data.pop(f"status_{question.pk}")
    client.force_login(focal_point("ECU"))
    result = client.post(reverse("questionnaires:response_edit", args=[draft.pk]), {**data, "submit": ""})
    return result, questions


def test_refused_submission_saves_the_draft_and_shows_an_error_summary(client, draft):
    result, questions = refused_submission(client, draft)
    assert result.status_code == 400
    draft.refresh_from_db()
    assert (draft.status, draft.version, texts(draft)) == ("draft", 1, {"Typed, not yet saved."})
    page = result.content.decode()
    summary = re.search(r'<div id="error-summary"[^>]*>(.*?)</div>', page, re.S)
    assert 'role="alert" tabindex="-1" aria-labelledby="error-summary-title" autofocus' in summary.group(0)
    links = re.findall(r'<a class="alert-link" href="#(question-\d+)">([^<]+)</a>', summary.group(1))
    assert links == [
        (f"question-{q.pk}", f"Recommendation {q.recommendation.number}: no status given") for q in questions[:2]
    ]
    # The form shown is the one just saved: a further save does not conflict with it.
    assert f'name="version" value="{draft.version}"' in page


def test_refused_submission_marks_each_block_without_status(client, draft):
    result, questions = refused_submission(client, draft)
    page = result.content.decode()
    for question in questions[:2]:
        error = f"missing-{question.pk}"
        assert f'id="question-{question.pk}"' in page
        block = re.search(rf'<fieldset [^>]*id="question-{question.pk}"[^>]*>', page).group(0)
        assert f'aria-invalid="true" aria-describedby="{error}"' in block
        assert f'<fieldset class="mb-3" role="radiogroup" aria-invalid="true" aria-describedby="{error}">' in page
        assert f'id="{error}">Give a status for this recommendation.</p>' in page
    answered_block = re.search(rf'<fieldset [^>]*id="question-{questions[2].pk}"[^>]*>', page).group(0)
    assert "aria-invalid" not in answered_block
    assert page.count("Give a status for this recommendation.") == 2


def test_confirmation_opened_with_statuses_missing_leads_to_the_error_summary(client, draft):
    client.force_login(focal_point("ECU"))
    result = client.get(reverse("questionnaires:response_submit", args=[draft.pk]), follow=True)
    assert result.redirect_chain == [(reverse("questionnaires:response_edit", args=[draft.pk]) + "?check=submit", 302)]
    page = result.content.decode()
    assert "Give a status for each of these recommendations before submitting:" in page
    assert page.count("Give a status for this recommendation.") == 3


def test_form_without_a_refused_submission_has_no_error_summary(client, draft):
    client.force_login(focal_point("ECU"))
    page = client.get(reverse("questionnaires:response_edit", args=[draft.pk])).content.decode()
    assert 'id="error-summary"' not in page
    assert "aria-invalid" not in page


# The count of answered blocks and the blocks to jump to -----------------------------------------------------------


def test_form_counts_answered_blocks_and_lists_them_to_jump_to(client, draft):
    first, second, third = draft.questionnaire.questions.order_by("position")[:3]
    responses.save_response(
        draft, answers={first.pk: ("implemented", ""), second.pk: ("", "Texto")}, expected_version=0, by=None
    )
    client.force_login(focal_point("ECU"))
    page = client.get(reverse("questionnaires:response_edit", args=[draft.pk])).content.decode()
    total = draft.questionnaire.questions.count()
    assert f'data-template="%(answered)s of {total} answered">1 of {total} answered</p>' in page
    for question in (first, second, third):
        assert f'href="#question-{question.pk}" data-question="{question.pk}"' in page
    assert f'class="jump-link is-answered" href="#question-{first.pk}"' in page
    assert f'class="jump-link" href="#question-{second.pk}"' in page  # text but no status: not answered


def test_count_is_in_the_pages_language(client, draft):
    client.force_login(focal_point("ECU"))
    page = client.get(reverse("questionnaires:response_edit", args=[draft.pk]), HTTP_ACCEPT_LANGUAGE="es")
    total = draft.questionnaire.questions.count()
    assert f"Respondidas: 0 de {total}</p>" in page.content.decode()


# The language of the answers (WCAG 3.1.2) ---------------------------------------------------------------------


def test_answers_carry_the_language_of_the_response(client, questionnaire):
    response = answered(questionnaire, "ECU", text="Una red nacional.", language="es")
    client.force_login(focal_point("ECU"))
    detail = client.get(reverse("questionnaires:response", args=[response.pk])).content.decode()
    assert detail.count('<span lang="es">Una red nacional.</span>') == questionnaire.questions.count()
    form = client.get(reverse("questionnaires:response_edit", args=[response.pk])).content.decode()
    assert form.count('lang="es"') == questionnaire.questions.count() + 1  # the textareas, and the page's menu
    versions = list(response.versions.order_by("number"))
    response.refresh_from_db()
    responses.save_response(
        response,
        answers={q.pk: ("partially", "Otra cosa.") for q in questionnaire.questions.all()},
        expected_version=response.version,
        by=None,
    )
    last = ResponseVersion.objects.filter(response=response).order_by("-number").first()
    history = client.get(
        reverse("questionnaires:response_history", args=[response.pk]), {"from": versions[0].pk, "to": last.pk}
    ).content.decode()
    assert '<span lang="es">Una red nacional.</span>' in history
    assert '<span lang="es">Otra cosa.</span>' in history


# Text sent after the session expired -----------------------------------------------------------------------------


def expire_session(client):
    """The session ends on the server (idle too long); the browser keeps its cookies, the sign-in marker included."""
    Session.objects.all().delete()


def signed_in_then_expired(client, user):
    client.force_login(user)
    client.get(reverse("meetings:home"))  # the first page of the session sets the sign-in marker
    assert SIGNED_IN_MARKER_COOKIE in client.cookies
    expire_session(client)
    return client


def edit_url(response):
    return reverse("questionnaires:response_edit", args=[response.pk])


def test_sign_in_sets_the_marker_and_sign_out_removes_it(client, draft):
    ecuador = focal_point("ECU")
    client.post(reverse("login"), {"username": ecuador.username, "password": "a-test-password"})
    marker = client.cookies[SIGNED_IN_MARKER_COOKIE]
    assert signing.loads(marker.value, salt="honlac.accounts.signed-in-marker") == {"user": ecuador.pk}
    assert (marker["httponly"], marker["samesite"]) == (True, "Lax")
    client.post(reverse("logout"))
    assert client.cookies[SIGNED_IN_MARKER_COOKIE].value == ""


@pytest.mark.parametrize("view", ["edit", "autosave"])
def test_a_post_without_a_sign_in_marker_stores_nothing(client, draft, view):
    data = {**form_data(draft, text="x" * 20000), "save": ""}
    url = edit_url(draft) if view == "edit" else autosave_url(draft)
    result = client.post(url, data)
    assert Session.objects.count() == 0
    assert SESSION_COOKIE not in client.cookies
    if view == "edit":
        assert_answer(result, LOGIN)
    else:
        assert result.status_code == 401
        assert "copy it before you sign in, as it could not be kept" in result.json()["message"]


def test_a_forged_sign_in_marker_stores_nothing(client, draft):
    ecuador = focal_point("ECU")
    client.cookies[SIGNED_IN_MARKER_COOKIE] = signing.dumps({"user": ecuador.pk}, salt="another-salt")
    client.post(autosave_url(draft), form_data(draft))
    client.cookies[SIGNED_IN_MARKER_COOKIE] = signing.dumps({"user": ecuador.pk}, salt="another-salt") + "x"
    client.post(edit_url(draft), {**form_data(draft), "save": ""})
    assert Session.objects.count() == 0


def test_text_is_kept_only_for_a_response_the_marked_user_may_edit(client, draft):
    signed_in_then_expired(client, focal_point("MEX"))
    result = client.post(autosave_url(draft), form_data(draft, text="Texto de otro Estado"))
    assert result.status_code == 401
    assert Session.objects.count() == 0


def test_text_over_the_size_limit_is_not_kept(client, draft):
    signed_in_then_expired(client, focal_point("ECU"))
    result = client.post(autosave_url(draft), {**form_data(draft), "padding": "x" * (256 * 1024)})
    assert "could not be kept" in result.json()["message"]
    assert Session.objects.count() == 0


def test_text_typed_by_one_user_is_not_shown_to_another_who_signs_in_with_the_same_session(client, draft):
    planter = signed_in_then_expired(client, focal_point("ECU", "fp-ecu-planter"))
    kept = planter.post(autosave_url(draft), form_data(draft, text="Texto plantado"))
    assert kept.json()["message"] == "Your session has expired: sign in again. The text you typed was kept."
    planted = planter.cookies[SESSION_COOKIE].value
    victim = Client()
    victim.cookies[SESSION_COOKIE] = planted  # the planted session cookie
    ecuador = focal_point("ECU")
    victim.post(reverse("login"), {"username": ecuador.username, "password": "a-test-password"})
    page = victim.get(edit_url(draft))
    assert "Texto plantado" not in page.content.decode()
    assert [str(message) for message in page.context["messages"]] == []
    assert f"unsaved-response-{draft.pk}" not in victim.session


def test_text_typed_when_the_session_expired_is_shown_to_its_author_after_sign_in(client, draft):
    ecuador = focal_point("ECU")
    signed_in_then_expired(client, ecuador)
    expired = client.post(edit_url(draft), {**form_data(draft, text="Escrito antes de expirar"), "save": ""})
    assert_answer(expired, LOGIN)
    client.post(reverse("login"), {"username": ecuador.username, "password": "a-test-password"})
    page = client.get(edit_url(draft))
    assert page.context["form"]["text_" + str(draft.questionnaire.questions.first().pk)].value() == (
        "Escrito antes de expirar"
    )
    assert [str(message) for message in page.context["messages"]] == [
        "Your session had expired. The text you typed is below, not yet saved: save it now."
    ]
    assert texts(draft) == set()  # shown again, not saved behind the user's back


# The fields, printed by the form's own template (questionnaires.response_form.PrintedField) ---------------------------


def normalized(markup):
    """Markup without the whitespace between and inside tags that crispy-forms' templates add."""
    return re.sub(r"\s*([<>])\s*", r"\1", re.sub(r"\s+", " ", markup))


def crispy_field(bound):
    from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field

    return normalized(as_crispy_field(bound))


def invalid_post(client, draft):
    data = form_data(draft)
    questions = list(draft.questionnaire.questions.order_by("position"))
    data[f"text_{questions[0].pk}"] = "x" * 20001
    data[f"status_{questions[1].pk}"] = "bogus"
    data["language"] = "zz"
    client.force_login(focal_point("ECU"))
    return client.post(reverse("questionnaires:response_edit", args=[draft.pk]), {**data, "save": ""}), questions


@pytest.mark.parametrize("state_of_form", ["opened", "invalid"])
def test_fields_print_as_crispy_forms_and_django_would(client, draft, state_of_form):
    """The lean template prints each field as the crispy-forms field and Django's radio buttons did: same names,
    ids, labels tied to their inputs, classes, help texts, errors and their aria-describedby."""
    if state_of_form == "invalid":
        answered(draft.questionnaire, "ECU", text='Measures: <b>"quoted"</b> & more.\nSecond line.')
        result, _questions = invalid_post(client, draft)
        assert result.status_code == 400
    else:
        answered(draft.questionnaire, "ECU", text='Measures: <b>"quoted"</b> & more.\nSecond line.')
        client.force_login(focal_point("ECU"))
        result = client.get(reverse("questionnaires:response_edit", args=[draft.pk]))
    page = normalized(result.content.decode())
    form = result.context["form"]
    assert crispy_field(form["language"]) in page
    for block in form.blocks():
        assert crispy_field(block.text) in page
        for radio in block.status or []:
            label = f'<label class="form-check-label" for="{radio.id_for_label}">{radio.choice_label}</label>'
            assert f'<div class="form-check">{normalized(radio.tag())}{label}</div>' in page
    assert len(form.blocks()) == draft.questionnaire.questions.count()


def test_invalid_fields_are_marked_and_described_by_their_errors(client, draft):
    result, questions = invalid_post(client, draft)
    page = result.content.decode()
    text = f"id_text_{questions[0].pk}"
    assert re.search(
        rf'<textarea name="text_{questions[0].pk}" cols="40" rows="4"[^>]* maxlength="20000" '
        rf'class="textarea form-control is-invalid" aria-invalid="true" aria-describedby="{text}_error" '
        rf'id="{text}">',
        page,
    )
    assert (
        f'<div id="{text}_error" class="invalid-feedback"><p id="error_1_{text}"><strong>Ensure this value has at '
        "most 20000 characters (it has 20001).</strong></p></div>"
    ) in page
    assert (
        '<select name="language" class="select form-select is-invalid" aria-invalid="true" '
        'aria-describedby="id_language_helptext id_language_error" id="id_language">'
    ) in page
    assert '<div id="id_language_error" class="invalid-feedback"><p id="error_1_id_language"><strong>' in page
    assert '<div id="id_language_helptext" class="form-text">The working language in which' in page
    status = f"id_status_{questions[1].pk}"
    assert f'class="form-check-input" id="{status}_0" aria-invalid="true">' in page
    assert f'<label class="form-check-label" for="{status}_0">Implemented</label>' in page
    assert page.count('aria-invalid="true"') == 2 + len(ImplementationStatus.choices)


def test_values_shown_by_the_form_are_saved_back_as_they_were(client, draft):
    """What the form prints (escaped text, the chosen status, the language) comes back unchanged when it is sent as
    a browser would send it."""
    texts_sent = {}
    for index, question in enumerate(draft.questionnaire.questions.order_by("position")):
        texts_sent[question.pk] = f'Line <{index}> & "quotes"\n\nsecond paragraph {index}'
    statuses = {pk: ImplementationStatus.values[pk % 4] for pk in texts_sent}
    questions = {question.pk: question for question in draft.questionnaire.questions.all()}
    responses.save_response(
        draft,
        answers={
            pk: (statuses[pk] if questions[pk].recommendation_id else "", text) for pk, text in texts_sent.items()
        },
        expected_version=0,
        language="fr",
        by=None,
    )
    client.force_login(focal_point("ECU"))
    page = client.get(reverse("questionnaires:response_edit", args=[draft.pk])).content.decode()
    sent = {"version": re.search(r'name="version" value="(\d+)"', page)[1], "save": ""}
    sent["language"] = re.search(r'<option value="(\w+)" selected>', page)[1]
    for name, value in re.findall(r'<textarea name="(text_\d+)"[^>]*>\n(.*?)</textarea>', page, re.S):
        sent[name] = html.unescape(value)
    for name, value in re.findall(r'<input type="radio" name="(status_\d+)" value="(\w+)"[^>]* checked>', page):
        sent[name] = value
    before = {(a.question_id, a.status, a.text) for a in draft.answers.all()}
    assert client.post(reverse("questionnaires:response_edit", args=[draft.pk]), sent).status_code == 302
    draft.refresh_from_db()
    assert draft.language == "fr"
    assert {(a.question_id, a.status, a.text) for a in draft.answers.all()} == before
    assert {a.question_id: a.text for a in draft.answers.all()} == texts_sent
