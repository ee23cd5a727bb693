"""networking.k8s.io/v1: ingresses, ingress classes and network policies, as
pkg/apis/networking/validation checks them."""

from __future__ import annotations

import ipaddress
from typing import Any

from minikube_py.api.validation import field as f
from minikube_py.api.validation import meta as m
from minikube_py.api.validation import pods
from minikube_py.api.validation.field import Cause
from minikube_py.api.validation.meta import as_dict, as_int, as_list, as_str

PATH_TYPES = ("Exact", "ImplementationSpecific", "Prefix")
POLICY_TYPES = ("Ingress", "Egress")
MAX_CONTROLLER_LEN = 250


def _host(host: str, path: str) -> list[Cause]:
    """A rule's host: a DNS subdomain, with an optional leading `*.` wildcard, never an IP."""
    if "*" in host:
        rest = host.removeprefix("*.")
        if "*" in rest or not rest:
            return [
                f.invalid(
                    path,
                    host,
                    "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid "
                    "DNS subdomain, which must consist of lower case alphanumeric characters, "
                    "'-' or '.' and end with an alphanumeric character (e.g. '*.example.com', "
                    "regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?"
                    "(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
                )
            ]
        return f.invalid_each(path, host, m.dns1123_subdomain(rest))
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return f.invalid_each(path, host, m.dns1123_subdomain(host))
    return [f.invalid(path, host, "must be a DNS name, not an IP address")]


def _backend(backend: dict[str, Any], path: str) -> list[Cause]:
    """validateIngressBackend: exactly one of service and resource."""
    service, resource = backend.get("service"), backend.get("resource")
    if service is not None and resource is not None:
        return [f.invalid(path, "", "cannot set both resource and service backends")]
    if resource is not None:
        r = as_dict(resource)
        out = []
        if not as_str(r.get("kind")):
            out.append(f.required(f.child(path, "resource", "kind")))
        if not as_str(r.get("name")):
            out.append(f.required(f.child(path, "resource", "name")))
        return out
    if service is None:
        return [f.invalid(path, "", "resource or service backend is required")]
    svc = as_dict(service)
    out = []
    name = as_str(svc.get("name"))
    sp = f.child(path, "service")
    if not name:
        out.append(f.required(f.child(sp, "name")))
    else:
        out += f.invalid_each(f.child(sp, "name"), name, m.dns1035_label(name))
    port = as_dict(svc.get("port"))
    pname, number = as_str(port.get("name")), as_int(port.get("number")) or 0
    pp = f.child(sp, "port")
    if pname and number:
        out.append(f.invalid(pp, "", "cannot set both port name & port number"))
    elif pname:
        out += f.invalid_each(f.child(pp, "name"), pname, m.port_name(pname))
    elif number:
        out += f.invalid_each(f.child(pp, "number"), number, m.port_num(number))
    else:
        out.append(f.required(pp, "port name or number is required"))
    return out


def _http_path(p: dict[str, Any], path: str) -> list[Cause]:
    out: list[Cause] = []
    ptype = p.get("pathType")
    value = as_str(p.get("path"))
    if ptype is None or ptype == "":
        out.append(f.required(f.child(path, "pathType"), "pathType must be specified"))
    elif ptype not in PATH_TYPES:
        out.append(f.not_supported(f.child(path, "pathType"), ptype, PATH_TYPES))
    elif ptype in ("Exact", "Prefix"):
        if not value.startswith("/"):
            out.append(f.invalid(f.child(path, "path"), value, "must be an absolute path"))
        elif "//" in value:
            out.append(f.invalid(f.child(path, "path"), value, "must not contain '//'"))
    elif value and not value.startswith("/"):
        out.append(f.invalid(f.child(path, "path"), value, "must be an absolute path"))
    backend = p.get("backend")
    if backend is None:
        out.append(f.required(f.child(path, "backend")))
    else:
        out += _backend(as_dict(backend), f.child(path, "backend"))
    return out


def validate_ingress(ing: dict[str, Any]) -> list[Cause]:
    spec = as_dict(ing.get("spec"))
    out: list[Cause] = []
    rules = as_list(spec.get("rules"))
    default = spec.get("defaultBackend")
    if default is None and not rules:
        out.append(f.invalid("spec", "", "either `defaultBackend` or `rules` must be specified"))
    if default is not None:
        out += _backend(as_dict(default), "spec.defaultBackend")
    class_name = spec.get("ingressClassName")
    if class_name is not None:
        out += f.invalid_each(
            "spec.ingressClassName", as_str(class_name), m.dns1123_subdomain(as_str(class_name))
        )
    for i, raw in enumerate(rules):
        rule = as_dict(raw)
        rp = f.index("spec.rules", i)
        host = as_str(rule.get("host"))
        if host:
            out += _host(host, f.child(rp, "host"))
        http = rule.get("http")
        if http is None:
            continue
        paths = as_list(as_dict(http).get("paths"))
        hp = f.child(rp, "http", "paths")
        if not paths:
            out.append(f.required(hp))
        for j, p in enumerate(paths):
            out += _http_path(as_dict(p), f.index(hp, j))
    for i, raw in enumerate(as_list(spec.get("tls"))):
        for j, host in enumerate(as_list(as_dict(raw).get("hosts"))):
            out += _host(as_str(host), f.index(f.child(f.index("spec.tls", i), "hosts"), j))
    return out


def validate_ingress_class(ic: dict[str, Any]) -> list[Cause]:
    spec = as_dict(ic.get("spec"))
    out: list[Cause] = []
    controller = as_str(spec.get("controller"))
    if not controller:
        out.append(f.required("spec.controller"))
    elif len(controller) > MAX_CONTROLLER_LEN:
        out.append(f.too_long("spec.controller", MAX_CONTROLLER_LEN))
    params = spec.get("parameters")
    if params is not None:
        p = as_dict(params)
        pp = "spec.parameters"
        if not as_str(p.get("kind")):
            out.append(f.required(f.child(pp, "kind")))
        if not as_str(p.get("name")):
            out.append(f.required(f.child(pp, "name")))
        scope = p.get("scope")
        if scope not in ("Cluster", "Namespace"):
            out.append(f.not_supported(f.child(pp, "scope"), scope, ("Cluster", "Namespace")))
        elif scope == "Namespace" and not as_str(p.get("namespace")):
            out.append(
                f.required(f.child(pp, "namespace"), "`parameters.scope` is set to 'Namespace'")
            )
        elif scope == "Cluster" and p.get("namespace") is not None:
            out.append(
                f.forbidden(f.child(pp, "namespace"), "`parameters.scope` is set to 'Cluster'")
            )
    return out


def validate_ingress_class_update(new: dict[str, Any], old: dict[str, Any]) -> list[Cause]:
    ctl = as_dict(new.get("spec")).get("controller")
    if ctl != as_dict(old.get("spec")).get("controller"):
        return [f.immutable("spec.controller", as_str(ctl))]
    return []


def _policy_port(port: dict[str, Any], path: str) -> list[Cause]:
    out: list[Cause] = []
    proto = port.get("protocol")
    if proto is not None and proto not in pods.PROTOCOLS:
        out.append(f.not_supported(f.child(path, "protocol"), proto, pods.PROTOCOLS))
    value = port.get("port")
    end = port.get("endPort")
    if isinstance(value, str):
        out += f.invalid_each(f.child(path, "port"), value, m.port_name(value))
        if end is not None:
            out.append(
                f.invalid(
                    f.child(path, "endPort"), end, "may not be specified when `port` is non-numeric"
                )
            )
    elif value is not None:
        number = as_int(value) or 0
        out += f.invalid_each(f.child(path, "port"), number, m.port_num(number))
        if end is not None:
            end_n = as_int(end) or 0
            if end_n < number:
                out.append(
                    f.invalid(
                        f.child(path, "endPort"), end_n, "must be greater than or equal to `port`"
                    )
                )
            else:
                out += f.invalid_each(f.child(path, "endPort"), end_n, m.port_num(end_n))
    elif end is not None:
        out.append(
            f.required(f.child(path, "port"), "must be specified when `endPort` is specified")
        )
    return out


def _peer(peer: dict[str, Any], path: str) -> list[Cause]:
    selectors = [k for k in ("podSelector", "namespaceSelector") if peer.get(k) is not None]
    block = peer.get("ipBlock")
    if block is not None and selectors:
        return [f.forbidden(path, "may not specify more than 1 peer type")]
    if block is None and not selectors:
        return [f.required(path, "must specify a peer")]
    out: list[Cause] = []
    for key in selectors:
        out += m.validate_label_selector(peer.get(key), f.child(path, key))
    if block is not None:
        out += _ip_block(as_dict(block), f.child(path, "ipBlock"))
    return out


def _ip_block(block: dict[str, Any], path: str) -> list[Cause]:
    cidr = as_str(block.get("cidr"))
    if not cidr:
        return [f.required(f.child(path, "cidr"))]
    try:
        net = ipaddress.ip_network(cidr, strict=False)
    except ValueError:
        return [
            f.invalid(
                f.child(path, "cidr"),
                cidr,
                "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)",
            )
        ]
    out: list[Cause] = []
    for i, raw in enumerate(as_list(block.get("except"))):
        ep = f.index(f.child(path, "except"), i)
        text = as_str(raw)
        try:
            sub = ipaddress.ip_network(text, strict=False)
        except ValueError:
            out.append(
                f.invalid(
                    ep, text, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"
                )
            )
            continue
        if sub.version != net.version or not sub.subnet_of(net) or sub == net:  # type: ignore[arg-type]
            out.append(f.invalid(ep, text, "must be a strict subset of `cidr`"))
    return out


def validate_network_policy(np: dict[str, Any]) -> list[Cause]:
    spec = as_dict(np.get("spec"))
    out = m.validate_label_selector(spec.get("podSelector"), "spec.podSelector")
    for direction, peers_key in (("ingress", "from"), ("egress", "to")):
        for i, raw in enumerate(as_list(spec.get(direction))):
            rule = as_dict(raw)
            rp = f.index(f"spec.{direction}", i)
            for j, port in enumerate(as_list(rule.get("ports"))):
                out += _policy_port(as_dict(port), f.index(f.child(rp, "ports"), j))
            for j, peer in enumerate(as_list(rule.get(peers_key))):
                out += _peer(as_dict(peer), f.index(f.child(rp, peers_key), j))
    types = as_list(spec.get("policyTypes"))
    if len(types) > len(POLICY_TYPES):
        out.append(
            f.invalid(
                "spec.policyTypes", f.str_slice(types), "may not specify more than two policyTypes"
            )
        )
    for i, t in enumerate(types):
        if t not in POLICY_TYPES:
            out.append(f.not_supported(f.index("spec.policyTypes", i), t, POLICY_TYPES))
    return out
