"""Defaults of rbac.authorization.k8s.io/v1 bindings: each subject's apiGroup."""

from __future__ import annotations

from typing import Any

from minikube_py.api.defaults._util import dicts

RBAC_GROUP = "rbac.authorization.k8s.io"


def default_binding(binding: dict[str, Any]) -> None:
    """SetDefaults_Subject: "" for a ServiceAccount, the RBAC group for a User or Group."""
    for subject in dicts(binding.get("subjects")):
        if subject.get("apiGroup") not in (None, ""):
            continue
        if subject.get("kind") in ("User", "Group"):
            subject["apiGroup"] = RBAC_GROUP
        else:  # a ServiceAccount's group is "", which Go's omitempty leaves out
            subject.pop("apiGroup", None)
