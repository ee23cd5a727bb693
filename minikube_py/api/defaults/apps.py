"""Defaults of apps/v1: Deployment, ReplicaSet, StatefulSet, DaemonSet."""

from __future__ import annotations

from typing import Any

from minikube_py.api.defaults._util import canonical_quantities, dicts, setdefault, sub
from minikube_py.api.defaults.pods import default_template


def default_deployment(d: dict[str, Any]) -> None:
    spec = sub(d, "spec")
    if spec.get("replicas") is None:
        spec["replicas"] = 1
    strategy = sub(spec, "strategy")
    setdefault(strategy, "type", "RollingUpdate")
    if strategy.get("type") == "RollingUpdate":
        rolling = sub(strategy, "rollingUpdate")
        if rolling.get("maxUnavailable") is None:
            rolling["maxUnavailable"] = "25%"
        if rolling.get("maxSurge") is None:
            rolling["maxSurge"] = "25%"
    if spec.get("revisionHistoryLimit") is None:
        spec["revisionHistoryLimit"] = 10
    if spec.get("progressDeadlineSeconds") is None:
        spec["progressDeadlineSeconds"] = 600
    default_template(spec.get("template"))


def default_replica_set(rs: dict[str, Any]) -> None:
    spec = sub(rs, "spec")
    if spec.get("replicas") is None:
        spec["replicas"] = 1
    default_template(spec.get("template"))


def default_stateful_set(ss: dict[str, Any]) -> None:
    spec = sub(ss, "spec")
    setdefault(spec, "podManagementPolicy", "OrderedReady")
    strategy = sub(spec, "updateStrategy")
    if not strategy.get("type"):
        strategy["type"] = "RollingUpdate"
        strategy.setdefault("rollingUpdate", {})
    rolling = strategy.get("rollingUpdate")
    if (
        strategy.get("type") == "RollingUpdate"
        and isinstance(rolling, dict)
        and rolling.get("partition") is None
    ):
        rolling["partition"] = 0
    retention = sub(spec, "persistentVolumeClaimRetentionPolicy")
    setdefault(retention, "whenDeleted", "Retain")
    setdefault(retention, "whenScaled", "Retain")
    if spec.get("replicas") is None:
        spec["replicas"] = 1
    if spec.get("revisionHistoryLimit") is None:
        spec["revisionHistoryLimit"] = 10
    default_template(spec.get("template"))
    for claim in dicts(spec.get("volumeClaimTemplates")):
        claim.setdefault("apiVersion", "v1")
        claim.setdefault("kind", "PersistentVolumeClaim")
        sub(claim, "metadata").setdefault("creationTimestamp", None)
        claim_spec = sub(claim, "spec")
        setdefault(claim_spec, "volumeMode", "Filesystem")
        resources = claim_spec.get("resources")
        if isinstance(resources, dict):
            canonical_quantities(resources.get("requests"))
            canonical_quantities(resources.get("limits"))
        setdefault(sub(claim, "status"), "phase", "Pending")


def default_daemon_set(ds: dict[str, Any]) -> None:
    spec = sub(ds, "spec")
    strategy = sub(spec, "updateStrategy")
    setdefault(strategy, "type", "RollingUpdate")
    if strategy.get("type") == "RollingUpdate":
        rolling = sub(strategy, "rollingUpdate")
        if rolling.get("maxUnavailable") is None:
            rolling["maxUnavailable"] = 1
        if rolling.get("maxSurge") is None:
            rolling["maxSurge"] = 0
    if spec.get("revisionHistoryLimit") is None:
        spec["revisionHistoryLimit"] = 10
    default_template(spec.get("template"))
