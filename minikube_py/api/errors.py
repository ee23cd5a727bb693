"""The API layer's one error type and the metav1.Status bodies it becomes.

    APIError            any failure a request can end in; carries the HTTP code,
     |                  the Kubernetes reason and optional details.causes
     +-- (built by helpers: bad_request, not_found, already_exists, conflict,
          invalid, gone, too_large, method_not_allowed, unsupported_media, ...)

Handlers raise APIError; the middleware turns it into a Status response. Errors
from the store are mapped here with `raise ... from`.
"""

from __future__ import annotations

from typing import Any

from minikube_py.api.patch.errors import PatchError
from minikube_py.api.registry import ResourceInfo


class APIError(Exception):
    def __init__(
        self,
        code: int,
        reason: str,
        message: str,
        *,
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.reason = reason
        self.message = message
        self.details = details

    def status(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "kind": "Status",
            "apiVersion": "v1",
            "metadata": {},
            "status": "Failure",
            "message": self.message,
            "reason": self.reason,
            "code": self.code,
        }
        if self.details:
            body["details"] = self.details
        return body


def _details(resource: ResourceInfo | None, name: str | None, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if name:
        out["name"] = name
    if resource is not None:
        if resource.group:
            out["group"] = resource.group
        out["kind"] = resource.plural
    out.update(extra)
    return out


def qualified(resource: ResourceInfo) -> str:
    """The resource as Kubernetes names it in messages: plural.group."""
    return f"{resource.plural}.{resource.group}" if resource.group else resource.plural


def bad_request(message: str) -> APIError:
    return APIError(400, "BadRequest", message)


def patch_failed(exc: PatchError) -> APIError:
    """A patch that cannot be applied; a 422 names the field in details.causes."""
    details = {"causes": exc.causes} if exc.code == 422 else None
    return APIError(exc.code, exc.reason, exc.message, details=details)


def unauthorized() -> APIError:
    return APIError(401, "Unauthorized", "Unauthorized")


def not_found(resource: ResourceInfo, name: str) -> APIError:
    return APIError(
        404,
        "NotFound",
        f'{qualified(resource)} "{name}" not found',
        details=_details(resource, name),
    )


def path_not_found(path: str) -> APIError:
    return APIError(
        404,
        "NotFound",
        "the server could not find the requested resource",
        details={
            "causes": [
                {"reason": "UnexpectedServerResponse", "message": f"404 page not found: {path}"}
            ]
        },
    )


def already_exists(resource: ResourceInfo, name: str) -> APIError:
    return APIError(
        409,
        "AlreadyExists",
        f'{qualified(resource)} "{name}" already exists',
        details=_details(resource, name),
    )


def conflict(resource: ResourceInfo, name: str, why: str) -> APIError:
    return APIError(
        409,
        "Conflict",
        f'Operation cannot be fulfilled on {qualified(resource)} "{name}": {why}',
        details=_details(resource, name),
    )


def invalid(
    resource: ResourceInfo, name: str, causes: list[dict[str, str]], message: str
) -> APIError:
    return APIError(
        422,
        "Invalid",
        message,
        details={**_details(resource, name), "kind": resource.kind, "causes": causes},
    )


def forbidden(resource: ResourceInfo, name: str, why: str) -> APIError:
    return APIError(
        403,
        "Forbidden",
        f'{qualified(resource)} "{name}" is forbidden: {why}',
        details=_details(resource, name),
    )


def gone(message: str) -> APIError:
    return APIError(410, "Expired", message)


def too_large(limit: int) -> APIError:
    return APIError(413, "RequestEntityTooLarge", f"Request entity too large: limit is {limit}")


def method_not_allowed(method: str) -> APIError:
    return APIError(
        405,
        "MethodNotAllowed",
        f"the server does not allow this method on the requested resource: {method}",
    )


def unsupported_media(content_type: str) -> APIError:
    return APIError(
        415,
        "UnsupportedMediaType",
        f"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf (got {content_type!r})",
    )


def not_acceptable(accept: str) -> APIError:
    return APIError(
        406,
        "NotAcceptable",
        f"only the following media types are accepted: application/json, application/yaml (got {accept!r})",
    )


def internal(message: str) -> APIError:
    return APIError(500, "InternalError", f"Internal error occurred: {message}")


def timeout(message: str) -> APIError:
    return APIError(504, "Timeout", message)


def too_large_resource_version(wanted: int, current: int) -> APIError:
    """A resourceVersion newer than the server has seen, after waiting for it."""
    return APIError(
        504,
        "Timeout",
        f"Too large resource version: {wanted}, current: {current}",
        details={
            "causes": [
                {"reason": "ResourceVersionTooLarge", "message": "Too large resource version"}
            ],
            "retryAfterSeconds": 1,
        },
    )
