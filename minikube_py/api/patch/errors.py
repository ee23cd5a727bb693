"""The one error type of the patch package, and the apply conflict built on it.

    PatchError          a patch that cannot be applied; `code` is the HTTP status
     |                  Kubernetes answers with (400 malformed body, 422 a patch
     |                  that does not fit the object, 413 too many operations)
     +-- ApplyConflict  server-side apply touching fields another manager owns
                        (409, reason Conflict, one cause per field)

The API handlers turn these into metav1.Status bodies; nothing here knows HTTP.
"""

from __future__ import annotations

from dataclasses import dataclass


class PatchError(Exception):
    """A patch that cannot be applied.

    `field` is the path the error is about when one is known (JSON pointer for
    JSON patch, dotted path otherwise); `code` is the HTTP status to answer.
    """

    code: int = 422
    reason: str = "Invalid"

    def __init__(self, message: str, field: str | None = None, *, code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        if code is not None:
            self.code = code
        self.reason = _REASONS.get(self.code, "Invalid")

    def __str__(self) -> str:
        return self.message

    @property
    def causes(self) -> list[dict[str, str]]:
        """`details.causes` of the Status: the patch field the error is about."""
        return [
            {"reason": "FieldValueInvalid", "message": self.message, "field": self.field or "patch"}
        ]


_REASONS = {
    400: "BadRequest",
    409: "Conflict",
    413: "RequestEntityTooLarge",
    415: "UnsupportedMediaType",
    422: "Invalid",
    500: "InternalError",
}


def malformed(message: str, field: str | None = None) -> PatchError:
    """A patch body that is not a patch of its type at all (HTTP 400)."""
    return PatchError(message, field, code=400)


@dataclass(frozen=True, slots=True)
class FieldConflict:
    """One field an apply would change that another manager owns."""

    manager: str  # as Kubernetes prints it: "kubectl-client-side-apply" using apps/v1
    field: str  # as Kubernetes prints a field path: .spec.containers[name="x"].image


class ApplyConflict(PatchError):
    """Server-side apply changing fields other managers own, without force."""

    def __init__(self, conflicts: list[FieldConflict]) -> None:
        super().__init__(conflict_message(conflicts), code=409)
        self.conflicts = conflicts

    @property
    def causes(self) -> list[dict[str, str]]:
        """`details.causes` of the Status Kubernetes answers with."""
        return [
            {
                "type": "FieldManagerConflict",
                "message": f"conflict with {c.manager}",
                "field": c.field,
            }
            for c in self.conflicts
        ]


def conflict_message(conflicts: list[FieldConflict]) -> str:
    """The message Kubernetes writes for apply conflicts, word for word."""
    if len(conflicts) == 1:
        c = conflicts[0]
        return f"Apply failed with 1 conflict: conflict with {c.manager}: {c.field}"
    by_manager: dict[str, list[str]] = {}
    for c in conflicts:
        by_manager.setdefault(c.manager, []).append(c.field)
    lines: list[str] = []
    for manager in sorted(by_manager):
        lines.append(f"conflicts with {manager}:")
        lines.extend(f"- {f}" for f in by_manager[manager])
    return f"Apply failed with {len(conflicts)} conflicts: " + "\n".join(lines)
