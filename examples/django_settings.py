"""Django settings for the django-ses recipe (examples/test_django_ses.py): django-ses is
the email backend, with its defaults (AWS_SES_AUTO_THROTTLE included)."""

SECRET_KEY = "pytest-ses-verify-example"
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django_ses",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
ROOT_URLCONF = "django_urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
USE_TZ = True
EMAIL_BACKEND = "django_ses.SESBackend"
DEFAULT_FROM_EMAIL = "app@example.com"
AWS_SES_REGION_NAME = "eu-west-1"
AWS_SES_REGION_ENDPOINT = "email.eu-west-1.amazonaws.com"
STATIC_URL = "/static/"  # live_server serves static files from here
