"""Every patch type the API server serves, as pure functions on JSON dicts.

- `json_patch`            application/json-patch+json (RFC 6902)
- `merge_patch`           application/merge-patch+json (RFC 7386)
- `strategic_merge_patch` application/strategic-merge-patch+json
- server-side apply (application/apply-patch+yaml) lives in `api/apply.py`,
  on the field sets of `patch/fieldset.py`.

Every failure is a `PatchError` carrying the HTTP code to answer with; apply
conflicts are its subclass `ApplyConflict`. This package knows nothing of HTTP,
the store or the registry.
"""

from minikube_py.api.patch.errors import ApplyConflict, FieldConflict, PatchError
from minikube_py.api.patch.jsonpatch import json_patch
from minikube_py.api.patch.mergepatch import merge_patch
from minikube_py.api.patch.schema import SchemaView
from minikube_py.api.patch.strategic import strategic_merge_patch

__all__ = [
    "ApplyConflict",
    "FieldConflict",
    "PatchError",
    "SchemaView",
    "json_patch",
    "merge_patch",
    "strategic_merge_patch",
]
