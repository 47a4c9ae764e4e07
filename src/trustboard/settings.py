"""One settings module for every environment, driven by environment variables.

TRUSTBOARD_DEBUG, TRUSTBOARD_SECRET_KEY, TRUSTBOARD_ALLOWED_HOSTS, DATABASE_URL and
TRUSTBOARD_DATA_DIR are the ones an operator sets; docs/operating.md explains each.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
DATA_DIR = Path(os.environ.get("TRUSTBOARD_DATA_DIR", PROJECT_DIR / "var"))
(DATA_DIR / "static").mkdir(parents=True, exist_ok=True)


def _flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


DEBUG = _flag("TRUSTBOARD_DEBUG")
SECRET_KEY = os.environ.get("TRUSTBOARD_SECRET_KEY", "")
if not SECRET_KEY:
    if _flag("TRUSTBOARD_PRODUCTION"):
        raise RuntimeError("Set TRUSTBOARD_SECRET_KEY for production (see docs/operating.md).")
    SECRET_KEY = "insecure-development-key-set-TRUSTBOARD_SECRET_KEY-in-production"
ALLOWED_HOSTS = os.environ.get("TRUSTBOARD_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
CSRF_TRUSTED_ORIGINS = [
    origin for origin in os.environ.get("TRUSTBOARD_CSRF_TRUSTED_ORIGINS", "").split(",") if origin
]

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
    "django_tasks",
    "django_tasks_db",
    "trustboard.core",
    "trustboard.governance",
    "trustboard.performance",
    "trustboard.meetings",
    "trustboard.plans",
    "trustboard.reports",
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

TRUSTBOARD_PARTNERSHIP_NAME = os.environ.get(
    "TRUSTBOARD_PARTNERSHIP_NAME", "Nottinghamshire Children's Trust"
)
# The partnership's own area (GSS code) for indicator pages; Nottinghamshire in the demo.
TRUSTBOARD_PARTNERSHIP_AREA_CODE = os.environ.get("TRUSTBOARD_PARTNERSHIP_AREA_CODE", "E10000024")
# Plymouth 2014: "significant resources being tied up in meetings"; above this a person is flagged.
TRUSTBOARD_MAX_BODIES_PER_PERSON = int(os.environ.get("TRUSTBOARD_MAX_BODIES_PER_PERSON", "4"))
# The largest data file the upload page takes; `trustboard import-data` has no limit.
TRUSTBOARD_MAX_IMPORT_BYTES = int(os.environ.get("TRUSTBOARD_MAX_IMPORT_BYTES", str(500 * 10**6)))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("TRUSTBOARD_LOG_LEVEL", "WARNING")},
}
