"""Throttling of sign-ins behind a load balancer: the client's address, the pair locked first, the account last."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from accounts.models import AuditEvent
from honlac.proxies import ipware_settings
from tests.factories import PASSWORD, focal_point

ROOT = Path(__file__).resolve().parent.parent.parent
BALANCER = "10.0.0.3"
WRONG = "not-the-password"


@pytest.fixture
def hops(settings):
    def set_hops(count):
        for name, value in ipware_settings(count).items():
            setattr(settings, name, value)

    return set_hops


def sign_in(client, username, password=WRONG, **meta):
    return client.post(reverse("login"), {"username": username, "password": password}, **meta)


def test_proxy_hops_are_read_from_the_environment():
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            "from django.conf import settings as s; "
            "print(s.AXES_IPWARE_PROXY_COUNT, s.AXES_IPWARE_META_PRECEDENCE_ORDER)",
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_PROXY_HOPS": "2"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip() == "1 ['HTTP_X_FORWARDED_FOR', 'REMOTE_ADDR']", result.stderr


def test_behind_one_proxy_the_forwarded_address_is_recorded(client, db, hops):
    hops(1)
    user = focal_point("ECU")
    sign_in(client, user.username, REMOTE_ADDR=BALANCER, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert list(AccessAttempt.objects.values_list("username", "ip_address")) == [(user.username, "203.0.113.7")]
    assert AuditEvent.objects.get(action="user.login_failed").ip_address == "203.0.113.7"


def test_behind_one_proxy_addresses_a_client_forged_before_its_own_are_ignored(client, db, hops):
    hops(1)
    sign_in(client, "someone", REMOTE_ADDR=BALANCER, HTTP_X_FORWARDED_FOR="198.51.100.1, garbage, 203.0.113.7")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.7"]


def test_behind_two_proxies_the_address_the_outer_one_wrote_is_recorded(client, db, hops):
    hops(2)
    sign_in(client, "someone", REMOTE_ADDR=BALANCER, HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7, 10.0.0.2")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.7"]


def test_without_proxies_a_forged_forwarded_address_is_ignored(client, db, hops):
    hops(0)
    sign_in(client, "someone", REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["192.0.2.10"]
    assert AuditEvent.objects.get(action="user.login_failed").ip_address == "192.0.2.10"


def test_five_failures_lock_the_account_from_that_address_only(client, db, hops):
    hops(1)
    ecuador, mexico = focal_point("ECU"), focal_point("MEX")
    attacker = {"REMOTE_ADDR": BALANCER, "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    for _attempt in range(5):
        sign_in(client, ecuador.username, **attacker)
    locked = sign_in(client, ecuador.username, PASSWORD, **attacker)
    assert locked.status_code == 429
    assert "Sign-in locked for a while" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # The same account from another address, and another account from the attacker's address, sign in.
    elsewhere = {"REMOTE_ADDR": BALANCER, "HTTP_X_FORWARDED_FOR": "198.51.100.20"}
    assert sign_in(client, ecuador.username, PASSWORD, **elsewhere).status_code == 302
    assert client.session["_auth_user_id"] == str(ecuador.pk)
    client.post(reverse("logout"))
    assert sign_in(client, mexico.username, PASSWORD, **attacker).status_code == 302
    assert client.session["_auth_user_id"] == str(mexico.pk)


def test_many_failures_from_many_addresses_lock_the_account_everywhere(client, db, hops, settings):
    hops(1)
    settings.HONLAC_LOGIN_ACCOUNT_FAILURES = 12
    settings.HONLAC_LOGIN_ACCOUNT_ADDRESSES = 3
    ecuador, mexico = focal_point("ECU"), focal_point("MEX")
    for address in ["203.0.113.1", "203.0.113.2", "203.0.113.3"]:
        for _attempt in range(4):
            sign_in(client, ecuador.username, REMOTE_ADDR=BALANCER, HTTP_X_FORWARDED_FOR=address)
    fresh = {"REMOTE_ADDR": BALANCER, "HTTP_X_FORWARDED_FOR": "198.51.100.99"}
    assert sign_in(client, ecuador.username, PASSWORD, **fresh).status_code == 429
    assert "_auth_user_id" not in client.session
    assert sign_in(client, mexico.username, PASSWORD, **fresh).status_code == 302


def test_many_failures_from_few_addresses_do_not_lock_the_account_elsewhere(client, db, hops, settings):
    hops(1)
    settings.HONLAC_LOGIN_ACCOUNT_FAILURES = 8
    settings.HONLAC_LOGIN_ACCOUNT_ADDRESSES = 3
    ecuador = focal_point("ECU")
    for address in ["203.0.113.1", "203.0.113.2"]:
        for _attempt in range(5):
            sign_in(client, ecuador.username, REMOTE_ADDR=BALANCER, HTTP_X_FORWARDED_FOR=address)
    fresh = {"REMOTE_ADDR": BALANCER, "HTTP_X_FORWARDED_FOR": "198.51.100.99"}
    assert sign_in(client, ecuador.username, PASSWORD, **fresh).status_code == 302
