"""The one-time link of an invited focal point: tampered with, expired or used once already, it sets no password."""

import datetime
import re

import pytest
from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import User
from accounts.services import invite_focal_point
from tests.factories import focal_point, state

NO_LONGER_VALID = "This link is no longer valid: it was already used or has expired."
NEW_PASSWORD = "a-new-long-password-9"


class TokenMadeLongAgo(PasswordResetTokenGenerator):
    """Makes the token that the invitation would have carried one minute past the validity of the link."""

    def _now(self):
        return datetime.datetime.now() - datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)


@pytest.fixture
def invitation(db, django_capture_on_commit_callbacks):
    """The invited user and the link of the email they received."""
    with django_capture_on_commit_callbacks(execute=True):
        user = invite_focal_point(
            username="invited",
            email="invited@example.org",
            member_state=state("MEX"),
            preferred_language="en",
            by=None,
            base_url="http://testserver",
        )
    [message] = mail.outbox
    [link] = re.findall(r"http://testserver(/accounts/reset/\S+/\S+/)", message.body)
    return user, link


def choose_password(link, password=NEW_PASSWORD):
    """Follow the link in a new browser and choose a password; returns the last page."""
    client = Client()
    page = client.get(link, follow=True)
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link
    return client.post(form_url, {"new_password1": password, "new_password2": password}, follow=True)


def assert_refused(page, user):
    assert NO_LONGER_VALID in page.content.decode()
    assert page.context["validlink"] is False
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_invitation_link_sets_the_password_once(invitation):
    user, link = invitation
    page = choose_password(link)
    user.refresh_from_db()
    assert page.redirect_chain[-1][0] == "/accounts/reset/done/"
    assert user.check_password(NEW_PASSWORD)


def tampered_token(user, link):
    uid, token = link.rstrip("/").split("/")[-2:]
    return f"/accounts/reset/{uid}/{token[:-1]}{'a' if token[-1] != 'a' else 'b'}/"


def uid_of_another_user(user, link):
    other = focal_point("ECU")
    token = link.rstrip("/").split("/")[-1]
    return f"/accounts/reset/{urlsafe_base64_encode(force_bytes(other.pk))}/{token}/"


def garbage_uid(user, link):
    token = link.rstrip("/").split("/")[-1]
    return f"/accounts/reset/not-a-uid/{token}/"


def expired(user, link):
    uid = link.rstrip("/").split("/")[-2]
    return f"/accounts/reset/{uid}/{TokenMadeLongAgo().make_token(user)}/"


@pytest.mark.parametrize("forge", [tampered_token, uid_of_another_user, garbage_uid, expired])
def test_invitation_link_refused_when_forged_or_expired(invitation, forge):
    user, link = invitation
    forged = forge(user, link)
    assert forged != link

    assert_refused(choose_password(forged), user)
    assert not [other for other in User.objects.all() if other.check_password(NEW_PASSWORD)]


def test_invitation_link_refused_once_the_password_was_chosen(invitation):
    user, link = invitation
    choose_password(link)

    page = choose_password(link, password="another-long-password-7")

    assert NO_LONGER_VALID in page.content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert not user.check_password("another-long-password-7")
