from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"

    def ready(self):
        from . import oidc, signals  # noqa: F401 - the checks of the OIDC settings; the audit trail of sign-ins
