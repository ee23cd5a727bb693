"""Discovery documents: the legacy per-group forms and the aggregated form
(apidiscovery.k8s.io v2 and v2beta1) that kubectl asks for first."""

from __future__ import annotations

import hashlib
from typing import Any

from minikube_py.api.registry import Registry, ResourceInfo

# subresource -> (verbs, response kind as (group, version, kind) or None for the parent kind)
SUBRESOURCES: dict[str, tuple[tuple[str, ...], tuple[str, str, str] | None]] = {
    "status": (("get", "patch", "update"), None),
    "scale": (("get", "patch", "update"), ("autoscaling", "v1", "Scale")),
    "binding": (("create",), ("", "v1", "Binding")),
    "eviction": (("create",), ("policy", "v1", "Eviction")),
    "log": (("get",), ("", "v1", "Pod")),
    "exec": (("create", "get"), ("", "v1", "PodExecOptions")),
    "attach": (("create", "get"), ("", "v1", "PodAttachOptions")),
    "portforward": (("create", "get"), ("", "v1", "PodPortForwardOptions")),
    "ephemeralcontainers": (("get", "patch", "update"), None),
    "token": (("create",), ("authentication.k8s.io", "v1", "TokenRequest")),
    "finalize": (("update",), None),
}


def storage_hash(r: ResourceInfo) -> str:
    import base64

    # one hash per stored set: the versions of one resource share it, as in Kubernetes
    digest = hashlib.sha256(f"{r.storage_group}/{r.storage_version}/{r.kind}".encode()).digest()
    return base64.b64encode(digest[:8]).decode()


def api_versions(server_address: str) -> dict[str, Any]:
    return {
        "kind": "APIVersions",
        "versions": ["v1"],
        "serverAddressByClientCIDRs": [
            {"clientCIDR": "0.0.0.0/0", "serverAddress": server_address}
        ],
    }


def _gv(group: str, version: str) -> dict[str, str]:
    return {"groupVersion": f"{group}/{version}", "version": version}


def api_group(registry: Registry, group: str) -> dict[str, Any] | None:
    versions = registry.groups().get(group)
    if not versions or not group:
        return None
    return {
        "kind": "APIGroup",
        "apiVersion": "v1",
        "name": group,
        "versions": [_gv(group, v) for v in versions],
        "preferredVersion": _gv(group, versions[0]),
    }


def api_group_list(registry: Registry) -> dict[str, Any]:
    groups = []
    for group, versions in registry.groups().items():
        if not group:
            continue
        groups.append(
            {
                "name": group,
                "versions": [_gv(group, v) for v in versions],
                "preferredVersion": _gv(group, versions[0]),
            }
        )
    return {"kind": "APIGroupList", "apiVersion": "v1", "groups": groups}


def api_resource_list(registry: Registry, group: str, version: str) -> dict[str, Any] | None:
    items = [r for r in registry.resources if r.group == group and r.version == version]
    if not items:
        return None
    resources: list[dict[str, Any]] = []
    for r in items:
        entry: dict[str, Any] = {
            "name": r.plural,
            "singularName": r.singular,
            "namespaced": r.namespaced,
            "kind": r.kind,
            "verbs": list(r.verbs),
            "storageVersionHash": storage_hash(r),
        }
        if r.short_names:
            entry["shortNames"] = list(r.short_names)
        if r.categories:
            entry["categories"] = list(r.categories)
        resources.append(entry)
        for sub in r.subresources:
            verbs, kind = SUBRESOURCES[sub]
            sub_entry: dict[str, Any] = {
                "name": f"{r.plural}/{sub}",
                "singularName": "",
                "namespaced": r.namespaced,
                "kind": kind[2] if kind else r.kind,
                "verbs": list(verbs),
            }
            if kind and kind[0] != r.group:
                sub_entry["group"] = kind[0]
                sub_entry["version"] = kind[1]
            resources.append(sub_entry)
    gv = f"{group}/{version}" if group else version
    return {
        "kind": "APIResourceList",
        "apiVersion": "v1",
        "groupVersion": gv,
        "resources": resources,
    }


def _aggregated_resource(r: ResourceInfo) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "resource": r.plural,
        "responseKind": {"group": r.group, "version": r.version, "kind": r.kind},
        "scope": "Namespaced" if r.namespaced else "Cluster",
        "singularResource": r.singular,
        "verbs": list(r.verbs),
    }
    if r.short_names:
        entry["shortNames"] = list(r.short_names)
    if r.categories:
        entry["categories"] = list(r.categories)
    subs = []
    for sub in r.subresources:
        verbs, kind = SUBRESOURCES[sub]
        g, v, k = kind if kind else (r.group, r.version, r.kind)
        subs.append(
            {
                "subresource": sub,
                "responseKind": {"group": g, "version": v, "kind": k},
                "verbs": list(verbs),
            }
        )
    if subs:
        entry["subresources"] = subs
    return entry


def aggregated(registry: Registry, legacy: bool, api_version: str) -> dict[str, Any]:
    """The APIGroupDiscoveryList for /api (legacy=True) or /apis."""
    items = []
    for group, versions in registry.groups().items():
        if legacy != (group == ""):
            continue
        vitems = []
        for version in versions:
            resources = [
                _aggregated_resource(r)
                for r in registry.resources
                if r.group == group and r.version == version
            ]
            vitems.append({"version": version, "resources": resources, "freshness": "Current"})
        item: dict[str, Any] = {
            "metadata": {"name": group, "creationTimestamp": None},
            "versions": vitems,
        }
        items.append(item)
    return {
        "kind": "APIGroupDiscoveryList",
        "apiVersion": api_version,
        "metadata": {},
        "items": items,
    }
