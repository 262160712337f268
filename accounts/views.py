import base64
import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from rules.contrib.views import PermissionRequiredMixin

from . import passkeys, reauth, services
from .audit import log_action
from .forms import ConfirmCodeForm, ConfirmPasswordForm, InviteFocalPointForm, TokenForm
from .middleware import must_give_second_factor_first, redirect_with_next
from .reauth import ReauthRequiredMixin


def safe_next(request, default="meetings:home"):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return default


class SecurityView(LoginRequiredMixin, TemplateView):
    """The user's sign-in security: the second factor (authenticator app, passkeys) and the recovery codes left."""

    template_name = "accounts/security.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        recovery = StaticDevice.objects.filter(user=user).first()
        return super().get_context_data(
            has_second_factor=user_has_device(user, confirmed=True),
            has_totp=TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
            passkeys=list(passkeys.passkeys_of(user)),
            recovery_left=recovery.token_set.count() if recovery else 0,
            **kwargs,
        )


class SetupView(LoginRequiredMixin, ReauthRequiredMixin, FormView):
    """Set up an authenticator app: scan the code, confirm with a code it shows, get recovery codes. Asks to
    confirm it's you first, unless the account has nothing to confirm it with (no password, no app yet)."""

    template_name = "accounts/two_factor_setup.html"
    form_class = TokenForm

    def dispatch(self, request, *args, **kwargs):
        # Open before the second factor (for a first one): someone who has one gives it before replacing it.
        if must_give_second_factor_first(request):
            return redirect_with_next("two_factor_verify", request)
        return super().dispatch(request, *args, **kwargs)

    def reauth_required(self):
        return reauth.confirmation_method(self.request.user) is not None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "submit_label": _("Confirm")}

    def get_context_data(self, **kwargs):
        device = services.totp_device_for_setup(self.request.user)
        image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=12)
        buffer = io.BytesIO()
        image.save(buffer)
        secret = base64.b32encode(device.bin_key).decode("ascii")
        return super().get_context_data(
            qr_code=f"data:image/svg+xml;base64,{base64.b64encode(buffer.getvalue()).decode('ascii')}",
            secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            next=safe_next(self.request, ""),
            **kwargs,
        )

    def form_valid(self, form):
        device = services.totp_device_for_setup(self.request.user)
        codes = services.confirm_totp(
            self.request.user,
            device=device,
            token=form.cleaned_data["token"],
            by=self.request.user,
            request=self.request,
        )
        if codes is None:
            form.add_error("token", _("This code is not right. Check the time of your device and try again."))
            return self.form_invalid(form)
        otp_login(self.request, device)
        return self.render_to_response(self.get_context_data(form=form, recovery_codes=codes), status=200)


class VerifyView(LoginRequiredMixin, FormView):
    """The second step of signing in: a code of the authenticator app, or a recovery code (used once)."""

    template_name = "accounts/two_factor_verify.html"
    form_class = TokenForm

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            next=safe_next(self.request, ""),
            has_passkey=passkeys.passkeys_of(user).exists(),
            has_totp=TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
            passkey_ceremony={
                "begin_url": reverse("passkey_verify_begin"),
                "complete_url": reverse("passkey_verify_complete"),
            },
            **kwargs,
        )

    def form_valid(self, form):
        device = match_token(self.request.user, form.cleaned_data["token"])
        if device is None:
            log_action(self.request.user, "user.second_factor_failed", by=self.request.user, request=self.request)
            form.add_error("token", _("This code is not right."))
            return self.form_invalid(form)
        otp_login(self.request, device)
        if isinstance(device, StaticDevice):
            messages.warning(
                self.request,
                _("You used a recovery code; it cannot be used again. %(left)s left.")
                % {"left": device.token_set.count()},
            )
        return redirect(safe_next(self.request))


class RecoveryCodesView(LoginRequiredMixin, ReauthRequiredMixin, TemplateView):
    """New recovery codes (the old ones stop working). Needs a second factor given in this session."""

    template_name = "accounts/recovery_codes.html"
    http_method_names = ["post"]

    def get_reauth_next_url(self):
        # The button is on the security page; this view answers only POST.
        return reverse("account_security")

    def post(self, request, *args, **kwargs):
        if not request.user.is_verified():
            return redirect("two_factor_verify")
        codes = services.new_recovery_codes(request.user, by=request.user, request=request)
        return self.render_to_response(self.get_context_data(recovery_codes=codes))


class InviteFocalPointView(PermissionRequiredMixin, ReauthRequiredMixin, FormView):
    """The secretariat invites a focal point, who receives a one-time link to choose a password."""

    permission_required = "meetings.manage"
    template_name = "accounts/invite.html"
    form_class = InviteFocalPointForm

    def form_valid(self, form):
        user = services.invite_focal_point(
            **{name: form.cleaned_data[name] for name in form.Meta.fields},
            by=self.request.user,
            base_url=self.request.build_absolute_uri("/").rstrip("/"),
            request=self.request,
        )
        messages.success(self.request, _("%(user)s was invited by email.") % {"user": user.email})
        return redirect("invite_focal_point")


class ConfirmIdentityView(LoginRequiredMixin, FormView):
    """/accounts/confirm/: "Confirm it's you" before a sensitive change (accounts/reauth.py). The password, whose
    wrong tries count with django-axes as failed sign-ins do; or, for an account without one, a code of the
    authenticator app, which django-otp slows down after each wrong one. Both go to the audit trail."""

    template_name = "accounts/reauth_confirm.html"

    def method(self):
        if not hasattr(self, "_method"):
            self._method = reauth.confirmation_method(self.request.user)
        return self._method

    def get_form_class(self):
        return ConfirmCodeForm if self.method() == reauth.TOTP else ConfirmPasswordForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            method=self.method(),
            next=safe_next(self.request, ""),
            minutes=max(settings.HONLAC_REAUTH_SECONDS // 60, 1),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if self.method() is None:
            return self.get(request, *args, **kwargs)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        request, user, method = self.request, self.request.user, self.method()
        if method == reauth.PASSWORD:
            # A wrong password is a failed sign-in for django-axes (and the audit trail: accounts/signals.py).
            request.reauth_attempt = True
            confirmed = authenticate(request, username=user.get_username(), password=form.cleaned_data["password"])
            if confirmed is None or confirmed.pk != user.pk:
                form.add_error("password", _("This password is not right."))
                return self.form_invalid(form)
        else:
            token = form.cleaned_data["token"]
            if not any(device.verify_token(token) for device in TOTPDevice.objects.filter(user=user, confirmed=True)):
                log_action(user, "user.reauth_failed", by=user, request=request, data={"confirmed_with": method})
                form.add_error("token", _("This code is not right."))
                return self.form_invalid(form)
        reauth.mark_confirmed(request)
        log_action(user, "user.reauthenticated", by=user, request=request, data={"confirmed_with": method})
        next_url = safe_next(request)
        pending = reauth.take_pending(request, next_url)
        if pending is not None:
            # What the change sent before it was asked to confirm: sent again by the person, not by the portal.
            action, fields = pending
            return render(request, "accounts/reauth_continue.html", {"action": action, "fields": fields})
        return redirect(next_url)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change, which asks for the current password; the change is recorded and the person
    told by email."""

    def form_valid(self, form):
        response = super().form_valid(form)
        services.record_password_change(self.request.user, how="changed", by=self.request.user, request=self.request)
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's page of the emailed link. Choosing the first password of an invited account is not a change;
    resetting one is, recorded and told by email."""

    def form_valid(self, form):
        had_password = self.user.has_usable_password()
        response = super().form_valid(form)
        if had_password:
            services.record_password_change(self.user, how="reset", by=None, request=self.request)
        return response
