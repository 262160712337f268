"""Earlier audit events: their actions renamed to the dotted names, and linked to their objects where the
details (or the stored name) say which object it was."""

import re

from django.db import migrations

RENAMED = {
    "login": "user.login",
    "logout": "user.logout",
    "user_invited": "user.invited",
    "permissions": "user.permissions_changed",
    "response_submitted": "response.submitted",
    "response_reopened": "response.reopened",
    "response_posted": "response.posted",
    "document_issued": "document.issued",
    "messages_sent": "messages.sent",
    "questionnaire": "questionnaire.status_changed",
    "agenda": "agenda.status_changed",
}

MEETING_TARGET = re.compile(r"^(?:Questionnaire|Agenda), (?P<body>\S+) (?P<number>\d+)$")


def _action(event):
    details = event.details if isinstance(event.details, dict) else {}
    if event.action == "login_failed":
        return "user.second_factor_failed" if details.get("step") else "user.login_failed"
    if event.action == "two_factor":
        return "user.two_factor_set" if details.get("change") == "totp" else "user.recovery_codes_renewed"
    if event.action == "document_changed":
        return "document.file_attached" if "language" in details else "document.regenerated"
    if event.action == "offer":
        return "offer.recorded" if details.get("change") == "recorded" else "offer.status_changed"
    return RENAMED.get(event.action, event.action)


def _details(event, action):
    """The details as the services now write them: ids that became the link, and notes that became the action,
    left out."""
    details = dict(event.details) if isinstance(event.details, dict) else {}
    for key in ("response", "offer", "run", "step", "change"):
        details.pop(key, None)
    if "document" in details:
        details["symbol"] = details.pop("document")
    return details


def _object(apps, event, action):
    """(model, pk) of the event's object, or None when nothing says which it was."""
    details = event.details if isinstance(event.details, dict) else {}
    subject = action.split(".")[0]
    if subject == "user":
        user = apps.get_model("accounts", "User").objects.filter(username=event.target).first()
        return user and ("accounts", "user", user.pk)
    if subject == "response" and details.get("response"):
        return ("questionnaires", "response", details["response"])
    if subject == "offer" and details.get("offer"):
        return ("agendas", "hostoffer", details["offer"])
    if subject == "messages" and details.get("run"):
        return ("questionnaires", "messagerun", details["run"])
    if subject == "document" and event.target:
        document = apps.get_model("meetings", "Document").objects.filter(symbol=event.target).first()
        return document and ("meetings", "document", document.pk)
    match = MEETING_TARGET.match(event.target or "")
    if subject in ("questionnaire", "agenda") and match:
        model = apps.get_model(*(("questionnaires", "Questionnaire") if subject == "questionnaire" else ("agendas", "Agenda")))
        found = model.objects.filter(
            meeting__body__code__iexact=match["body"], meeting__number=int(match["number"])
        ).first()
        return found and (model._meta.app_label, model._meta.model_name, found.pk)
    return None


def forwards(apps, schema_editor):
    AuditEvent = apps.get_model("accounts", "AuditEvent")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for event in AuditEvent.objects.filter(content_type__isnull=True).exclude(action__contains="."):
        action = _action(event)
        linked = _object(apps, event, action)
        event.details = _details(event, action)
        event.action = action
        fields = ["action", "details"]
        if linked:
            app_label, model, pk = linked
            event.content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
            event.object_id = pk
            fields += ["content_type", "object_id"]
        event.save(update_fields=fields)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_audit_object"),
        ("agendas", "0004_offers_topics_organization_note"),
        ("meetings", "0003_print_jobs"),
        ("questionnaires", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
