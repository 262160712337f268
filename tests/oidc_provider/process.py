"""Starts the test OpenID provider as a process on 127.0.0.1 (a free port, its own SQLite file, an RSA key made
for the run), waits until it answers, and stops it at the end. The tests' fixture `oidc_provider` uses it."""

import contextlib
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ROOT = Path(__file__).resolve().parent.parent.parent
PASSWORD = "provider-password"
# The people the provider knows. The portal's tests give some of them an account.
ACCOUNTS = {
    "officer": {"email": "Officer@Example.org", "email_verified": True, "amr": ["pwd"]},
    "mfa-officer": {"email": "mfa.officer@example.org", "email_verified": True, "amr": ["pwd", "mfa"]},
    "focal": {"email": "focal@example.org", "email_verified": True, "amr": ["pwd"]},
    "stranger": {"email": "stranger@example.org", "email_verified": True},
    "unverified": {"email": "unverified@example.org", "email_verified": False},
    # No email_verified claim at all, as Microsoft Entra ID.
    "unclaimed": {"email": "someone@un.example"},
}
# Where the portal answers: the test client's host, and the live server of the browser tests (any port).
REDIRECT_URIS = ["http://testserver/accounts/oidc/callback/", "http://localhost/accounts/oidc/callback/"]
START_SECONDS = 60


@dataclass
class Provider:
    url: str
    client_id: str
    client_secret: str

    @property
    def issuer(self):
        return f"{self.url}/o"

    def endpoint(self, path):
        return urljoin(f"{self.url}/o/", path)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def rsa_key_pem():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode("ascii")


@contextlib.contextmanager
def start_provider(folder):
    """Yields a Provider that answers; tries another port if the one chosen was taken meanwhile."""
    folder = Path(folder)
    key_file = folder / "provider-key.pem"
    key_file.write_text(rsa_key_pem())
    client = {
        "client_id": "honlac-portal",
        "client_secret": secrets.token_urlsafe(32),
        "redirect_uris": REDIRECT_URIS,
    }
    accounts = {name: {**account, "password": PASSWORD} for name, account in ACCOUNTS.items()}
    for attempt in range(3):
        port = free_port()
        database = folder / f"provider-{attempt}.sqlite3"
        log = folder / f"provider-{attempt}.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings",
            "PROVIDER_PORT": str(port),
            "PROVIDER_DATABASE": str(database),
            "PROVIDER_KEY_FILE": str(key_file),
            "PROVIDER_ACCOUNTS": json.dumps(accounts),
            "PROVIDER_CLIENT": json.dumps(client),
            "PROVIDER_SECRET_KEY": secrets.token_urlsafe(40),
            "PYTHONPATH": str(ROOT),
        }
        env.pop("DATABASE_URL", None)
        with log.open("wb") as output:
            process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
                [sys.executable, "-m", "tests.oidc_provider.serve"],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        try:
            provider = Provider(f"http://127.0.0.1:{port}", client["client_id"], client["client_secret"])
            if wait_until_up(process, provider):
                yield provider
                return
            if "already in use" not in log.read_text(errors="replace"):
                raise RuntimeError(f"The test OpenID provider did not start:\n{log.read_text(errors='replace')}")
        finally:
            stop(process)
    raise RuntimeError("The test OpenID provider found no free port.")


def wait_until_up(process, provider):
    """True once the discovery document answers; False if the process ended first."""
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            if requests.get(provider.endpoint(".well-known/openid-configuration"), timeout=2).status_code == 200:
                return True
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"The test OpenID provider did not answer within {START_SECONDS} seconds.")


def stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def sign_in_at_provider(session, authorize_url, username, password=PASSWORD):
    """What a person does at the provider: follows the portal's redirect, signs in on the provider's form, and
    gets the redirect back to the portal, whose URL this returns (not followed)."""
    answer = session.get(authorize_url, allow_redirects=True, timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', answer.text).group(1)
    answer = session.post(
        answer.url,
        data={"username": username, "password": password, "csrfmiddlewaretoken": token, "next": _next(answer.url)},
        headers={"Referer": answer.url},
        allow_redirects=False,
        timeout=10,
    )
    assert answer.status_code == 302, answer.text
    answer = session.get(urljoin(authorize_url, answer.headers["Location"]), allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text
    return answer.headers["Location"]


def _next(url):
    return parse_qs(urlsplit(url).query)["next"][0]
