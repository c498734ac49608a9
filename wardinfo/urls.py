from django.urls import path

from wardinfo import views

urlpatterns = [
    path("en/<path:path>", views.english_page, name="wardinfo_english"),
]
