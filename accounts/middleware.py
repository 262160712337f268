from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django_otp import user_has_device

# Set at sign-in: whether the user has a confirmed second factor (spares a query on every request).
SECOND_FACTOR_KEY = "honlac_second_factor"
# Set at sign-in: how the person signed in, "password" or "oidc" (the organization's identity provider).
AUTH_METHOD_KEY = "auth_method"
# Set at a sign-in through the identity provider: whether its sign-in stands for the portal's second factor
# (HONLAC_OIDC_SECOND_FACTOR, accounts/oidc.py).
PROVIDER_SECOND_FACTOR_KEY = "honlac_second_factor_by_provider"
# The time (a POSIX timestamp) the person last confirmed it's them: accounts/reauth.py.
REAUTH_KEY = "honlac_reauth_at"
# Pages a signed-in user reaches before the second factor: to give it, set it up, or leave. Adding a passkey checks
# by itself that a person who has a second factor gave it first (accounts/passkeys_views.py).
OPEN_BEFORE_SECOND_FACTOR = {
    "two_factor_verify",
    "two_factor_setup",
    "logout",
    "set_language",
    "passkey_add",
    "passkey_register_begin",
    "passkey_register_complete",
    "passkey_verify_begin",
    "passkey_verify_complete",
}


class RequireSecondFactorMiddleware:
    """A user with a second factor gives it before any page; the secretariat and administrators must have one
    (unless HONLAC_REQUIRE_2FA is off). Runs after django_otp's OTPMiddleware, which sets is_verified(). A sign-in
    through the identity provider that stands for the second factor (PROVIDER_SECOND_FACTOR_KEY) needs none."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and not request.session.get(PROVIDER_SECOND_FACTOR_KEY)
            and not self._is_open(request)
        ):
            if request.session.get(SECOND_FACTOR_KEY):
                return redirect_with_next("two_factor_verify", request)
            if settings.HONLAC_REQUIRE_2FA and (user.is_superuser or user.is_secretariat):
                return redirect_with_next("two_factor_setup", request)
        return self.get_response(request)

    @staticmethod
    def _is_open(request):
        try:
            return resolve(request.path_info).url_name in OPEN_BEFORE_SECOND_FACTOR
        except Resolver404:
            return False


def second_factor_given(request):
    """Whether this session gave its second factor (or the identity provider's sign-in stands for it)."""
    return request.user.is_verified() or bool(request.session.get(PROVIDER_SECOND_FACTOR_KEY))


def must_give_second_factor_first(request):
    """Whether the person has a second factor that this session has not given: then the password alone must not
    set up another one (an app, a passkey) in its place."""
    user = request.user
    return user.is_authenticated and not second_factor_given(request) and user_has_device(user, confirmed=True)


def redirect_with_next(name, request):
    return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")


# A signed cookie naming the user signed in on this browser, which outlives the session: when the session expires,
# it proves that the text a form then sends was typed in a session that was signed in, and by whom
# (questionnaires/response_form_views.py keeps such text until that user signs in again, and no other text).
SIGNED_IN_MARKER_COOKIE = "honlac_signed_in"
SIGNED_IN_MARKER_SALT = "honlac.accounts.signed-in-marker"
SIGNED_IN_MARKER_SECONDS = 24 * 60 * 60
# A marker older than this is set again at the next signed-in request, so that it lasts as long as the person works.
SIGNED_IN_MARKER_REFRESH_SECONDS = 60 * 60


def signed_in_marker_user_id(request, *, max_age=SIGNED_IN_MARKER_SECONDS):
    """The id of the user whose valid sign-in marker the request carries, or None (none, forged or too old)."""
    value = request.COOKIES.get(SIGNED_IN_MARKER_COOKIE)
    if not value:
        return None
    try:
        return signing.loads(value, salt=SIGNED_IN_MARKER_SALT, max_age=max_age)["user"]
    except (signing.BadSignature, KeyError, TypeError):
        return None


class SignedInMarkerMiddleware:
    """Sets the sign-in marker on the responses to a signed-in user (refreshed every hour), and removes it when the
    person signs out. A sign-in or a sign-out replaces request.user, which is how this tells them from a session that
    merely expired."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user_at_start = request.user
        response = self.get_response(request)
        user = request.user
        if user.is_authenticated:
            if signed_in_marker_user_id(request, max_age=SIGNED_IN_MARKER_REFRESH_SECONDS) != user.pk:
                response.set_cookie(
                    SIGNED_IN_MARKER_COOKIE,
                    signing.dumps({"user": user.pk}, salt=SIGNED_IN_MARKER_SALT),
                    max_age=SIGNED_IN_MARKER_SECONDS,
                    secure=settings.SESSION_COOKIE_SECURE,
                    httponly=True,
                    samesite="Lax",
                )
        elif user is not user_at_start and SIGNED_IN_MARKER_COOKIE in request.COOKIES:
            response.delete_cookie(SIGNED_IN_MARKER_COOKIE, samesite="Lax")
        return response
