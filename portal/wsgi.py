import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

django_application = get_wsgi_application()

from pagecache.wsgi import PageCacheFront  # noqa: E402 - needs Django set up first

application = PageCacheFront(django_application)
