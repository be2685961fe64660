"""WSGI entry point (gunicorn ``sejour_traite.wsgi``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sejour_traite.settings")
application = get_wsgi_application()
