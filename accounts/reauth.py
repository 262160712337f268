"""Confirm it's you: the password given again (or, for an account without one, a code of the authenticator app)
before a sensitive change. A confirmation counts for HONLAC_REAUTH_SECONDS, kept in the session with its time.

Views ask for it with `ReauthRequiredMixin` (class-based views, after their sign-in and permission mixins) or
`reauth_required` (function views and the admin's views): without a fresh confirmation, GET and POST alike are
redirected to the confirmation page, /accounts/confirm/?next=..., and nothing is changed. What a POST sent is
kept in the session (up to PENDING_MAX_BYTES, without files): once the person confirms, the confirmation page
gives it back in a form that sends it again, so that nothing typed is lost to an expired confirmation.
"""

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.http import QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django_otp.plugins.otp_totp.models import TOTPDevice

from .middleware import REAUTH_KEY
from .signin import password_signin_allowed

PASSWORD = "password"  # noqa: S105 - the name of a method, not a password
PENDING_KEY = "honlac_reauth_pending"
PENDING_MAX_BYTES = 64 * 1024
# Fields whose names hold these are secrets (a new password, a code of the app): a POST with one is not kept.
SECRET_FIELDS = ("password", "token")
TOTP = "totp"


def confirmation_method(user):
    """How `user` confirms it's them: PASSWORD, TOTP (an account that does not sign in with a password, e.g.
    through the identity provider only), or None when they have neither."""
    if user.has_usable_password() and password_signin_allowed(user):
        return PASSWORD
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return TOTP
    return None


def is_confirmed(request):
    """Whether the person of `request` confirmed it's them less than HONLAC_REAUTH_SECONDS ago."""
    confirmed_at = request.session.get(REAUTH_KEY)
    if not isinstance(confirmed_at, int | float):
        return False
    age = timezone.now().timestamp() - confirmed_at
    return 0 <= age < settings.HONLAC_REAUTH_SECONDS


def mark_confirmed(request):
    request.session[REAUTH_KEY] = timezone.now().timestamp()


def confirmation_url(next_url):
    return f"{reverse('reauth_confirm')}?{urlencode({'next': next_url})}"


def needs_confirmation(request):
    return request.user.is_authenticated and not is_confirmed(request)


def ask_confirmation(request, next_url):
    """The redirect to the confirmation page; a POST's fields are kept for it to give back (keep_pending)."""
    keep_pending(request, next_url)
    return redirect(confirmation_url(next_url))


def keep_pending(request, next_url):
    """Keep what a POST sent (its CSRF token aside) and the address it was sent to, for the confirmation that
    leads back to `next_url`. Not a POST with files, which a page cannot give back, one with a secret (a password,
    a code), nor one over PENDING_MAX_BYTES."""
    request.session.pop(PENDING_KEY, None)
    if request.method != "POST" or request.FILES:
        return
    data = request.POST.copy()
    data.pop("csrfmiddlewaretoken", None)  # the page that gives the fields back has a token of its own
    if any(secret in name.lower() for name in data for secret in SECRET_FIELDS):
        return  # a password or a code is never stored, nor written back into a page
    encoded = data.urlencode()
    if len(encoded.encode()) <= PENDING_MAX_BYTES:
        # With its query: the admin's forms read theirs (the list's filters, a popup).
        request.session[PENDING_KEY] = {"next": next_url, "path": request.get_full_path(), "data": encoded}


def take_pending(request, next_url):
    """What was kept for the confirmation leading back to `next_url`, removed from the session: the address the
    POST was sent to and its fields as (name, value) pairs; None when nothing was."""
    pending = request.session.pop(PENDING_KEY, None)
    if not isinstance(pending, dict) or pending.get("next") != next_url:
        return None
    fields = [(name, value) for name, values in QueryDict(pending["data"]).lists() for value in values]
    return pending["path"], fields


def reauth_required(view=None, *, next_url=None):
    """Decorator of a view (a function, or an admin's method through `method_decorator`): the view runs only
    after a fresh confirmation. `next_url(request)` is where the confirmation leads back to (default: the page
    asked for; a view that only answers POST gives the page its form is on)."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if needs_confirmation(request):
                return ask_confirmation(request, next_url(request) if next_url else request.get_full_path())
            return view(request, *args, **kwargs)

        return wrapped

    return decorate(view) if view is not None else decorate


class ReauthRequiredMixin:
    """A class-based view that runs only after a fresh confirmation. Put it after LoginRequiredMixin and
    PermissionRequiredMixin, so that a person who may not use the view is refused before being asked.

    `reauth_required()` may say a request needs none (e.g. one action of several); `get_reauth_next_url()` is
    where the confirmation leads back to."""

    def reauth_required(self):
        return True

    def get_reauth_next_url(self):
        return self.request.get_full_path()

    def dispatch(self, request, *args, **kwargs):
        if self.reauth_required() and needs_confirmation(request):
            return ask_confirmation(request, self.get_reauth_next_url())
        return super().dispatch(request, *args, **kwargs)


class ReauthAdminMixin:
    """Adding, changing and deleting these objects asks to confirm it's you (accounts/reauth.py), and so does
    anything sent from their lists (an action such as "Delete selected", or edits in the list); reading the lists
    does not."""

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST" and needs_confirmation(request):
            return ask_confirmation(request, request.get_full_path())
        return super().changelist_view(request, extra_context)

    @method_decorator(reauth_required)
    def add_view(self, request, form_url="", extra_context=None):
        return super().add_view(request, form_url, extra_context)

    @method_decorator(reauth_required)
    def change_view(self, request, object_id, form_url="", extra_context=None):
        return super().change_view(request, object_id, form_url, extra_context)

    @method_decorator(reauth_required)
    def delete_view(self, request, object_id, extra_context=None):
        return super().delete_view(request, object_id, extra_context)
