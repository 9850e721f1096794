"""URLs for the Django recipes: the admin, whose templates the dashboard extends, and a
view that sends mail (examples/test_recipe_servers.py, through live_server)."""

from django.contrib import admin
from django.core import mail
from django.http import HttpRequest, HttpResponse
from django.urls import path


def invite(request: HttpRequest) -> HttpResponse:
    mail.send_mail("Welcome", "Hello!", "app@example.com", ["customer@example.net"])
    return HttpResponse(b"sent")


urlpatterns = [path("admin/", admin.site.urls), path("invite/", invite)]
