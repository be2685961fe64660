"""Test settings: the main settings with a fast password hasher and the locmem mail box."""

from sejour_traite.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
API_RATE = "100000/m"  # fuzzing sends many requests; the limit itself has its own test
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
