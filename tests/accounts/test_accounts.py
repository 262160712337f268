import pytest
from django.core import mail
from django.db import IntegrityError
from django.urls import reverse

from accounts.models import User
from honlac.demo import load_demo
from meetings.demo import DEMO_PASSWORD
from tests.factories import UserFactory, state


@pytest.mark.parametrize("username", ["secretariat", "ecuador", "mexico", "colombia", "admin"])
def test_each_demo_user_signs_in(client, db, username):
    load_demo()
    response = client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:home")
    assert client.get(reverse("meetings:home")).context["user"].username == username


def test_load_demo_twice_changes_nothing(db):
    load_demo()
    counts = (User.objects.count(), load_demo().meetings.count())
    load_demo()
    assert (User.objects.count(), load_demo().meetings.count()) == counts == (6, 3)


def test_wrong_password_does_not_sign_in(client, db):
    UserFactory(username="someone")
    response = client.post(reverse("login"), {"username": "someone", "password": "wrong"})
    assert response.status_code == 200
    assert not response.context["user"].is_authenticated


def test_password_reset_sends_a_link_by_email(client, db, django_capture_on_commit_callbacks):
    UserFactory(username="someone", email="someone@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "someone@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["someone@example.org"]
    assert "/accounts/reset/" in mail.outbox[0].body


def test_focal_point_must_belong_to_a_state(db):
    with pytest.raises(IntegrityError):
        User.objects.create(username="nobody", role=User.Role.FOCAL_POINT, member_state=None)


def test_secretariat_staff_belong_to_no_state(db):
    with pytest.raises(IntegrityError):
        User.objects.create(username="staff", role=User.Role.SECRETARIAT, member_state=state("ECU"))


def test_signed_in_user_is_loaded_with_their_state_in_one_query(db, django_assert_num_queries):
    from accounts.signin import PasswordBackend

    user = UserFactory(member_state=state("ECU"))
    with django_assert_num_queries(1):
        loaded = PasswordBackend().get_user(user.pk)
        assert (loaded, loaded.member_state.code) == (user, "ECU")
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert PasswordBackend().get_user(user.pk) is None
    assert PasswordBackend().get_user(0) is None
