"""How long a session lasts: SESSION_COOKIE_AGE without a request (Django moves the expiry forward at every
request, SESSION_SAVE_EVERY_REQUEST), and HONLAC_SESSION_MAX_SECONDS after its sign-in in any case, however active
(this middleware).

A session past its end is signed out before the view runs, which then sees a person signed out, exactly as after
an idle hour: the page asks to sign in again (the response form keeps what was typed for after the sign-in), and
the sign-in page says why.
"""

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import timezone

# The time (a POSIX timestamp) of the sign-in of the session.
SIGNED_IN_AT_KEY = "honlac_signed_in_at"
# Left in the new, signed-out session, for the sign-in page to say why.
ENDED_KEY = "honlac_session_ended"


@receiver(user_logged_in)
def record_sign_in_time(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT_KEY] = timezone.now().timestamp()


class SessionLimitMiddleware:
    """Signs out a session HONLAC_SESSION_MAX_SECONDS after its sign-in. A session signed in before the limit
    existed (without the time) counts from its first request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = timezone.now().timestamp()
            signed_in_at = request.session.get(SIGNED_IN_AT_KEY)
            if not isinstance(signed_in_at, int | float):
                request.session[SIGNED_IN_AT_KEY] = now
            elif now - signed_in_at >= settings.HONLAC_SESSION_MAX_SECONDS:
                logout(request)
                request.session[ENDED_KEY] = True
        return self.get_response(request)


def pop_ended(request):
    """Whether the session was signed out by its limit since the sign-in page was last shown."""
    return bool(request.session.pop(ENDED_KEY, False))
