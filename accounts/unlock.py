"""Unlocking a locked sign-in through an emailed one-time link.

The link carries a signed value (Django's signing, with a timestamp): the account and the last time it was
unlocked this way (the audit event's number). Unlocking records a new event, so a link works once; it expires
after HONLAC_UNLOCK_LINK_SECONDS. Asking for a link answers the same whether an account has the address or not.
"""

from datetime import timedelta

from axes.helpers import get_client_ip_address
from axes.utils import reset
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from .audit import log_action
from .mail import queue_email
from .models import AuditEvent, User
from .salutation import greeting

SALT = "accounts.unlock"
# Requests for a link, in the last hour, beyond which no more are sent: from one address, for one account.
REQUESTS_PER_ADDRESS = 5
LINKS_PER_ACCOUNT = 3


def duration_text(seconds):
    """A duration in words in the active language: "30 minutes", "1 hour", "90 minutes", "2 hours"."""
    minutes = max(1, round(seconds / 60))
    if minutes % 60 == 0:
        hours = minutes // 60
        return ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours}
    return ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes}


def lock_duration_text():
    return duration_text(settings.AXES_COOLOFF_TIME * 60 * 60)


def link_duration_text():
    return duration_text(settings.HONLAC_UNLOCK_LINK_SECONDS)


def _events(action, **filters):
    since = timezone.now() - timedelta(hours=1)
    return AuditEvent.objects.filter(action=action, at__gte=since, **filters)


def _last_unlock(user):
    """The number of the latest unlocking of `user` (0 if none): part of the link, so that a link works once."""
    event = (
        AuditEvent.objects.filter(
            action="user.unlocked", content_type=ContentType.objects.get_for_model(User), object_id=user.pk
        )
        .order_by("-pk")
        .first()
    )
    return event.pk if event is not None else 0


def make_unlock_token(user):
    return signing.dumps({"user": user.pk, "after": _last_unlock(user)}, salt=SALT)


def user_for_token(token):
    """The active user whose valid, unused, unexpired link `token` is; None for any other."""
    try:
        value = signing.loads(token, salt=SALT, max_age=settings.HONLAC_UNLOCK_LINK_SECONDS)
    except signing.BadSignature:
        return None
    if not isinstance(value, dict):
        return None
    user = User.objects.filter(pk=value.get("user"), is_active=True).first()
    if user is None or value.get("after") != _last_unlock(user):
        return None
    return user


def request_unlock_link(email, *, request, base_url):
    """Email a link to unlock to each active account with `email`.

    Returns False, and sends nothing, when this address asked REQUESTS_PER_ADDRESS times in the last hour.
    An account gets at most LINKS_PER_ACCOUNT links an hour; beyond, the request is recorded and nothing sent,
    with the same answer. Side effects: records the request (on the account, when there is one); queues the
    messages, each in the person's preferred language.
    """
    address = get_client_ip_address(request)
    if _events("user.unlock_requested", ip_address=address).count() >= REQUESTS_PER_ADDRESS:
        return False
    email = email.strip()[:254]
    users = list(User.objects.filter(email__iexact=email, is_active=True)) if email else []
    with transaction.atomic():
        if not users:
            log_action(None, "user.unlock_requested", by=None, request=request, label=email)
        for user in users:
            sent = _events(
                "user.unlock_requested", content_type=ContentType.objects.get_for_model(User), object_id=user.pk
            ).count()
            log_action(user, "user.unlock_requested", by=None, request=request)
            if sent < LINKS_PER_ACCOUNT:
                _queue_unlock_email(user, base_url=base_url)
    return True


def _queue_unlock_email(user, *, base_url):
    link = base_url + reverse("unlock_account", args=[make_unlock_token(user)])
    language = user.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {"greeting": greeting(user), "user": user, "link": link, "duration": link_duration_text()}
        subject = render_to_string("accounts/email/unlock_subject.txt", context).strip()
        body = render_to_string("accounts/email/unlock_body.txt", context)
    queue_email(to=user.email, subject=subject, body=body, language=language, recipient=user)


def unlock_account(token, *, request):
    """Clear every lock of the account whose link `token` is (all its failed sign-ins, from every address).

    Returns the user, or None for a link that is forged, expired or used (then nothing changes).
    Side effects: deletes the account's django-axes attempts; records the unlocking, which uses up the link.
    """
    with transaction.atomic():
        user = user_for_token(token)
        if user is None:
            return None
        # The same link used twice at once: the second waits for the first here, then finds it used.
        User.objects.select_for_update().filter(pk=user.pk).first()
        if user_for_token(token) is None:
            return None
        reset(username=user.get_username())
        log_action(user, "user.unlocked", by=None, request=request)
    return user
