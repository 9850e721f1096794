"""The exceptions pytest-ses-verify raises itself (SES errors are botocore's ClientError)."""

from __future__ import annotations


class SesVerifyError(Exception):
    """Base class of every error pytest-ses-verify raises."""


class UsageError(SesVerifyError, ValueError):
    """A fixture method or marker was given something it cannot use; the message says what."""


class UnsupportedOperationError(SesVerifyError, NotImplementedError):
    """The code under test called an SES operation that the fake does not implement."""
