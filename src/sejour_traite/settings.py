"""Django settings: one module, read from the environment, safe defaults.

* ``DATABASE_URL`` selects the database (default: a SQLite file in ``var/``); PostgreSQL in
  production and CI (``postgres://postgres@127.0.0.1:5432/sejour_traite``).
* ``SEJOUR_TRAITE_ENV``: ``demo`` (default, local demonstration and tests) or ``production``.
  In production every secret must come from the environment; in demo mode fixed demo keys
  are used and the settings say so.
* Secrets: ``SEJOUR_TRAITE_SECRET_KEY``, ``SEJOUR_TRAITE_ENCRYPTION_KEYS`` (comma-separated
  Fernet keys, the first one encrypts, all decrypt: key rotation), and
  ``SEJOUR_TRAITE_BLIND_INDEX_KEYS`` (comma-separated HMAC keys of the search index on
  names: the first one indexes, all are searched: key rotation) or, with a single key,
  ``SEJOUR_TRAITE_BLIND_INDEX_KEY``. ``dossiers.encryption`` checks them (``manage.py
  check``; the ``rotate_keys`` command says what is wrong). ``SEJOUR_TRAITE_AUDIT_KEY``
  (HMAC key of the audit trail's hash chain).

The law package never reads settings.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parents[2]
ENV = os.environ.get("SEJOUR_TRAITE_ENV", "demo")
PRODUCTION = ENV == "production"

# Demo values: public on purpose, refused in production.
_DEMO_SECRETS = {
    "SEJOUR_TRAITE_SECRET_KEY": "demo-only-secret-key-not-for-production-0123456789abcdef",
    "SEJOUR_TRAITE_ENCRYPTION_KEYS": "ZGVtby1vbmx5LWtleS1ub3QtZm9yLXByb2R1Y3Rpb24=",
    "SEJOUR_TRAITE_BLIND_INDEX_KEY": "demo-only-blind-index-key",
    "SEJOUR_TRAITE_AUDIT_KEY": "demo-only-audit-chain-key",
}


def _secret(name: str) -> str:
    value = os.environ.get(name)
    if value:
        return value
    if PRODUCTION:
        msg = f"{name} must be set in the environment when SEJOUR_TRAITE_ENV=production"
        raise ImproperlyConfigured(msg)
    return _DEMO_SECRETS[name]


SECRET_KEY = _secret("SEJOUR_TRAITE_SECRET_KEY")
ENCRYPTION_KEYS = [key.strip() for key in _secret("SEJOUR_TRAITE_ENCRYPTION_KEYS").split(",")]
BLIND_INDEX_KEYS = (
    [key.strip() for key in os.environ.get("SEJOUR_TRAITE_BLIND_INDEX_KEYS", "").split(",")]
    if os.environ.get("SEJOUR_TRAITE_BLIND_INDEX_KEYS")
    else []
)
BLIND_INDEX_KEY = (
    os.environ.get("SEJOUR_TRAITE_BLIND_INDEX_KEY", "")
    if BLIND_INDEX_KEYS
    else _secret("SEJOUR_TRAITE_BLIND_INDEX_KEY")
)
AUDIT_KEY = _secret("SEJOUR_TRAITE_AUDIT_KEY")

DEBUG = os.environ.get("SEJOUR_TRAITE_DEBUG", "") == "1" and not PRODUCTION
ALLOWED_HOSTS = [
    h for h in os.environ.get("SEJOUR_TRAITE_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",") if h
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "widget_tweaks",
    "dsfr",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "sejour_traite.accounts",
    "sejour_traite.dossiers",
    "sejour_traite.documents",
    "sejour_traite.web",
    "sejour_traite.guide",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "sejour_traite.web.middleware.SecurityHeadersMiddleware",  # CSP: our own origin only
    "whitenoise.middleware.WhiteNoiseMiddleware",  # the DSFR assets, no web server needed
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "sejour_traite.web.middleware.BackOfficeLanguageMiddleware",  # back office: chosen language
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last: locks out repeated failed sign-ins
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:dashboard"
# django-axes: 5 failed sign-ins for one username from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("SEJOUR_TRAITE_LOGIN_FAILURES", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/locked.html"
OTP_TOTP_ISSUER = "sejour-traite"
ROOT_URLCONF = "sejour_traite.urls"
WSGI_APPLICATION = "sejour_traite.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'sejour-traite.sqlite3'}",
        conn_max_age=int(os.environ.get("SEJOUR_TRAITE_CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
# django-dsfr's forms otherwise build a new template engine (and re-read every template) for
# each form they render: one renderer for the whole process keeps its templates cached.
FORM_RENDERER = "dsfr.forms.DsfrDjangoTemplates"

LANGUAGE_CODE = "fr"
# The public guide ships all of them (guide/i18n.py), the back office those of web/locale
# (web/i18n.py: French and English), chosen by the user and kept in the session.
LANGUAGES = [("fr", "Français"), ("en", "English"), ("ar", "العربية"), ("ro", "Română")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
STATIC_URL = "static/"
# `manage.py collectstatic` target in production; the demo serves from the apps.
STATIC_ROOT = Path(os.environ.get("SEJOUR_TRAITE_STATIC_ROOT", BASE_DIR / "var" / "static"))
# Static files are served by WhiteNoise: straight from the apps in the demo and the tests;
# in production from STATIC_ROOT (`manage.py collectstatic`), compressed, with hashed names
# cached for a year.
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION and not STATIC_ROOT.is_dir():
    STATIC_ROOT = None  # type: ignore[assignment]  # nothing collected: the finders serve
if PRODUCTION:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }

EMAIL_BACKEND = os.environ.get(
    "SEJOUR_TRAITE_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("SEJOUR_TRAITE_FROM_EMAIL", "sejour-traite@localhost")

# Public API rate limit per client address (django-ninja throttling), e.g. "120/m".
API_RATE = os.environ.get("SEJOUR_TRAITE_API_RATE", "120/m")

# Closed files older than this are purged or anonymised by `manage.py purge_closed`.
RETENTION_YEARS = int(os.environ.get("SEJOUR_TRAITE_RETENTION_YEARS", "10"))

SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# A working day; closing the browser ends the session (shared office computers).
SESSION_COOKIE_AGE = int(os.environ.get("SEJOUR_TRAITE_SESSION_SECONDS", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
if PRODUCTION:  # served over HTTPS only (behind the prefecture's reverse proxy)
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    if os.environ.get("SEJOUR_TRAITE_BEHIND_PROXY") == "1":
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Application logs carry dossier numbers and ids, never a name or a date of birth
# (tests/dossiers/test_privacy.py checks it).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "sejour_traite": {"handlers": ["console"], "level": "INFO"},
        "django": {"handlers": ["console"], "level": "WARNING"},
    },
}
DSFR_MARK_OPTIONAL_FIELDS = True  # DSFR: mark optional fields, not required ones
