"""URLs for the django-ses recipe: the admin, whose templates the dashboard extends."""

from django.contrib import admin
from django.urls import path

urlpatterns = [path("admin/", admin.site.urls)]
