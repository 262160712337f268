"""What happened: one entry point, `log_action`, called by the service that makes each change.

Every entry names its action with a dotted name of ACTIONS (`response.submitted`), links to its object by a
generic relation (content type and id), keeps the object's name for when the object is gone, and its details as
plain data (codes, numbers, names of fields), which `describe` turns into lines in the reader's language.
"""

from axes.helpers import get_client_ip_address
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from meetings import wording

from .models import AuditEvent

ACTIONS = {
    # People and their access
    "user.login": _("Signed in"),
    "user.login_failed": _("Failed sign-in"),
    "user.second_factor_failed": _("Wrong second-factor code"),
    "user.password_changed": _("Password changed"),
    "user.reauthenticated": _("Identity confirmed before a sensitive change"),
    "user.reauth_failed": _("Failed confirmation of identity before a sensitive change"),
    "user.logout": _("Signed out"),
    "user.two_factor_set": _("Authenticator app set up"),
    "user.recovery_codes_renewed": _("New recovery codes"),
    "user.passkey_added": _("Passkey added"),
    "user.passkey_renamed": _("Passkey renamed"),
    "user.passkey_removed": _("Passkey removed"),
    "user.passkey_used": _("Second factor given with a passkey"),
    "user.second_factor_removed": _("Second factor removed"),
    "user.invited": _("Focal point invited"),
    "user.contributor_invited": _("Contributor invited"),
    "user.contributor_deactivated": _("Contributor's access ended"),
    "user.permissions_changed": _("Role or permissions changed"),
    "user.unlock_requested": _("Link to unlock sign-in asked for"),
    "user.unlocked": _("Sign-in unlocked by an emailed link"),
    # Meetings and documents
    "body.created": _("Body created"),
    "body.changed": _("Body changed"),
    "body.member_states_changed": _("Member States of a body changed"),
    "meeting.created": _("Meeting created"),
    "meeting.changed": _("Meeting changed"),
    "meeting.opened_next": _("Next meeting opened"),
    "meeting.agenda_symbol_reserved": _("Symbol of the provisional agenda reserved"),
    "document.registered": _("Document registered under its symbol"),
    "document.issued": _("Document issued"),
    "document.reissued": _("Document reissued for technical reasons"),
    "document.reissued_version": _("Language version reissued"),
    "document.revision_created": _("Revision drafted"),
    "document.corrigendum_created": _("Corrigendum drafted"),
    "document.addendum_created": _("Addendum drafted"),
    "document.changed": _("Document changed"),
    "document.regenerated": _("Document generated again"),
    "document.file_attached": _("File of a language version stored"),
    # Agendas
    "agenda.generated": _("Draft agenda generated"),
    "agenda.item_added": _("Agenda item added"),
    "agenda.item_changed": _("Agenda item changed"),
    "agenda.item_moved": _("Agenda item moved"),
    "agenda.item_deleted": _("Agenda item deleted"),
    "agenda.status_changed": _("Agenda status changed"),
    # Recommendations and the questionnaire
    "recommendation.added": _("Recommendation added"),
    "recommendation.changed": _("Recommendation changed"),
    "recommendation.deleted": _("Recommendation deleted"),
    "recommendation.linked": _("Recommendation linked to the one of an earlier meeting that it continues"),
    "recommendations.imported": _("Recommendations added in bulk"),
    "questionnaire.generated": _("Questionnaire generated"),
    "questionnaire.changed": _("Questionnaire changed"),
    "questionnaire.status_changed": _("Questionnaire status changed"),
    "messages.queued": _("Invitations or reminders queued"),
    "messages.sent": _("Invitations or reminders sent"),
    # Responses
    "response.started": _("Response started"),
    "response.saved": _("Draft response saved"),
    "response.answers_confirmed": _("Answers carried forward from the previous cycle confirmed"),
    "response.file_attached": _("File attached to a response"),
    "response.file_removed": _("File removed from a response"),
    "upload.virus_found": _("Upload refused: the virus scanner found a virus"),
    "response.block_assigned": _("Block of a response given to a contributor"),
    "response.block_ready": _("Block of a response marked ready by its contributor"),
    "response.submitted": _("Response submitted"),
    "response.reopened": _("Response reopened"),
    "response.posted": _("Response posted"),
    "response.sent_back": _("Response sent back with comments"),
    "response.replied": _("Replies to the comments of the secretariat saved"),
    # Host-country offers, topics and the consultation
    "offer.recorded": _("Host-country offer recorded"),
    "offer.changed": _("Host-country offer changed"),
    "offer.status_changed": _("Host-country offer answered or withdrawn"),
    "offer.host_chosen_told": _("Offerer told of the host chosen"),
    "topic.proposed": _("Working-group topic proposed"),
    "topic.added": _("Working-group topic added with recommendations"),
    "topic.changed": _("Working-group topic changed"),
    "topics.selected": _("Working-group topics selected"),
    "consultation.opened": _("Consultation opened or extended"),
    "consultation.voice_given": _("Voice of a State given"),
    "consultation.closed": _("Consultation closed before its closing date"),
}

# Details that are not fields of the event's object (those are named by the field's own verbose name).
DETAIL_LABELS = {
    "after": _("After"),
    "before": _("Before"),
    "added": _("New user"),
    "confirmed_with": _("Confirmed with"),
    "carried": _("Answers carried forward from the previous cycle (recommendations)"),
    "confirmed": _("Answers carried forward confirmed (recommendations)"),
    "count": _("Number"),
    "direction": _("Direction"),
    "email": _("Email address"),
    "failed": _("Failed"),
    "fields": _("Changed"),
    "file": _("File"),
    "filled": _("Texts filled in"),
    "from_meeting": _("Opened from"),
    "generated": _("Printed by the portal"),
    "host": _("Host chosen"),
    "how": _("How"),
    "item": _("Item"),
    "language": _("Language"),
    "linked": _("Linked to the recommendation they continue"),
    "meeting": _("Meeting"),
    "member_state": _("Member State"),
    "method": _("Signed in with"),
    "numbers": _("Recommendations"),
    "of": _("Of the document"),
    "passkey": _("Passkey"),
    "planned": _("Closing date planned"),
    "position": _("Position"),
    "posted_responses": _("Responses posted"),
    "previous_continuation": _("How it continued before"),
    "previous_continues": _("Continued before"),
    "previous_status": _("Previous status"),
    "provider_second_factor": _("Second factor given at the identity provider"),
    "reason": _("Reason"),
    "recovery_codes": _("Recovery codes"),
    "refusal": _("Refused because"),
    "removed_questions": _("General questions removed"),
    "replaced": _("Replaced an earlier file"),
    "replaced_texts": _("Texts replaced"),
    "retry": _("Retry of the failed messages"),
    "run": _("Run"),
    "sent": _("Sent"),
    "sha256": _("SHA-256 of the file"),
    "signature": _("Virus found"),
    "source": _("Source"),
    "states_added": _("States added"),
    "states_removed": _("States removed"),
    "status": _("Status"),
    "symbol": _("Symbol"),
    "title": _("Title"),
    "topics": _("Topics"),
    "username": _("User name"),
    "version": _("Version"),
}

# Details shown first, in this order; the others follow in alphabetical order of their keys.
_LEADING = ("item", "username", "member_state", "before", "after", "previous_status", "status")

VALUE_LABELS = {
    "method": {"password": _("the portal's password"), "oidc": _("the organization's identity provider")},
    "how": {
        "changed": _("by its owner, with the earlier password"),
        "reset": _("with a link sent by email"),
        "set_by_admin": _("by an administrator"),
    },
    "confirmed_with": {"password": _("the portal's password"), "totp": _("a code of the authenticator app")},
    "refusal": {
        "no_email": _("the identity provider gave no email address"),
        "unverified": _("the identity provider did not confirm the email address"),
        "unknown": _("no account has this email address"),
        "inactive": _("the account is closed"),
        "several": _("several accounts have this email address"),
        "failed": _("the sign-in at the identity provider did not succeed"),
        "password_off": _("this account does not sign in with a password"),
        "passkey_unknown": _("the passkey is not one of this account's"),
        "passkey_no_challenge": _("the passkey answered no challenge of this session"),
        "passkey_invalid": _("the passkey's answer did not verify"),
    },
    "direction": {"up": _("up"), "down": _("down")},
    "source": {"text": _("pasted text"), "csv": _("CSV file")},
    "language": dict(settings.LANGUAGES),
}

# Objects whose own name does not say which meeting (or body) they belong to.
_CONTEXT = {
    "questionnaires.response": lambda obj: obj.questionnaire.meeting,
    "questionnaires.recommendation": lambda obj: obj.meeting,
    "questionnaires.messagerun": lambda obj: obj.questionnaire.meeting,
    "agendas.topic": lambda obj: obj.meeting,
    "agendas.hostoffer": lambda obj: obj.body,
}


def object_label(obj):
    """The name the trail keeps for `obj`, in the portal's default language: 'Response of Ecuador, HONLAC 32'."""
    with translation.override(settings.LANGUAGE_CODE):
        label = str(obj)
        context = _CONTEXT.get(obj._meta.label_lower)
        if context is not None:
            owner = context(obj)
            number = getattr(owner, "number", None)
            code = owner.body.display_code if number is not None else owner.display_code
            label = f"{label}, {code} {number}" if number is not None else f"{label}, {code}"
    return label[:300]


def log_action(obj, action, *, by, data=None, request=None, label=None):
    """Add `action` on `obj` to the audit trail, in the caller's transaction (rolled back with the action).

    `by` is the user who acted, or None for the system (the demo, a command, the worker). `data` holds plain
    details: codes (a status), numbers, names of the object's fields; `label` names an object that is None
    (e.g. the user name of a failed sign-in). Raises ValueError for an action or a detail without a label,
    so that every entry can be read in every language.
    """
    if action not in ACTIONS:
        raise ValueError(f"Unknown audit action {action!r}: add it to accounts.audit.ACTIONS.")
    data = dict(data or {})
    model = type(obj) if obj is not None else None
    unnamed = [key for key in data if key not in DETAIL_LABELS and _field(model, key) is None]
    if unnamed:
        raise ValueError(f"Audit details without a label: {unnamed}; add them to accounts.audit.DETAIL_LABELS.")
    if by is not None and not getattr(by, "is_authenticated", False):
        by = None
    return AuditEvent.objects.create(
        action=action,
        actor=by,
        actor_name=by.get_username() if by is not None else "",
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=obj.pk if obj is not None else None,
        target=label if label is not None else object_label(obj) if obj is not None else "",
        details=data,
        ip_address=get_client_ip_address(request) if request is not None else None,
    )


def changed_fields(obj, *, qualified=False):
    """Names of the concrete fields of `obj` (changed in memory, not saved yet) that differ from its row;
    `qualified` names them 'app_label.model.field', for the details of an event on another object."""
    stored = type(obj)._base_manager.filter(pk=obj.pk).first()
    if stored is None:
        return []
    prefix = f"{obj._meta.label_lower}." if qualified else ""
    names = {field.name for field in obj._meta.concrete_fields}
    return [
        prefix + field.name
        for field in obj._meta.concrete_fields
        if not field.primary_key
        # A translated field (django-modeltranslation) is named by its language versions ('title_fr').
        and f"{field.name}_{settings.LANGUAGE_CODE}" not in names
        and field.value_from_object(obj) != field.value_from_object(stored)
    ]


def history_url(obj):
    """The audit trail narrowed to `obj`."""
    query = urlencode({"type": obj._meta.label_lower, "object": obj.pk})
    return f"{reverse('audit_trail')}?{query}"


# Reading ------------------------------------------------------------------------------------------------------


def action_label(action):
    return ACTIONS.get(action, action)


def _field(model, name):
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    # Only the model's own fields: a reverse relation (another model's key to this one) has no verbose name.
    return None if field.auto_created and not field.concrete else field


def _value(model, key, value):
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, dict):
        return "; ".join(
            gettext("%(label)s: %(value)s") % {"label": label, "value": text} for label, text in describe(value, model)
        )
    if key == "fields":
        return ", ".join(str(_field_name(model, name)) for name in value)
    if isinstance(value, list | tuple):
        return ", ".join(_value(model, key, item) for item in value)
    field = _field(model, key.removeprefix("previous_"))
    if isinstance(field, models.DateTimeField) and isinstance(value, str) and parse_datetime(value):
        moment = parse_datetime(value)
        moment = timezone.make_aware(moment) if timezone.is_naive(moment) else moment
        return wording.long_datetime(moment, translation.get_language() or "en")
    if isinstance(field, models.DateField) and isinstance(value, str) and parse_date(value):
        return wording.long_date(parse_date(value), translation.get_language() or "en")
    choices = dict(field.flatchoices) if field is not None and field.choices else VALUE_LABELS.get(key, {})
    return str(choices.get(value, value))


def _field_name(model, name):
    """The verbose name of a field of `model`, or of another model's field named 'app_label.model.field'."""
    if name.count(".") == 2:
        app_label, model_name, name = name.split(".")
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            return name
    field = _field(model, name)
    return capfirst(field.verbose_name) if field is not None else name


def _label(model, key):
    if key in DETAIL_LABELS and (key.startswith("previous_") or _field(model, key) is None):
        return DETAIL_LABELS[key]
    field = _field(model, key)
    if field is not None:
        return capfirst(field.verbose_name)
    return DETAIL_LABELS.get(key, key)


def describe(details, model=None):
    """(label, text) lines for the details of an event on an object of `model`, in the active language."""
    if not isinstance(details, dict):
        return [("", _value(model, "", details))]
    # In a fixed order: PostgreSQL's jsonb keeps the keys in an order of its own.
    keys = sorted(details, key=lambda key: (_LEADING.index(key) if key in _LEADING else len(_LEADING), key))
    return [(str(_label(model, key)), _value(model, key, details[key])) for key in keys]
