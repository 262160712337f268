"""Sign-in throttling: the pair (account, address) first, the account alone only under a spread attack.

django-axes locks what AXES_LOCKOUT_PARAMETERS names: here the pair, so that wrong passwords from one address
(the balancer's, if the client's address were not read from the proxy headers) lock neither the same account
elsewhere nor other accounts there. Axes has no rule of the kind "this account, from many addresses"; this
handler adds it, counting the failures of the account in the lock period (AccessAttempt rows, one per address
and browser) and the distinct addresses they came from.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Count, Sum


def account_is_locked(username, *, since):
    """Whether `username` failed HONLAC_LOGIN_ACCOUNT_FAILURES times since `since`, from at least
    HONLAC_LOGIN_ACCOUNT_ADDRESSES distinct addresses."""
    if not username:
        return False
    totals = AccessAttempt.objects.filter(username=username, attempt_time__gte=since).aggregate(
        failures=Sum("failures_since_start"), addresses=Count("ip_address", distinct=True)
    )
    return (totals["failures"] or 0) >= settings.HONLAC_LOGIN_ACCOUNT_FAILURES and (
        totals["addresses"] >= settings.HONLAC_LOGIN_ACCOUNT_ADDRESSES
    )


class PairThenAccountHandler(AxesDatabaseHandler):
    """Axes' database handler, with the account locked as a whole under failures from many addresses."""

    def account_locked(self, request, credentials):
        return account_is_locked(get_client_username(request, credentials), since=get_cool_off_threshold(request))

    def is_locked(self, request, credentials=None):
        return super().is_locked(request, credentials) or self.account_locked(request, credentials)

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or getattr(request, "axes_locked_out", False):
            return
        if self.account_locked(request, credentials):
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send(
                "axes",
                request=request,
                username=get_client_username(request, credentials),
                ip_address=request.axes_ip_address,
            )
