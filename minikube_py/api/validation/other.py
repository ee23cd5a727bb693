"""discovery.k8s.io/v1 EndpointSlice and coordination.k8s.io/v1 Lease."""

from __future__ import annotations

from typing import Any

from minikube_py.api.validation import core, pods
from minikube_py.api.validation import field as f
from minikube_py.api.validation import meta as m
from minikube_py.api.validation.field import Cause
from minikube_py.api.validation.meta import as_dict, as_int, as_list, as_str

ADDRESS_TYPES = ("FQDN", "IPv4", "IPv6")
MAX_ENDPOINTS = 1000
MAX_ADDRESSES = 100
MAX_PORTS = 20000


def _fqdn(name: str, path: str) -> list[Cause]:
    if not name:
        return [f.required(path)]
    name = name.removesuffix(".")
    errs = m.dns1123_subdomain(name)
    if errs:
        return [f.invalid(path, name, ",".join(errs))]
    labels = name.split(".")
    if len(labels) < 2:
        return [
            f.invalid(path, name, "should be a domain with at least two segments separated by dots")
        ]
    for label in labels:
        errs = m.dns1123_label(label)
        if errs:
            return [f.invalid(path, label, ",".join(errs))]
    return []


def _address(addr: str, addr_type: str, path: str) -> list[Cause]:
    if addr_type in ("IPv4", "IPv6"):
        ip = core.parse_ip(addr)
        family_ok = ip is not None and ip.version == (4 if addr_type == "IPv4" else 6)
        if not family_ok:
            return [f.invalid(path, addr, f"must be a valid {addr_type} address")]
        return core.non_special_ip(addr, path)
    if addr_type == "FQDN":
        return _fqdn(addr, path)
    return []


def validate_endpoint_slice(es: dict[str, Any]) -> list[Cause]:
    out: list[Cause] = []
    addr_type = as_str(es.get("addressType"))
    endpoints = as_list(es.get("endpoints"))
    if len(endpoints) > MAX_ENDPOINTS:
        out.append(f.too_many("endpoints", len(endpoints), MAX_ENDPOINTS))
        endpoints = []
    for i, raw in enumerate(endpoints):
        ep = as_dict(raw)
        p = f.index("endpoints", i)
        ap = f.child(p, "addresses")
        addrs = as_list(ep.get("addresses"))
        if not addrs:
            out.append(f.required(ap, "must contain at least 1 address"))
        elif len(addrs) > MAX_ADDRESSES:
            out.append(f.too_many(ap, len(addrs), MAX_ADDRESSES))
        for j, a in enumerate(addrs):
            out += _address(as_str(a), addr_type, f.index(ap, j))
        node = ep.get("nodeName")
        if node is not None:
            out += f.invalid_each(
                f.child(p, "nodeName"), as_str(node), m.dns1123_subdomain(as_str(node))
            )
        host = ep.get("hostname")
        if host is not None:
            out += f.invalid_each(
                f.child(p, "hostname"), as_str(host), m.dns1123_label(as_str(host))
            )
        out += m.validate_labels(ep.get("deprecatedTopology"), f.child(p, "deprecatedTopology"))
    ports = as_list(es.get("ports"))
    if len(ports) > MAX_PORTS:
        return [*out, f.too_many("ports", len(ports), MAX_PORTS)]
    names: set[str] = set()
    for i, raw in enumerate(ports):
        port = as_dict(raw)
        p = f.index("ports", i)
        name = as_str(port.get("name"))
        if name:
            out += f.invalid_each(f.child(p, "name"), name, m.dns1123_label(name))
        if name in names:
            out.append(f.duplicate(f.child(p, "name"), name))
        names.add(name)
        proto = port.get("protocol")
        if proto is None:
            out.append(f.required(f.child(p, "protocol")))
        elif proto not in pods.PROTOCOLS:
            out.append(f.not_supported(f.child(p, "protocol"), proto, pods.PROTOCOLS))
        num = port.get("port")
        if num is not None:
            n = as_int(num) or 0
            out += f.invalid_each(f.child(p, "port"), n, m.port_num(n))
        app = port.get("appProtocol")
        if app is not None:
            out += f.invalid_each(
                f.child(p, "appProtocol"), as_str(app), m.qualified_name(as_str(app))
            )
    return out


def validate_address_type(es: dict[str, Any]) -> list[Cause]:
    """Checked on create only: an existing slice keeps whatever type it has."""
    addr_type = as_str(es.get("addressType"))
    if not addr_type:
        return [f.required("addressType")]
    if addr_type not in ADDRESS_TYPES:
        return [f.not_supported("addressType", addr_type, ADDRESS_TYPES)]
    return []


def validate_endpoint_slice_update(new: dict[str, Any], old: dict[str, Any]) -> list[Cause]:
    if as_str(new.get("addressType")) != as_str(old.get("addressType")):
        return [f.immutable("addressType", as_str(new.get("addressType")))]
    return []


def validate_lease(lease: dict[str, Any]) -> list[Cause]:
    spec = as_dict(lease.get("spec"))
    out: list[Cause] = []
    duration = as_int(spec.get("leaseDurationSeconds"))
    if duration is not None and duration <= 0:
        out.append(f.invalid("spec.leaseDurationSeconds", duration, "must be greater than 0"))
    transitions = as_int(spec.get("leaseTransitions"))
    if transitions is not None and transitions < 0:
        out.append(
            f.invalid("spec.leaseTransitions", transitions, "must be greater than or equal to 0")
        )
    return out
