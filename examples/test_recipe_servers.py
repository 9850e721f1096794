"""Recipes: the application served by a session-scoped server, driven over HTTP, and an
executor made at import time. Their threads are not the test's own: the fake answers
them in every test (README, "Outside a fixture": threads). Skipped without FastAPI and
uvicorn."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import boto3
import pytest

# Made at import time: its workers start inside the first test that submits.
POOL = ThreadPoolExecutor(max_workers=2)


def verify(address: str) -> str:
    ses = boto3.client("ses", region_name="us-east-1")
    ses.verify_email_identity(EmailAddress=address)
    attributes = ses.get_identity_verification_attributes(Identities=[address])
    return str(attributes["VerificationAttributes"][address]["VerificationStatus"])


@pytest.mark.parametrize("n", range(3))
def test_an_executor_made_at_import_time(ses_verification: Any, n: int) -> None:
    assert POOL.submit(verify, f"user{n}@example.com").result(timeout=10) == "Pending"
    assert ses_verification.calls[0].operation == "VerifyEmailIdentity"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """A FastAPI application under uvicorn, for the whole session: its sync endpoints run
    in AnyIO's worker threads, which the server's thread starts."""
    fastapi = pytest.importorskip("fastapi")
    uvicorn = pytest.importorskip("uvicorn")
    app = fastapi.FastAPI()

    @app.post("/invite/{address}")  # type: ignore[untyped-decorator]  # fastapi: imported as Any
    def invite(address: str) -> dict[str, str]:  # sync: run in a worker thread
        return {"status": verify(address)}

    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.01)  # waiting for the server to listen, not for SES
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


def invite(server: str, address: str) -> dict[str, str]:
    request = urllib.request.Request(f"{server}/invite/{address}", method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        return dict(json.loads(response.read()))


@pytest.mark.parametrize("n", range(3))
def test_a_session_scoped_server_driven_over_http(
    server: str, ses_verification: Any, n: int
) -> None:
    assert invite(server, f"user{n}@example.com") == {"status": "Pending"}
    [email] = ses_verification.verification_emails
    assert email.address == f"user{n}@example.com"


@pytest.mark.parametrize("n", range(2))
def test_pytest_django_live_server(
    live_server: Any, settings: Any, ses_verification: Any, n: int
) -> None:
    """pytest-django's live_server (session-scoped): its request threads send through
    django-ses (examples/django_urls.py's invite view)."""
    pytest.importorskip("django_ses")
    settings.EMAIL_BACKEND = "django_ses.SESBackend"  # pytest-django swapped it out
    ses_verification.set_identity("example.com", "Success")
    with urllib.request.urlopen(f"{live_server.url}/invite/", timeout=10) as response:
        assert response.read() == b"sent"
    [sent] = ses_verification.outbox
    assert sent.destinations == ["customer@example.net"]
