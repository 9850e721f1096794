"""pytest-ses-verify: a pytest plugin that fakes Amazon SES identity verification."""

from ._errors import SesVerifyError, UnsupportedOperationError, UsageError
from ._registry import Status
from ._ses_v1 import VerificationEmail
from ._verification import SesCall, SesVerification
from ._version import __version__

__all__ = [
    "SesCall",
    "SesVerification",
    "SesVerifyError",
    "Status",
    "UnsupportedOperationError",
    "UsageError",
    "VerificationEmail",
    "__version__",
]
