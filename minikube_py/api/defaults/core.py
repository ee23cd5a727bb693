"""Defaults of the core/v1 kinds other than Pod."""

from __future__ import annotations

import base64
from typing import Any

from minikube_py.api.defaults._util import canonical_quantities, dicts, setdefault, sub
from minikube_py.api.defaults.pods import default_template

_CLIENT_IP_TIMEOUT = 10800


def default_service(svc: dict[str, Any]) -> None:
    spec = sub(svc, "spec")
    setdefault(spec, "sessionAffinity", "None")
    if spec.get("sessionAffinity") == "None":
        spec.pop("sessionAffinityConfig", None)
    elif spec.get("sessionAffinity") == "ClientIP":
        client_ip = sub(sub(spec, "sessionAffinityConfig"), "clientIP")
        client_ip.setdefault("timeoutSeconds", _CLIENT_IP_TIMEOUT)
    setdefault(spec, "type", "ClusterIP")
    stype = spec.get("type")
    for port in dicts(spec.get("ports")):
        setdefault(port, "protocol", "TCP")
        if port.get("targetPort") in (None, 0, ""):
            port["targetPort"] = port.get("port")
    externally = stype in ("NodePort", "LoadBalancer") or (
        stype == "ClusterIP" and bool(spec.get("externalIPs"))
    )
    if externally:
        setdefault(spec, "externalTrafficPolicy", "Cluster")
    if spec.get("internalTrafficPolicy") is None and stype in (
        "ClusterIP",
        "NodePort",
        "LoadBalancer",
    ):
        spec["internalTrafficPolicy"] = "Cluster"
    if stype == "LoadBalancer" and spec.get("allocateLoadBalancerNodePorts") is None:
        spec["allocateLoadBalancerNodePorts"] = True
    if stype == "ExternalName":
        return
    # clusterIP and clusterIPs are kept in step (the service strategy's normalization)
    cluster_ip, cluster_ips = spec.get("clusterIP"), spec.get("clusterIPs")
    if cluster_ip and not cluster_ips:
        spec["clusterIPs"] = [cluster_ip]
    elif cluster_ips and isinstance(cluster_ips, list) and not cluster_ip:
        spec["clusterIP"] = cluster_ips[0]
    headless = spec.get("clusterIP") == "None"
    if spec.get("ipFamilyPolicy") is None:
        selectorless_headless = headless and not spec.get("selector")
        families = spec.get("ipFamilies")
        dual = isinstance(families, list) and len(families) > 1
        spec["ipFamilyPolicy"] = (
            "RequireDualStack" if selectorless_headless or dual else "SingleStack"
        )
    if not spec.get("ipFamilies"):
        spec["ipFamilies"] = ["IPv6" if ":" in str(spec.get("clusterIP") or "") else "IPv4"]


def default_secret(secret: dict[str, Any]) -> None:
    setdefault(secret, "type", "Opaque")
    string_data = secret.pop("stringData", None)
    if isinstance(string_data, dict) and string_data:
        data = sub(secret, "data")
        for key, value in string_data.items():
            data[key] = base64.b64encode(str(value).encode()).decode()


def default_namespace(ns: dict[str, Any]) -> None:
    meta = sub(ns, "metadata")
    name = meta.get("name")
    if name:
        sub(meta, "labels")["kubernetes.io/metadata.name"] = name
    spec = sub(ns, "spec")
    if "finalizers" not in spec:
        spec["finalizers"] = ["kubernetes"]
    setdefault(sub(ns, "status"), "phase", "Active")


def default_replication_controller(rc: dict[str, Any]) -> None:
    spec = sub(rc, "spec")
    template = spec.get("template")
    labels = template.get("metadata", {}).get("labels") if isinstance(template, dict) else None
    if isinstance(labels, dict) and labels:
        if not spec.get("selector"):
            spec["selector"] = dict(labels)
        meta = sub(rc, "metadata")
        if not meta.get("labels"):
            meta["labels"] = dict(labels)
    if spec.get("replicas") is None:
        spec["replicas"] = 1
    default_template(template)


def default_endpoints(ep: dict[str, Any]) -> None:
    for subset in dicts(ep.get("subsets")):
        for port in dicts(subset.get("ports")):
            setdefault(port, "protocol", "TCP")


def default_core_event(ev: dict[str, Any]) -> None:
    """core/v1 Event: the fields Go always serializes, so clients see them as on a real server."""
    sub(ev, "involvedObject")
    sub(ev, "source")
    for key in ("eventTime", "firstTimestamp", "lastTimestamp"):
        ev.setdefault(key, None)
    ev.setdefault("reportingComponent", "")
    ev.setdefault("reportingInstance", "")


def default_node(node: dict[str, Any]) -> None:
    sub(node, "spec")
    status = node.get("status")
    if isinstance(status, dict):
        canonical_quantities(status.get("capacity"))
        canonical_quantities(status.get("allocatable"))
        if status.get("allocatable") is None and isinstance(status.get("capacity"), dict):
            status["allocatable"] = dict(status["capacity"])


def default_limit_range(lr: dict[str, Any]) -> None:
    for item in dicts(sub(lr, "spec").get("limits")):
        for part in ("max", "min", "default", "defaultRequest", "maxLimitRequestRatio"):
            canonical_quantities(item.get(part))
        if item.get("type") != "Container":
            continue
        default = dict(item.get("default") or {})
        request = dict(item.get("defaultRequest") or {})
        for key, value in dict(item.get("max") or {}).items():
            default.setdefault(key, value)
        for key, value in default.items():
            request.setdefault(key, value)
        for key, value in dict(item.get("min") or {}).items():
            request.setdefault(key, value)
        if default:
            item["default"] = default
        if request:
            item["defaultRequest"] = request


def default_resource_quota(rq: dict[str, Any]) -> None:
    canonical_quantities(sub(rq, "spec").get("hard"))


def default_pod_template(pt: dict[str, Any]) -> None:
    default_template(pt.get("template"))
