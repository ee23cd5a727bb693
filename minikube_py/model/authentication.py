"""authentication.k8s.io/v1: TokenRequest, the body of serviceaccounts/token."""

from __future__ import annotations

from typing import Annotated

from minikube_py.model._base import Base, Time, atomic, doc
from minikube_py.model.meta import ObjectMeta

SCHEMA_PACKAGE = "io.k8s.api.authentication.v1"


class BoundObjectReference(Base, kw_only=True):
    """An object the token is bound to; the token dies with it."""

    kind: Annotated[str | None, doc("Pod, Secret or Node.")] = None
    apiVersion: Annotated[str | None, doc("API version of the referent.")] = None
    name: Annotated[str | None, doc("Name of the referent.")] = None
    uid: Annotated[str | None, doc("UID of the referent.")] = None


class TokenRequestSpec(Base, kw_only=True):
    """What the requested token is for."""

    audiences: Annotated[list[str], atomic("Intended audiences of the token.")]
    expirationSeconds: Annotated[int | None, doc("Requested lifetime in seconds.")] = None
    boundObjectRef: Annotated[BoundObjectReference | None, doc("Object the token is bound to.")] = (
        None
    )


class TokenRequestStatus(Base, kw_only=True):
    """The issued token."""

    token: Annotated[str, doc("The opaque bearer token.")]
    expirationTimestamp: Annotated[Time, doc("When the token expires.")]


class TokenRequest(Base, kw_only=True):
    """Requests a token for a service account."""

    apiVersion: Annotated[str | None, doc("Versioned schema of this object.")] = None
    kind: Annotated[str | None, doc("The REST kind of this object.")] = None
    metadata: Annotated[ObjectMeta | None, doc("Standard object metadata.")] = None
    spec: Annotated[TokenRequestSpec, doc("What the token is for.")]
    status: Annotated[TokenRequestStatus | None, doc("The issued token. Read-only.")] = None
