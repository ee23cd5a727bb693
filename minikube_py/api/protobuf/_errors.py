"""The one error of the protobuf codec.

ProtobufError            a body this codec cannot turn into an object (or back)
└── UnknownKindError     well-formed, but of an apiVersion/kind it has no table for
"""

from __future__ import annotations


class ProtobufError(ValueError):
    """A body that is not a Kubernetes protobuf object this server knows.

    The handler answers 400 BadRequest with the message (the media type itself is
    supported; 415 is for media types the server does not speak at all).
    """


class UnknownKindError(ProtobufError):
    """A well-formed body whose apiVersion/kind has no field table here."""
