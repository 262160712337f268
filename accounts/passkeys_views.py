"""Pages of the passkeys: add, rename and remove one on the security page, and the browser's two ceremonies.

The ceremonies are django-otp-webauthn's views (JSON, called by static/js/passkeys.js), narrowed: a passkey is
registered only under the name chosen on the "Add a passkey" page, and only as a second factor after the password.
"""

from functools import cached_property
from logging import getLogger

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp_webauthn import exceptions
from django_otp_webauthn.utils import rewrite_exceptions
from django_otp_webauthn.views import (
    BeginCredentialAuthenticationView,
    BeginCredentialRegistrationView,
    CompleteCredentialAuthenticationView,
    CompleteCredentialRegistrationView,
)

from honlac.confirmation import Confirmation, ConfirmationMixin

from . import passkeys, reauth
from .forms import PasskeyNameForm
from .middleware import PROVIDER_SECOND_FACTOR_KEY, must_give_second_factor_first, redirect_with_next
from .reauth import ReauthRequiredMixin
from .views import safe_next

logger = getLogger("django_otp_webauthn")


def ceremony_urls(begin, complete):
    return {"begin_url": reverse(begin), "complete_url": reverse(complete)}


class PasskeyAddView(LoginRequiredMixin, ReauthRequiredMixin, FormView):
    """Add a passkey or a hardware key: the person names it, then their browser creates it (the page's button).
    The registration's two steps (below) need the name given here, so confirming it's you here covers them."""

    template_name = "accounts/passkey_add.html"
    form_class = PasskeyNameForm

    def reauth_required(self):
        return reauth.confirmation_method(self.request.user) is not None

    def dispatch(self, request, *args, **kwargs):
        if must_give_second_factor_first(request):
            return redirect_with_next("two_factor_verify", request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=safe_next(self.request, ""), **kwargs)

    def form_valid(self, form):
        name = form.cleaned_data["name"]
        self.request.session[passkeys.PENDING_NAME_KEY] = name
        context = self.get_context_data(
            form=form,
            name=name,
            ceremony=ceremony_urls("passkey_register_begin", "passkey_register_complete"),
        )
        return self.render_to_response(context)


class PasskeyRenameView(LoginRequiredMixin, FormView):
    template_name = "accounts/passkey_rename.html"
    form_class = PasskeyNameForm

    @cached_property
    def passkey(self):
        return get_object_or_404(passkeys.passkeys_of(self.request.user), pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "submit_label": _("Rename")}

    def get_initial(self):
        return {"name": self.passkey.name}

    def get_context_data(self, **kwargs):
        return super().get_context_data(passkey=self.passkey, **kwargs)

    def form_valid(self, form):
        passkeys.rename_passkey(
            self.passkey, name=form.cleaned_data["name"], by=self.request.user, request=self.request
        )
        messages.success(self.request, _("The passkey is now called %(name)s.") % {"name": self.passkey.name})
        return redirect("account_security")


class PasskeyRemoveView(LoginRequiredMixin, ReauthRequiredMixin, ConfirmationMixin, View):
    """GET asks to confirm, POST removes the passkey."""

    def reauth_required(self):
        self.passkey  # noqa: B018 - another person's passkey answers 404 before anyone is asked to confirm
        return reauth.confirmation_method(self.request.user) is not None

    @cached_property
    def passkey(self):
        return get_object_or_404(passkeys.passkeys_of(self.request.user), pk=self.kwargs["pk"])

    def get_confirmation(self):
        consequences = [_("It can no longer be used as your second factor.")]
        others = [device for device in devices_for_user(self.request.user) if device != self.passkey]
        if not others and passkeys.second_factor_required(self.request.user):
            consequences.append(_("It is your only second factor, which your role requires: you will set up another."))
        elif not others:
            consequences.append(_("It is your only second factor: your account will then ask for your password alone."))
        return Confirmation(
            title=_("Remove the passkey %(name)s?") % {"name": self.passkey.name},
            consequences=consequences,
            button=_("Remove"),
            danger=True,
            cancel_url=reverse("account_security"),
        )

    def post(self, request, *args, **kwargs):
        name = self.passkey.name
        passkeys.remove_passkey(self.passkey, by=request.user, request=request)
        messages.success(request, _("The passkey %(name)s was removed.") % {"name": name})
        return redirect("account_security")


class PendingNameMixin:
    """The registration ceremony, for the name chosen on the "Add a passkey" page only."""

    def check_can_register(self):
        if not self.request.session.get(passkeys.PENDING_NAME_KEY):
            raise exceptions.InvalidState()

    def user_is_mfa_enrolled(self, user):
        # The identity provider's sign-in may stand for the second factor (accounts/oidc.py).
        return not self.request.session.get(PROVIDER_SECOND_FACTOR_KEY) and super().user_is_mfa_enrolled(user)

    def handle_exception(self, exc):
        if isinstance(exc, exceptions.OTPWebAuthnApiError):
            detail = _("The passkey could not be added. Start again, or use another passkey.")
            return JsonResponse({"detail": detail, "code": exc.code}, status=exc.status_code)
        return super().handle_exception(exc)


class PasskeyRegisterBeginView(PendingNameMixin, BeginCredentialRegistrationView):
    pass


class PasskeyRegisterCompleteView(PendingNameMixin, CompleteCredentialRegistrationView):
    def post(self, request, *args, **kwargs):
        state = self.get_state()
        name = request.session[passkeys.PENDING_NAME_KEY]
        with rewrite_exceptions(logger=logger):
            passkey = passkeys.register_passkey(
                request.user, request=request, state=state, data=request.data, name=name, by=request.user
            )
        del request.session[passkeys.PENDING_NAME_KEY]
        if not request.user.is_verified():
            # The first second factor of this account: this session has just shown it.
            otp_login(request, passkey)
        messages.success(request, _("The passkey %(name)s was added.") % {"name": name})
        return JsonResponse({"id": passkey.pk, "redirect_url": safe_next(request, reverse("account_security"))})


class PasskeyVerifyBeginView(BeginCredentialAuthenticationView):
    pass


class PasskeyVerifyCompleteView(CompleteCredentialAuthenticationView):
    """The second step of signing in, with a passkey: its answer is checked, the use or the refusal recorded."""

    def complete_auth(self, device):
        otp_login(self.request, device)
        passkeys.record_passkey_used(device, request=self.request)

    def handle_exception(self, exc):
        if isinstance(exc, exceptions.OTPWebAuthnApiError):
            if self.request.user.is_authenticated:
                passkeys.record_passkey_refused(self.request.user, code=exc.code, request=self.request)
            detail = _("This passkey was not accepted. Try again, or enter a code of your authenticator app.")
            return JsonResponse({"detail": detail, "code": exc.code}, status=exc.status_code)
        return super().handle_exception(exc)
