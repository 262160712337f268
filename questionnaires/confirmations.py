"""What the confirmation pages of the questionnaire's irreversible actions say (honlac/confirmation.py): opening
and closing it, sending invitations and reminders, posting responses, reopening one; and the texts missing in a
working language, listed before the questionnaire opens or its invitations leave."""

from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from accounts.models import User
from honlac.confirmation import Confirmation
from meetings.translation import missing_languages, missing_texts
from meetings.wording import collation_key, language_list, long_date

from . import runs
from .models import MessageRun, Questionnaire, Response


def _missing(label, codes):
    return _("%(text)s: missing in %(languages)s.") % {"text": label, "languages": language_list(codes, get_language())}


def missing_text_warnings(questionnaire, *, with_meeting=False):
    """A sentence for each text of `questionnaire` lacking a working language of its body: the introduction, the
    general questions, the recommendations reviewed; with `with_meeting`, the body's title too (named in the
    invitations). Returns (warnings, links to where they are mended). Three queries."""
    body = questionnaire.meeting.body
    languages = body.working_languages
    warnings, links = [], []
    if with_meeting and (codes := missing_languages(body, "title", languages)):
        warnings.append(_missing(_("The title of the body"), codes))
    own = []
    if codes := missing_languages(questionnaire, "introduction", languages):
        own.append(_missing(_("The introduction of the questionnaire"), codes))
    questions = list(questionnaire.questions.filter(recommendation__isnull=True).order_by("position"))
    for number, (_question, _field, codes) in enumerate(missing_texts(questions, ["text"], languages), start=1):
        own.append(_missing(_("General question %(number)s") % {"number": number}, codes))
    meeting = questionnaire.meeting
    if own:
        warnings += own
        links.append(
            (reverse("questionnaires:edit", args=[meeting.body.code, meeting.number]), _("Complete the questionnaire"))
        )
    source = questionnaire.source_meeting
    recommendations = list(
        source.recommendations.filter(questions__questionnaire=questionnaire).order_by("number").distinct()
    )
    lacking = missing_texts(recommendations, ["text"], languages)
    for recommendation, _field, codes in lacking:
        warnings.append(_missing(_("Recommendation %(number)s") % {"number": recommendation.number}, codes))
    if lacking:
        links.append(
            (
                reverse("questionnaires:recommendations", args=[source.body.code, source.number]),
                _("Complete the recommendations"),
            )
        )
    return warnings, links


def _with_warnings(confirmation, warnings, links):
    confirmation.warnings += warnings
    if links:
        confirmation.fix_url, confirmation.fix_label = links[0]
        confirmation.links += links[1:]
    return confirmation


def _dashboard(questionnaire):
    meeting = questionnaire.meeting
    return reverse("questionnaires:dashboard", args=[meeting.body.code, meeting.number])


def status_change(questionnaire, *, status):
    """The confirmation of opening, closing or returning `questionnaire` to draft."""
    states = questionnaire.meeting.participating_states.count()
    cancel = _dashboard(questionnaire)
    if status == Questionnaire.Status.OPEN:
        consequences = [
            ngettext(
                "The focal points of the %(count)s participating State will be able to write and submit its "
                "response until %(date)s.",
                "The focal points of the %(count)s participating States will be able to write and submit their "
                "responses until %(date)s.",
                states,
            )
            % {"count": states, "date": long_date(questionnaire.deadline, get_language())},
            _("No message is sent yet: send the invitations from the questionnaire's page once it is open."),
        ]
        confirmation = Confirmation(
            title=_("Open the questionnaire for responses?"),
            consequences=consequences,
            button=_("Open for responses"),
            cancel_url=cancel,
            fields={"status": status},
        )
        return _with_warnings(confirmation, *missing_text_warnings(questionnaire))
    answered = questionnaire.responses.filter(status__in=[Response.Status.SUBMITTED, Response.Status.POSTED]).count()
    waiting = max(states - answered, 0)
    if status == Questionnaire.Status.CLOSED:
        return Confirmation(
            title=_("Close the questionnaire?"),
            consequences=[
                ngettext(
                    "%(count)s State has not submitted a response: it will no longer be able to.",
                    "%(count)s States have not submitted a response: they will no longer be able to.",
                    waiting,
                )
                % {"count": waiting},
                _("The responses submitted are kept and can still be posted on the secure page."),
            ],
            button=_("Close the questionnaire"),
            cancel_url=cancel,
            fields={"status": status},
        )
    return Confirmation(
        title=_("Return the questionnaire to draft?"),
        consequences=[_("The focal points can no longer respond until it is opened again.")],
        button=_("Return to draft"),
        cancel_url=cancel,
        fields={"status": status},
    )


def send_messages(questionnaire, *, kind):
    """The confirmation of sending the invitations or the reminders: the States that will receive them, and the
    participating States that have no focal point to write to (with the way to invite one)."""
    users = list(runs.waiting_recipients(questionnaire, kind=kind))
    states = sorted({user.member_state.name for user in users}, key=collation_key)
    reached = User.objects.filter(is_active=True, role=User.Role.FOCAL_POINT).exclude(email="")
    unreachable = sorted(
        (
            state.name
            for state in questionnaire.meeting.participating_states.exclude(pk__in=reached.values("member_state"))
        ),
        key=collation_key,
    )
    count = len(states)
    if kind == MessageRun.Kind.REMINDER:
        title = ngettext("Send a reminder to %(count)s State?", "Send reminders to %(count)s States?", count) % {
            "count": count
        }
        button = _("Send the reminders")
    else:
        title = ngettext(
            "Send the invitation to %(count)s State?", "Send the invitations to %(count)s States?", count
        ) % {"count": count}
        button = _("Send the invitations")
    consequences = [
        ngettext(
            "%(count)s message will be queued, one per focal point, each in its recipient's language.",
            "%(count)s messages will be queued, one per focal point, each in its recipient's language.",
            len(users),
        )
        % {"count": len(users)}
    ]
    if kind == MessageRun.Kind.INVITATION:
        consequences.append(_("Each invitation carries the blank questionnaire in its recipient's language."))
    confirmation = Confirmation(
        title=title,
        consequences=consequences,
        items=states,
        items_label=ngettext(
            "The %(count)s State that will receive it", "The %(count)s States that will receive it", count
        )
        % {"count": count},
        button=button,
        cancel_url=_dashboard(questionnaire),
    )
    links = []
    if unreachable:
        confirmation.warnings.append(
            ngettext(
                "%(count)s participating State has no focal point and will receive nothing: %(states)s.",
                "%(count)s participating States have no focal point and will receive nothing: %(states)s.",
                len(unreachable),
            )
            % {"count": len(unreachable), "states": ", ".join(unreachable)}
        )
        links.append((reverse("invite_focal_point"), _("Invite a focal point")))
    warnings, text_links = missing_text_warnings(questionnaire, with_meeting=True)
    return _with_warnings(confirmation, warnings, links + text_links)


def post_all(questionnaire):
    """The confirmation of posting every submitted response."""
    submitted = sorted(
        questionnaire.responses.filter(status=Response.Status.SUBMITTED).select_related("member_state"),
        key=lambda response: collation_key(response.member_state.name),
    )
    count = len(submitted)
    return Confirmation(
        title=ngettext(
            "Post %(count)s submitted response on the secure page?",
            "Post %(count)s submitted responses on the secure page?",
            count,
        )
        % {"count": count},
        consequences=[
            _("The participants of the meeting will read them on its secure page."),
            _("A posted response leaves the secure page only if it is reopened, with a reason."),
        ],
        items=[response.member_state.name for response in submitted],
        items_label=ngettext("The response of %(count)s State", "The responses of %(count)s States", count)
        % {"count": count},
        button=_("Post the responses"),
        cancel_url=_dashboard(questionnaire),
    )


def post_one(response):
    return Confirmation(
        title=_("Post the response of %(state)s on the secure page?") % {"state": response.member_state.name},
        consequences=[
            _("The participants of the meeting will read it on its secure page."),
            _("A posted response leaves the secure page only if it is reopened, with a reason."),
        ],
        button=_("Post the response"),
        cancel_url=reverse("questionnaires:response", args=[response.pk]),
    )


def reopen(response, *, form):
    state = response.member_state.name
    consequences = [
        _("The focal points of %(state)s can change it again, and must submit it again.") % {"state": state}
    ]
    if response.status == Response.Status.POSTED:
        consequences.append(_("It leaves the secure page until it is posted again."))
    return Confirmation(
        title=_("Reopen the response of %(state)s?") % {"state": state},
        consequences=consequences,
        button=_("Reopen for changes"),
        cancel_url=reverse("questionnaires:response", args=[response.pk]),
        form=form,
        danger=True,
    )
