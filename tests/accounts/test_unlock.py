"""The lockout page, and unlocking a locked sign-in through an emailed one-time link."""

import re
import time

import pytest
from axes.models import AccessAttempt
from django.core import signing
from django.urls import reverse

from accounts import unlock
from accounts.models import AuditEvent, OutgoingEmail, User
from tests.factories import PASSWORD, focal_point

WRONG = "not-the-password"


def sign_in(client, user, password=WRONG, address="192.0.2.1"):
    return client.post(reverse("login"), {"username": user.username, "password": password}, REMOTE_ADDR=address)


def lock(client, user, address="192.0.2.1"):
    for _attempt in range(5):
        sign_in(client, user, address=address)
    assert sign_in(client, user, PASSWORD, address=address).status_code == 429


def ask_for_link(client, email, address="192.0.2.1"):
    return client.post(reverse("unlock_request"), {"email": email}, REMOTE_ADDR=address)


def link_path(email):
    return re.search(r"https?://[^/\s]+(/accounts/unlock/\S+/)", email.body).group(1)


@pytest.mark.parametrize(
    "hours, language, duration",
    [
        (0.5, "en", "locked for 30 minutes."),
        (1, "en", "locked for 1 hour."),
        (1.5, "en", "locked for 90 minutes."),
        (2, "fr", "verrouillée pendant 2\u00a0heures."),
        (0.5, "es", "bloqueado durante 30\u00a0minutos."),
        (1, "es", "bloqueado durante 1\u00a0hora."),
    ],
)
def test_lockout_page_says_the_real_duration_and_how_to_unlock(client, db, settings, hours, language, duration):
    settings.AXES_COOLOFF_TIME = hours
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    user = focal_point("ECU")
    for _attempt in range(5):
        sign_in(client, user)
    page = sign_in(client, user, PASSWORD)
    text = page.content.decode()
    assert page.status_code == 429
    assert duration in text.replace("&nbsp;", "\u00a0")
    assert f'action="{reverse("unlock_request")}"' in text
    assert "password_reset" not in text and reverse("password_reset") not in text


def test_lockout_page_in_english_offers_the_emailed_link(client, db):
    user = focal_point("ECU")
    for _attempt in range(5):
        sign_in(client, user)
    text = sign_in(client, user, PASSWORD).content.decode()
    assert '<h1 class="h3">Sign-in locked for a while</h1>' in text
    assert "Changing your password does not unlock it." in text
    assert "Email me a link to unlock" in text


def test_asking_for_a_link_queues_it_in_the_person_s_language(client, db):
    user = focal_point("ECU")
    User.objects.filter(pk=user.pk).update(preferred_language="fr")
    lock(client, user)
    page = ask_for_link(client, user.email.upper())
    assert "If an account of the portal has this address, we sent it a link" in page.content.decode()
    [email] = OutgoingEmail.objects.all()
    assert (email.to, email.recipient, email.language) == (user.email, user, "fr")
    # After the catalogs take the translations of the part "bodies" (the portal is named by a setting, translated).
    assert email.subject == "Organes subsidiaires de la CND\u00a0: déverrouiller votre connexion"
    assert "dans un délai de 1\u00a0heure" in email.body
    assert AuditEvent.objects.get(action="user.unlock_requested").object == user


def without_csrf_token(page):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page.content.decode())


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, db):
    user = focal_point("ECU")
    known = ask_for_link(client, user.email)
    unknown = ask_for_link(client, "nobody@example.org")
    assert (known.status_code, without_csrf_token(known)) == (unknown.status_code, without_csrf_token(unknown))
    assert list(OutgoingEmail.objects.values_list("to", flat=True)) == [user.email]


def test_the_link_unlocks_once(client, db):
    user = focal_point("ECU")
    lock(client, user)
    ask_for_link(client, user.email)
    path = link_path(OutgoingEmail.objects.get())
    confirm = client.get(path)
    assert "Unlock my account" in confirm.content.decode()
    assert AccessAttempt.objects.filter(username=user.username).exists()  # opening the link changes nothing
    done = client.post(path)
    assert done["Location"] == reverse("login")
    assert not AccessAttempt.objects.filter(username=user.username).exists()
    event = AuditEvent.objects.get(action="user.unlocked")
    assert (event.object, event.ip_address) == (user, "127.0.0.1")
    assert sign_in(client, user, PASSWORD).status_code == 302
    client.post(reverse("logout"))
    # Locked again: the used link does nothing.
    lock(client, user)
    again = client.post(path)
    assert again.status_code == 400
    assert "This link to unlock does not work" in again.content.decode()
    assert client.get(path).status_code == 400
    assert AccessAttempt.objects.filter(username=user.username).exists()
    assert AuditEvent.objects.filter(action="user.unlocked").count() == 1


class OldSigner(signing.TimestampSigner):
    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 2 * 60 * 60)


def test_an_expired_or_forged_link_does_nothing(client, db):
    user = focal_point("ECU")
    lock(client, user)
    expired = OldSigner(salt=unlock.SALT).sign_object({"user": user.pk, "after": 0})
    assert unlock.user_for_token(unlock.make_unlock_token(user)) == user  # a fresh one would work
    forged = signing.dumps({"user": user.pk, "after": 0}, salt="another purpose")
    tampered = unlock.make_unlock_token(user)[:-2] + "xx"
    for token in [expired, forged, tampered, "nonsense"]:
        answer = client.post(reverse("unlock_account", args=[token]))
        assert answer.status_code == 400
    assert AccessAttempt.objects.filter(username=user.username).exists()
    assert not AuditEvent.objects.filter(action="user.unlocked").exists()


def test_asking_is_throttled_per_address_and_per_account(client, db):
    user = focal_point("ECU")
    for _request in range(unlock.REQUESTS_PER_ADDRESS):
        assert ask_for_link(client, "nobody@example.org").status_code == 200
    refused = ask_for_link(client, user.email)
    assert refused.status_code == 429
    assert "No message was sent" in refused.content.decode()
    assert not OutgoingEmail.objects.exists()
    # From other addresses, an account still gets no more than LINKS_PER_ACCOUNT links an hour.
    for number in range(unlock.LINKS_PER_ACCOUNT + 2):
        assert ask_for_link(client, user.email, address=f"198.51.100.{number}").status_code == 200
    assert OutgoingEmail.objects.count() == unlock.LINKS_PER_ACCOUNT


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_sign_in_page_offers_the_link_to_unlock(client, db, settings, language):
    """A person locked out earlier comes back to the sign-in page, not to the lockout page: the way to unlock must be
    found there too, in the reader's language."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("unlock_request")}"' in page
    assert ("Account locked?" in page) == (language == "en")
