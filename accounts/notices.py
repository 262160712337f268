"""Notices by email of a change to how a person signs in: their password (changed, reset, or set by an
administrator), their authenticator app (set up, replacing an earlier one, or removed), their recovery codes
(new ones, or removed), their passkeys (added or removed). Each says
what changed and when, in the person's language, and what to do if it was not them; it is queued in the outbox
by the service that made the change, and sent once its transaction commits."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from meetings.wording import long_datetime

from .mail import queue_email
from .salutation import greeting

CHANGES = {
    "password_changed": _("The password of your account was changed."),
    "password_reset": _("The password of your account was reset, with a link sent to this address."),
    "password_set_by_admin": _("An administrator changed the password of your account."),
    "password_turned_off_by_admin": _(
        "An administrator turned off signing in with a password for your account: your password no longer works."
    ),
    "second_factor_added": _(
        "An authenticator app was set up as the second factor of your account, with new recovery codes."
    ),
    "second_factor_replaced": _(
        "An authenticator app was set up as the second factor of your account, with new recovery codes; the "
        "earlier app and codes no longer work."
    ),
    "recovery_codes_renewed": _("New recovery codes were made for your account; the earlier ones no longer work."),
    "second_factor_removed": _("The authenticator app of your account was removed: its codes no longer work."),
    "recovery_codes_removed": _("The recovery codes of your account were removed: they no longer work."),
    "passkey_added": _("A passkey was added as a second factor of your account."),
    "passkey_removed": _("A passkey was removed from your account: it no longer works."),
}


def notify_sign_in_change(user, change, *, request=None):
    """Email `user` that `change` (a key of CHANGES) was made to their sign-in just now.

    Side effects: queues the message in the outbox (sent after the transaction commits). Returns its row, or None
    for an account without an email address."""
    if not user.email:
        return None
    language = user.preferred_language
    moment = timezone.localtime(timezone.now())
    reset_path = reverse("password_reset")
    with translation.override(language):
        context = {
            "greeting": greeting(user),
            "change": CHANGES[change],
            "username": user.get_username(),
            "when": f"{long_datetime(moment, language)} ({moment.tzname()})",
            "reset_link": request.build_absolute_uri(reset_path) if request is not None else reset_path,
        }
        subject = render_to_string("accounts/email/sign_in_change_subject.txt", context).strip()
        body = render_to_string("accounts/email/sign_in_change_body.txt", context)
    return queue_email(to=user.email, subject=subject, body=body, language=language, recipient=user)
