"""Migrates the provider's database, registers the portal as a client and its accounts, then serves."""

import django
from django.conf import settings
from django.core.management import call_command


def main():
    django.setup()
    from django.contrib.auth.models import User
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    for username, account in settings.ACCOUNTS.items():
        User.objects.create_user(username, email=account["email"], password=account["password"])
    Application.objects.create(
        name="HONLAC portal",
        client_id=settings.CLIENT["client_id"],
        client_secret=settings.CLIENT["client_secret"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(settings.CLIENT["redirect_uris"]),
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    call_command("runserver", f"127.0.0.1:{settings.PORT}", use_reloader=False, use_threading=True)


if __name__ == "__main__":
    main()
