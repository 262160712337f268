from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from meetings.models import MemberState

from .mail import queue_email
from .models import User
from .salutation import greeting


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        help_text=_("The 6-digit code of your authenticator app, or one of your recovery codes."),
    )

    def __init__(self, *args, submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("verify", submit_label or _("Continue")))

    def clean_token(self):
        return self.cleaned_data["token"].strip().replace(" ", "")


class PasskeyNameForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the passkey"),
        max_length=64,
        help_text=_("A name that tells you which one it is, such as YubiKey 5 or Work laptop."),
    )

    def __init__(self, *args, submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", submit_label or _("Continue")))

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())


class InviteFocalPointForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["title", "first_name", "last_name", "email", "username", "member_state", "preferred_language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["last_name"].required = True
        self.fields["member_state"].required = True
        self.fields["member_state"].queryset = MemberState.objects.order_by("name")
        self.fields["preferred_language"].choices = settings.LANGUAGES
        self.helper = FormHelper()
        self.helper.add_input(Submit("invite", _("Send the invitation")))

    def clean_email(self):
        email = self.cleaned_data["email"]
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account already has this address."))
        return email


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, whose email goes through the outbox like every other message of the portal."""

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        from django.template import loader

        user = context.get("user")
        # Written in the person's language, whatever the language of the page that asked for it.
        language = user.preferred_language if user is not None else get_language()
        with translation.override(language):
            context = {**context, "greeting": greeting(user) if user is not None else ""}
            subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
            body = loader.render_to_string(email_template_name, context)
        queue_email(to=to_email, subject=subject, body=body, language=language, recipient=user)


class ConfirmPasswordForm(forms.Form):
    """ "Confirm it's you" with the password; checked by the view, through django-axes, which counts failures."""

    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )


class ConfirmCodeForm(forms.Form):
    """ "Confirm it's you" with a code of the authenticator app (an account without a password)."""

    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        help_text=_("The 6-digit code of your authenticator app."),
    )

    def clean_token(self):
        return self.cleaned_data["token"].strip().replace(" ", "")
