"""Messages greet a person by title and family name, in their language, and are written in it."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import OutgoingEmail, User
from accounts.salutation import greeting
from tests.factories import UserFactory, open_questionnaire, secretariat_user, state
from tests.helpers import confirm_identity

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.mark.parametrize(
    ("title", "language", "expected"),
    [
        ("ms", "en", "Dear Ms. Pérez,"),
        ("ms", "es", "Estimada Sra. Pérez:"),
        ("ms", "fr", "Madame,"),
        ("mr", "en", "Dear Mr. Pérez,"),
        ("mr", "es", "Estimado Sr. Pérez:"),
        ("mr", "fr", "Monsieur,"),
        ("dr_woman", "es", "Estimada Dra. Pérez:"),
        ("dr_man", "en", "Dear Dr. Pérez,"),
        ("he_man", "en", "Excellency,"),
        ("he_woman", "es", "Excelentísima Señora:"),
        ("he_woman", "fr", "Excellence,"),
        ("", "en", "Dear Ana Pérez,"),
        ("", "fr", "Madame, Monsieur,"),
    ],
)
def test_greeting_by_title_and_family_name_in_each_language(title, language, expected):
    person = User(username="ecuador", title=title, first_name="Ana", last_name="Pérez")
    with translation.override(language):
        assert greeting(person) == expected


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "Dear colleague,"), ("es", "Estimado/a colega:"), ("fr", "Madame, Monsieur,")]
)
def test_greeting_without_a_name_never_uses_the_user_name(language, expected):
    with translation.override(language):
        assert greeting(User(username="colombia")) == expected


def test_invitation_to_a_questionnaire_greets_by_name_not_user_name(
    client, db, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DUMMY_TASKS
    open_questionnaire()
    UserFactory(username="colombia", member_state=state("COL"), preferred_language="es")
    UserFactory(
        username="mexico",
        member_state=state("MEX"),
        title="mr",
        first_name="Luis",
        last_name="Hernández",
        preferred_language="es",
    )
    client.force_login(secretariat_user())
    confirm_identity(client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("questionnaires:invite", args=["honlac", 32]))
    bodies = {email.recipient.username: email.body for email in OutgoingEmail.objects.select_related("recipient")}
    assert bodies["colombia"].splitlines()[0] == "Estimado/a colega:"
    assert bodies["mexico"].splitlines()[0] == "Estimado Sr. Hernández:"
    # The whole message is in Spanish.
    assert "Se invita al Gobierno de México" in bodies["mexico"]
    assert "invited" not in bodies["mexico"]


def test_invitation_of_a_focal_point_greets_them_in_their_language(client, db, settings):
    settings.TASKS = DUMMY_TASKS
    client.force_login(secretariat_user())
    confirm_identity(client)
    answer = client.post(
        reverse("invite_focal_point"),
        {
            "title": "dr_woman",
            "first_name": "Camila",
            "last_name": "Restrepo",
            "email": "camila@example.org",
            "username": "camila",
            "member_state": state("COL").pk,
            "preferred_language": "fr",
        },
    )
    assert answer.status_code == 302
    user = User.objects.get(username="camila")
    assert (user.title, user.last_name) == ("dr_woman", "Restrepo")
    [email] = OutgoingEmail.objects.filter(recipient=user)
    assert email.language == "fr"
    assert email.body.splitlines()[0] == "Madame,"
    assert email.subject == "Organes subsidiaires de la CND\u00a0: votre compte"


def test_password_reset_is_written_in_the_person_s_language_whatever_the_page(client, db, settings):
    settings.TASKS = DUMMY_TASKS
    UserFactory(username="someone", email="someone@example.org", preferred_language="es", title="ms", last_name="Ruiz")
    client.post(reverse("password_reset"), {"email": "someone@example.org"}, HTTP_ACCEPT_LANGUAGE="en")
    [email] = OutgoingEmail.objects.all()
    assert email.language == "es"
    assert email.body.splitlines()[0] == "Estimada Sra. Ruiz:"
    assert "You asked" not in email.body
