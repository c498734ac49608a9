from django.urls import path

from archive import views

app_name = "archive"

urlpatterns = [
    path("luu-tru/<int:page_id>/", views.versions, name="versions"),
    path("luu-tru/<int:page_id>/<int:version_id>.pdf", views.download, {"kind": "pdf"}, name="pdf"),
    path("luu-tru/<int:page_id>/<int:version_id>.warc.gz", views.download, {"kind": "warc"}, name="warc"),
]
