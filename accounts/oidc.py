"""Sign-in through the organization's identity provider (OpenID Connect, with mozilla-django-oidc).

The provider says who the person is; the portal maps them to an account it already has, by an email address the
provider vouches for, case aside. A sign-in never creates an account. A refusal is told on the sign-in page and
recorded in the audit trail (accounts/signals.py reads `request.oidc_refusal`, set here).
"""

import logging
from urllib.parse import urlsplit

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.backends import ModelBackend
from django.core import checks
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from .audit import log_action
from .backends import ModelPermissionsMixin
from .middleware import AUTH_METHOD_KEY, PROVIDER_SECOND_FACTOR_KEY
from .models import User

logger = logging.getLogger(__name__)

BACKEND = "accounts.oidc.OIDCBackend"
# Values of the ID token's "amr" claim (RFC 8176) that say the provider asked for more than one factor.
MULTI_FACTOR_AMR = {"mfa", "mca"}
SECOND_FACTOR_CHOICES = ("portal", "amr", "provider")

REFUSALS = {
    "no_email": gettext_lazy(
        "Your organization's sign-in did not give your email address, so the portal cannot find your account."
    ),
    "unverified": gettext_lazy(
        "Your organization's sign-in did not confirm that %(email)s is your address, so the portal cannot sign you "
        "in with it."
    ),
    "unknown": gettext_lazy(
        "No account of the portal has the address %(email)s. Accounts are opened by the secretariat: write to it "
        "if you need one."
    ),
    "inactive": gettext_lazy("The account with the address %(email)s is closed. Write to the secretariat."),
    "several": gettext_lazy(
        "Several accounts of the portal have the address %(email)s, so the portal cannot tell which one is yours. "
        "Write to the secretariat."
    ),
    "failed": gettext_lazy("The sign-in through your organization did not succeed. Try again."),
}


class Refusal(Exception):
    """Why a person the provider signed in does not get into the portal (a key of REFUSALS)."""

    def __init__(self, reason, *, email="", account=None):
        super().__init__(reason)
        self.reason, self.email, self.account = reason, email, account

    def message(self):
        return REFUSALS[self.reason] % {"email": self.email}


def provider_label():
    """The provider's name on the button, as the deployment gives it ("UN Entra ID")."""
    return settings.HONLAC_OIDC_LABEL or _("your organization's account")


def button_label():
    return _("Sign in with %(provider)s") % {"provider": provider_label()}


def email_is_verified(claims, email):
    """Whether the provider vouches for `email`: its "email_verified" claim is true or, for a provider that does
    not send the claim (Microsoft Entra ID), the address is in a domain the deployment trusts it for."""
    verified = claims.get("email_verified")
    if verified is not None:
        return verified is True or str(verified).lower() == "true"
    domain = email.rpartition("@")[2].lower()
    return domain in settings.HONLAC_OIDC_TRUSTED_EMAIL_DOMAINS


def gives_second_factor(id_token_claims):
    """Whether this sign-in stands for the portal's second factor (HONLAC_OIDC_SECOND_FACTOR)."""
    mode = settings.HONLAC_OIDC_SECOND_FACTOR
    if mode == "provider":
        return True
    if mode == "amr":
        amr = id_token_claims.get("amr") or []
        return bool(set(amr if isinstance(amr, list) else [amr]) & MULTI_FACTOR_AMR)
    return False


class OIDCBackend(ModelPermissionsMixin, OIDCAuthenticationBackend):
    """Maps the provider's person to one active account by verified email; refuses everything else."""

    def authenticate(self, request, **kwargs):
        # Only the callback view passes a nonce: a sign-in with a password is not this backend's.
        if request is None or "nonce" not in kwargs or not settings.HONLAC_OIDC_ENABLED:
            return None
        try:
            return super().authenticate(request, **kwargs)
        except Refusal as refusal:
            request.oidc_refusal = refusal
        except (requests.RequestException, SuspiciousOperation, jwt.PyJWTError, KeyError, ValueError) as error:
            logger.warning("Sign-in through the identity provider failed: %s", error)
            request.oidc_refusal = Refusal("failed")
        return None

    def verify_token(self, token, **kwargs):
        """The library checks the signature and the nonce; the token must also be meant for this portal, from
        the configured issuer."""
        claims = super().verify_token(token, **kwargs)
        audience = claims.get("aud")
        if self.OIDC_RP_CLIENT_ID not in (audience if isinstance(audience, list) else [audience]):
            raise SuspiciousOperation("The ID token was issued to another client.")
        if settings.HONLAC_OIDC_ISSUER and claims.get("iss") != settings.HONLAC_OIDC_ISSUER:
            raise SuspiciousOperation("The ID token comes from another issuer.")
        return claims

    def get_or_create_user(self, access_token, id_token, payload):
        """The one active account whose email is the verified address of the person; never a new one."""
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub", payload.get("sub")) != payload.get("sub"):
            logger.warning("The identity provider's user information is of another person than its ID token.")
            raise Refusal("failed")
        claims = {**payload, **userinfo}
        email = str(claims.get("email") or "").strip()
        if not email:
            raise Refusal("no_email")
        accounts = list(User.objects.filter(email__iexact=email))
        if not email_is_verified(claims, email):
            raise Refusal("unverified", email=email, account=accounts[0] if len(accounts) == 1 else None)
        active = [account for account in accounts if account.is_active]
        if len(active) > 1:
            raise Refusal("several", email=email)
        if not active:
            raise Refusal("inactive" if accounts else "unknown", email=email, account=accounts[0] if accounts else None)
        self.request.oidc_second_factor = gives_second_factor(payload)
        return active[0]

    def create_user(self, claims):
        raise Refusal("unknown", email=str(claims.get("email") or ""))

    def get_user(self, user_id):
        # Django's: the library's would keep a closed (inactive) account signed in.
        return ModelBackend.get_user(self, user_id)


class EnabledOnly:
    def dispatch(self, request, *args, **kwargs):
        if not settings.HONLAC_OIDC_ENABLED:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class OIDCSignInView(EnabledOnly, OIDCAuthenticationRequestView):
    """The button's target: sends the browser to the provider, with a state, a nonce and a PKCE challenge kept in
    the session."""


class OIDCCallbackView(EnabledOnly, OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back: the backend exchanges the code for the tokens (over HTTP, with
    no transaction open), then the sign-in is written in one transaction."""

    def login_success(self):
        with transaction.atomic():
            response = super().login_success()
            self.request.session[PROVIDER_SECOND_FACTOR_KEY] = getattr(self.request, "oidc_second_factor", False)
            # Also when the person was signed in already (the library then keeps the session as it is).
            self.request.session[AUTH_METHOD_KEY] = "oidc"
        return response

    def login_failure(self):
        refusal = getattr(self.request, "oidc_refusal", None)
        if refusal is None:
            refusal = Refusal("failed")
            # The provider answered with an error (or the state was gone): no authentication ran, so no signal.
            if not getattr(self.request, "axes_locked_out", False):
                log_action(
                    None,
                    "user.login_failed",
                    by=None,
                    request=self.request,
                    label="",
                    data={"method": "oidc", "refusal": "failed"},
                )
        messages.error(self.request, refusal.message())
        return redirect("login")


@checks.register(checks.Tags.security)
def check_oidc_settings(app_configs, **kwargs):
    found = []
    if settings.HONLAC_OIDC_SECOND_FACTOR not in SECOND_FACTOR_CHOICES:
        found.append(
            checks.Error(
                f"HONLAC_OIDC_SECOND_FACTOR is {settings.HONLAC_OIDC_SECOND_FACTOR!r}.",
                hint="Use one of: " + ", ".join(SECOND_FACTOR_CHOICES) + ".",
                id="accounts.E001",
            )
        )
    if settings.HONLAC_OIDC_ENABLED:
        required = {
            "HONLAC_OIDC_CLIENT_ID": settings.OIDC_RP_CLIENT_ID,
            "HONLAC_OIDC_CLIENT_SECRET": settings.OIDC_RP_CLIENT_SECRET,
            "HONLAC_OIDC_AUTHORIZATION_ENDPOINT": settings.OIDC_OP_AUTHORIZATION_ENDPOINT,
            "HONLAC_OIDC_TOKEN_ENDPOINT": settings.OIDC_OP_TOKEN_ENDPOINT,
            "HONLAC_OIDC_USERINFO_ENDPOINT": settings.OIDC_OP_USER_ENDPOINT,
            "HONLAC_OIDC_JWKS_ENDPOINT": settings.OIDC_OP_JWKS_ENDPOINT,
        }
        missing = [name for name, value in required.items() if not value]
        if missing:
            found.append(
                checks.Error(
                    "HONLAC_OIDC_ENABLED is on without " + ", ".join(missing) + ".",
                    hint="See the README, Security: Sign-in through the organization's identity provider.",
                    id="accounts.E002",
                )
            )
        if not settings.HONLAC_OIDC_ISSUER:
            found.append(
                checks.Warning(
                    "HONLAC_OIDC_ISSUER is not set: the issuer of the ID tokens is not checked.",
                    id="accounts.W001",
                )
            )
        insecure = [
            url
            for url in required.values()
            if url.startswith("http://") and urlsplit(url).hostname not in ("127.0.0.1", "localhost", "::1")
        ]
        if insecure:
            found.append(checks.Error("The identity provider's endpoints must use HTTPS.", id="accounts.E003"))
    elif not (settings.HONLAC_PASSWORD_SIGNIN and settings.HONLAC_PASSWORD_SIGNIN_FOR_STAFF):
        found.append(
            checks.Error(
                "Password sign-in is off for some accounts, and HONLAC_OIDC_ENABLED is off: they cannot sign in.",
                id="accounts.E004",
            )
        )
    return found
