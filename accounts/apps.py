from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"

    def ready(self):
        # The checks of the OIDC settings; the audit trail of sign-ins; the time of each sign-in.
        from . import oidc, session_limits, signals  # noqa: F401
