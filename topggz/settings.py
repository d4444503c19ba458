"""Django settings for the TOPGGz platform.

Everything that differs between machines comes from environment variables
(see the README, "Configuration"). The defaults give a local development
setup on an embedded SQLite database; production sets DEBUG=false and gets
the hardened settings below.
"""

import json
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

_INSECURE_DEV_KEY = "django-insecure-local-development-only-never-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = _INSECURE_DEV_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "import_export",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "accounts",
    "audit",
    "geo",
    "register",
    "consultation",
    "triage",
    "certification",
    "insight",
    "api",
    "knowledge",
    "topggz",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A request body above REQUEST_MAX_BYTES is refused (413) before it is read.
    "topggz.limits.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The request for every audit entry; refusals written after the view's transaction.
    "audit.middleware.AuditContextMiddleware",
    # The open-data API (/api/, /fhir/): CORS for GET, anonymous rate limits, errors as problem+json.
    "api.middleware.ApiMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # django-axes last: it turns a lockout into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "topggz.urls"

# Both template engines give their templates the same context.
TEMPLATE_CONTEXT_PROCESSORS = [
    "django.template.context_processors.request",
    "django.template.context_processors.i18n",
    "django.contrib.auth.context_processors.auth",
    "django.contrib.messages.context_processors.messages",
    "topggz.context_processors.site",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "topggz" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": TEMPLATE_CONTEXT_PROCESSORS,
        },
    },
]

WSGI_APPLICATION = "topggz.wsgi.application"

# Database: DATABASE_URL (postgres://user:pass@host:5432/name) or the embedded
# SQLite file. CONN_MAX_AGE keeps connections open between requests in
# production; health checks drop broken ones.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0" if DEBUG else "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers continue while one writer works; busy timeout avoids
    # "database is locked" under light concurrency.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )

elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Plan for data in memory or on SSD (PostgreSQL's default of 4 assumes spinning disks): with it the
    # finder's full-text subqueries use their GIN indexes instead of scanning the whole document table
    # (18 ms -> 5 ms for a three-word search on the benchmark's register). Empty: the server's setting.
    page_cost = os.environ.get("POSTGRES_RANDOM_PAGE_COST", "1.1").strip()
    if page_cost:
        DATABASES["default"].setdefault("OPTIONS", {})
        DATABASES["default"]["OPTIONS"]["options"] = f"-c random_page_cost={float(page_cost)}"

# Django's cache: the API's rate-limit counts and the drawn charts. Per process by default; with several
# app processes set CACHE_BACKEND=database (a table in the same database, made by `manage.py
# createcachetable`, which `make migrate` runs), so that rate limits count across processes and a chart
# is drawn once for all of them.
CACHE_BACKEND = os.environ.get("CACHE_BACKEND", "locmem").strip().lower() or "locmem"
_CACHE_BACKENDS = {
    "locmem": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "topggz"},
    "database": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "topggz_cache"},
}
if CACHE_BACKEND not in _CACHE_BACKENDS:
    raise ImproperlyConfigured(f"CACHE_BACKEND must be one of {', '.join(_CACHE_BACKENDS)}, not {CACHE_BACKEND!r}.")
CACHES = {"default": _CACHE_BACKENDS[CACHE_BACKEND]}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses locked-out log-ins before a password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Sessions end after 30 minutes without activity, and when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_MINUTES", "30")) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Throttling and lock-out of repeated failed log-ins (django-axes): five
# failures for one e-mail address from one IP lock that pair for 15 minutes.
from datetime import timedelta  # noqa: E402

AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
# Count and lock by the normalised address (strip, case-fold): "ANALYST@x" and
# " analyst@x" are the same account and the same lock as "analyst@x".
AXES_USERNAME_CALLABLE = "accounts.addresses.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

# Two-factor (django-otp): the issuer shown in authenticator apps.
OTP_TOTP_ISSUER = "TOPGGz-platform"
# The second step locks per user after this many wrong codes in a row (log-in
# and first set-up alike), for OTP_COOLOFF_MINUTES or until the bureau lifts it
# (manage.py unlock_second_factor <e-mail>).
OTP_FAILURE_LIMIT = int(os.environ.get("OTP_FAILURE_LIMIT", "5"))
OTP_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("OTP_COOLOFF_MINUTES", "15")))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Dutch first, English available.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "topggz" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "topggz" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

# E-mail: EMAIL_URL-style settings kept explicit so they read in the README.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "TOPGGz-platform <noreply@topggz.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Scheduled and deferred work (topggz.jobs): tasks are rows in this same database (django-tasks with
# django-tasks-db, no message broker), run by `manage.py run_jobs`, which also enqueues the periodic
# jobs when their slot is due. JOBS_INTERVAL_SECONDS: how often an idle run_jobs looks for due jobs
# and queued tasks. JOBS_RESULT_RETENTION_DAYS: finished task results older than this are pruned daily.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
JOBS_INTERVAL_SECONDS = float(os.environ.get("JOBS_INTERVAL_SECONDS", "5"))
JOBS_RESULT_RETENTION_DAYS = int(os.environ.get("JOBS_RESULT_RETENTION_DAYS", "30"))

# Register: an entry not confirmed within this many months counts as unverified.
REGISTER_FRESHNESS_MONTHS = int(os.environ.get("REGISTER_FRESHNESS_MONTHS", "6"))

# Open data and the API (api/). Rates are "<requests>/<period>" (s, min, h, day) or "off"; counted per
# client address (anonymous) or per token in the cache named by API_RATE_LIMIT_CACHE (with several app
# processes, CACHE_BACKEND=database shares it). The licence of the open data is shown on the download page
# and in every export.
API_ANON_RATE = os.environ.get("API_ANON_RATE", "120/min")
API_TOKEN_RATE = os.environ.get("API_TOKEN_RATE", "600/min")
API_RATE_LIMIT_CACHE = os.environ.get("API_RATE_LIMIT_CACHE", "default")
OPEN_DATA_LICENCE = os.environ.get("OPEN_DATA_LICENCE", "CC-BY-4.0")

# The quality-mark procedure (certification/visitation): the department's response period in the hearing
# (calendar days), the objection period (weeks), and whether the department page shows a running recovery period.
CERTIFICATION_HEARING_DAYS = int(os.environ.get("CERTIFICATION_HEARING_DAYS", "14"))
CERTIFICATION_OBJECTION_WEEKS = int(os.environ.get("CERTIFICATION_OBJECTION_WEEKS", "6"))
CERTIFICATION_SHOW_RECOVERY = env_bool("CERTIFICATION_SHOW_RECOVERY", True)

# The address in e-mails' links (no trailing slash).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# Consultation desk (consultation/): clock lengths per kind in working days as JSON, e.g.
# {"consultation": {"triage": 5, "answer": 10}} (kinds not named keep the defaults in
# consultation/rules/clocks.py); escalation limits; months before a closed request's content goes.
CONSULTATION_CLOCKS = json.loads(os.environ.get("CONSULTATION_CLOCKS", "{}") or "{}")
CONSULTATION_ESCALATE_AFTER_DECLINES = int(os.environ.get("CONSULTATION_ESCALATE_AFTER_DECLINES", "3"))
CONSULTATION_ESCALATE_AFTER_EXPIRED_CLOCKS = int(os.environ.get("CONSULTATION_ESCALATE_AFTER_EXPIRED_CLOCKS", "2"))
CONSULTATION_RETENTION_MONTHS = int(os.environ.get("CONSULTATION_RETENTION_MONTHS", "24"))

# Limits on input: sizes, rows, entries, nesting, text (defaults and meaning in topggz/limits.py and
# the README, "Limits"). Each comes from the environment variable of the same name.
from topggz.limits import env_limit  # noqa: E402

DOSSIER_UPLOAD_MAX_BYTES = env_limit(os.environ, "DOSSIER_UPLOAD_MAX_BYTES")
DOSSIER_UPLOAD_MAX_PIXELS = env_limit(os.environ, "DOSSIER_UPLOAD_MAX_PIXELS")
UPLOAD_MAX_ZIP_ENTRIES = env_limit(os.environ, "UPLOAD_MAX_ZIP_ENTRIES")
UPLOAD_MAX_UNPACKED_BYTES = env_limit(os.environ, "UPLOAD_MAX_UNPACKED_BYTES")
PUBLICATION_IMPORT_MAX_BYTES = env_limit(os.environ, "PUBLICATION_IMPORT_MAX_BYTES")
PUBLICATION_IMPORT_MAX_ENTRIES = env_limit(os.environ, "PUBLICATION_IMPORT_MAX_ENTRIES")
PUBLICATION_IMPORT_MAX_TEXT_CHARS = env_limit(os.environ, "PUBLICATION_IMPORT_MAX_TEXT_CHARS")
DOSSIER_IMPORT_MAX_BYTES = env_limit(os.environ, "DOSSIER_IMPORT_MAX_BYTES")
DOSSIER_IMPORT_MAX_DEPTH = env_limit(os.environ, "DOSSIER_IMPORT_MAX_DEPTH")
DOSSIER_MAX_RECORDS_PER_KIND = env_limit(os.environ, "DOSSIER_MAX_RECORDS_PER_KIND")
IMPORT_MAX_TEXT_CHARS = env_limit(os.environ, "IMPORT_MAX_TEXT_CHARS")
REGISTER_IMPORT_MAX_BYTES = env_limit(os.environ, "REGISTER_IMPORT_MAX_BYTES")
REGISTER_IMPORT_MAX_ROWS = env_limit(os.environ, "REGISTER_IMPORT_MAX_ROWS")
REGISTER_IMPORT_MAX_TOTAL_ROWS = env_limit(os.environ, "REGISTER_IMPORT_MAX_TOTAL_ROWS")
REGISTER_IMPORT_MAX_COLUMNS = env_limit(os.environ, "REGISTER_IMPORT_MAX_COLUMNS")
REQUEST_MAX_BYTES = env_limit(os.environ, "REQUEST_MAX_BYTES")
# Django's own request limits, named here so the README's table is complete: form fields without
# files (2.5 MB) and their number. Uploaded files are limited per kind above.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", str(25 * 1024 * 1024 // 10)))
DATA_UPLOAD_MAX_NUMBER_FIELDS = int(os.environ.get("DATA_UPLOAD_MAX_NUMBER_FIELDS", "1000"))
DATA_UPLOAD_MAX_NUMBER_FILES = int(os.environ.get("DATA_UPLOAD_MAX_NUMBER_FILES", "100"))

# The audit log's hash chain is keyed (HMAC-SHA256) with secrets held outside the database.
# AUDIT_HMAC_KEYS: comma-separated key-id:secret pairs, the first signs new entries (see audit.keys);
# required when DEBUG is off, like SECRET_KEY. AUDIT_UNKEYED_UP_TO: the last sequence number that may
# still be an unkeyed (format 1) entry from before keying; empty: any unkeyed prefix of the log.
from audit.keys import parse_key_list, parse_sequence  # noqa: E402

AUDIT_HMAC_KEYS = parse_key_list(os.environ.get("AUDIT_HMAC_KEYS", ""), development=DEBUG)
AUDIT_UNKEYED_UP_TO = parse_sequence(os.environ.get("AUDIT_UNKEYED_UP_TO", ""), "AUDIT_UNKEYED_UP_TO")
# Behind exactly one reverse proxy that appends the client address: take the audit log's client IP from it.
AUDIT_TRUST_X_FORWARDED_FOR = env_bool("AUDIT_TRUST_X_FORWARDED_FOR", False)

# Security. Production (DEBUG off) gets HTTPS-only cookies and HSTS; behind a
# TLS-terminating proxy set SECURE_PROXY_SSL_HEADER via USE_X_FORWARDED_PROTO.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if env_bool("USE_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# /healthz is probed over plain HTTP by load balancers.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Content Security Policy (django-csp 4): everything from our own origin only;
# no inline scripts, no CDN.
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# django-import-export: imports run in a transaction and roll back on any error.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # run_jobs starts a worker every few seconds; its start and stop lines would drown the task lines.
        "django_tasks_db": {"level": "WARNING"},
    },
}
