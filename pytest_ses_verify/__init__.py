"""pytest-ses-verify: a pytest plugin that fakes Amazon SES identity verification.

The public names are loaded on first use, so that having the plugin installed
costs a test run nothing until a test uses it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from . import _wiring
from ._errors import SesVerifyError, UnsupportedOperationError, UsageError
from ._version import __version__

if TYPE_CHECKING:
    from ._decorator import SesVerify, ses_verify
    from ._fake import SesCall, SesVerification
    from ._options import Unsupported
    from .model.account_state import EnforcementStatus
    from .model.contact_lists import Contact
    from .model.events import Event, EventTarget, EventType, TopicPreferences
    from .model.lifecycle import Status
    from .model.list_delivery import ListDelivery
    from .model.mime import Attachment
    from .model.notifications import Notification
    from .model.sending import SentMessage
    from .model.settings import NotificationType
    from .model.templates import RenderingFailure
    from .model.verification import VerificationEmail

__all__ = [
    "Attachment",
    "Contact",
    "EnforcementStatus",
    "Event",
    "EventTarget",
    "EventType",
    "ListDelivery",
    "Notification",
    "NotificationType",
    "RenderingFailure",
    "SentMessage",
    "SesCall",
    "SesVerification",
    "SesVerify",
    "SesVerifyError",
    "Status",
    "TopicPreferences",
    "Unsupported",
    "UnsupportedOperationError",
    "UsageError",
    "VerificationEmail",
    "__version__",
    "ses_verify",
]

_LAZY = {
    "Contact": ".model.contact_lists",
    "EventType": ".model.events",
    "EventTarget": ".model.events",
    "ListDelivery": ".model.list_delivery",
    "Event": ".model.events",
    "TopicPreferences": ".model.events",
    "SesCall": "._service",
    "SesVerification": "._fake",
    "RenderingFailure": ".model.templates",
    "SentMessage": ".model.sending",
    "Status": ".model.lifecycle",
    "VerificationEmail": ".model.verification",
    "Attachment": ".model.mime",
    "EnforcementStatus": ".model.account_state",
    "Notification": ".model.notifications",
    "NotificationType": ".model.settings",
    "SesVerify": "._decorator",
    "Unsupported": "._options",
    "ses_verify": "._decorator",
}

# Importing the package wires it into botocore (cheaply: nothing of botocore is imported
# here), so that clients made after ``import pytest_ses_verify`` are answered by a
# ``with SesVerification()`` block even where pytest did not load the plugin.
_wiring.install()


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'pytest_ses_verify' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
