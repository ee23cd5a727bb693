"""Defaults of storage: storage.k8s.io/v1 StorageClass and the core/v1 persistent volumes
and claims, and scheduling.k8s.io/v1 PriorityClass."""

from __future__ import annotations

from typing import Any

from minikube_py.api.defaults._util import canonical_quantities, setdefault, sub


def default_storage_class(sc: dict[str, Any]) -> None:
    setdefault(sc, "reclaimPolicy", "Delete")
    setdefault(sc, "volumeBindingMode", "Immediate")


def default_pvc(pvc: dict[str, Any]) -> None:
    spec = sub(pvc, "spec")
    setdefault(spec, "volumeMode", "Filesystem")
    resources = spec.get("resources")
    if isinstance(resources, dict):
        canonical_quantities(resources.get("requests"))
        canonical_quantities(resources.get("limits"))


def default_pv(pv: dict[str, Any]) -> None:
    spec = sub(pv, "spec")
    setdefault(spec, "persistentVolumeReclaimPolicy", "Retain")
    setdefault(spec, "volumeMode", "Filesystem")
    canonical_quantities(spec.get("capacity"))
