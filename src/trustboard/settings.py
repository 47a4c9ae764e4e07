"""One settings module for every environment, driven by environment variables.

TRUSTBOARD_DEBUG, TRUSTBOARD_SECRET_KEY, TRUSTBOARD_ALLOWED_HOSTS, DATABASE_URL,
TRUSTBOARD_DATA_DIR and the HTTPS ones are those an operator sets; docs/operating.md
explains each.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
DATA_DIR = Path(os.environ.get("TRUSTBOARD_DATA_DIR", PROJECT_DIR / "var"))
(DATA_DIR / "static").mkdir(parents=True, exist_ok=True)


def _flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


def _installation_key(path: Path) -> str:
    """This installation's own random key, made on first use and readable by its owner only.

    No key is ever written in the source: anyone who read it could sign an administrator's
    session. Processes starting together all end with the first one's key (a hard link
    either appears whole or not at all).
    """
    if not path.exists():
        draft = path.with_name(f".{path.name}.{os.getpid()}")
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_urlsafe(48))
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    if path.stat().st_mode & 0o077:
        raise ImproperlyConfigured(
            f"{path} holds this installation's secret key but others than its owner can read "
            f"it: run `chmod 600 {path}`, or set TRUSTBOARD_SECRET_KEY.")
    key = path.read_text().strip()
    if len(key) < 50:
        raise ImproperlyConfigured(f"{path} should hold a secret key of 50 characters or more; "
                                   "delete it to have a new one made.")
    return key


DEBUG = _flag("TRUSTBOARD_DEBUG")
SECRET_KEY = os.environ.get("TRUSTBOARD_SECRET_KEY", "")
SECRET_KEY_FILE = DATA_DIR / "secret_key"
if SECRET_KEY:
    SECRET_KEY_SOURCE = "TRUSTBOARD_SECRET_KEY"
elif _flag("TRUSTBOARD_PRODUCTION"):
    raise ImproperlyConfigured(
        "Set TRUSTBOARD_SECRET_KEY for production (see docs/operating.md).")
else:
    SECRET_KEY = _installation_key(SECRET_KEY_FILE)
    SECRET_KEY_SOURCE = str(SECRET_KEY_FILE)
ALLOWED_HOSTS = os.environ.get("TRUSTBOARD_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
CSRF_TRUSTED_ORIGINS = [
    origin for origin in os.environ.get("TRUSTBOARD_CSRF_TRUSTED_ORIGINS", "").split(",") if origin
]
# The live site's address (https://host/), where `trustboard publish` links what a static
# copy cannot hold: pages for members, signing in, forms.
TRUSTBOARD_SITE_URL = os.environ.get("TRUSTBOARD_SITE_URL", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "csp",
    "simple_history",
    # Before django_tasks_db, so its `db_worker` (which recovers stopped jobs) is the one run.
    "trustboard.core",
    "django_tasks",
    "django_tasks_db",
    "trustboard.governance",
    "trustboard.performance",
    "trustboard.meetings",
    "trustboard.plans",
    "trustboard.reports",
    "trustboard.risks",
    "trustboard.reviews",
    "trustboard.commissioning",
    "trustboard.participation",
    "trustboard.thread",
    "trustboard.public",
    "trustboard.api",
    "trustboard.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "trustboard.urls"
WSGI_APPLICATION = "trustboard.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "trustboard.core.context_processors.navigation",
            ],
        },
    },
]

# SQLite in WAL mode is the embedded default; DATABASE_URL selects PostgreSQL in production.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'trustboard.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Each worker keeps its connection: opening one (and its PRAGMAs) costs more than a
    # cached page does to serve.
    DATABASES["default"]["CONN_MAX_AGE"] = 600
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

# django-axes: five failures lock that username from that address for fifteen minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

SESSION_COOKIE_HTTPONLY = True
# Secure cookies unless told otherwise; the local demo on plain http turns them off.
SESSION_COOKIE_SECURE = _flag("TRUSTBOARD_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
# HTTPS, usually ended at a proxy in front: it says so in a header such as X-Forwarded-Proto,
# which is trusted only when named here (the proxy must set it on every request).
SECURE_HSTS_SECONDS = int(os.environ.get("TRUSTBOARD_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("TRUSTBOARD_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = _flag("TRUSTBOARD_HSTS_PRELOAD")
SECURE_SSL_REDIRECT = _flag("TRUSTBOARD_SSL_REDIRECT")
if _proxy_header := os.environ.get("TRUSTBOARD_PROXY_SSL_HEADER", "").strip():
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https")
X_FRAME_OPTIONS = "DENY"
REFERRER_POLICY = "same-origin"


LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# Serve straight from the apps' static folders too, so a fresh checkout needs no collectstatic.
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = DATA_DIR / "media"
# Form fields (not files) above this are refused; uploaded files above this go to disk.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Background work (imports, reports) through Django's tasks interface; the database
# backend needs no broker. `trustboard db_worker` runs the queue (docs/operating.md).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TRUSTBOARD_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# Running work touches its lease every few seconds (core.leases); work silent for longer
# than this is taken to have died, and its job is marked failed.
TRUSTBOARD_JOB_TIMEOUT = int(os.environ.get("TRUSTBOARD_JOB_TIMEOUT", "300"))

# Email (review invitations and reminders): printed to the console unless a mail server is
# set, as in the demo.
EMAIL_HOST = os.environ.get("TRUSTBOARD_EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("TRUSTBOARD_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("TRUSTBOARD_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("TRUSTBOARD_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _flag("TRUSTBOARD_EMAIL_TLS", default=True)
EMAIL_BACKEND = ("django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST
                 else "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("TRUSTBOARD_EMAIL_FROM", "trustboard@localhost")

TRUSTBOARD_PARTNERSHIP_NAME = os.environ.get(
    "TRUSTBOARD_PARTNERSHIP_NAME", "Nottinghamshire Children's Trust"
)
# Where the public ask for an accessible format or report a problem (the accessibility statement).
TRUSTBOARD_CONTACT_EMAIL = os.environ.get("TRUSTBOARD_CONTACT_EMAIL", "")
# The partnership's own area (GSS code) for indicator pages; Nottinghamshire in the demo.
TRUSTBOARD_PARTNERSHIP_AREA_CODE = os.environ.get("TRUSTBOARD_PARTNERSHIP_AREA_CODE", "E10000024")
# Plymouth 2014: "significant resources being tied up in meetings"; above this a person is flagged.
# A finding with no "you said, we did" response this many days after its engagement is flagged.
TRUSTBOARD_PARTICIPATION_RESPONSE_DAYS = int(
    os.environ.get("TRUSTBOARD_PARTICIPATION_RESPONSE_DAYS", "91"))
TRUSTBOARD_MAX_BODIES_PER_PERSON = int(os.environ.get("TRUSTBOARD_MAX_BODIES_PER_PERSON", "4"))
# Whether the public may read the register of members' interests (councils publish their
# councillors' registers, Localism Act 2011 s.29; a partnership decides for its members).
TRUSTBOARD_REGISTER_OF_INTERESTS_PUBLIC = _flag("TRUSTBOARD_REGISTER_OF_INTERESTS_PUBLIC")
# The largest data file the upload page takes; `trustboard import-data` has no limit.
TRUSTBOARD_MAX_IMPORT_BYTES = int(os.environ.get("TRUSTBOARD_MAX_IMPORT_BYTES", str(500 * 10**6)))
# Counts under this are suppressed wherever the public reads them (docs/disclosure-control.md);
# trustboard.performance.disclosure.disclosure_threshold() refuses anything but a whole number >= 1.
TRUSTBOARD_DISCLOSURE_THRESHOLD = os.environ.get("TRUSTBOARD_DISCLOSURE_THRESHOLD", "5")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("TRUSTBOARD_LOG_LEVEL", "WARNING")},
}
