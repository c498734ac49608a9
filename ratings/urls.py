from django.urls import path

from ratings import views

urlpatterns = [
    path("danh-gia/", views.rate, name="ratings_rate"),
    path("danh-gia/cam-on/", views.thanks, name="ratings_thanks"),
]
