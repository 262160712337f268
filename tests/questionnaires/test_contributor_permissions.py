"""Every URL of the portal, asked by a contributor of the own State and by one of another State: a contributor reads
what the public reads, and besides reaches only the blocks given to them, their home and their account's pages.
Anything of a State (drafts, posted responses, the secure page, offers, voices) answers 404, or 403 where the page
is the secretariat's; a POST changes nothing. A URL added without a case here fails the first test."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.models import OutgoingEmail, User
from agendas import services as agendas
from agendas.models import Agenda, Consultation, ConsultationVoice, HostOffer, Topic
from meetings.models import Document, DocumentFile, Meeting, PrintJob
from questionnaires import responses
from questionnaires.models import Answer, BlockAssignment, MessageRun, Questionnaire, Recommendation, Response
from questionnaires.rules import (
    blocks_assigned_to,
    contributors_visible_to,
    responses_visible_to,
    responses_with_blocks_of,
)
from tests.factories import (
    DocumentFactory,
    HostOfferFactory,
    IssuedDocumentFactory,
    PasskeyFactory,
    answered,
    open_questionnaire,
    state,
)
from tests.helpers import CONTRIBUTOR_ROLES, LOGIN, MINIMAL_PDF, ROLES

# Pages of the person's own account: signing in and out, passwords, second factors. They show nothing of a State.
ACCOUNT_PAGES = {
    "login",
    "logout",
    "oidc_sign_in",
    "oidc_callback",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "password_change",
    "password_change_done",
    "reauth_confirm",
    "account_security",
    "two_factor_setup",
    "two_factor_verify",
    "recovery_codes",
    "passkey_add",
    "passkey_register_begin",
    "passkey_register_complete",
    "passkey_verify_begin",
    "passkey_verify_complete",
    "unlock_request",
    "unlock_account",
    "set_language",
}
# What the contributor of the own State opens besides what the public reads: their home and their blocks.
OWN_PAGES = {"meetings:home", "questionnaires:response_blocks", "questionnaires:response_blocks_autosave"}
REFUSED = (403, 404, 405, LOGIN)


def url_names():
    """The names of the portal's URLs (the admin's aside), with namespace."""

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.app_name == "admin":
                    continue
                yield from walk(
                    pattern.url_patterns, namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                )
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield namespace + pattern.name

    return set(walk(get_resolver().url_patterns))


@pytest.fixture
def world(users):
    """Meeting 32 of HONLAC (Ecuador, Mexico, Colombia) with its open questionnaire: Ecuador's draft, with a block
    given to the own State's contributor, and Mexico's posted response, with a block given to the other; an
    attachment to each; documents of each distribution and a draft; the agenda, a topic, a consultation, offers."""
    questionnaire = open_questionnaire()
    meeting = questionnaire.meeting
    draft = answered(questionnaire, "ECU")
    posted = answered(questionnaire, "MEX")
    attachments = {
        r.pk: responses.add_attachment(r, file=SimpleUploadedFile("note.pdf", MINIMAL_PDF), by=None)
        for r in (draft, posted)
    }
    responses.submit_response(posted, by=None)
    responses.post_response(posted, by=None)
    question = questionnaire.questions.order_by("position").first()
    BlockAssignment.objects.create(response=draft, question=question, contributor=users["own_contributor"])
    BlockAssignment.objects.create(response=posted, question=question, contributor=users["other_contributor"])
    documents = {
        distribution: IssuedDocumentFactory(meeting=meeting, distribution=distribution, number=index)
        for index, distribution in enumerate(Document.Distribution.values, start=2)
    }
    documents["draft"] = DocumentFactory(meeting=meeting, number=9)
    jobs = {name: PrintJob.objects.create(document=document, language="en") for name, document in documents.items()}
    agenda = agendas.generate_agenda(meeting, by=None)
    agendas.add_item(agenda, title_en="Opening of the meeting", by=None)
    topic = Topic.objects.create(meeting=meeting, title_en="Synthetic drugs", member_state=state("ECU"))
    Consultation.objects.create(meeting=meeting, closes_at=timezone.now() + datetime.timedelta(days=7))
    offers = {code: HostOfferFactory(body=meeting.body, member_state=state(code)) for code in ("ECU", "MEX")}
    return {
        "questionnaire": questionnaire,
        "draft": draft,
        "posted": posted,
        "attachments": attachments,
        "documents": documents,
        "jobs": jobs,
        "item": agenda.items.first(),
        "topic": topic,
        "offers": offers,
        "run": MessageRun.objects.create(questionnaire=questionnaire, kind=MessageRun.Kind.REMINDER),
        "passkey": PasskeyFactory(user=users["own_state"]),
        "recommendation": Recommendation.objects.filter(meeting=questionnaire.source_meeting).first(),
    }


def cases(world, users):
    """Case name ("name" or "name[variant]") -> URL, for every URL name of the portal."""
    m = ["honlac", 32]
    d, p, docs = world["draft"], world["posted"], world["documents"]
    earlier = DocumentFile.objects.filter(document=docs["restricted"]).first()
    urls = {
        "meetings:home": reverse("meetings:home"),
        "meetings:create": reverse("meetings:create"),
        "meetings:body_member_states": reverse("meetings:body_member_states", args=["honlac"]),
        "meetings:bodies": reverse("meetings:bodies"),
        "meetings:body_create": reverse("meetings:body_create"),
        "meetings:body_edit": reverse("meetings:body_edit", args=["honlac"]),
        "meetings:body_meeting_create": reverse("meetings:body_meeting_create", args=["honlac"]),
        "meetings:detail": reverse("meetings:detail", args=m),
        "meetings:edit": reverse("meetings:edit", args=m),
        "meetings:document_create": reverse("meetings:document_create", args=m),
        "meetings:document_action": reverse("meetings:document_action", args=[docs["restricted"].pk, "reissue"]),
        "meetings:document_earlier_file": reverse(
            "meetings:document_earlier_file", args=[docs["restricted"].pk, earlier.pk]
        ),
        "questionnaires:recommendations": reverse("questionnaires:recommendations", args=["honlac", 31]),
        "questionnaires:recommendation_table": reverse("questionnaires:recommendation_table", args=["honlac", 31]),
        "questionnaires:retry_run": reverse("questionnaires:retry_run", args=[*m, world["run"].pk]),
        "questionnaires:export": reverse("questionnaires:export", args=[*m, "xlsx"]),
        "questionnaires:blank_pdf": reverse("questionnaires:blank_pdf", args=[*m, "en"]),
        "questionnaires:responses_zip": reverse("questionnaires:responses_zip", args=[*m, "en"]),
        "questionnaires:responses_pdf": reverse("questionnaires:responses_pdf", args=[*m, "en"]),
        "questionnaires:matrix": reverse("questionnaires:matrix", args=["honlac"]),
        "questionnaires:matrix_xlsx": reverse("questionnaires:matrix_xlsx", args=["honlac"]),
        "questionnaires:meeting_progress": reverse("questionnaires:meeting_progress", args=["honlac", 31]),
        "questionnaires:thread_progress": reverse("questionnaires:thread_progress", args=[world["recommendation"].pk]),
        "questionnaires:state_history[own]": reverse("questionnaires:state_history", args=["honlac", "ECU"]),
        "questionnaires:state_history[other]": reverse("questionnaires:state_history", args=["honlac", "MEX"]),
        "questionnaires:contributors": reverse("questionnaires:contributors"),
        "questionnaires:contributor_invite": reverse("questionnaires:contributor_invite"),
        "questionnaires:contributor_deactivate[own]": reverse(
            "questionnaires:contributor_deactivate", args=[users["own_contributor"].pk]
        ),
        "questionnaires:contributor_deactivate[other]": reverse(
            "questionnaires:contributor_deactivate", args=[users["other_contributor"].pk]
        ),
        "agendas:item_edit": reverse("agendas:item_edit", args=[*m, world["item"].pk]),
        "agendas:item_delete": reverse("agendas:item_delete", args=[*m, world["item"].pk]),
        "agendas:item_move": reverse("agendas:item_move", args=[*m, world["item"].pk]),
        "agendas:topic_edit": reverse("agendas:topic_edit", args=[*m, world["topic"].pk]),
        "agendas:offers_for_commission": reverse("agendas:offers_for_commission", args=["honlac", 67, "csv"]),
        "passkey_rename": reverse("passkey_rename", args=[world["passkey"].pk]),
        "passkey_remove": reverse("passkey_remove", args=[world["passkey"].pk]),
        "password_reset_confirm": reverse("password_reset_confirm", args=["MQ", "set-password"]),
        "unlock_account": reverse("unlock_account", args=["not-a-token"]),
    }
    for name in ("recommendation_edit", "recommendation_delete"):
        urls[f"questionnaires:{name}"] = reverse(
            f"questionnaires:{name}", args=["honlac", 31, world["recommendation"].pk]
        )
    for name in ("recommendation_create", "recommendation_paste", "recommendation_import", "recommendation_links"):
        urls[f"questionnaires:{name}"] = reverse(f"questionnaires:{name}", args=["honlac", 31])
    meeting_pages = {
        "questionnaires": [
            "dashboard",
            "generate",
            "edit",
            "status",
            "invite",
            "remind",
            "post_all",
            "transmittal_note",
            "analysis",
            "my_response",
            "secure_page",
        ],
        "agendas": [
            "agenda",
            "generate",
            "status",
            "item_create",
            "open_next",
            "organization_note",
            "topics",
            "topic_propose",
            "voice",
            "consultation",
            "close_consultation",
            "select_topics",
        ],
    }
    for app, names in meeting_pages.items():
        for name in names:
            urls[f"{app}:{name}"] = reverse(f"{app}:{name}", args=m)
    for name in ("offers", "offer_create"):
        urls[f"agendas:{name}"] = reverse(f"agendas:{name}", args=["honlac"])
    for code, offer in world["offers"].items():
        for name in ("offer", "offer_edit", "offer_status", "note_verbale"):
            urls[f"agendas:{name}[{code}]"] = reverse(f"agendas:{name}", args=[offer.pk])
    for variant, response in (("draft", d), ("posted", p)):
        for name in (
            "response",
            "response_edit",
            "response_autosave",
            "response_submit",
            "response_reopen",
            "response_post",
            "response_send_back",
            "response_history",
            "attachment_upload",
            "assign_blocks",
            "response_blocks",
            "response_blocks_autosave",
        ):
            urls[f"questionnaires:{name}[{variant}]"] = reverse(f"questionnaires:{name}", args=[response.pk])
        urls[f"questionnaires:response_pdf[{variant}]"] = reverse(
            "questionnaires:response_pdf", args=[response.pk, "en"]
        )
        attachment = world["attachments"][response.pk]
        for name in ("attachment", "attachment_delete"):
            urls[f"questionnaires:{name}[{variant}]"] = reverse(
                f"questionnaires:{name}", args=[response.pk, attachment.pk]
            )
    for variant, document in docs.items():
        urls[f"meetings:document[{variant}]"] = reverse("meetings:document", args=[document.pk])
        urls[f"meetings:document_edit[{variant}]"] = reverse("meetings:document_edit", args=[document.pk])
        urls[f"meetings:document_download[{variant}]"] = reverse("meetings:document_download", args=[document.pk, "en"])
        urls[f"meetings:print_job[{variant}]"] = reverse("meetings:print_job", args=[world["jobs"][variant].pk])
    simple = [
        "invite_focal_point",
        "audit_trail",
        "set_language",
        "health",
        *(name for name in ACCOUNT_PAGES if name not in urls),
    ]
    for name in simple:
        urls.setdefault(name, reverse(name))
    return urls


def own_blocks(case, role):
    """The contributor's home and own blocks: in Ecuador's draft for Ecuador's, in Mexico's posted response (to
    read) for Mexico's."""
    own = {"own_contributor": "[draft]", "other_contributor": "[posted]"}[role]
    return case == "meetings:home" or (case.split("[")[0] in OWN_PAGES and case.endswith(own))


def saved_data():
    """Everything a POST could change."""
    return (
        sorted(Response.objects.values_list("pk", "status", "version")),
        sorted(Answer.objects.values_list("pk", "status", "text")),
        sorted(BlockAssignment.objects.values_list("pk", "contributor", "ready_at")),
        sorted(User.objects.values_list("pk", "is_active", "role")),
        sorted(Questionnaire.objects.values_list("pk", "status")),
        sorted(Meeting.objects.values_list("pk", "status", "city_en")),
        sorted(Document.objects.values_list("pk", "status", "title_en")),
        sorted(Agenda.objects.values_list("pk", "status")),
        sorted(HostOffer.objects.values_list("pk", "status")),
        Topic.objects.count(),
        ConsultationVoice.objects.count(),
        MessageRun.objects.count(),
        OutgoingEmail.objects.count(),
    )


def test_every_url_of_the_portal_has_a_case(world, users):
    assert {case.split("[")[0] for case in cases(world, users)} == url_names()


@pytest.mark.parametrize("role", CONTRIBUTOR_ROLES)
def test_a_contributor_reads_what_the_public_reads_and_only_their_own_blocks(client, world, users, role):
    urls = cases(world, users)
    public = {case for case, url in urls.items() if client.get(url).status_code == 200}
    client.force_login(users[role])
    wrong = {}
    for case, url in urls.items():
        if case.split("[")[0] in ACCOUNT_PAGES:
            continue
        answer = client.get(url)
        if case.startswith("questionnaires:response_blocks_autosave"):
            good = answer.status_code in (404, 405)  # it answers POST only (the own blocks), else 404
        elif own_blocks(case, role) or case in public:
            good = answer.status_code == 200
        else:
            good = answer.status_code in REFUSED or (answer.status_code == 302 and "login/?next=" in answer["Location"])
        if not good:
            wrong[case] = answer.status_code
    assert wrong == {}
    assert "questionnaires:response_blocks[draft]" not in public  # the blocks are not the public's


@pytest.mark.parametrize("role", CONTRIBUTOR_ROLES)
def test_a_contributors_post_changes_nothing_but_their_own_blocks(client, world, users, role):
    urls = cases(world, users)
    draft = world["draft"]
    question = world["questionnaire"].questions.order_by("position").first()
    data = {
        "status": "open",
        "reason": "x",
        "number": 1,
        "text_en": "Changed.",
        "title_en": "Changed.",
        "city_en": "Lima",
        f"block_{question.pk}": users["other_contributor"].pk,
    }
    for other in world["questionnaire"].questions.all():
        data[f"status_{other.pk}"], data[f"text_{other.pk}"] = "not_yet", "Changed."
    public = {case for case, url in urls.items() if client.get(url).status_code == 200}
    client.force_login(users[role])
    wrong = {}
    for case, url in urls.items():
        if case.split("[")[0] in ACCOUNT_PAGES or own_blocks(case, role):
            continue
        data["version"] = Response.objects.get(pk=draft.pk).version
        before = saved_data()
        answer = client.post(url, data)
        if saved_data() != before:
            wrong[case] = "changed data"
        elif case in public:
            continue  # what the public may do (print a public document again), the contributor may
        elif answer.status_code not in REFUSED and not (
            answer.status_code == 302 and "login/?next=" in answer["Location"]
        ):
            wrong[case] = answer.status_code
    assert wrong == {}


def test_the_contributors_querysets_hold_what_their_rules_allow(world, users):
    """The rules of the work shared within a State, as tests/test_visibility.py checks the others."""
    rules = [
        (BlockAssignment, "questionnaires.work_on_block", blocks_assigned_to),
        (Response, "questionnaires.write_blocks", responses_with_blocks_of),
        (User, "questionnaires.manage_contributor", contributors_visible_to),
        (Response, "questionnaires.read_response", responses_visible_to),
    ]
    # Not the administrator: Django grants a superuser every permission, of objects they may not work on too.
    for role in [*(role for role in ROLES if role != "admin"), *CONTRIBUTOR_ROLES]:
        user = users[role] or AnonymousUser()
        for model, permission, visible_to in rules:
            allowed = sorted(obj.pk for obj in model.objects.all() if user.has_perm(permission, obj))
            assert sorted(visible_to(user).values_list("pk", flat=True)) == allowed, (role, permission)
    own = users["own_contributor"]
    assert list(blocks_assigned_to(own)) == list(BlockAssignment.objects.filter(response=world["draft"]))
    assert list(responses_with_blocks_of(own)) == [world["draft"]]
    assert list(responses_visible_to(own)) == []  # not even the own State's draft: only its blocks
    assert set(contributors_visible_to(users["own_state"])) == {own}
