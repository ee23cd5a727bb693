"""Defaults of networking.k8s.io/v1: network policy types and port protocols, ingress
class parameter scope."""

from __future__ import annotations

from typing import Any

from minikube_py.api.defaults._util import dicts, setdefault, sub


def default_network_policy(policy: dict[str, Any]) -> None:
    spec = sub(policy, "spec")
    if not isinstance(spec.get("podSelector"), dict):
        spec["podSelector"] = {}
    for rule in (*dicts(spec.get("ingress")), *dicts(spec.get("egress"))):
        for port in dicts(rule.get("ports")):
            setdefault(port, "protocol", "TCP")
    if not spec.get("policyTypes"):
        # every policy restricts ingress; egress only when it has egress rules
        spec["policyTypes"] = ["Ingress", "Egress"] if spec.get("egress") else ["Ingress"]


def default_ingress_class(ingress_class: dict[str, Any]) -> None:
    params = sub(ingress_class, "spec").get("parameters")
    if isinstance(params, dict):
        setdefault(params, "scope", "Cluster")
