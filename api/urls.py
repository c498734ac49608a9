from django.urls import path
from wagtail.api.v3.urls import api as wagtail_api

from api.service import build

urlpatterns = [
    # Wagtail's own pages API (and its description at /api/v3/openapi.json).
    path("api/v3/", wagtail_api.urls),
    path("api/", build().urls),
]
