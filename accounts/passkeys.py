"""Passkeys and hardware keys (WebAuthn) as a second factor beside the authenticator app.

django-otp-webauthn keeps each one as a django-otp device (`WebAuthnCredential`) and checks the ceremonies; the
services below name, rename and remove them and record what happens in the audit trail. The pages are in
`passkeys_views.py`, the browser's part in `static/js/passkeys.js`.
"""

from django.conf import settings
from django.db import transaction
from django.http.request import split_domain_port
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import WebAuthnCredential

from . import notices
from .audit import log_action

# The name chosen on the "Add a passkey" page, kept in the session until the browser's answer arrives.
PENDING_NAME_KEY = "honlac_passkey_name"

LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "[::1]"}

# Why a passkey was refused (the `refusal` of the audit entry), by the code of django-otp-webauthn's error.
REFUSALS = {
    "credential_not_found": "passkey_unknown",
    "credential_user_mismatch": "passkey_unknown",
    "credential_disabled": "passkey_unknown",
    "invalid_state": "passkey_no_challenge",
}


class PasskeyHelper(WebAuthnHelper):
    """The relying party of the portal: HONLAC_WEBAUTHN_RP_ID, and the origins of HONLAC_WEBAUTHN_ORIGINS. On a
    loopback host (development, the browser tests' live server on a port of its own) the request's own origin
    counts too; a browser accepts a passkey there only for the relying party id "localhost"."""

    def get_relying_party_domain(self):
        return settings.HONLAC_WEBAUTHN_RP_ID

    def get_allowed_origins(self):
        origins = list(settings.HONLAC_WEBAUTHN_ORIGINS)
        if split_domain_port(self.request.get_host())[0] in LOOPBACK_HOSTS:
            origins.append(f"{self.request.scheme}://{self.request.get_host()}")
        return origins


def passkeys_of(user):
    """The user's own passkeys: every page reaches a passkey through this, so another person's answers 404."""
    if not user.is_authenticated:
        return WebAuthnCredential.objects.none()
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at", "pk")


def second_factor_required(user):
    """Whether the portal requires a second factor of this person (accounts/middleware.py asks for one)."""
    return settings.HONLAC_REQUIRE_2FA and (user.is_superuser or user.is_secretariat)


def register_passkey(user, *, request, state, data, name, by):
    """Check the browser's answer to the registration challenge and keep the new passkey under `name`.

    Side effects: creates the passkey (and its attestation), records "Passkey added", queues the email telling its
    owner. Raises django-otp-webauthn's
    errors when the answer does not verify; nothing is kept then.
    """
    helper = WebAuthnCredential.get_webauthn_helper(request=request)
    with transaction.atomic():
        passkey = helper.register_complete(user=user, state=state, data=data)
        passkey.name = name
        passkey.save(update_fields=["name"])
        log_action(user, "user.passkey_added", by=by, request=request, data={"passkey": name})
        notices.notify_sign_in_change(user, "passkey_added", request=request)
    return passkey


def rename_passkey(passkey, *, name, by, request=None):
    """Side effects: saves the new name, records the change with both names."""
    before = passkey.name
    with transaction.atomic():
        passkey.name = name
        passkey.save(update_fields=["name"])
        log_action(passkey.user, "user.passkey_renamed", by=by, request=request, data={"before": before, "after": name})
    return passkey


def remove_passkey(passkey, *, by, request=None):
    """Side effects: deletes the passkey, records its removal (with its name, as the passkey is gone), queues the
    email telling its owner."""
    with transaction.atomic():
        log_action(passkey.user, "user.passkey_removed", by=by, request=request, data={"passkey": passkey.name})
        notices.notify_sign_in_change(passkey.user, "passkey_removed", request=request)
        passkey.delete()


def record_passkey_used(passkey, *, request):
    """Side effects: records the second factor given with this passkey (django-otp-webauthn counted the use)."""
    log_action(passkey.user, "user.passkey_used", by=passkey.user, request=request, data={"passkey": passkey.name})


def record_passkey_refused(user, *, code, request):
    """Side effects: records a passkey answer the portal refused, with the reason."""
    refusal = REFUSALS.get(code, "passkey_invalid")
    log_action(user, "user.second_factor_failed", by=user, request=request, data={"refusal": refusal})
