"""Sign-ins and sign-outs go to the audit trail (Django's auth signals are the only way to see them)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django_otp import user_has_device

from .audit import log_action
from .middleware import SECOND_FACTOR_KEY
from .models import User


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs):
    log_action(user, "user.login", by=user, request=request)
    if request is not None and hasattr(request, "session"):
        request.session[SECOND_FACTOR_KEY] = user_has_device(user, confirmed=True)


@receiver(user_logged_out)
def record_logout(sender, request, user, **kwargs):
    if user is not None:
        log_action(user, "user.logout", by=user, request=request)


@receiver(user_login_failed)
def record_login_failure(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    # Linked to the account tried, when there is one, so that its history shows the attempts.
    account = User.objects.filter(username=username).first()
    log_action(account, "user.login_failed", by=None, request=request, label=username, data={"username": username})
