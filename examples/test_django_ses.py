"""The recipe: a Django application sending through django-ses, tested with pytest-django
and the fake. Skipped where Django, django-ses or pytest-django are not installed."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("django_ses")
pytest.importorskip("pytest_django")

from django.core import mail  # after the skips above
from django.core.management import call_command


@pytest.fixture(autouse=True)
def _django_ses_backend(settings: Any) -> None:
    # pytest-django sets up Django's test environment, which swaps EMAIL_BACKEND for the
    # in-memory one (that `mailoutbox` reads): put django-ses back, so mail goes to SES.
    settings.EMAIL_BACKEND = "django_ses.SESBackend"


@pytest.mark.ses_identity("example.com", "Success")
def test_mail_goes_through_django_ses(ses_verification: Any) -> None:
    mail.send_mail("Welcome", "Hello!", "app@example.com", ["customer@example.net"])
    [sent] = ses_verification.outbox
    assert sent.subject == "Welcome"
    assert sent.destinations == ["customer@example.net"]
    assert sent.region == "eu-west-1"


def test_an_unverified_sender_fails_the_send(ses_verification: Any) -> None:
    with pytest.raises(Exception, match="Email address is not verified"):
        mail.send_mail("Welcome", "Hello!", "app@example.com", ["customer@example.net"])


@pytest.mark.ses_identity("example.com", "Success")
def test_the_v2_backend(settings: Any, ses_verification: Any) -> None:
    settings.USE_SES_V2 = True
    mail.send_mail("Welcome", "Hello!", "app@example.com", ["customer@example.net"])
    assert [c.service for c in ses_verification.calls if c.operation == "SendEmail"] == ["sesv2"]


@pytest.mark.django_db
@pytest.mark.ses_identity("ops@example.com", "Success")
def test_the_statistics_command(ses_verification: Any) -> None:
    call_command("get_ses_statistics")
    assert {c.operation for c in ses_verification.calls} >= {"GetSendStatistics"}


@pytest.mark.django_db
@pytest.mark.ses_identity("ops@example.com", "Success")
def test_the_dashboard_view(rf: Any, admin_user: Any, ses_verification: Any) -> None:
    from django_ses.views import DashboardView

    request = rf.get("/admin/django-ses/")
    request.user = admin_user
    response = DashboardView.as_view()(request)
    response.render()
    assert response.status_code == 200
    assert b"ops@example.com" in response.content
    assert {c.operation for c in ses_verification.calls} == {
        "GetSendQuota",
        "ListVerifiedEmailAddresses",
        "GetSendStatistics",
    }
