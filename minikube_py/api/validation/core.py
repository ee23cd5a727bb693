"""core/v1 kinds other than Pod: Service, ConfigMap, Secret, Namespace, Node, Event,
Endpoints, ReplicationController, LimitRange and ResourceQuota.

Each `validate_<kind>` checks the object apart from its metadata; each
`validate_<kind>_update` adds the rules that compare with the stored object.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import json
from typing import Any

from minikube_py.api.validation import field as f
from minikube_py.api.validation import meta as m
from minikube_py.api.validation import pods
from minikube_py.api.validation.field import Cause
from minikube_py.api.validation.meta import as_dict, as_int, as_list, as_str
from minikube_py.api.validation.quantity import QuantityError, parse_quantity

MAX_SECRET_SIZE = 1024 * 1024
SERVICE_TYPES = ("ClusterIP", "ExternalName", "LoadBalancer", "NodePort")
NODE_PORT_RANGE = (30000, 32767)
IP_MSG = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"


# ---------------------------------------------------------------- ips


def parse_ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def valid_ip(text: str, path: str) -> list[Cause]:
    return [] if parse_ip(text) is not None else [f.invalid(path, text, IP_MSG)]


def non_special_ip(text: str, path: str) -> list[Cause]:
    ip = parse_ip(text)
    if ip is None:
        return [f.invalid(path, text, "must be a valid IP address")]
    out: list[Cause] = []
    if ip.is_unspecified:
        out.append(f.invalid(path, text, f"may not be unspecified ({text})"))
    if ip.is_loopback:
        out.append(f.invalid(path, text, "may not be in the loopback range (127.0.0.0/8, ::1/128)"))
    if ip.is_link_local:
        out.append(
            f.invalid(path, text, "may not be in the link-local range (169.254.0.0/16, fe80::/10)")
        )
    link_local_mc = (
        isinstance(ip, ipaddress.IPv4Address) and ip in ipaddress.ip_network("224.0.0.0/24")
    ) or (isinstance(ip, ipaddress.IPv6Address) and ip in ipaddress.ip_network("ff02::/16"))
    if link_local_mc:
        out.append(
            f.invalid(
                path, text, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"
            )
        )
    return out


# ------------------------------------------------------------ service


def is_headless(spec: dict[str, Any]) -> bool:
    ips = as_list(spec.get("clusterIPs"))
    return len(ips) == 1 and ips[0] == "None"


def _service_port_repr(p: dict[str, Any]) -> f.GoRepr:
    return f.GoRepr(
        f'core.ServicePort{{Name:"", Protocol:{f.go_quote(as_str(p.get("protocol")))}, AppProtocol:(*string)(nil), '
        f"Port:{as_int(p.get('port')) or 0}, TargetPort:{f.int_or_string(0).text}, NodePort:0}}"
    )


def validate_service(svc: dict[str, Any]) -> list[Cause]:
    spec = as_dict(svc.get("spec"))
    out: list[Cause] = []
    stype = as_str(spec.get("type"))
    ports = as_list(spec.get("ports"))
    headless = is_headless(spec)
    cluster_ips = as_list(spec.get("clusterIPs"))
    if not ports and not headless and stype != "ExternalName":
        out.append(f.required("spec.ports"))
    if stype == "LoadBalancer":
        if headless:
            out.append(
                f.invalid(
                    "spec.clusterIPs[0]",
                    cluster_ips[0],
                    "may not be set to 'None' for LoadBalancer services",
                )
            )
        for i, raw in enumerate(ports):
            if as_int(as_dict(raw).get("port")) == 10250:
                out.append(
                    f.invalid(
                        f.index("spec.ports", i),
                        10250,
                        "may not expose port 10250 externally since it is used by kubelet",
                    )
                )
    elif stype == "NodePort":
        if headless:
            out.append(
                f.invalid(
                    "spec.clusterIPs[0]",
                    cluster_ips[0],
                    "may not be set to 'None' for NodePort services",
                )
            )
    elif stype == "ExternalName":
        if cluster_ips:
            out.append(f.forbidden("spec.clusterIPs", "may not be set for ExternalName services"))
        if as_list(spec.get("ipFamilies")):
            out.append(f.forbidden("spec.ipFamilies", "may not be set for ExternalName services"))
        if spec.get("ipFamilyPolicy") is not None:
            out.append(
                f.forbidden("spec.ipFamilyPolicy", "may not be set for ExternalName services")
            )
        cname = as_str(spec.get("externalName")).removesuffix(".")
        if cname:
            out += f.invalid_each("spec.externalName", cname, m.dns1123_subdomain(cname))
        else:
            out.append(f.required("spec.externalName"))
    names: set[str] = set()
    for i, raw in enumerate(ports):
        out += _service_port(as_dict(raw), len(ports) > 1, names, f.index("spec.ports", i))
    if spec.get("selector") is not None:
        out += m.validate_labels(spec.get("selector"), "spec.selector")
    affinity = as_str(spec.get("sessionAffinity"))
    if not affinity:
        out.append(f.required("spec.sessionAffinity"))
    elif affinity not in ("ClientIP", "None"):
        out.append(f.not_supported("spec.sessionAffinity", affinity, ("ClientIP", "None")))
    if affinity == "ClientIP":
        timeout = as_int(
            as_dict(as_dict(spec.get("sessionAffinityConfig")).get("clientIP")).get(
                "timeoutSeconds"
            )
        )
        if timeout is None or not 0 < timeout <= 86400:
            out.append(
                f.invalid(
                    "spec.sessionAffinityConfig.clientIP.timeoutSeconds", timeout if timeout is not None else 0,
                    "must be greater than 0 and less than 86400",
                )
            )  # fmt: skip
    elif affinity == "None" and spec.get("sessionAffinityConfig") is not None:
        out.append(
            f.forbidden(
                "spec.sessionAffinityConfig", "must not be set when session affinity is None"
            )
        )
    out += _cluster_ips(spec)
    for i, ip in enumerate(as_list(spec.get("externalIPs"))):
        p = f.index("spec.externalIPs", i)
        errs = valid_ip(as_str(ip), p)
        out += errs or non_special_ip(as_str(ip), p)
    if not stype:
        out.append(f.required("spec.type"))
    elif stype not in SERVICE_TYPES:
        out.append(f.not_supported("spec.type", stype, SERVICE_TYPES))
    for i, raw in enumerate(ports):
        np = as_int(as_dict(raw).get("nodePort")) or 0
        if not np:
            continue
        p = f.child(f.index("spec.ports", i), "nodePort")
        if stype == "ClusterIP":
            out.append(f.forbidden(p, "may not be used when `type` is 'ClusterIP'"))
        elif (
            stype in ("NodePort", "LoadBalancer")
            and not NODE_PORT_RANGE[0] <= np <= NODE_PORT_RANGE[1]
        ):
            out.append(
                f.invalid(
                    p,
                    np,
                    "provided port is not in the valid range. The range of valid ports is 30000-32767",
                )
            )
    node_ports: set[tuple[str, int]] = set()
    for i, raw in enumerate(ports):
        port = as_dict(raw)
        np = as_int(port.get("nodePort")) or 0
        if np:
            k = (as_str(port.get("protocol")), np)
            if k in node_ports:
                out.append(f.duplicate(f.child(f.index("spec.ports", i), "nodePort"), np))
            node_ports.add(k)
    seen_ports: set[tuple[str, int]] = set()
    for i, raw in enumerate(ports):
        port = as_dict(raw)
        k = (as_str(port.get("protocol")), as_int(port.get("port")) or 0)
        if k in seen_ports:
            out.append(f.duplicate(f.index("spec.ports", i), _service_port_repr(port)))
        seen_ports.add(k)
    for fld, allowed in (
        ("externalTrafficPolicy", ("Cluster", "Local")),
        ("internalTrafficPolicy", ("Cluster", "Local")),
    ):
        v = spec.get(fld)
        if v is not None and v != "" and v not in allowed:
            out.append(f.not_supported(f.child("spec", fld), v, allowed))
    if (
        spec.get("externalTrafficPolicy")
        and stype not in ("NodePort", "LoadBalancer")
        and not as_list(spec.get("externalIPs"))
    ):
        out.append(
            f.invalid(
                "spec.externalTrafficPolicy", spec.get("externalTrafficPolicy"),
                "may only be set for externally-accessible services",
            )
        )  # fmt: skip
    return out


def _service_port(p: dict[str, Any], require_name: bool, names: set[str], path: str) -> list[Cause]:
    out: list[Cause] = []
    name = as_str(p.get("name"))
    if require_name and not name:
        out.append(f.required(f.child(path, "name")))
    elif name:
        out += f.invalid_each(f.child(path, "name"), name, m.dns1123_label(name))
        if name in names:
            out.append(f.duplicate(f.child(path, "name"), name))
        else:
            names.add(name)
    port = as_int(p.get("port")) or 0
    out += f.invalid_each(f.child(path, "port"), port, m.port_num(port))
    proto = as_str(p.get("protocol"))
    if not proto:
        out.append(f.required(f.child(path, "protocol")))
    elif proto not in pods.PROTOCOLS:
        out.append(f.not_supported(f.child(path, "protocol"), proto, pods.PROTOCOLS))
    out += pods.port_num_or_name(p.get("targetPort"), f.child(path, "targetPort"))
    app = p.get("appProtocol")
    if app is not None:
        out += f.invalid_each(
            f.child(path, "appProtocol"), as_str(app), m.qualified_name(as_str(app))
        )
    return out


def _cluster_ips(spec: dict[str, Any]) -> list[Cause]:
    if as_str(spec.get("type")) == "ExternalName":
        return []
    out: list[Cause] = []
    cluster_ip = as_str(spec.get("clusterIP"))
    ips = [as_str(x) for x in as_list(spec.get("clusterIPs"))]
    if cluster_ip:
        if not ips:
            out.append(f.required("spec.clusterIPs"))
        elif ips[0] != cluster_ip:
            out.append(
                f.invalid("spec.clusterIPs", f.str_slice(ips), "first value must match `clusterIP`")
            )
    elif ips:
        out.append(
            f.invalid(
                "spec.clusterIPs",
                f.str_slice(ips),
                "must be empty when `clusterIP` is not specified",
            )
        )
    seen: set[str] = set()
    for i, fam in enumerate(as_list(spec.get("ipFamilies"))):
        p = f.index("spec.ipFamilies", i)
        if fam not in ("IPv4", "IPv6"):
            out.append(f.not_supported(p, fam, ("IPv4", "IPv6")))
        if fam in seen:
            out.append(f.duplicate(p, fam))
        seen.add(as_str(fam))
    policy = spec.get("ipFamilyPolicy")
    if policy is not None and policy not in ("PreferDualStack", "RequireDualStack", "SingleStack"):
        out.append(
            f.not_supported(
                "spec.ipFamilyPolicy",
                policy,
                ("PreferDualStack", "RequireDualStack", "SingleStack"),
            )
        )
    for i, ip in enumerate(ips):
        if i == 0 and ip == "None":
            if len(ips) > 1:
                out.append(
                    f.invalid(
                        "spec.clusterIPs",
                        f.str_slice(ips),
                        "'None' must be the first and only value",
                    )
                )
            continue
        out += valid_ip(ip, f.index("spec.clusterIPs", i))
    if len(ips) > 2:
        out.append(f.invalid("spec.clusterIPs", f.str_slice(ips), "may only hold up to 2 values"))
    return out


def validate_service_update(new: dict[str, Any], old: dict[str, Any]) -> list[Cause]:
    ns, os_ = as_dict(new.get("spec")), as_dict(old.get("spec"))
    if "ExternalName" in (as_str(ns.get("type")), as_str(os_.get("type"))):
        return []
    if is_headless(ns) and is_headless(os_):
        return []
    new_ips = [as_str(x) for x in as_list(ns.get("clusterIPs"))]
    old_ips = [as_str(x) for x in as_list(os_.get("clusterIPs"))]
    out: list[Cause] = []
    if len(old_ips) == len(new_ips):
        for i, ip in enumerate(old_ips):
            if ip != new_ips[i]:
                out.append(
                    f.invalid(
                        f.index("spec.clusterIPs", i),
                        f.str_slice(new_ips),
                        "may not change once set",
                    )
                )
    elif len(old_ips) > len(new_ips):
        if not new_ips:
            out.append(
                f.invalid(
                    "spec.clusterIPs[0]", f.str_slice(new_ips), "primary clusterIP can not be unset"
                )
            )
        elif new_ips[0] != old_ips[0]:
            out.append(
                f.invalid("spec.clusterIPs[0]", f.str_slice(new_ips), "may not change once set")
            )
        if len(new_ips) == 1 and ns.get("ipFamilyPolicy") != "SingleStack":
            out.append(
                f.invalid(
                    "spec.clusterIPs[0]", f.str_slice(new_ips),
                    "`ipFamilyPolicy` must be set to 'SingleStack' when releasing the secondary clusterIP",
                )
            )  # fmt: skip
    elif old_ips and new_ips[0] != old_ips[0]:
        out.append(f.invalid("spec.clusterIPs[0]", f.str_slice(new_ips), "may not change once set"))
    return out


# ------------------------------------------------- configmap and secret


def _decoded(value: Any) -> bytes | None:
    try:
        return base64.b64decode(as_str(value), validate=True)
    except (binascii.Error, ValueError):
        return None


def validate_config_map(cm: dict[str, Any]) -> list[Cause]:
    out: list[Cause] = []
    data, binary = as_dict(cm.get("data")), as_dict(cm.get("binaryData"))
    total = 0
    for k, v in data.items():
        p = f.key("data", k)
        out += f.invalid_each(p, k, m.config_map_key(k))
        if k in binary:
            out.append(f.invalid(p, k, "duplicate of key present in binaryData"))
        total += len(as_str(v).encode())
    for k, v in binary.items():
        p = f.key("binaryData", k)
        out += f.invalid_each(p, k, m.config_map_key(k))
        raw = _decoded(v)
        if raw is None:
            out.append(f.invalid(p, "<binary data>", "illegal base64 data"))
        else:
            total += len(raw)
    if total > MAX_SECRET_SIZE:
        out.append(f.too_long("", MAX_SECRET_SIZE))
    return out


def _immutable_data(
    new: dict[str, Any], old: dict[str, Any], fields: tuple[str, ...]
) -> list[Cause]:
    if old.get("immutable") is not True:
        return []
    out: list[Cause] = []
    if new.get("immutable") is not True:
        out.append(f.forbidden("immutable", "field is immutable when `immutable` is set"))
    for fld in fields:
        if as_dict(new.get(fld)) != as_dict(old.get(fld)):
            out.append(f.forbidden(fld, "field is immutable when `immutable` is set"))
    return out


def validate_config_map_update(new: dict[str, Any], old: dict[str, Any]) -> list[Cause]:
    return _immutable_data(new, old, ("data", "binaryData"))


def validate_secret(secret: dict[str, Any]) -> list[Cause]:
    out: list[Cause] = []
    data = as_dict(secret.get("data"))
    decoded: dict[str, bytes] = {}
    total = 0
    for k, v in data.items():
        p = f.key("data", k)
        out += f.invalid_each(p, k, m.config_map_key(k))
        raw = _decoded(v)
        if raw is None:
            out.append(f.invalid(p, "<secret contents redacted>", "illegal base64 data"))
            continue
        decoded[k] = raw
        total += len(raw)
    if total > MAX_SECRET_SIZE:
        out.append(f.too_long("data", MAX_SECRET_SIZE))
    stype = as_str(secret.get("type"))
    annotations = as_dict(as_dict(secret.get("metadata")).get("annotations"))
    if stype == "kubernetes.io/service-account-token":
        if not as_str(annotations.get("kubernetes.io/service-account.name")):
            out.append(f.required("metadata.annotations[kubernetes.io/service-account.name]"))
    elif stype in ("kubernetes.io/dockercfg", "kubernetes.io/dockerconfigjson"):
        k = ".dockercfg" if stype == "kubernetes.io/dockercfg" else ".dockerconfigjson"
        if k not in data:
            out.append(f.required(f.key("data", k)))
        elif k in decoded:
            try:
                parsed = json.loads(decoded[k])
            except ValueError as exc:
                out.append(f.invalid(f.key("data", k), "<secret contents redacted>", str(exc)))
            else:
                if not isinstance(parsed, dict):
                    out.append(
                        f.invalid(
                            f.key("data", k),
                            "<secret contents redacted>",
                            "json: cannot unmarshal into map",
                        )
                    )
    elif stype == "kubernetes.io/basic-auth":
        if "username" not in data and "password" not in data:
            out += [f.required("data[username]"), f.required("data[password]")]
    elif stype == "kubernetes.io/ssh-auth":
        if not decoded.get("ssh-privatekey"):
            out.append(f.required("data[ssh-privatekey]"))
    elif stype == "kubernetes.io/tls":
        for k in ("tls.crt", "tls.key"):
            if k not in data:
                out.append(f.required(f.key("data", k)))
    return out


def validate_secret_update(new: dict[str, Any], old: dict[str, Any]) -> list[Cause]:
    out: list[Cause] = []
    if as_str(new.get("type")) != as_str(old.get("type")):
        out.append(f.immutable("type", as_str(new.get("type"))))
    return out + _immutable_data(new, old, ("data",))


# ----------------------------------------------------------- namespace


def validate_namespace(ns: dict[str, Any]) -> list[Cause]:
    out: list[Cause] = []
    for name in as_list(as_dict(ns.get("spec")).get("finalizers")):
        out += finalizer_name(as_str(name), "spec.finalizers")
    return out


def finalizer_name(name: str, path: str) -> list[Cause]:
    out = f.invalid_each(path, name, m.qualified_name(name))
    if "/" not in name and name not in ("kubernetes", "orphan", "foregroundDeletion"):
        out.append(
            f.invalid(
                path, name, "name is neither a standard finalizer name nor is it fully qualified"
            )
        )
    return out


def validate_namespace_status(new: dict[str, Any], old: dict[str, Any]) -> list[Cause]:
    phase = as_str(as_dict(new.get("status")).get("phase"))
    deleting = bool(as_dict(new.get("metadata")).get("deletionTimestamp"))
    if not deleting and phase != "Active":
        return [
            f.invalid("status.phase", phase, "may only be 'Active' if `deletionTimestamp` is empty")
        ]
    if deleting and phase != "Terminating":
        return [
            f.invalid(
                "status.phase",
                phase,
                "may only be 'Terminating' if `deletionTimestamp` is not empty",
            )
        ]
    return []


# --------------------------------------------------------------- node


def validate_node(node: dict[str, Any]) -> list[Cause]:
    spec = as_dict(node.get("spec"))
    out: list[Cause] = []
    seen: set[tuple[str, str]] = set()
    for i, raw in enumerate(as_list(spec.get("taints"))):
        t = as_dict(raw)
        p = f.index("spec.taints", i)
        k, v, effect = as_str(t.get("key")), as_str(t.get("value")), as_str(t.get("effect"))
        out += m.label_name(k, f.child(p, "key"))
        errs = m.label_value(v)
        if errs:
            out.append(f.invalid(f.child(p, "value"), v, ";".join(errs)))
        if not effect:
            out.append(f.required(f.child(p, "effect")))
        elif effect not in pods.TAINT_EFFECTS:
            out.append(f.not_supported(f.child(p, "effect"), effect, pods.TAINT_EFFECTS))
        if (k, effect) in seen:
            dup = f.duplicate(
                p,
                f.GoRepr(
                    f"core.Taint{{Key:{f.go_quote(k)}, Value:{f.go_quote(v)}, Effect:{f.go_quote(effect)}, TimeAdded:<nil>}}"
                ),
            )
            out.append(
                f.Cause(
                    dup.reason,
                    dup.field,
                    dup.message + ": taints must be unique by key and effect pair",
                )
            )
        seen.add((k, effect))
    cidrs = [as_str(c) for c in as_list(spec.get("podCIDRs"))]
    for i, c in enumerate(cidrs):
        try:
            ipaddress.ip_network(c, strict=False)
        except ValueError:
            out.append(
                f.invalid(
                    f.index("spec.podCIDRs", i),
                    c,
                    "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)",
                )
            )
    pod_cidr = as_str(spec.get("podCIDR"))
    if pod_cidr and cidrs and cidrs[0] != pod_cidr:
        out.append(
            f.invalid("spec.podCIDRs", f.str_slice(cidrs), "first value must match `podCIDR`")
        )
    return out


def validate_node_update(new: dict[str, Any], old: dict[str, Any]) -> list[Cause]:
    ns, os_ = as_dict(new.get("spec")), as_dict(old.get("spec"))
    out: list[Cause] = []
    old_cidrs = as_list(os_.get("podCIDRs"))
    if old_cidrs and as_list(ns.get("podCIDRs")) != old_cidrs:
        out.append(
            f.forbidden(
                "spec.podCIDRs", 'node updates may not change podCIDR except from "" to valid'
            )
        )
    old_pid = as_str(os_.get("providerID"))
    if old_pid and as_str(ns.get("providerID")) != old_pid:
        out.append(
            f.forbidden(
                "spec.providerID", 'node updates may not change providerID except from "" to valid'
            )
        )
    return out


# -------------------------------------------------------------- event


def validate_core_event(ev: dict[str, Any]) -> list[Cause]:
    """Legacy (core/v1) Event validation: lenient, as Kubernetes keeps it."""
    out: list[Cause] = []
    meta = as_dict(ev.get("metadata"))
    namespace = as_str(meta.get("namespace"))
    involved = as_dict(ev.get("involvedObject"))
    inv_ns = as_str(involved.get("namespace"))
    if not ev.get("eventTime"):
        if not inv_ns:
            if namespace not in ("", "default"):
                out.append(
                    f.invalid("involvedObject.namespace", inv_ns, "does not match event.namespace")
                )
        elif namespace != inv_ns:
            out.append(
                f.invalid("involvedObject.namespace", inv_ns, "does not match event.namespace")
            )
    else:
        if not inv_ns and namespace not in ("default", "kube-system"):
            out.append(
                f.invalid("involvedObject.namespace", inv_ns, "does not match event.namespace")
            )
        out += _reporting_fields(ev, "reportingComponent", "message")
    out += f.invalid_each("namespace", namespace, m.dns1123_subdomain(namespace))
    return out


def _reporting_fields(ev: dict[str, Any], controller_field: str, note_field: str) -> list[Cause]:
    out: list[Cause] = []
    controller = as_str(ev.get(controller_field))
    if not controller:
        out.append(f.required(controller_field))
    out += f.invalid_each(controller_field, controller, m.qualified_name(controller))
    for fld, limit in (("reportingInstance", 128), ("action", 128), ("reason", 128)):
        v = as_str(ev.get(fld))
        if not v:
            out.append(f.required(fld))
        if len(v) > limit:
            out.append(f.invalid(fld, "", f"can have at most {limit} characters"))
    if len(as_str(ev.get(note_field))) > 1024:
        out.append(f.invalid(note_field, "", "can have at most 1024 characters"))
    return out


def validate_events_v1_event(ev: dict[str, Any]) -> list[Cause]:
    """events.k8s.io/v1: the strict rules for new-style events."""
    out: list[Cause] = []
    meta = as_dict(ev.get("metadata"))
    namespace = as_str(meta.get("namespace"))
    regarding = as_dict(ev.get("regarding"))
    if (
        not as_str(regarding.get("namespace"))
        and namespace not in ("default", "kube-system")
        and ev.get("eventTime")
    ):
        out.append(f.invalid("regarding.namespace", "", "does not match event.namespace"))
    if ev.get("eventTime"):
        out += _reporting_fields(ev, "reportingController", "note")
    else:
        out.append(f.required("eventTime"))
    etype = as_str(ev.get("type"))
    if etype not in ("Normal", "Warning"):
        out.append(f.invalid("type", "", f"has invalid value: {etype}"))
    for fld in ("deprecatedFirstTimestamp", "deprecatedLastTimestamp"):
        if ev.get(fld):
            out.append(f.invalid(fld, "", "needs to be unset"))
    if as_int(ev.get("deprecatedCount")):
        out.append(f.invalid("deprecatedCount", "", "needs to be unset"))
    src = as_dict(ev.get("deprecatedSource"))
    if as_str(src.get("component")) or as_str(src.get("host")):
        out.append(f.invalid("deprecatedSource", "", "needs to be unset"))
    series = ev.get("series")
    if series is not None:
        s = as_dict(series)
        count = as_int(s.get("count")) or 0
        if count < 2:
            out.append(f.invalid("series.count", "", "should be at least 2"))
        if not s.get("lastObservedTime"):
            out.append(f.required("series.lastObservedTime"))
    return out


def validate_events_v1_update(new: dict[str, Any], old: dict[str, Any]) -> list[Cause]:
    out: list[Cause] = []
    for fld in (
        "regarding",
        "related",
        "reportingController",
        "reportingInstance",
        "action",
        "reason",
        "note",
        "type",
        "eventTime",
    ):
        if new.get(fld) != old.get(fld):
            value = new.get(fld)
            out.append(
                f.immutable(
                    fld,
                    value
                    if isinstance(value, str | int) or value is None
                    else f.GoRepr(json.dumps(value)),
                )
            )
    return out


# ---------------------------------------------------------- endpoints


def validate_endpoints(ep: dict[str, Any]) -> list[Cause]:
    out: list[Cause] = []
    for i, raw in enumerate(as_list(ep.get("subsets"))):
        ss = as_dict(raw)
        p = f.index("subsets", i)
        if not as_list(ss.get("addresses")) and not as_list(ss.get("notReadyAddresses")):
            out.append(f.required(p, "must specify `addresses` or `notReadyAddresses`"))
        for kind in ("addresses", "notReadyAddresses"):
            for j, addr in enumerate(as_list(ss.get(kind))):
                out += _endpoint_address(as_dict(addr), f.index(f.child(p, kind), j))
        ports = as_list(ss.get("ports"))
        for j, port in enumerate(ports):
            out += endpoint_port(as_dict(port), len(ports) > 1, f.index(f.child(p, "ports"), j))
    return out


def _endpoint_address(addr: dict[str, Any], path: str) -> list[Cause]:
    ip = as_str(addr.get("ip"))
    out = valid_ip(ip, f.child(path, "ip"))
    host = as_str(addr.get("hostname"))
    if host:
        out += f.invalid_each(f.child(path, "hostname"), host, m.dns1123_label(host))
    node = addr.get("nodeName")
    if node is not None:
        out += f.invalid_each(
            f.child(path, "nodeName"), as_str(node), m.dns1123_subdomain(as_str(node))
        )
    if not out:
        out += non_special_ip(ip, f.child(path, "ip"))
    return out


def endpoint_port(port: dict[str, Any], require_name: bool, path: str) -> list[Cause]:
    out: list[Cause] = []
    name = as_str(port.get("name"))
    if require_name and not name:
        out.append(f.required(f.child(path, "name")))
    elif name:
        out += f.invalid_each(f.child(path, "name"), name, m.dns1123_label(name))
    num = as_int(port.get("port")) or 0
    out += f.invalid_each(f.child(path, "port"), num, m.port_num(num))
    proto = as_str(port.get("protocol"))
    if not proto:
        out.append(f.required(f.child(path, "protocol")))
    elif proto not in pods.PROTOCOLS:
        out.append(f.not_supported(f.child(path, "protocol"), proto, pods.PROTOCOLS))
    app = port.get("appProtocol")
    if app is not None:
        out += f.invalid_each(
            f.child(path, "appProtocol"), as_str(app), m.qualified_name(as_str(app))
        )
    return out


# ------------------------------------------------ replication controller


def validate_replication_controller(rc: dict[str, Any]) -> list[Cause]:
    spec = as_dict(rc.get("spec"))
    out = m.nonnegative("spec.minReadySeconds", spec.get("minReadySeconds"))
    selector = as_dict(spec.get("selector"))
    if not selector:
        out.append(f.required("spec.selector"))
    else:
        out += m.validate_labels(selector, "spec.selector")
    out += m.nonnegative("spec.replicas", spec.get("replicas"))
    template = spec.get("template")
    labels = as_dict(as_dict(as_dict(template).get("metadata")).get("labels"))
    matches = m.selector_map_matches(selector, labels)
    out += pods.validate_template_for_controller(
        template, bool(selector), matches, "ReplicationController", "spec.template"
    )
    return out


# ---------------------------------------------- limit range and quota

_STANDARD_RESOURCES = {
    "cpu", "memory", "ephemeral-storage", "storage", "pods", "services", "replicationcontrollers",
    "resourcequotas", "secrets", "configmaps", "persistentvolumeclaims", "requests.cpu",
    "requests.memory", "requests.storage", "requests.ephemeral-storage", "limits.cpu", "limits.memory",
    "limits.ephemeral-storage", "services.nodeports", "services.loadbalancers",
}  # fmt: skip
_INTEGER_RESOURCES = {
    "pods", "services", "replicationcontrollers", "resourcequotas", "secrets", "configmaps",
    "persistentvolumeclaims", "services.nodeports", "services.loadbalancers",
}  # fmt: skip


def _standard_resource(name: str) -> bool:
    return name in _STANDARD_RESOURCES or name.startswith(
        ("hugepages-", "requests.hugepages-", "limits.hugepages-")
    )


def _resource_name(name: str, path: str) -> list[Cause]:
    out = pods.resource_name(name, path)
    if "/" not in name and not _standard_resource(name):
        out.append(f.invalid(path, name, "must be a standard resource type or fully qualified"))
    return out


def _quantity(raw: Any, path: str) -> tuple[Any, list[Cause]]:
    try:
        return parse_quantity(raw), []
    except QuantityError as exc:
        return None, [f.invalid(path, as_str(raw), str(exc))]


def validate_limit_range(lr: dict[str, Any]) -> list[Cause]:
    out: list[Cause] = []
    seen: set[str] = set()
    for i, raw in enumerate(as_list(as_dict(lr.get("spec")).get("limits"))):
        lim = as_dict(raw)
        p = f.index("spec.limits", i)
        ltype = as_str(lim.get("type"))
        tp = f.child(p, "type")
        out += f.invalid_each(tp, ltype, m.qualified_name(ltype))
        if "/" not in ltype and ltype not in ("Pod", "Container", "PersistentVolumeClaim"):
            out.append(f.invalid(tp, ltype, "must be a standard limit type or fully qualified"))
        if ltype in seen:
            out.append(f.duplicate(tp, ltype))
        seen.add(ltype)
        values: dict[str, dict[str, Any]] = {}
        for part in ("max", "min", "default", "defaultRequest", "maxLimitRequestRatio"):
            if ltype == "Pod" and part in ("default", "defaultRequest"):
                if as_dict(lim.get(part)):
                    out.append(
                        f.forbidden(f.child(p, part), "may not be specified when `type` is 'Pod'")
                    )
                continue
            values[part] = {}
            for name, q in as_dict(lim.get(part)).items():
                rp = f.key(f.child(p, part), name)
                if ltype in ("Pod", "Container"):
                    out += pods.container_resource_name(name, rp)
                else:
                    out += _resource_name(name, rp)
                parsed, errs = _quantity(q, rp)
                out += errs
                if parsed is not None:
                    values[part][name] = parsed
        if (
            ltype == "PersistentVolumeClaim"
            and "storage" not in as_dict(lim.get("min"))
            and "storage" not in as_dict(lim.get("max"))
        ):
            out.append(
                f.required(
                    f.child(p, "limits"),
                    "either minimum or maximum storage value is required, but neither was provided",
                )
            )
        out += _limit_order(values, p)
    return out


# validateLimitRange's order checks, in its order: (lesser, greater, the field reported,
# the value reported, the message); Kubernetes reports some at the other field's value
_LIMIT_ORDER = (
    ("min", "max", "min", "min", "min value {min} is greater than max value {max}"),
    (
        "min",
        "defaultRequest",
        "defaultRequest",
        "defaultRequest",
        "min value {min} is greater than default request value {defaultRequest}",
    ),
    (
        "defaultRequest",
        "max",
        "defaultRequest",
        "defaultRequest",
        "default request value {defaultRequest} is greater than max value {max}",
    ),
    (
        "defaultRequest",
        "default",
        "defaultRequest",
        "defaultRequest",
        "default request value {defaultRequest} is greater than default limit value {default}",
    ),
    ("min", "default", "default", "min", "min value {min} is greater than default value {default}"),
    ("default", "max", "default", "max", "default value {default} is greater than max value {max}"),
)


def _limit_order(v: dict[str, dict[str, Any]], p: str) -> list[Cause]:
    out: list[Cause] = []
    parts = ("max", "min", "default", "defaultRequest")
    for k in dict.fromkeys(k for part in parts for k in v.get(part, {})):
        for lesser, greater, at, shown, msg in _LIMIT_ORDER:
            lo, hi = v.get(lesser, {}), v.get(greater, {})
            if k in lo and k in hi and lo[k].value > hi[k].value:
                out.append(
                    f.invalid(
                        f.key(f.child(p, at), k),
                        str(v[shown][k]),
                        msg.format(**{lesser: lo[k], greater: hi[k]}),
                    )
                )
    for k, ratio in v.get("maxLimitRequestRatio", {}).items():
        if ratio.value < 1:
            out.append(
                f.invalid(
                    f.key(f.child(p, "maxLimitRequestRatio"), k),
                    str(ratio),
                    f"ratio {ratio} is less than 1",
                )
            )
    return out


def validate_resource_quota(rq: dict[str, Any]) -> list[Cause]:
    spec = as_dict(rq.get("spec"))
    out: list[Cause] = []
    for name, q in as_dict(spec.get("hard")).items():
        p = f.key("spec.hard", name)
        out += _resource_name(name, p)
        if "/" not in name and not _standard_resource(name):
            out.append(f.invalid(p, name, "must be a standard resource for quota"))
        integer = (
            name in _INTEGER_RESOURCES
            or name.startswith("count/")
            or pods.is_extended_resource(name)
        )
        out += pods.quantity_value(name, q, p, integer=integer)
    scopes = (
        "Terminating",
        "NotTerminating",
        "BestEffort",
        "NotBestEffort",
        "PriorityClass",
        "CrossNamespacePodAffinity",
    )
    bad = [s for s in as_list(spec.get("scopes")) if s not in scopes]
    if bad:
        out.append(
            f.invalid("spec.scopes", f.str_slice(as_list(spec.get("scopes"))), "unsupported scope")
        )
    return out
