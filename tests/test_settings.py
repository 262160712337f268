import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_KEY = "a-long-random-production-secret-key-with-many-characters-0123456789"
MAKE_A_KEY = 'python -c "import secrets; print(secrets.token_urlsafe(50))"'


def production_env(tmp_path, **values):
    """The environment of a production server (DEBUG false) with these values; a value None is left unset."""
    env = {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": PRODUCTION_KEY,
        "DJANGO_ALLOWED_HOSTS": "honlac.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path}/check.sqlite3",
        **values,
    }
    return {name: value for name, value in env.items() if value is not None}


def run(env, *command):
    return subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, *command], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


def test_production_settings_pass_check_deploy(tmp_path):
    result = run(production_env(tmp_path), "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


@pytest.mark.parametrize(
    "key",
    [
        None,
        "",
        "django-insecure-development-key-do-not-use-in-production",
        "short-but-random-Zq8x",
        "django-insecure-" + "k" * 40 + "abcdefgh",
        "ab" * 30,
    ],
    ids=["missing", "empty", "development key", "short", "startproject's", "few characters"],
)
def test_production_refuses_to_start_without_a_key_of_its_own(tmp_path, key):
    env = production_env(tmp_path, DJANGO_SECRET_KEY=key)
    for command in (["manage.py", "check"], ["-c", "import django; django.setup()"]):
        result = run({**env, "DJANGO_SETTINGS_MODULE": "honlac.settings"}, *command)
        assert result.returncode != 0
        assert "django.core.exceptions.ImproperlyConfigured: DJANGO_SECRET_KEY must be set" in result.stderr
        assert MAKE_A_KEY in result.stderr


@pytest.mark.parametrize(
    "command",
    [["makemigrations", "--check", "--dry-run"], ["compilemessages", "--ignore=.venv", "-v0"]],
    ids=["makemigrations", "compilemessages"],
)
def test_commands_that_only_read_the_code_need_no_key(tmp_path, command):
    """They serve nothing and sign nothing: a fresh checkout checks its migrations and compiles its catalogs with
    no key, while the portal itself (check, runserver, the worker) still refuses to start."""
    env = production_env(tmp_path, DJANGO_SECRET_KEY=None, DJANGO_ALLOWED_HOSTS=None)
    result = run(env, "manage.py", *command)
    assert result.returncode == 0, result.stderr
    assert run(env, "manage.py", "check").returncode != 0


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    result = run(production_env(tmp_path, DJANGO_ALLOWED_HOSTS=None), "manage.py", "check")
    assert result.returncode != 0
    assert "ImproperlyConfigured: DJANGO_ALLOWED_HOSTS must be set" in result.stderr


def test_development_starts_with_its_own_key_and_hosts(tmp_path):
    env = production_env(tmp_path, DJANGO_DEBUG="true", DJANGO_SECRET_KEY=None, DJANGO_ALLOWED_HOSTS=None)
    result = run(
        env,
        "manage.py",
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; print(s.SECRET_KEY.startswith('django-insecure-'), s.ALLOWED_HOSTS)",
    )
    assert result.stdout.strip() == "True ['127.0.0.1', 'localhost']", result.stderr


CACHE_OF_THE_PROCESS = (
    "import django; django.setup(); from django.conf import settings; from django.core.cache import caches; "
    "print(type(caches['default']).__name__, settings.CACHES['default'].get('LOCATION', ''))"
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (None, "LocMemCache"),
        ("redis://redis.example.org:6379/0", "RedisCache redis://redis.example.org:6379/0"),
    ],
    ids=["unset: this process's memory", "Redis, shared by every server"],
)
def test_cache_is_chosen_by_the_environment(tmp_path, url, expected):
    env = production_env(tmp_path, DJANGO_CACHE_URL=url, DJANGO_SETTINGS_MODULE="honlac.settings")
    result = run(env, "-c", CACHE_OF_THE_PROCESS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
