"""authentication.k8s.io/v1: TokenRequest (the body of serviceaccounts/token), and the
create-only reviews SelfSubjectReview and TokenReview, answered from the caller's identity
and never stored. authentication.k8s.io/v1beta1 SelfSubjectReview (what kubectl 1.27's
`auth whoami` asks for) shares these models."""

from __future__ import annotations

from typing import Annotated

from minikube_py.model._base import Base, Int64, Time, atomic, doc
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
    expirationSeconds: Annotated[Int64 | None, doc("Requested lifetime in seconds.")] = None
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


class UserInfo(Base, kw_only=True):
    """Who a user is, as an authenticator tells it."""

    username: Annotated[str | None, doc("The name of the user.")] = None
    uid: Annotated[str | None, doc("A unique value that identifies the user over time.")] = None
    groups: Annotated[list[str] | None, atomic("The groups the user is in.")] = None
    extra: Annotated[
        dict[str, list[str]] | None, doc("Further information from the authenticator.")
    ] = None


class SelfSubjectReviewStatus(Base, kw_only=True):
    """The caller's user information."""

    userInfo: Annotated[UserInfo | None, doc("Who the caller is.")] = None


class SelfSubjectReview(Base, kw_only=True):
    """Tells the caller who the API server takes them for."""

    apiVersion: Annotated[str | None, doc("Versioned schema of this object.")] = None
    kind: Annotated[str | None, doc("The REST kind of this object.")] = None
    metadata: Annotated[ObjectMeta | None, doc("Standard object metadata.")] = None
    status: Annotated[SelfSubjectReviewStatus | None, doc("The caller's identity. Read-only.")] = (
        None
    )


class TokenReviewSpec(Base, kw_only=True):
    """The token to check."""

    token: Annotated[str | None, doc("The opaque bearer token.")] = None
    audiences: Annotated[list[str] | None, atomic("Audiences the token must be meant for.")] = None


class TokenReviewStatus(Base, kw_only=True):
    """Whether the token is valid and whose it is."""

    authenticated: Annotated[bool | None, doc("True if the token is valid.")] = None
    user: Annotated[UserInfo | None, doc("The user the token belongs to.")] = None
    audiences: Annotated[list[str] | None, atomic("Audiences the token is valid for.")] = None
    error: Annotated[str | None, doc("Why the token could not be checked.")] = None


class TokenReview(Base, kw_only=True):
    """Checks a bearer token and tells whose it is."""

    apiVersion: Annotated[str | None, doc("Versioned schema of this object.")] = None
    kind: Annotated[str | None, doc("The REST kind of this object.")] = None
    metadata: Annotated[ObjectMeta | None, doc("Standard object metadata.")] = None
    spec: Annotated[TokenReviewSpec, doc("The token to check.")]
    status: Annotated[TokenReviewStatus | None, doc("The answer. Read-only.")] = None
