"""Accounts: invitations of focal points, the second factor."""

from django.conf import settings
from django.db import transaction

from . import notices
from .audit import log_action
from .mail import queue_email

# Focal points invited by a one-time link ---------------------------------------------------------------------


def invite_focal_point(*, by, base_url, request=None, **person):
    """Create the account of a focal point, with no password, and email them a one-time link to choose one.

    `person`: username, email, member_state, preferred_language and optionally first_name, last_name, title.
    Side effects: those of invite().
    """
    from .models import User

    return invite(
        role=User.Role.FOCAL_POINT,
        templates="accounts/email/invitation",
        action="user.invited",
        by=by,
        base_url=base_url,
        request=request,
        **person,
    )


def invite(
    *,
    role,
    templates,
    action,
    username,
    email,
    member_state,
    preferred_language,
    first_name="",
    last_name="",
    title="",
    by,
    base_url,
    request=None,
):
    """Create the account of a person of `member_state` in `role`, with no password, and email them a one-time
    link to choose one; `templates` is the prefix of the message's `_subject.txt` and `_body.txt`, `action` what
    the audit trail records.

    The link is Django's password-reset link: it works once (choosing a password invalidates it) and expires
    after PASSWORD_RESET_TIMEOUT. The message greets them by title and name, in their preferred language, and
    names who invited them. Side effects: creates the user, queues the email, records the invitation.
    """
    from django.template.loader import render_to_string
    from django.utils import translation

    from .models import User
    from .salutation import greeting

    with transaction.atomic():
        user = User(
            username=username,
            email=email,
            member_state=member_state,
            preferred_language=preferred_language,
            first_name=first_name,
            last_name=last_name,
            title=title,
            role=role,
        )
        user.set_unusable_password()
        user.full_clean()
        user.save()
        link = set_password_link(user, base_url=base_url)
        with translation.override(preferred_language):
            context = {
                "user": user,
                "greeting": greeting(user),
                "by": (by.get_full_name() or by.get_username()) if by is not None else "",
                "link": link,
                "state": member_state.name,
                "days": settings.PASSWORD_RESET_TIMEOUT // 86400,
            }
            subject = render_to_string(f"{templates}_subject.txt", context).strip()
            body = render_to_string(f"{templates}_body.txt", context)
        queue_email(to=email, subject=subject, body=body, language=preferred_language, recipient=user)
        log_action(user, action, by=by, request=request, data={"member_state": member_state.code})
    return user


def set_password_link(user, *, base_url):
    """The one-time link at which an invited person chooses their password (Django's password-reset link)."""
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    return base_url + reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


# Second factor ---------------------------------------------------------------------------------------------------

RECOVERY_CODES = 10


def totp_device_for_setup(user):
    """The user's TOTP device waiting for confirmation (created on first use)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def confirm_totp(user, *, device, token, by, request=None):
    """Confirm the device with a code it shows; replace any earlier one; make new recovery codes.

    Side effects: deletes the earlier device, saves this one, replaces the recovery codes, records the change,
    emails the user a notice of it. Returns the recovery codes (shown once), or None when the code is wrong.
    """
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not device.verify_token(token):
        return None
    with transaction.atomic():
        replaced, _deleted = TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _replace_recovery_codes(user)
        log_action(user, "user.two_factor_set", by=by, request=request)
        notices.notify_sign_in_change(
            user, "second_factor_replaced" if replaced else "second_factor_added", request=request
        )
    return codes


def new_recovery_codes(user, *, by, request=None):
    """Replace the user's recovery codes by new ones, each usable once. Returns them (stored hashed-free by
    django-otp's static device; shown to the user once).

    Side effects: replaces the codes; records the change; emails the user a notice of it.
    """
    with transaction.atomic():
        codes = _replace_recovery_codes(user)
        log_action(user, "user.recovery_codes_renewed", by=by, request=request)
        notices.notify_sign_in_change(user, "recovery_codes_renewed", request=request)
    return codes


# Passwords -------------------------------------------------------------------------------------------------------

PASSWORD_CHANGES = {
    "changed": "password_changed",
    "reset": "password_reset",
    "set_by_admin": "password_set_by_admin",
    "turned_off_by_admin": "password_turned_off_by_admin",
}


def record_password_change(user, *, how, by, request=None):
    """After `user`'s new password was saved (by Django's forms): `how` is "changed" (by them, giving the old
    one), "reset" (by an emailed link), "set_by_admin", or "turned_off_by_admin" (Django's admin made the password
    unusable: password sign-in off for this account).

    Side effects: records the change; emails the user a notice of it.
    """
    with transaction.atomic():
        log_action(user, "user.password_changed", by=by, request=request, data={"how": how})
        notices.notify_sign_in_change(user, PASSWORD_CHANGES[how], request=request)


def remove_second_factor(device, *, by, request=None):
    """Delete a user's authenticator app or recovery codes (django-otp's device), e.g. from the admin for a person
    who lost their phone.

    Side effects: deletes the device; records the change; emails its owner a notice of it.
    """
    from django_otp.plugins.otp_static.models import StaticDevice

    user = device.user
    recovery_codes = isinstance(device, StaticDevice)
    with transaction.atomic():
        device.delete()
        log_action(user, "user.second_factor_removed", by=by, request=request, data={"recovery_codes": recovery_codes})
        notices.notify_sign_in_change(
            user, "recovery_codes_removed" if recovery_codes else "second_factor_removed", request=request
        )


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
