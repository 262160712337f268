"""Sign-ins and sign-outs go to the audit trail (Django's auth signals are the only way to see them)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django_otp import user_has_device

from .middleware import SECOND_FACTOR_KEY
from .models import AuditEvent
from .services import record


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs):
    record(AuditEvent.Action.LOGIN, actor=user, target=user.get_username(), request=request)
    if request is not None and hasattr(request, "session"):
        request.session[SECOND_FACTOR_KEY] = user_has_device(user, confirmed=True)


@receiver(user_logged_out)
def record_logout(sender, request, user, **kwargs):
    if user is not None:
        record(AuditEvent.Action.LOGOUT, actor=user, target=user.get_username(), request=request)


@receiver(user_login_failed)
def record_login_failure(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    record(AuditEvent.Action.LOGIN_FAILED, target=username, request=request, username=username)
