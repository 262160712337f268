"""Settings of the portal of the subsidiary bodies of the Commission on Narcotic Drugs, read from the environment
(see .env.example)."""

from ipaddress import ip_address
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from honlac.proxies import ipware_settings

BASE_DIR = Path(__file__).resolve().parent.parent


def is_ip_address(host):
    try:
        ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# The development key and hosts serve only with DEBUG: in production (DEBUG false) the portal refuses to start
# without a key of its own, since anyone who read this file could forge sessions and one-time links with this one.
MINIMUM_SECRET_KEY_LENGTH = 50
SECRET_KEY = env(
    "DJANGO_SECRET_KEY", default="django-insecure-development-key-do-not-use-in-production" if DEBUG else ""
)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
if not DEBUG:
    # Django's own test of a weak key (`check --deploy`, security.W009): short, few distinct characters, or made
    # by startproject for development.
    if (
        len(SECRET_KEY) < MINIMUM_SECRET_KEY_LENGTH
        or len(set(SECRET_KEY)) < 5
        or SECRET_KEY.startswith("django-insecure-")
    ):
        raise ImproperlyConfigured(
            f"DJANGO_SECRET_KEY must be set, in production (DJANGO_DEBUG false), to a random value of its own of at "
            f"least {MINIMUM_SECRET_KEY_LENGTH} characters (not the development key). Make one with: "
            'python -c "import secrets; print(secrets.token_urlsafe(50))"'
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "DJANGO_ALLOWED_HOSTS must be set, in production (DJANGO_DEBUG false), to the host names the portal "
            "answers to, separated by commas: DJANGO_ALLOWED_HOSTS=honlac.example.org"
        )
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "modeltranslation",  # before django.contrib.admin, as the library requires
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "axes",
    "csp",
    "mozilla_django_oidc",
    "django_tasks",
    "django_tasks_db",
    "rules.apps.AutodiscoverRulesConfig",
    "accounts",
    "meetings",
    "agendas",
    "questionnaires",
    "honlac",  # the project's own commands (load_demo), above the apps
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "honlac.storage.RemoveUncommittedFilesMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Django's, which lets pages be read while the database is read-only (honlac/read_only.py).
    "honlac.read_only.ReadOnlyAwareSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Before the second factor is asked: a session past its limit ends first (accounts/session_limits.py).
    "accounts.session_limits.SessionLimitMiddleware",
    "accounts.middleware.RequireSecondFactorMiddleware",
    # Marks the browser of a signed-in person, for the text a form sends once the session has expired.
    "accounts.middleware.SignedInMarkerMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so that it calls the view itself: every other middleware has run by then.
    "honlac.transactions.AtomicWritesMiddleware",
]

ROOT_URLCONF = "honlac.urls"
WSGI_APPLICATION = "honlac.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "honlac.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# Views that change data run in one transaction, read-only requests in none: honlac/transactions.py.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the task worker share the file: write-ahead logging lets readers go on during a write,
    # and transactions that take the write lock at once (then wait for it) avoid "database is locked" errors.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        **DATABASES["default"].get("OPTIONS", {}),
    }
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache (Django's cache framework): this process's memory by default. Several application servers share one
# through DJANGO_CACHE_URL, e.g. redis://redis.example.org:6379/0 (Django's RedisCache, with the redis package), so
# that whatever one server caches every other sees, and forgets, alike (README, "Running on several nodes").
CACHES = {"default": env.cache_url("DJANGO_CACHE_URL", default="locmemcache://")}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First, so that a locked account or address is refused whatever the way of signing in.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # Passwords, refused to the staff (or everyone) when the switches below say so: accounts/signin.py.
    "accounts.signin.PasswordBackend",
    # OpenID Connect: acts only on the callback from the identity provider, and only when it is enabled.
    "accounts.oidc.OIDCBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "meetings:home"
LOGOUT_REDIRECT_URL = "meetings:home"

# Languages: the interface and the working languages of the bodies.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# Content (titles, texts, documents) is entered and printed in the working languages of each body, chosen among the
# six official languages of the United Nations, in their UN order; the interface above stays in three. Chinese is
# "zh" (simplified script), as in UN document symbols and the fields' names (title_zh).
CONTENT_LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
RTL_LANGUAGES = {"ar"}
MODELTRANSLATION_LANGUAGES = ("en", "fr", "es", "ar", "zh", "ru")
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "fr", "es")

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "media/"  # never served directly: files go through views that check permissions
STORAGES = {
    "default": {"BACKEND": "honlac.storage.TransactionalFileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env.bool("DJANGO_STATIC_MANIFEST", default=not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_SIZE = env.int("HONLAC_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
# ClamAV's daemon scanning every upload (meetings.virus_scan): tcp://host:port or unix:///path; off when empty.
HONLAC_CLAMAV_URL = env("HONLAC_CLAMAV_URL", default="")
HONLAC_CLAMAV_TIMEOUT = env.int("HONLAC_CLAMAV_TIMEOUT", default=30)

# Background tasks (django-tasks): long printing runs in `manage.py db_worker`, not in the request.
TASKS = {
    "default": {
        "BACKEND": env("HONLAC_TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email
EMAIL_CONFIG = env.email_url("DJANGO_EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
vars().update(EMAIL_CONFIG)
# A mail server that stops answering fails the message after this long, instead of holding its sender for ever.
EMAIL_TIMEOUT = env.int("DJANGO_EMAIL_TIMEOUT", default=60)
# A message still "sending" this long after a sender took it is taken again (its sender died): see accounts/mail.py.
HONLAC_MAIL_CLAIM_SECONDS = env.int("HONLAC_MAIL_CLAIM_SECONDS", default=600)
# Text a form sends after its session expired is kept for the sign-in up to this size (response_form_views.py).
HONLAC_KEPT_TEXT_MAX_BYTES = env.int("HONLAC_KEPT_TEXT_MAX_BYTES", default=256 * 1024)
# A posted response's part of the transmittal note prints in the background at its posting, so that the note is up
# to date in seconds (questionnaires.transmittal_parts); off, a note prints the parts it lacks when printed.
HONLAC_PRINT_PARTS_WHEN_POSTED = env.bool("HONLAC_PRINT_PARTS_WHEN_POSTED", default=True)
# The response form saves a draft by itself this many seconds after a change (browser tests make it short).
HONLAC_AUTOSAVE_SECONDS = env.int("HONLAC_AUTOSAVE_SECONDS", default=30)
# The portal's name, in page titles, the menu bar and every message; translated unless set in the environment.
_PORTAL_NAME_SET = env("HONLAC_PORTAL_NAME", default="")
HONLAC_PORTAL_NAME = _PORTAL_NAME_SET or _("CND subsidiary bodies")
# The display name of the default sender, as mail programs show it.
HONLAC_SENDER_NAME = env("HONLAC_SENDER_NAME", default=f"{_PORTAL_NAME_SET or 'CND subsidiary bodies'} secretariat")
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default=f'"{HONLAC_SENDER_NAME}" <portal@localhost>')
SERVER_EMAIL = env("DJANGO_SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

# Security: secure by default, relaxed only by DEBUG for local development.
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancers check the servers' health over plain HTTP (honlac.views.health).
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("DJANGO_BEHIND_PROXY", default=False) else None
)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Sessions end after this much inactivity (every request moves the expiry forward).
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_IDLE_SECONDS", default=60 * 60)
SESSION_SAVE_EVERY_REQUEST = True
# ... and this long after the sign-in in any case, active or not (accounts/session_limits.py).
HONLAC_SESSION_MAX_SECONDS = env.int("HONLAC_SESSION_MAX_SECONDS", default=12 * 60 * 60)
# "Confirm it's you": the password (or the second factor) given again before a sensitive change counts this long
# (accounts/reauth.py).
HONLAC_REAUTH_SECONDS = env.int("HONLAC_REAUTH_SECONDS", default=10 * 60)
# One-time links (invitations of focal points, password resets) stay valid this long.
PASSWORD_RESET_TIMEOUT = env.int("DJANGO_ONE_TIME_LINK_SECONDS", default=3 * 24 * 60 * 60)

# Content Security Policy (django-csp): no inline script or style, nothing from other origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Two-factor authentication (django-otp: TOTP and recovery codes). Required for the secretariat and
# administrators unless turned off (the demo of `make run` turns it off); available to every user.
HONLAC_REQUIRE_2FA = env.bool("HONLAC_REQUIRE_2FA", default=True)
# Authenticator apps and passkey prompts show the portal's name (untranslated: it is stored with the key).
OTP_TOTP_ISSUER = _PORTAL_NAME_SET or "CND subsidiary bodies"
# The admin never shows a second factor's secret (its key, its QR code): a stolen staff session could copy it.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Passkeys and hardware keys as a second factor (WebAuthn, django-otp-webauthn; accounts/passkeys.py). A passkey is
# bound to the relying party id, a host name that the portal's host names end with: the first host name of
# DJANGO_ALLOWED_HOSTS unless set. Its answers are accepted from the origins listed (by default https:// and each
# host of DJANGO_ALLOWED_HOSTS) and, on localhost or 127.0.0.1 (development, tests), from the origin of the request.
_CONCRETE_HOSTS = [host for host in ALLOWED_HOSTS if host != "*" and not host.startswith(".")]
HONLAC_WEBAUTHN_RP_ID = env(
    "HONLAC_WEBAUTHN_RP_ID",
    default=next((host for host in _CONCRETE_HOSTS if not is_ip_address(host)), "localhost"),
)
HONLAC_WEBAUTHN_ORIGINS = env.list("HONLAC_WEBAUTHN_ORIGINS", default=[f"https://{host}" for host in _CONCRETE_HOSTS])
OTP_WEBAUTHN_RP_ID = HONLAC_WEBAUTHN_RP_ID
OTP_WEBAUTHN_RP_NAME = OTP_TOTP_ISSUER
OTP_WEBAUTHN_ALLOWED_ORIGINS = HONLAC_WEBAUTHN_ORIGINS
OTP_WEBAUTHN_HELPER_CLASS = "accounts.passkeys.PasskeyHelper"
# A second factor only: the password (and its throttling) always comes first.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False

# Sign-in through the organization's identity provider (OpenID Connect, mozilla-django-oidc; accounts/oidc.py).
# Its endpoints are given one by one, as its discovery document (<issuer>/.well-known/openid-configuration) names them.
HONLAC_OIDC_ENABLED = env.bool("HONLAC_OIDC_ENABLED", default=False)
HONLAC_OIDC_LABEL = env("HONLAC_OIDC_LABEL", default="")  # "UN Entra ID": the button reads "Sign in with UN Entra ID"
HONLAC_OIDC_ISSUER = env("HONLAC_OIDC_ISSUER", default="")  # the ID token's "iss" must be this, when set
OIDC_RP_CLIENT_ID = env("HONLAC_OIDC_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env("HONLAC_OIDC_CLIENT_SECRET", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("HONLAC_OIDC_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env("HONLAC_OIDC_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env("HONLAC_OIDC_USERINFO_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env("HONLAC_OIDC_JWKS_ENDPOINT", default="")
OIDC_RP_SIGN_ALGO = env("HONLAC_OIDC_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env("HONLAC_OIDC_SCOPES", default="openid email profile")
# Accounts are mapped by email; none is ever created by a sign-in.
OIDC_CREATE_USER = False
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_callback"
# An address counts only when the provider says it is verified ("email_verified": true). Providers that do not
# send the claim (Microsoft Entra ID) are trusted for the domains they own, listed here: "un.org,unodc.org".
HONLAC_OIDC_TRUSTED_EMAIL_DOMAINS = [
    domain.lower().lstrip("@") for domain in env.list("HONLAC_OIDC_TRUSTED_EMAIL_DOMAINS", default=[])
]
# Whether the provider's sign-in stands for the portal's second factor: "portal" (never: the portal asks its own,
# as after a password), "amr" (when the ID token's "amr" claim says "mfa"), "provider" (always: the organization
# requires multi-factor sign-in at its provider).
HONLAC_OIDC_SECOND_FACTOR = env("HONLAC_OIDC_SECOND_FACTOR", default="portal")
# Sign-in with the portal's own password: off for the secretariat and administrators (who then use the
# organization's sign-in), or off for everyone.
HONLAC_PASSWORD_SIGNIN_FOR_STAFF = env.bool("HONLAC_PASSWORD_SIGNIN_FOR_STAFF", default=True)
HONLAC_PASSWORD_SIGNIN = env.bool("HONLAC_PASSWORD_SIGNIN", default=True)

# Login throttling (django-axes, accounts/throttling.py). Five failures lock the pair (account, address) for
# HONLAC_LOGIN_LOCK_HOURS; the account alone is locked only after HONLAC_LOGIN_ACCOUNT_FAILURES failures from at
# least HONLAC_LOGIN_ACCOUNT_ADDRESSES addresses in that time, so that no one address can lock everyone out.
AXES_ENABLED = env.bool("HONLAC_LOGIN_THROTTLING", default=True)
AXES_FAILURE_LIMIT = env.int("HONLAC_LOGIN_FAILURES", default=5)
AXES_COOLOFF_TIME = env.float("HONLAC_LOGIN_LOCK_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "accounts.throttling.PairThenAccountHandler"
AXES_LOCKOUT_CALLABLE = "accounts.unlock_views.lockout_response"
HONLAC_LOGIN_ACCOUNT_FAILURES = env.int("HONLAC_LOGIN_ACCOUNT_FAILURES", default=50)
HONLAC_LOGIN_ACCOUNT_ADDRESSES = env.int("HONLAC_LOGIN_ACCOUNT_ADDRESSES", default=10)
# A locked person may ask for an emailed link that unlocks their account; it works once, this long.
HONLAC_UNLOCK_LINK_SECONDS = env.int("HONLAC_UNLOCK_LINK_SECONDS", default=60 * 60)
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
# The client's address (for throttling and the audit trail): REMOTE_ADDR, or the address the outermost of
# DJANGO_PROXY_HOPS proxies wrote in X-Forwarded-For (honlac/proxies.py).
DJANGO_PROXY_HOPS = env.int("DJANGO_PROXY_HOPS", default=0)
vars().update(ipware_settings(DJANGO_PROXY_HOPS))
# Strict, django-ipware would ignore a header with more entries than proxies (as a forged one has) and fall back
# to the balancer's address; counted from the right, the extra entries are harmless.
IPWARE_STRICT = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
        "pikepdf": {"level": "WARNING"},
        "olevba": {"level": "WARNING"},
    },
}

FORMAT_MODULE_PATH = ["honlac.formats"]
