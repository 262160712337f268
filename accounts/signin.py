"""Sign-in with the portal's own password, and the switches that turn it off.

HONLAC_PASSWORD_SIGNIN_FOR_STAFF=false: the secretariat, administrators and anyone with access to the admin sign
in only through the organization's identity provider (accounts/oidc.py); HONLAC_PASSWORD_SIGNIN=false: everyone
does. The refusal is the backend's, so that no form (the portal's or the admin's) is a way around it; the forms
only say why.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import views as auth_views
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import oidc, session_limits
from .backends import ModelPermissionsMixin
from .middleware import REAUTH_KEY
from .models import User


def is_staff_account(user):
    return user.is_superuser or user.is_staff or user.role == User.Role.SECRETARIAT


def password_signin_allowed(user):
    if not settings.HONLAC_PASSWORD_SIGNIN:
        return False
    return settings.HONLAC_PASSWORD_SIGNIN_FOR_STAFF or not is_staff_account(user)


class PasswordBackend(ModelPermissionsMixin, ModelBackend):
    """Django's password backend, which refuses the accounts that do not sign in with a password, once the
    password is known to be right (so that a wrong one tells nothing about the account)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and not password_signin_allowed(user):
            if request is not None:
                request.password_signin_refused = True
            return None
        return user

    def get_user(self, user_id):
        """The user of a signed-in request, with their State in the same query: every page's menu bar names it."""
        user = User._default_manager.select_related("member_state").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None


class PasswordSwitchMixin:
    """Tells a person whose password sign-in is off where to sign in instead."""

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            if getattr(self.request, "password_signin_refused", False):
                raise forms.ValidationError(
                    _(
                        "This account does not sign in with a password. Use the button “%(button)s” on the "
                        "portal's sign-in page."
                    )
                    % {"button": oidc.button_label()},
                    code="password_signin_off",
                ) from None
            raise


class SignInForm(PasswordSwitchMixin, AuthenticationForm):
    pass


class AdminSignInForm(PasswordSwitchMixin, AdminAuthenticationForm):
    pass


class SignInView(auth_views.LoginView):
    """The sign-in page: the button of the organization's identity provider when it is on, and the password form
    unless password sign-in is off for everyone."""

    form_class = SignInForm

    def form_valid(self, form):
        response = super().form_valid(form)
        # The password was just given: it counts as "Confirm it's you" (accounts/reauth.py), so that a first
        # sensitive step right after signing in (setting up the second factor) does not ask for it again.
        self.request.session[REAUTH_KEY] = timezone.now().timestamp()
        return response

    def get(self, request, *args, **kwargs):
        if session_limits.pop_ended(request):
            hours = max(round(settings.HONLAC_SESSION_MAX_SECONDS / 3600), 1)
            messages.info(
                request,
                ngettext(
                    "Your session ended: %(hours)s hour had passed since you signed in. Sign in again.",
                    "Your session ended: %(hours)s hours had passed since you signed in. Sign in again.",
                    hours,
                )
                % {"hours": hours},
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            oidc_enabled=settings.HONLAC_OIDC_ENABLED,
            oidc_button=oidc.button_label(),
            password_form=settings.HONLAC_PASSWORD_SIGNIN or not settings.HONLAC_OIDC_ENABLED,
            **kwargs,
        )
