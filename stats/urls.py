from django.urls import path

from stats import views

urlpatterns = [
    path("api/hit/", views.hit, name="stats_hit"),
    path("api/hit.gif", views.hit_gif, name="stats_hit_gif"),
    path("api/stats/", views.numbers, name="stats_numbers"),
]
