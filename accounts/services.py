"""Accounts: queued email, invitations of focal points, the second factor."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from .audit import log_action
from .models import OutgoingEmail

logger = logging.getLogger(__name__)


def queue_email(*, to, subject, body):
    """Queue an email; it is sent once the current transaction commits, and retried later if sending fails.

    Side effects: saves an OutgoingEmail; schedules its sending after commit.
    """
    email = OutgoingEmail.objects.create(to=to, subject=subject[:300], body=body)
    transaction.on_commit(lambda: send_queued(OutgoingEmail.objects.filter(pk=email.pk)))
    return email


def deliver(message, log):
    """Send `message` and write the outcome on `log`, a record with status, error, attempts and sent_at
    (an OutgoingEmail, or a questionnaire's Message). A transport failure is kept for the next try.

    Returns True when the message was sent.
    """
    log.attempts += 1
    try:
        message.send(fail_silently=False)
    except Exception as error:  # noqa: BLE001 - any transport failure is kept for the next try
        logger.warning("Email %s %s to %s failed: %s", type(log).__name__, log.pk, message.to, error)
        log.status, log.error = "failed", str(error)[:2000]
    else:
        log.status, log.error, log.sent_at = "sent", "", timezone.now()
    log.save(update_fields=["status", "error", "attempts", "sent_at"])
    return log.status == "sent"


def send_queued(emails=None, *, connection=None):
    """Send queued emails not sent yet (all of them by default). Returns (sent, failed)."""
    emails = OutgoingEmail.objects.all() if emails is None else emails
    sent = failed = 0
    for email in emails.exclude(status=OutgoingEmail.Status.SENT):
        message = EmailMessage(email.subject, email.body, to=[email.to], connection=connection)
        if deliver(message, email):
            sent += 1
        else:
            failed += 1
    return sent, failed


# Focal points invited by a one-time link ---------------------------------------------------------------------


def invite_focal_point(
    *, username, email, member_state, preferred_language, first_name="", last_name="", by, base_url, request=None
):
    """Create the account of a focal point, with no password, and email them a one-time link to choose one.

    The link is Django's password-reset link: it works once (choosing a password invalidates it) and expires
    after PASSWORD_RESET_TIMEOUT. Side effects: creates the user, queues the email, records the invitation.
    """
    from django.contrib.auth.tokens import default_token_generator
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils import translation
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from .models import User

    with transaction.atomic():
        user = User(
            username=username,
            email=email,
            member_state=member_state,
            preferred_language=preferred_language,
            first_name=first_name,
            last_name=last_name,
            role=User.Role.FOCAL_POINT,
        )
        user.set_unusable_password()
        user.full_clean()
        user.save()
        link = base_url + reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        with translation.override(preferred_language):
            context = {
                "user": user,
                "link": link,
                "state": member_state.name,
                "days": settings.PASSWORD_RESET_TIMEOUT // 86400,
            }
            subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
            body = render_to_string("accounts/email/invitation_body.txt", context)
        queue_email(to=email, subject=subject, body=body)
        log_action(user, "user.invited", by=by, request=request, data={"member_state": member_state.code})
    return user


# Second factor ---------------------------------------------------------------------------------------------------

RECOVERY_CODES = 10


def totp_device_for_setup(user):
    """The user's TOTP device waiting for confirmation (created on first use)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def confirm_totp(user, *, device, token, by, request=None):
    """Confirm the device with a code it shows; replace any earlier one; make new recovery codes.

    Side effects: deletes the earlier device, saves this one, replaces the recovery codes, records the change.
    Returns the recovery codes (shown once), or None when the code is wrong.
    """
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not device.verify_token(token):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _replace_recovery_codes(user)
        log_action(user, "user.two_factor_set", by=by, request=request)
    return codes


def new_recovery_codes(user, *, by, request=None):
    """Replace the user's recovery codes by new ones, each usable once. Returns them (stored hashed-free by
    django-otp's static device; shown to the user once).

    Side effects: replaces the codes; records the change.
    """
    with transaction.atomic():
        codes = _replace_recovery_codes(user)
        log_action(user, "user.recovery_codes_renewed", by=by, request=request)
    return codes


def _replace_recovery_codes(user):
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    with transaction.atomic():
        device, _created = StaticDevice.objects.get_or_create(
            user=user, name="Recovery codes", defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _index in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes
