"""The app's URLs plus the benchmark's baseline views (bench/views.py), under /bench/."""

from django.urls import include, path

from bench import views

urlpatterns = [
    path("bench/bare/", views.bare, name="bench_bare"),
    path("bench/signed-in/", views.signed_in, name="bench_signed_in"),
    path("bench/signed-in-audited/", views.signed_in_audited, name="bench_signed_in_audited"),
    path("", include("config.urls")),
]
