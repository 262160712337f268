"""Sign-ins and sign-outs go to the audit trail (Django's auth signals are the only way to see them)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.contrib.contenttypes.models import ContentType
from django.dispatch import receiver
from django_otp import user_has_device

from .audit import log_action
from .middleware import AUTH_METHOD_KEY, SECOND_FACTOR_KEY
from .models import AuditEvent, User

# The backends that sign in without the portal's password (their method, for the session and the trail).
METHODS = {"accounts.oidc.OIDCBackend": "oidc"}


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs):
    remember_previous_login(user)
    method = METHODS.get(getattr(user, "backend", ""), "password")
    data = {"method": method}
    if method == "oidc" and getattr(request, "oidc_second_factor", False):
        data["provider_second_factor"] = True
    log_action(user, "user.login", by=user, request=request, data=data)
    if request is not None and hasattr(request, "session"):
        request.session[SECOND_FACTOR_KEY] = user_has_device(user, confirmed=True)
        request.session[AUTH_METHOD_KEY] = method


def remember_previous_login(user):
    """Keep the time of the sign-in before this one on `user.previous_login`.

    Django's own receiver has already written this sign-in to `last_login` (django.contrib.auth is ready before
    this app): the previous sign-in is read from the audit trail, where each one is recorded.
    """
    previous = (
        AuditEvent.objects.filter(
            action="user.login", content_type=ContentType.objects.get_for_model(User), object_id=user.pk
        )
        .order_by("-at", "-pk")
        .values_list("at", flat=True)
        .first()
    )
    User.objects.filter(pk=user.pk).update(previous_login=previous)
    user.previous_login = previous


@receiver(user_logged_out)
def record_logout(sender, request, user, **kwargs):
    if user is not None:
        log_action(user, "user.logout", by=user, request=request)


@receiver(user_login_failed)
def record_login_failure(sender, credentials, request=None, **kwargs):
    refusal = getattr(request, "oidc_refusal", None)
    if refusal is not None:
        data = {"method": "oidc", "refusal": refusal.reason, "email": refusal.email}
        label = None if refusal.account else refusal.email
        log_action(refusal.account, "user.login_failed", by=None, request=request, label=label, data=data)
        return
    if getattr(request, "reauth_attempt", False):
        # A wrong password on "Confirm it's you" (accounts/views.py ConfirmIdentityView), by the signed-in person.
        log_action(
            request.user, "user.reauth_failed", by=request.user, request=request, data={"confirmed_with": "password"}
        )
        return
    username = str(credentials.get("username", ""))[:150]
    # Linked to the account tried, when there is one, so that its history shows the attempts.
    account = User.objects.filter(username=username).first()
    data = {"username": username}
    if getattr(request, "password_signin_refused", False):
        # The password was right, but this account does not sign in with one (accounts/signin.py).
        data["refusal"] = "password_off"
    log_action(account, "user.login_failed", by=None, request=request, label=username, data=data)
