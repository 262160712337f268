"""Passkeys and hardware keys as a second factor: the security page's list, adding, renaming and removing one, and
the second step of signing in with one. The ceremonies run for real against django-otp-webauthn's checks, with a
software key (`SoftKey`: an ES256 key pair that answers as an authenticator would, attestation "none")."""

import hashlib
import json
import os
import secrets
import struct
import subprocess
import sys
from pathlib import Path

import cbor2
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url

from accounts import passkeys
from accounts.models import AuditEvent, OutgoingEmail
from tests.factories import PASSWORD, focal_point, secretariat_user
from tests.helpers import confirm_identity

# The relying party id of the tests (the first host name of the default DJANGO_ALLOWED_HOSTS), and an origin of
# the default HONLAC_WEBAUTHN_ORIGINS.
RP_ID = "localhost"
ORIGIN = "https://localhost"


class SoftKey:
    """A hardware key in software: makes a credential, and signs the challenges it is given."""

    def __init__(self):
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = secrets.token_bytes(32)
        self.sign_count = 0

    def cose_public_key(self):
        numbers = self.private_key.public_key().public_numbers()
        return cbor2.dumps({1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"), -3: numbers.y.to_bytes(32, "big")})

    def _client_data(self, kind, options, origin):
        return json.dumps({"type": kind, "challenge": options["challenge"], "origin": origin}).encode()

    def create(self, options, origin=ORIGIN):
        """The answer to navigator.credentials.create(), as static/js/passkeys.js posts it."""
        rp_hash = hashlib.sha256(options["rp"]["id"].encode()).digest()
        attested = bytes(16) + struct.pack(">H", len(self.credential_id)) + self.credential_id
        auth_data = rp_hash + bytes([0x45]) + struct.pack(">I", self.sign_count) + attested + self.cose_public_key()
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        return {
            "id": bytes_to_base64url(self.credential_id),
            "rawId": bytes_to_base64url(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": bytes_to_base64url(self._client_data("webauthn.create", options, origin)),
                "attestationObject": bytes_to_base64url(attestation),
                "transports": ["usb"],
            },
            "clientExtensionResults": {},
        }

    def get(self, options, origin=ORIGIN, rp_id=RP_ID):
        """The answer to navigator.credentials.get()."""
        self.sign_count += 1
        auth_data = hashlib.sha256(rp_id.encode()).digest() + bytes([0x05]) + struct.pack(">I", self.sign_count)
        client_data = self._client_data("webauthn.get", options, origin)
        signature = self.private_key.sign(auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256()))
        return {
            "id": bytes_to_base64url(self.credential_id),
            "rawId": bytes_to_base64url(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": bytes_to_base64url(client_data),
                "authenticatorData": bytes_to_base64url(auth_data),
                "signature": bytes_to_base64url(signature),
            },
            "clientExtensionResults": {},
        }

    def passkey_for(self, user, name="YubiKey 5"):
        """The passkey as if registered already."""
        return WebAuthnCredential.objects.create(
            user=user,
            name=name,
            confirmed=True,
            credential_id=self.credential_id,
            public_key=self.cose_public_key(),
            transports=["usb"],
        )


def sign_in(client, user):
    return client.post(reverse("login"), {"username": user.username, "password": PASSWORD})


def post_json(client, name, data=None, **query):
    url = reverse(name)
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return client.post(url, json.dumps(data) if data is not None else "", content_type="application/json")


def register(client, key, name="YubiKey 5", next_url=""):
    """The person's way through "Add a passkey": the name, the button, the key."""
    named = client.post(reverse("passkey_add"), {"name": name, "next": next_url})
    assert named.status_code == 200
    options = post_json(client, "passkey_register_begin").json()
    query = {"next": next_url} if next_url else {}
    return post_json(client, "passkey_register_complete", key.create(options), **query)


def give_passkey(client, key, **kwargs):
    options = post_json(client, "passkey_verify_begin").json()
    return post_json(client, "passkey_verify_complete", key.get(options, **kwargs))


def events(user, action):
    return list(
        AuditEvent.objects.filter(action=action, object_id=user.pk).order_by("pk").values_list("details", flat=True)
    )


@pytest.fixture
def require_2fa(settings):
    settings.HONLAC_REQUIRE_2FA = True


def test_add_passkey_keeps_it_under_the_name_given(client, db):
    ecuador = focal_point("ECU")
    client.force_login(ecuador)
    confirm_identity(client)
    key = SoftKey()
    page = client.post(reverse("passkey_add"), {"name": "  YubiKey   5 "})
    assert page.context["name"] == "YubiKey 5"
    assert 'data-passkey="register"' in page.content.decode()
    options = post_json(client, "passkey_register_begin").json()
    assert options["rp"] == {"id": RP_ID, "name": "CND subsidiary bodies"}
    done = post_json(client, "passkey_register_complete", key.create(options))
    assert done.json()["redirect_url"] == reverse("account_security")
    passkey = WebAuthnCredential.objects.get(user=ecuador)
    # PostgreSQL gives a binary field back as a memoryview, SQLite as bytes.
    assert (passkey.name, bytes(passkey.credential_id), passkey.confirmed) == ("YubiKey 5", key.credential_id, True)
    assert events(ecuador, "user.passkey_added") == [{"passkey": "YubiKey 5"}]
    security = client.get(reverse("account_security")).content.decode()
    assert "The passkey YubiKey 5 was added." in security
    assert "<td>YubiKey 5</td>" in security
    [notice] = OutgoingEmail.objects.filter(recipient=ecuador)
    assert "A passkey was added as a second factor of your account." in notice.body


def test_passkey_is_registered_only_after_a_name_is_given(client, db):
    client.force_login(focal_point("ECU"))
    begin = post_json(client, "passkey_register_begin")
    assert begin.status_code == 400
    assert begin.json()["code"] == "invalid_state"
    assert WebAuthnCredential.objects.count() == 0


def test_registration_answer_from_another_origin_keeps_nothing(client, db):
    ecuador = focal_point("ECU")
    client.force_login(ecuador)
    confirm_identity(client)
    client.post(reverse("passkey_add"), {"name": "YubiKey 5"})
    options = post_json(client, "passkey_register_begin").json()
    refused = post_json(client, "passkey_register_complete", SoftKey().create(options, origin="https://evil.example"))
    assert refused.status_code == 422
    assert refused.json()["detail"] == "The passkey could not be added. Start again, or use another passkey."
    assert WebAuthnCredential.objects.count() == 0
    assert events(ecuador, "user.passkey_added") == []
    assert not OutgoingEmail.objects.exists()


def test_security_page_lists_only_the_persons_own_passkeys(client, db):
    ecuador, mexico = focal_point("ECU"), focal_point("MEX")
    # Signed in before the passkeys exist, so that no second factor is asked (the tests below give one).
    client.force_login(ecuador)
    SoftKey().passkey_for(ecuador, "Laptop")
    SoftKey().passkey_for(mexico, "Mexico's key")
    page = client.get(reverse("account_security"))
    assert [passkey.name for passkey in page.context["passkeys"]] == ["Laptop"]
    assert "Mexico&#x27;s key" not in page.content.decode()


@pytest.mark.parametrize("name", ["passkey_add", "passkey_rename", "passkey_remove"])
def test_anonymous_is_asked_to_sign_in(client, db, name):
    passkey = SoftKey().passkey_for(focal_point("ECU"))
    url = reverse(name) if name == "passkey_add" else reverse(name, args=[passkey.pk])
    for method in (client.get, client.post):
        response = method(url, {"name": "Mine now"})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login") + "?next=")
    assert WebAuthnCredential.objects.get().name == "YubiKey 5"


@pytest.mark.parametrize("name", ["passkey_rename", "passkey_remove"])
def test_another_persons_passkey_answers_404(client, db, name):
    client.force_login(focal_point("ECU"))
    passkey = SoftKey().passkey_for(focal_point("MEX"))
    url = reverse(name, args=[passkey.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"name": "Mine now"}).status_code == 404
    passkey.refresh_from_db()
    assert passkey.name == "YubiKey 5"
    assert AuditEvent.objects.filter(action__startswith="user.passkey").count() == 0


def test_rename_passkey_records_both_names(client, db):
    ecuador = focal_point("ECU")
    client.force_login(ecuador)
    passkey = SoftKey().passkey_for(ecuador)
    form = client.get(reverse("passkey_rename", args=[passkey.pk]))
    assert form.context["form"].initial == {"name": "YubiKey 5"}
    empty = client.post(reverse("passkey_rename", args=[passkey.pk]), {"name": "  "})
    assert empty.status_code == 200
    response = client.post(reverse("passkey_rename", args=[passkey.pk]), {"name": "Blue key"})
    assert response["Location"] == reverse("account_security")
    passkey.refresh_from_db()
    assert passkey.name == "Blue key"
    assert events(ecuador, "user.passkey_renamed") == [{"before": "YubiKey 5", "after": "Blue key"}]


def test_remove_passkey_asks_first_then_removes_and_records_it(client, db):
    ecuador = focal_point("ECU")
    client.force_login(ecuador)
    confirm_identity(client)
    passkey = SoftKey().passkey_for(ecuador)
    confirmation = client.get(reverse("passkey_remove", args=[passkey.pk]))
    assert confirmation.context["confirmation"].title == "Remove the passkey YubiKey 5?"
    assert confirmation.context["confirmation"].consequences == [
        "It can no longer be used as your second factor.",
        "It is your only second factor: your account will then ask for your password alone.",
    ]
    assert WebAuthnCredential.objects.filter(pk=passkey.pk).exists()
    response = client.post(reverse("passkey_remove", args=[passkey.pk]))
    assert response["Location"] == reverse("account_security")
    assert not WebAuthnCredential.objects.filter(pk=passkey.pk).exists()
    assert events(ecuador, "user.passkey_removed") == [{"passkey": "YubiKey 5"}]
    [notice] = OutgoingEmail.objects.filter(recipient=ecuador)
    assert "A passkey was removed from your account: it no longer works." in notice.body


def test_adding_or_removing_a_passkey_asks_to_confirm_it_s_you_first(client, db):
    """The password alone (a stolen session, an unlocked computer) does not add a key of its own or remove the
    owner's: both ask for the password again (accounts/reauth.py), and nothing changes until it is given."""
    ecuador = focal_point("ECU")
    client.force_login(ecuador)

    def asks_to_confirm(url):
        for method in (client.get, client.post):
            response = method(url, {"name": "Mine now"})
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("reauth_confirm") + "?next=")

    asks_to_confirm(reverse("passkey_add"))
    assert client.session.get(passkeys.PENDING_NAME_KEY) is None
    assert post_json(client, "passkey_register_begin").status_code == 400
    # Made after the sign-in, so that the second factor is not asked first (the tests above give it).
    passkey = SoftKey().passkey_for(ecuador)
    asks_to_confirm(reverse("passkey_remove", args=[passkey.pk]))
    assert list(WebAuthnCredential.objects.values_list("name", flat=True)) == ["YubiKey 5"]
    assert not OutgoingEmail.objects.exists()


def test_passkey_gives_the_second_factor_after_the_password(client, db, require_2fa):
    staff = secretariat_user()
    key = SoftKey()
    passkey = key.passkey_for(staff)
    sign_in(client, staff)
    asked = client.get(reverse("meetings:create"))
    assert asked["Location"] == reverse("two_factor_verify") + "?next=%2Fmeetings%2Fnew%2F"
    page = client.get(asked["Location"])
    assert page.context["has_passkey"] is True
    assert 'data-passkey="verify"' in page.content.decode()
    options = post_json(client, "passkey_verify_begin").json()
    assert [item["id"] for item in options["allowCredentials"]] == [bytes_to_base64url(key.credential_id)]
    done = post_json(client, "passkey_verify_complete", key.get(options), next="/meetings/new/")
    assert done.json()["redirect_url"] == "/meetings/new/"
    assert client.get(reverse("meetings:create")).status_code == 200
    passkey.refresh_from_db()
    assert passkey.sign_count == 1
    assert passkey.last_used_at is not None
    assert events(staff, "user.passkey_used") == [{"passkey": "YubiKey 5"}]


def test_refused_passkey_is_recorded_and_gives_no_second_factor(client, db, require_2fa):
    staff = secretariat_user()
    key = SoftKey()
    key.passkey_for(staff)
    sign_in(client, staff)
    options = post_json(client, "passkey_verify_begin").json()
    answer = key.get(options)
    answer["response"]["signature"] = bytes_to_base64url(b"\x30" + base64url_to_bytes(answer["response"]["signature"]))
    refused = post_json(client, "passkey_verify_complete", answer)
    assert refused.status_code == 422
    assert refused.json()["detail"] == (
        "This passkey was not accepted. Try again, or enter a code of your authenticator app."
    )
    # The challenge was used up: the same answer, or a right one to it, is refused too.
    again = post_json(client, "passkey_verify_complete", key.get(options))
    assert again.json()["code"] == "invalid_state"
    assert client.get(reverse("meetings:create"))["Location"].startswith(reverse("two_factor_verify"))
    assert events(staff, "user.second_factor_failed") == [
        {"refusal": "passkey_invalid"},
        {"refusal": "passkey_no_challenge"},
    ]
    assert events(staff, "user.passkey_used") == []


def test_another_persons_passkey_gives_no_second_factor(client, db, require_2fa):
    staff, other = secretariat_user(), secretariat_user("other")
    key = SoftKey()
    key.passkey_for(other)
    SoftKey().passkey_for(staff)
    sign_in(client, staff)
    options = post_json(client, "passkey_verify_begin").json()
    refused = post_json(client, "passkey_verify_complete", key.get(options))
    assert refused.status_code == 403
    assert client.get(reverse("meetings:create"))["Location"].startswith(reverse("two_factor_verify"))
    assert events(staff, "user.second_factor_failed") == [{"refusal": "passkey_unknown"}]


def test_secretariat_may_have_a_passkey_as_their_only_second_factor(client, db, require_2fa):
    staff = secretariat_user()
    key = SoftKey()
    sign_in(client, staff)
    setup = client.get(reverse("meetings:create"))
    assert setup["Location"] == reverse("two_factor_setup") + "?next=%2Fmeetings%2Fnew%2F"
    assert reverse("passkey_add") + "?next=/meetings/new/" in client.get(setup["Location"]).content.decode()
    done = register(client, key, next_url="/meetings/new/")
    assert done.json()["redirect_url"] == "/meetings/new/"
    assert client.get(reverse("meetings:create")).status_code == 200

    client.post(reverse("logout"))
    sign_in(client, staff)
    assert client.get(reverse("meetings:create"))["Location"].startswith(reverse("two_factor_verify"))
    assert give_passkey(client, key).status_code == 200
    assert client.get(reverse("meetings:create")).status_code == 200


def test_a_second_factor_is_given_before_a_passkey_is_added(client, db, require_2fa):
    staff = secretariat_user()
    SoftKey().passkey_for(staff)
    sign_in(client, staff)
    page = client.get(reverse("passkey_add"))
    assert page["Location"] == reverse("two_factor_verify") + "?next=%2Faccounts%2Fpasskeys%2Fadd%2F"
    client.post(reverse("passkey_add"), {"name": "Another key"})
    # Even with a name kept from before, the ceremony refuses a session that has not given its second factor.
    session = client.session
    session["honlac_passkey_name"] = "Another key"
    session.save()
    assert post_json(client, "passkey_register_begin").status_code == 403
    assert WebAuthnCredential.objects.filter(user=staff).count() == 1


def test_code_form_stays_beside_the_passkey_button(client, db, require_2fa):
    staff = secretariat_user()
    device = TOTPDevice.objects.create(user=staff, name="Authenticator app", confirmed=True)
    SoftKey().passkey_for(staff)
    sign_in(client, staff)
    page = client.get(reverse("two_factor_verify")).content.decode()
    # Without the script the passkey's button stays hidden and says why; the code form works as before.
    assert '<button type="button" class="btn btn-primary" data-passkey-button hidden>Use a passkey</button>' in page
    assert "Passkeys need a browser that runs the portal's scripts." in page
    assert 'name="token"' in page
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"
    assert client.post(reverse("two_factor_verify"), {"token": code})["Location"] == reverse("meetings:home")
    assert client.get(reverse("meetings:create")).status_code == 200


def webauthn_settings(**environment):
    """The relying party id and origins that the settings read from this environment."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("HONLAC_WEBAUTHN", "DJANGO_ALLOWED"))}
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-v0",
            "-c",
            "from django.conf import settings as s; print(s.HONLAC_WEBAUTHN_RP_ID, *s.HONLAC_WEBAUTHN_ORIGINS)",
        ],
        cwd=Path(__file__).resolve().parents[2],
        env={**env, **environment},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.split()


def test_relying_party_is_read_from_the_settings_or_the_allowed_hosts():
    # The default hosts are development's: production refuses to start without DJANGO_ALLOWED_HOSTS.
    assert webauthn_settings(DJANGO_DEBUG="true") == ["localhost", "https://127.0.0.1", "https://localhost"]
    assert webauthn_settings(DJANGO_ALLOWED_HOSTS="10.0.0.3,honlac.example.org,.example.org") == [
        "honlac.example.org",
        "https://10.0.0.3",
        "https://honlac.example.org",
    ]
    assert webauthn_settings(
        DJANGO_ALLOWED_HOSTS="honlac.example.org",
        HONLAC_WEBAUTHN_RP_ID="example.org",
        HONLAC_WEBAUTHN_ORIGINS="https://honlac.example.org,https://honlac.example.org:8443",
    ) == ["example.org", "https://honlac.example.org", "https://honlac.example.org:8443"]
