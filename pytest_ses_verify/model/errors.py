"""What the model refuses, in SES terms: each API adapter maps these to its own codes.

Pure: no botocore, no pytest, no clock. ``message`` is the service's text where the
two APIs share it (the behaviour table in the README gives its source).
"""

from __future__ import annotations


class ModelError(Exception):
    """Something the simulated SES account refuses to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidParameter(ModelError):
    """A malformed value: v1 ``InvalidParameterValue``, v2 ``BadRequestException``."""


class MessageRejected(ModelError):
    """The sending gate refused a message: ``MessageRejected`` in both APIs."""
