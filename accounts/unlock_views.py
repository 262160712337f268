"""The lockout page, and unlocking through an emailed link (accounts/unlock.py)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from . import unlock


class UnlockRequestForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email address of your account"), max_length=254)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_action = "unlock_request"
        self.helper.add_input(Submit("send", gettext_lazy("Email me a link to unlock")))


def lockout_context():
    return {
        "lock_duration": unlock.lock_duration_text(),
        "link_duration": unlock.link_duration_text(),
        "unlock_form": UnlockRequestForm(),
    }


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked sign-in (AXES_LOCKOUT_CALLABLE): how long, and how to unlock sooner."""
    return render(request, "accounts/locked.html", lockout_context(), status=settings.AXES_HTTP_RESPONSE_CODE)


class UnlockRequestView(FormView):
    """Ask for a link to unlock: the same answer whether an account has the address or not."""

    template_name = "accounts/unlock_request.html"
    form_class = UnlockRequestForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(link_duration=unlock.link_duration_text(), **kwargs)

    def form_valid(self, form):
        allowed = unlock.request_unlock_link(
            form.cleaned_data["email"],
            request=self.request,
            base_url=self.request.build_absolute_uri("/").rstrip("/"),
        )
        if not allowed:
            return render(self.request, "accounts/unlock_throttled.html", status=429)
        return render(self.request, "accounts/unlock_sent.html", {"link_duration": unlock.link_duration_text()})


class UnlockView(View):
    """The emailed link: GET shows a button (a mail scanner opening the link uses nothing up), POST unlocks."""

    def get(self, request, token):
        user = unlock.user_for_token(token)
        if user is None:
            return self.invalid(request)
        return render(request, "accounts/unlock_confirm.html", {"account": user})

    def post(self, request, token):
        user = unlock.unlock_account(token, request=request)
        if user is None:
            return self.invalid(request)
        messages.success(request, _("Your account is unlocked. You can sign in now."))
        return redirect("login")

    def invalid(self, request):
        return render(request, "accounts/unlock_invalid.html", status=400)
