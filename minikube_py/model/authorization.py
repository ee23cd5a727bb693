"""authorization.k8s.io/v1: the access reviews (SelfSubjectAccessReview,
SelfSubjectRulesReview, SubjectAccessReview, LocalSubjectAccessReview).

Create-only: the API server answers each from the caller's identity and stores none.
"""

from __future__ import annotations

from typing import Annotated

from minikube_py.model._base import Base, atomic, doc
from minikube_py.model.meta import LabelSelectorRequirement, ObjectMeta

SCHEMA_PACKAGE = "io.k8s.api.authorization.v1"

_API_VERSION = "Versioned schema of this object, e.g. v1 or apps/v1."
_KIND = "The REST kind of this object, in CamelCase, e.g. Pod."


class FieldSelectorRequirement(Base, kw_only=True):
    """One field test: a key, an operator and values."""

    key: Annotated[str, doc("The field selector key.")]
    operator: Annotated[str, doc("In, NotIn, Exists or DoesNotExist.")]
    values: Annotated[list[str] | None, atomic("Values for In and NotIn.")] = None


class FieldSelectorAttributes(Base, kw_only=True):
    """A field selector that limits the access being checked."""

    rawSelector: Annotated[str | None, doc("The selector as a query parameter writes it.")] = None
    requirements: Annotated[
        list[FieldSelectorRequirement] | None, atomic("The parsed selector.")
    ] = None


class LabelSelectorAttributes(Base, kw_only=True):
    """A label selector that limits the access being checked."""

    rawSelector: Annotated[str | None, doc("The selector as a query parameter writes it.")] = None
    requirements: Annotated[
        list[LabelSelectorRequirement] | None, atomic("The parsed selector.")
    ] = None


class ResourceAttributes(Base, kw_only=True):
    """The request on a resource whose authorization is checked."""

    namespace: Annotated[
        str | None, doc('Namespace of the request; "" means all (or a cluster-scoped resource).')
    ] = None
    verb: Annotated[str | None, doc('API verb, e.g. get, list, create; "*" means all.')] = None
    group: Annotated[str | None, doc('API group of the resource; "*" means all.')] = None
    version: Annotated[str | None, doc('API version of the resource; "*" means all.')] = None
    resource: Annotated[str | None, doc('The resource, e.g. pods; "*" means all.')] = None
    subresource: Annotated[str | None, doc('The subresource; "" means none.')] = None
    name: Annotated[str | None, doc('Name of the object; "" means all.')] = None
    fieldSelector: Annotated[
        FieldSelectorAttributes | None, doc("Limits the access to objects matching it.")
    ] = None
    labelSelector: Annotated[
        LabelSelectorAttributes | None, doc("Limits the access to objects matching it.")
    ] = None


class NonResourceAttributes(Base, kw_only=True):
    """The request on a non-resource URL whose authorization is checked."""

    path: Annotated[str | None, doc("URL path of the request.")] = None
    verb: Annotated[str | None, doc("HTTP verb, lower case.")] = None


class SubjectAccessReviewStatus(Base, kw_only=True):
    """Whether the request is allowed."""

    allowed: Annotated[bool, doc("True if the action would be allowed.")]
    denied: Annotated[bool | None, doc("True if the action would be denied.")] = None
    reason: Annotated[str | None, doc("Why the request was allowed or denied.")] = None
    evaluationError: Annotated[str | None, doc("An error met while checking.")] = None


class SelfSubjectAccessReviewSpec(Base, kw_only=True):
    """The request to check; exactly one of the attributes is set."""

    resourceAttributes: Annotated[ResourceAttributes | None, doc("A request on a resource.")] = None
    nonResourceAttributes: Annotated[
        NonResourceAttributes | None, doc("A request on a non-resource URL.")
    ] = None


class SelfSubjectAccessReview(Base, kw_only=True):
    """Checks whether the current user may perform an action."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc("Standard object metadata.")] = None
    spec: Annotated[SelfSubjectAccessReviewSpec, doc("The request to check.")]
    status: Annotated[SubjectAccessReviewStatus | None, doc("The answer. Read-only.")] = None


class SubjectAccessReviewSpec(Base, kw_only=True):
    """The request to check and the user making it."""

    resourceAttributes: Annotated[ResourceAttributes | None, doc("A request on a resource.")] = None
    nonResourceAttributes: Annotated[
        NonResourceAttributes | None, doc("A request on a non-resource URL.")
    ] = None
    user: Annotated[str | None, doc("The user to check for.")] = None
    groups: Annotated[list[str] | None, atomic("The groups to check for.")] = None
    extra: Annotated[dict[str, list[str]] | None, doc("Extra attributes of the user.")] = None
    uid: Annotated[str | None, doc("UID of the user.")] = None


class SubjectAccessReview(Base, kw_only=True):
    """Checks whether a user or group may perform an action."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc("Standard object metadata.")] = None
    spec: Annotated[SubjectAccessReviewSpec, doc("The request to check.")]
    status: Annotated[SubjectAccessReviewStatus | None, doc("The answer. Read-only.")] = None


class LocalSubjectAccessReview(Base, kw_only=True):
    """Checks whether a user or group may perform an action in one namespace."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc("Standard object metadata.")] = None
    spec: Annotated[
        SubjectAccessReviewSpec,
        doc("The request to check; its namespace must be the namespace of the request."),
    ]
    status: Annotated[SubjectAccessReviewStatus | None, doc("The answer. Read-only.")] = None


class SelfSubjectRulesReviewSpec(Base, kw_only=True):
    """Which namespace to list the rules of."""

    namespace: Annotated[str | None, doc("Namespace to evaluate rules for.")] = None


class ResourceRule(Base, kw_only=True):
    """Actions the subject may perform on resources."""

    verbs: Annotated[list[str], atomic('API verbs; "*" means all.')]
    apiGroups: Annotated[list[str] | None, atomic('API groups; "*" means all.')] = None
    resources: Annotated[list[str] | None, atomic('Resources; "*" means all.')] = None
    resourceNames: Annotated[list[str] | None, atomic("Object names; empty means all.")] = None


class NonResourceRule(Base, kw_only=True):
    """Actions the subject may perform on non-resource URLs."""

    verbs: Annotated[list[str], atomic('HTTP verbs, lower case; "*" means all.')]
    nonResourceURLs: Annotated[list[str] | None, atomic('URL paths; "*" means all.')] = None


class SubjectRulesReviewStatus(Base, kw_only=True):
    """The rules of the subject, possibly incomplete."""

    resourceRules: Annotated[list[ResourceRule], atomic("Rules on resources.")]
    nonResourceRules: Annotated[list[NonResourceRule], atomic("Rules on non-resource URLs.")]
    incomplete: Annotated[bool, doc("True when the rules are incomplete.")]
    evaluationError: Annotated[str | None, doc("An error met while listing.")] = None


class SelfSubjectRulesReview(Base, kw_only=True):
    """Lists what the current user may do in a namespace."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc("Standard object metadata.")] = None
    spec: Annotated[SelfSubjectRulesReviewSpec, doc("The namespace to list rules of.")]
    status: Annotated[SubjectRulesReviewStatus | None, doc("The rules. Read-only.")] = None
