"""ParkOps settings. Everything that differs between machines comes from the environment."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django.contrib.messages import constants as message_constants

from config.env import (
    cache_config,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_positive_int,
    env_str,
    parse_database_url,
    secret_key,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("PARKOPS_VAR_DIR", str(BASE_DIR / "var")))
# Uploaded and generated files: one storage root that every app server mounts, and that the
# backup command copies with the database.
MEDIA_ROOT = Path(env_str("PARKOPS_MEDIA_DIR", str(VAR_DIR / "media")))
MEDIA_URL = "media/"

SECRET_KEY = secret_key(VAR_DIR)
DEBUG = env_bool("DEBUG", default=False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

_DATABASE_URL = env_str("DATABASE_URL", "")
DATABASES = {
    "default": (
        parse_database_url(_DATABASE_URL)
        if _DATABASE_URL
        else {"ENGINE": "django.db.backends.sqlite3", "NAME": VAR_DIR / "parkops.sqlite3"}
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets gunicorn's workers read while one writes; the timeout waits out a writer's lock.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

INSTALLED_APPS = [
    "parkops.web",  # first, so that its templates (login, base) win over the admin's
    "parkops.common",  # the shared kit: list partials, no models of its own
    "parkops.accounts",
    "parkops.registry",
    "parkops.plan",
    "parkops.execution",
    "parkops.indicators",
    "parkops.demo",
    "parkops.evaluation",
    "parkops.land",
    "parkops.smallparks",
    "parkops.imports",
    # Before the ops app, whose admin replaces django-tasks-db's with a read-only one.
    "django_tasks",
    "django_tasks_db",
    "parkops.service",
    "parkops.visits",
    "parkops.enforcement",
    "parkops.attraction",
    "parkops.activities",
    "parkops.matching",
    "parkops.maps",
    "parkops.briefings",
    "parkops.ops",
    "parkops.site",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "simple_history",
    "ninja",
    "axes",
]

MIDDLEWARE = [
    # First: probes get an answer without sessions, login, host checks or the SSL redirect.
    "parkops.ops.middleware.HealthCheckMiddleware",
    # Names each request (X-Request-ID), logs one structured line per request.
    "parkops.ops.requestlog.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy: scripts only from our own static files (CONTENT_SECURITY_POLICY).
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "parkops.accounts.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "parkops.ops.middleware.AuditMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "parkops.site.context_processors.navigation",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses a locked-out login before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Simplified Chinese first, English second. Source strings are Chinese; locale/en holds English.
LANGUAGE_CODE = "zh-hans"
# The menu names each language in itself (its name_local): a reader finds his own in any UI.
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# ISO date inputs in every language (<input type="date"> accepts nothing else).
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Tests and DEBUG runs serve from the finders; production serves the hashed, compressed copies.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Computed aggregates (the indicators' figures table, a published run's counts): shared between
# app servers and workers through Redis when PARKOPS_CACHE_URL names one.
CACHES = {"default": cache_config(env_str("PARKOPS_CACHE_URL", ""))}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=False)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=False)
# A session ends this long after login, however busy (absolute, not idle: no write per request).
SESSION_COOKIE_AGE = env_positive_int("PARKOPS_SESSION_MINUTES", 8 * 60) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("PARKOPS_SESSION_EXPIRE_AT_BROWSER_CLOSE", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# HTTPS: off for a local run, switched on by the environment behind TLS.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
if env_bool("SECURE_PROXY_SSL_HEADER", default=False):
    # Only behind a proxy that sets (and strips from clients) X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Login throttling (django-axes), kept in the database so every app server sees the same count.
# Counted per account name, not per address: behind the proxy every client shares one address, so
# an address lock would lock the whole park out (hence axes.W006, which asks for the address, is
# silenced). The price: anyone can lock an account for the cool-off by failing on purpose;
# `manage.py axes_reset_username NAME` unlocks it early.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_FAILURE_LIMIT = env_positive_int("PARKOPS_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_positive_int("PARKOPS_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "parkops.ops.lockout.lockout_response"
AXES_USERNAME_CALLABLE = "parkops.ops.lockout.attempt_username"
AXES_VERBOSE = False

# Bootstrap's alert classes: a refusal is an error (red), not a plain note.
MESSAGE_TAGS = {message_constants.ERROR: "danger", message_constants.DEBUG: "secondary"}

DJANGO_TABLES2_TEMPLATE = "web/table.html"  # the library's, its body drawn in Python
DJANGO_TABLES2_TABLE_ATTRS = {"class": "table table-sm table-hover align-middle"}

PARKOPS_PAGE_SIZE = env_int("PARKOPS_PAGE_SIZE", 50)
# The largest attachment a request takes (pdf, jpg, png, docx, xlsx), in MB.
PARKOPS_ATTACHMENT_MAX_MB = env_int("PARKOPS_ATTACHMENT_MAX_MB", 10)
# Import limits: the upload's size, an .xlsx's uncompressed size (zip bombs), the data rows.
PARKOPS_IMPORT_MAX_MB = env_int("PARKOPS_IMPORT_MAX_MB", 20)
PARKOPS_IMPORT_MAX_UNCOMPRESSED_MB = env_int("PARKOPS_IMPORT_MAX_UNCOMPRESSED_MB", 300)
PARKOPS_IMPORT_MAX_ROWS = env_int("PARKOPS_IMPORT_MAX_ROWS", 200_000)

# Background jobs (Django's tasks interface, the django-tasks backport). `database` keeps the queue
# in the database (no extra service; `manage.py db_worker` runs the jobs, on this machine or any
# other that reaches the database); `immediate` runs a job inside the request that starts it
# (development and tests only: the web worker holds the work).
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {
    "default": {
        "BACKEND": _TASK_BACKENDS[
            env_choice("PARKOPS_TASK_BACKEND", "database", tuple(_TASK_BACKENDS))
        ]
    }
}
# A running job that reported no progress for this long is taken as lost (its worker was killed)
# and marked failed by `manage.py sweep_jobs`, which `make run` runs before it starts the worker.
PARKOPS_JOB_STALE_MINUTES = env_positive_int("PARKOPS_JOB_STALE_MINUTES", 30)
# A list export of more rows than this is written by a worker (the link opens the job's page,
# which offers the file when it is ready) instead of inside the request.
PARKOPS_EXPORT_INLINE_ROWS = env_positive_int("PARKOPS_EXPORT_INLINE_ROWS", 5000)
# A lead without activity for this many days is flagged stale on the board and the list.
PARKOPS_ATTRACTION_STALE_DAYS = env_positive_int("PARKOPS_ATTRACTION_STALE_DAYS", 30)

# The offline map (parkops.maps). The park's extent in WGS-84 / CGCS2000 degrees,
# "west,south,east,north": the map draws only this box and an import refuses shapes outside it.
# The default is a box around Caojing; set the park's surveyed extent in production.
PARKOPS_MAP_EXTENT = env_str("PARKOPS_MAP_EXTENT", "121.36,30.73,121.46,30.81")
# Douglas–Peucker tolerance for display, in millionths of a degree (about 0.1 m each).
PARKOPS_MAP_SIMPLIFY_MICRODEG = env_positive_int("PARKOPS_MAP_SIMPLIFY_MICRODEG", 10)
# An optional basemap: one PMTiles file the park drops here (none by default: shapes only).
PARKOPS_MAP_BASEMAP = Path(env_str("PARKOPS_MAP_BASEMAP", str(VAR_DIR / "map" / "basemap.pmtiles")))

# Structured logs: one JSON object per line on stderr (a collector reads them from every app
# server and worker), each with the request id; PARKOPS_LOG_FORMAT=text for a readable line.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "parkops.ops.requestlog.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "parkops.ops.requestlog.JsonFormatter"},
        "text": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s user=%(user_id)s] %(message)s"
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": env_choice("PARKOPS_LOG_FORMAT", "json", ("json", "text")),
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Django's own request logger repeats what parkops.request and the error handler say.
    "loggers": {"django.server": {"level": "WARNING"}},
}

# Content-Security-Policy (django-csp): no inline script, nothing from another host. Styles may
# be inline (`style=` attributes, htmx's indicator style); scripts, fonts, images and XHR come
# from this server only. ECharts draws on canvas; the map (when it lands) loads its tiles here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
