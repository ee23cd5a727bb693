"""Create-only reviews answered from the caller's identity, never stored:
authentication.k8s.io SelfSubjectReview and TokenReview, authorization.k8s.io
SelfSubjectAccessReview, SelfSubjectRulesReview, SubjectAccessReview and
LocalSubjectAccessReview.

There is no authorization layer yet: every authenticated user may do
everything, and the access reviews say so."""

from __future__ import annotations

import time
from typing import Any

from minikube_py.api import errors
from minikube_py.api.pki import Identity, TokenSigner
from minikube_py.api.registry import ResourceInfo

ALLOWED_REASON = (
    "minikube-py has no authorization layer yet: every authenticated user may do everything"
)


def _user_info(identity: Identity) -> dict[str, Any]:
    return {"username": identity.user, "groups": list(identity.groups)}


def review(
    resource: ResourceInfo,
    obj: dict[str, Any],
    identity: Identity,
    tokens: TokenSigner,
    namespace: str | None,
) -> dict[str, Any]:
    """The review `obj` with its status filled in."""
    out = dict(obj)
    out.setdefault("metadata", {})["creationTimestamp"] = None
    spec = obj.get("spec") or {}
    if not isinstance(spec, dict):
        raise errors.bad_request("spec: expected an object")
    kind = resource.kind
    if kind == "SelfSubjectReview":
        out["status"] = {"userInfo": _user_info(identity)}
    elif kind == "TokenReview":
        token = spec.get("token")
        if not isinstance(token, str) or not token:
            raise errors.invalid(
                resource,
                "",
                [
                    {
                        "reason": "FieldValueRequired",
                        "field": "spec.token",
                        "message": "Required value",
                    }
                ],
                "TokenReview.authentication.k8s.io is invalid: spec.token: Required value",
            )
        who = tokens.verify(token, time.time())
        out["status"] = (
            {
                "authenticated": True,
                "user": _user_info(who),
                "audiences": spec.get("audiences") or [],
            }
            if who is not None
            else {"authenticated": False, "error": "invalid bearer token"}
        )
    elif kind == "SelfSubjectRulesReview":
        out["status"] = {
            "resourceRules": [{"verbs": ["*"], "apiGroups": ["*"], "resources": ["*"]}],
            "nonResourceRules": [{"verbs": ["*"], "nonResourceURLs": ["*"]}],
            "incomplete": False,
        }
    else:  # the access reviews
        attrs = spec.get("resourceAttributes") or spec.get("nonResourceAttributes")
        if not attrs:
            raise errors.invalid(
                resource,
                "",
                [
                    {
                        "reason": "FieldValueRequired",
                        "field": "spec.resourceAttributes",
                        "message": "Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified",
                    }
                ],
                f"{kind}.authorization.k8s.io is invalid: spec.resourceAttributes: Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified",
            )
        if kind == "LocalSubjectAccessReview":
            ra = spec.get("resourceAttributes") or {}
            if ra.get("namespace") not in (None, "", namespace):
                raise errors.bad_request(
                    "spec.resourceAttributes.namespace must match the namespace of the request"
                )
        out["status"] = {"allowed": True, "reason": ALLOWED_REASON}
    return out
