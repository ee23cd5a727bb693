"""Pod spec and pod template validation (core/v1 PodSpec, Container, Volume, Probe, ...).

Shared by Pods and every workload that carries a pod template. Validation
assumes defaults were applied first, as in the real API server; a missing
defaulted field is reported as `Required value`, never a crash.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from minikube_py.api.validation import field as f
from minikube_py.api.validation import meta as m
from minikube_py.api.validation.field import Cause
from minikube_py.api.validation.meta import as_dict, as_int, as_list, as_str
from minikube_py.api.validation.quantity import QuantityError, parse_quantity

PROTOCOLS = ("SCTP", "TCP", "UDP")
RESTART_POLICIES = ("Always", "OnFailure", "Never")
PULL_POLICIES = ("Always", "IfNotPresent", "Never")
DNS_POLICIES = ("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None")
TAINT_EFFECTS = ("NoSchedule", "PreferNoSchedule", "NoExecute")
MAX_INT32 = 2**31 - 1
FILE_MODE_MSG = "must be a number between 0 and 0777 (octal), both inclusive"

VOLUME_SOURCES = (
    "hostPath", "emptyDir", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "secret", "nfs",
    "iscsi", "glusterfs", "persistentVolumeClaim", "rbd", "flexVolume", "cinder", "cephfs", "flocker",
    "downwardAPI", "fc", "azureFile", "configMap", "vsphereVolume", "quobyte", "azureDisk",
    "photonPersistentDisk", "projected", "portworxVolume", "scaleIO", "storageos", "csi", "ephemeral",
    "image",
)  # fmt: skip
_HANDLERS = ("exec", "httpGet", "tcpSocket", "grpc")
_LIFECYCLE_HANDLERS = ("exec", "httpGet", "tcpSocket", "sleep")
_STANDARD_CONTAINER_RESOURCES = ("cpu", "memory", "ephemeral-storage")
_ENV_SOURCES = ("fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef", "fileKeyRef")


# ---------------------------------------------------------- resources


def is_native_resource(name: str) -> bool:
    return "/" not in name or "kubernetes.io/" in name


def is_hugepages(name: str) -> bool:
    return name.startswith("hugepages-")


def is_extended_resource(name: str) -> bool:
    if is_native_resource(name) or name.startswith("requests."):
        return False
    return not m.qualified_name("requests." + name)


def overcommit_allowed(name: str) -> bool:
    return is_native_resource(name) and not is_hugepages(name)


def resource_name(name: str, path: str) -> list[Cause]:
    return f.invalid_each(path, name, m.qualified_name(name))


def container_resource_name(name: str, path: str) -> list[Cause]:
    out = resource_name(name, path)
    if "/" not in name:
        if name not in _STANDARD_CONTAINER_RESOURCES and not is_hugepages(name):
            out.append(f.invalid(path, name, "must be a standard resource for containers"))
    elif not is_native_resource(name) and not is_extended_resource(name):
        out.append(f.invalid(path, name, "doesn't follow extended resource name standard"))
    return out


def quantity_value(name: str, raw: Any, path: str, integer: bool = False) -> list[Cause]:
    """A quantity that parses, is not negative and, for countable resources, is whole."""
    try:
        q = parse_quantity(raw)
    except QuantityError as exc:
        return [f.invalid(path, raw if isinstance(raw, str) else str(raw), str(exc))]
    if q.value < 0:
        return [f.invalid(path, q.canonical(), "must be greater than or equal to 0")]
    if integer and (q.value * 1000) % 1000 != 0:
        return [f.invalid(path, q.canonical(), "must be an integer")]
    return []


def validate_resource_requirements(res: Any, path: str) -> list[Cause]:
    r = as_dict(res)
    lim_path, req_path = f.child(path, "limits"), f.child(path, "requests")
    limits, requests = as_dict(r.get("limits")), as_dict(r.get("requests"))
    out: list[Cause] = []
    for name, raw in limits.items():
        p = f.key(lim_path, name)
        out += container_resource_name(name, p)
        out += quantity_value(name, raw, p, integer=is_extended_resource(name))
    for name, raw in requests.items():
        p = f.key(req_path, name)
        out += container_resource_name(name, p)
        errs = quantity_value(name, raw, p, integer=is_extended_resource(name))
        out += errs
        if errs:
            continue
        req = parse_quantity(raw)
        if name in limits:
            try:
                lim = parse_quantity(limits[name])
            except QuantityError:
                continue
            if req.value != lim.value and not overcommit_allowed(name):
                out.append(
                    f.invalid(
                        req_path,
                        req.canonical(),
                        f"must be equal to {name} limit of {lim.canonical()}",
                    )
                )
            elif req.value > lim.value:
                out.append(
                    f.invalid(
                        req_path,
                        req.canonical(),
                        f"must be less than or equal to {name} limit of {lim.canonical()}",
                    )
                )
        elif not overcommit_allowed(name):
            out.append(f.required(lim_path, "Limit must be set for non overcommitable resources"))
    return out


# ------------------------------------------------------------- ports


def port_num_or_name(value: Any, path: str) -> list[Cause]:
    if isinstance(value, str):
        return f.invalid_each(path, value, m.port_name(value))
    v = as_int(value)
    if v is None:
        return [f.invalid(path, f.go_value(value), "must be an integer or a port name")]
    return f.invalid_each(path, v, m.port_num(v))


def validate_container_ports(ports: Any, path: str) -> list[Cause]:
    out: list[Cause] = []
    names: set[str] = set()
    for i, raw in enumerate(as_list(ports)):
        p = as_dict(raw)
        ip = f.index(path, i)
        name = as_str(p.get("name"))
        if name:
            errs = m.port_name(name)
            if errs:
                out += f.invalid_each(f.child(ip, "name"), name, errs)
            elif name in names:
                out.append(f.duplicate(f.child(ip, "name"), name))
            else:
                names.add(name)
        cp = as_int(p.get("containerPort")) or 0
        if cp == 0:
            out.append(f.required(f.child(ip, "containerPort")))
        else:
            out += f.invalid_each(f.child(ip, "containerPort"), cp, m.port_num(cp))
        hp = as_int(p.get("hostPort")) or 0
        if hp:
            out += f.invalid_each(f.child(ip, "hostPort"), hp, m.port_num(hp))
        proto = as_str(p.get("protocol"))
        if not proto:
            out.append(f.required(f.child(ip, "protocol")))
        elif proto not in PROTOCOLS:
            out.append(f.not_supported(f.child(ip, "protocol"), proto, PROTOCOLS))
    return out


def _unique_host_ports(containers: list[Any], path: str, seen: set[str]) -> list[Cause]:
    out: list[Cause] = []
    for ci, c in enumerate(containers):
        for pi, raw in enumerate(as_list(as_dict(c).get("ports"))):
            p = as_dict(raw)
            hp = as_int(p.get("hostPort")) or 0
            if not hp:
                continue
            text = f"{as_str(p.get('hostIP'))}/{as_str(p.get('protocol'))}/{hp}"
            if text in seen:
                out.append(
                    f.duplicate(
                        f.child(f.index(f.child(f.index(path, ci), "ports"), pi), "hostPort"), text
                    )
                )
            seen.add(text)
    return out


# --------------------------------------------------------------- env


def validate_env(env: Any, path: str) -> list[Cause]:
    out: list[Cause] = []
    for i, raw in enumerate(as_list(env)):
        e = as_dict(raw)
        ip = f.index(path, i)
        name = as_str(e.get("name"))
        if not name:
            out.append(f.required(f.child(ip, "name")))
        else:
            out += f.invalid_each(f.child(ip, "name"), name, m.env_var_name(name))
        if "valueFrom" in e and e["valueFrom"] is not None:
            out += _env_value_from(e, f.child(ip, "valueFrom"))
    return out


def _env_value_from(e: dict[str, Any], path: str) -> list[Cause]:
    vf = as_dict(e.get("valueFrom"))
    sources = [s for s in _ENV_SOURCES if vf.get(s) is not None]
    out: list[Cause] = []
    if not sources:
        return [
            f.invalid(
                path,
                "",
                "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`",
            )
        ]
    if len(sources) > 1:
        return [f.invalid(path, "", "may not have more than one field specified at a time")]
    if as_str(e.get("value")):
        out.append(f.invalid(path, "", "may not be specified when `value` is not empty"))
    src = sources[0]
    body = as_dict(vf.get(src))
    sp = f.child(path, src)
    if src == "fieldRef":
        if not as_str(body.get("fieldPath")):
            out.append(f.required(f.child(sp, "fieldPath")))
        if not as_str(body.get("apiVersion")):
            out.append(f.required(f.child(sp, "apiVersion")))
    elif src == "resourceFieldRef":
        if not as_str(body.get("resource")):
            out.append(f.required(f.child(sp, "resource")))
    elif src in ("configMapKeyRef", "secretKeyRef"):
        if not as_str(body.get("name")):
            out.append(f.required(f.child(sp, "name")))
        k = as_str(body.get("key"))
        if not k:
            out.append(f.required(f.child(sp, "key")))
        else:
            out += f.invalid_each(f.child(sp, "key"), k, m.config_map_key(k))
    return out


def validate_env_from(env_from: Any, path: str) -> list[Cause]:
    out: list[Cause] = []
    for i, raw in enumerate(as_list(env_from)):
        e = as_dict(raw)
        ip = f.index(path, i)
        prefix = as_str(e.get("prefix"))
        if prefix:
            out += f.invalid_each(f.child(ip, "prefix"), prefix, m.env_var_name(prefix))
        refs = [r for r in ("configMapRef", "secretRef") if e.get(r) is not None]
        if not refs:
            out.append(f.invalid(ip, "", "must specify one of: `configMapRef` or `secretRef`"))
        elif len(refs) > 1:
            out.append(f.invalid(ip, "", "may not have more than one field specified at a time"))
        else:
            name = as_str(as_dict(e.get(refs[0])).get("name"))
            if not name:
                out.append(f.required(f.child(ip, refs[0], "name")))
            else:
                out += f.invalid_each(f.child(ip, refs[0], "name"), name, m.dns1123_subdomain(name))
    return out


# ----------------------------------------------------------- volumes


def _file_mode(value: Any, path: str) -> list[Cause]:
    v = as_int(value)
    if v is not None and not 0 <= v <= 0o777:
        return [f.invalid(path, v, FILE_MODE_MSG)]
    return []


def _key_to_paths(items: Any, path: str) -> list[Cause]:
    out: list[Cause] = []
    for i, raw in enumerate(as_list(items)):
        it = as_dict(raw)
        ip = f.index(path, i)
        if not as_str(it.get("key")):
            out.append(f.required(f.child(ip, "key")))
        out += _local_path(as_str(it.get("path")), f.child(ip, "path"), non_reserved=True)
        out += _file_mode(it.get("mode"), f.child(ip, "mode"))
    return out


def _local_path(target: str, path: str, non_reserved: bool = False) -> list[Cause]:
    if not target:
        return [f.required(path)]
    out: list[Cause] = []
    if target.startswith("/"):
        out.append(f.invalid(path, target, "must be a relative path"))
    if ".." in target.split("/"):
        out.append(f.invalid(path, target, "must not contain '..'"))
    if non_reserved and target.startswith(".."):
        out.append(f.invalid(path, target, "must not start with '..'"))
    return out


def _volume_source(vol: dict[str, Any], path: str) -> list[Cause]:
    present = [s for s in VOLUME_SOURCES if vol.get(s) is not None]
    if not present:
        return [f.required(path, "must specify a volume type")]
    out = [
        f.forbidden(f.child(path, s), "may not specify more than 1 volume type")
        for s in present[1:]
    ]
    src = present[0]
    body = as_dict(vol.get(src))
    sp = f.child(path, src)
    if src == "hostPath":
        if not as_str(body.get("path")):
            out.append(f.required(f.child(sp, "path")))
        t = as_str(body.get("type"))
        allowed = (
            "",
            "DirectoryOrCreate",
            "Directory",
            "FileOrCreate",
            "File",
            "Socket",
            "CharDevice",
            "BlockDevice",
        )
        if t not in allowed:
            out.append(f.not_supported(f.child(sp, "type"), t, allowed))
    elif src == "emptyDir":
        medium = as_str(body.get("medium"))
        if medium not in ("", "Memory") and not medium.startswith("HugePages"):
            out.append(f.not_supported(f.child(sp, "medium"), medium, ("", "Memory", "HugePages")))
        if body.get("sizeLimit") is not None:
            out += quantity_value("sizeLimit", body.get("sizeLimit"), f.child(sp, "sizeLimit"))
    elif src == "secret":
        if not as_str(body.get("secretName")):
            out.append(f.required(f.child(sp, "secretName")))
        out += _file_mode(body.get("defaultMode"), f.child(sp, "defaultMode"))
        out += _key_to_paths(body.get("items"), f.child(sp, "items"))
    elif src == "configMap":
        if not as_str(body.get("name")):
            out.append(f.required(f.child(sp, "name")))
        out += _file_mode(body.get("defaultMode"), f.child(sp, "defaultMode"))
        out += _key_to_paths(body.get("items"), f.child(sp, "items"))
    elif src == "persistentVolumeClaim":
        if not as_str(body.get("claimName")):
            out.append(f.required(f.child(sp, "claimName")))
    elif src == "downwardAPI":
        out += _file_mode(body.get("defaultMode"), f.child(sp, "defaultMode"))
    elif src == "projected":
        out += _file_mode(body.get("defaultMode"), f.child(sp, "defaultMode"))
    elif src == "nfs":
        if not as_str(body.get("server")):
            out.append(f.required(f.child(sp, "server")))
        p = as_str(body.get("path"))
        if not p:
            out.append(f.required(f.child(sp, "path")))
        elif not p.startswith("/"):
            out.append(f.invalid(f.child(sp, "path"), p, "must be an absolute path"))
    elif src == "csi":
        if not as_str(body.get("driver")):
            out.append(f.required(f.child(sp, "driver")))
    return out


def validate_volumes(volumes: Any, path: str) -> tuple[set[str], list[Cause]]:
    names: set[str] = set()
    out: list[Cause] = []
    for i, raw in enumerate(as_list(volumes)):
        vol = as_dict(raw)
        ip = f.index(path, i)
        errs = _volume_source(vol, ip)
        name = as_str(vol.get("name"))
        if not name:
            errs.append(f.required(f.child(ip, "name")))
        else:
            errs += f.invalid_each(f.child(ip, "name"), name, m.dns1123_label(name))
        if name in names:
            errs.append(f.duplicate(f.child(ip, "name"), name))
        if not errs:
            names.add(name)
        out += errs
    return names, out


def validate_volume_mounts(mounts: Any, volumes: set[str], path: str) -> list[Cause]:
    out: list[Cause] = []
    seen: set[str] = set()
    for i, raw in enumerate(as_list(mounts)):
        mnt = as_dict(raw)
        ip = f.index(path, i)
        name = as_str(mnt.get("name"))
        if not name:
            out.append(f.required(f.child(ip, "name")))
        if name not in volumes:
            out.append(f.not_found(f.child(ip, "name"), name))
        mp = as_str(mnt.get("mountPath"))
        if not mp:
            out.append(f.required(f.child(ip, "mountPath")))
        if mp in seen:
            out.append(f.invalid(f.child(ip, "mountPath"), mp, "must be unique"))
        seen.add(mp)
        sub = as_str(mnt.get("subPath"))
        if sub:
            if sub.startswith("/"):
                out.append(f.invalid(f.child(path, "subPath"), sub, "must be a relative path"))
            if ".." in sub.split("/"):
                out.append(f.invalid(f.child(path, "subPath"), sub, "must not contain '..'"))
        prop = mnt.get("mountPropagation")
        if prop is not None and prop not in ("None", "HostToContainer", "Bidirectional"):
            out.append(
                f.not_supported(
                    f.child(ip, "mountPropagation"),
                    prop,
                    ("Bidirectional", "HostToContainer", "None"),
                )
            )
    return out


# ------------------------------------------------------------ probes


def _handler(h: dict[str, Any], path: str, kinds: tuple[str, ...]) -> list[Cause]:
    out: list[Cause] = []
    count = 0
    for kind in kinds:
        if h.get(kind) is None:
            continue
        if count:
            out.append(f.forbidden(f.child(path, kind), "may not specify more than 1 handler type"))
            continue
        count += 1
        body = as_dict(h.get(kind))
        kp = f.child(path, kind)
        if kind == "exec":
            if not as_list(body.get("command")):
                out.append(f.required(f.child(kp, "command")))
        elif kind == "httpGet":
            if not as_str(body.get("path")):
                out.append(f.required(f.child(kp, "path")))
            out += port_num_or_name(body.get("port"), f.child(kp, "port"))
            scheme = as_str(body.get("scheme"))
            if scheme not in ("HTTP", "HTTPS"):
                out.append(f.not_supported(f.child(kp, "scheme"), scheme, ("HTTP", "HTTPS")))
        elif kind == "tcpSocket":
            out += port_num_or_name(body.get("port"), f.child(kp, "port"))
        elif kind == "grpc":
            port = as_int(body.get("port")) or 0
            out += f.invalid_each(f.child(kp, "port"), port, m.port_num(port))
        elif kind == "sleep":
            secs = as_int(body.get("seconds"))
            if secs is None or secs <= 0:
                out.append(
                    f.invalid(
                        f.child(kp, "seconds"),
                        secs if secs is not None else 0,
                        "must be greater than 0",
                    )
                )
    if count == 0:
        out.append(f.required(path, "must specify a handler type"))
    return out


def validate_probe(probe: Any, path: str, must_succeed_once: bool) -> list[Cause]:
    if probe is None:
        return []
    p = as_dict(probe)
    out = _handler(p, path, _HANDLERS)
    for fld in (
        "initialDelaySeconds",
        "timeoutSeconds",
        "periodSeconds",
        "successThreshold",
        "failureThreshold",
    ):
        out += m.nonnegative(f.child(path, fld), p.get(fld))
    tg = as_int(p.get("terminationGracePeriodSeconds"))
    if tg is not None and tg <= 0:
        out.append(
            f.invalid(f.child(path, "terminationGracePeriodSeconds"), tg, "must be greater than 0")
        )
    st = as_int(p.get("successThreshold"))
    if must_succeed_once and st is not None and st != 1:
        out.append(f.invalid(f.child(path, "successThreshold"), st, "must be 1"))
    return out


def _lifecycle(lc: Any, path: str) -> list[Cause]:
    out: list[Cause] = []
    for hook in ("postStart", "preStop"):
        h = as_dict(lc).get(hook)
        if h is not None:
            out += _handler(as_dict(h), f.child(path, hook), _LIFECYCLE_HANDLERS)
    return out


# -------------------------------------------------------- containers


def _container_common(c: dict[str, Any], volumes: set[str], path: str) -> list[Cause]:
    out: list[Cause] = []
    name = as_str(c.get("name"))
    if not name:
        out.append(f.required(f.child(path, "name")))
    else:
        out += f.invalid_each(f.child(path, "name"), name, m.dns1123_label(name))
    if not as_str(c.get("image")):
        out.append(f.required(f.child(path, "image")))
    tmp = as_str(c.get("terminationMessagePolicy"))
    if not tmp:
        out.append(f.required(f.child(path, "terminationMessagePolicy")))
    elif tmp not in ("File", "FallbackToLogsOnError"):
        out.append(
            f.not_supported(
                f.child(path, "terminationMessagePolicy"), tmp, ("File", "FallbackToLogsOnError")
            )
        )
    out += validate_container_ports(c.get("ports"), f.child(path, "ports"))
    out += validate_env(c.get("env"), f.child(path, "env"))
    out += validate_env_from(c.get("envFrom"), f.child(path, "envFrom"))
    out += validate_volume_mounts(c.get("volumeMounts"), volumes, f.child(path, "volumeMounts"))
    pull = as_str(c.get("imagePullPolicy"))
    if not pull:
        out.append(f.required(f.child(path, "imagePullPolicy")))
    elif pull not in PULL_POLICIES:
        out.append(f.not_supported(f.child(path, "imagePullPolicy"), pull, PULL_POLICIES))
    out += validate_resource_requirements(c.get("resources"), f.child(path, "resources"))
    if c.get("lifecycle") is not None:
        out += _lifecycle(c.get("lifecycle"), f.child(path, "lifecycle"))
    sc = as_dict(c.get("securityContext"))
    for fld in ("runAsUser", "runAsGroup"):
        v = as_int(sc.get(fld))
        if v is not None and not 0 <= v <= MAX_INT32:
            out.append(
                f.invalid(
                    f.child(path, "securityContext", fld), v, m.inclusive_range_error(0, MAX_INT32)
                )
            )
    return out


def validate_containers(containers: Any, volumes: set[str], path: str) -> list[Cause]:
    items = as_list(containers)
    if not items:
        return [f.required(path)]
    out: list[Cause] = []
    names: set[str] = set()
    for i, raw in enumerate(items):
        c = as_dict(raw)
        ip = f.index(path, i)
        out += _container_common(c, volumes, ip)
        name = as_str(c.get("name"))
        if name in names:
            out.append(f.duplicate(f.child(ip, "name"), name))
        else:
            names.add(name)
        out += validate_probe(c.get("livenessProbe"), f.child(ip, "livenessProbe"), True)
        out += validate_probe(c.get("readinessProbe"), f.child(ip, "readinessProbe"), False)
        out += validate_probe(c.get("startupProbe"), f.child(ip, "startupProbe"), True)
        if c.get("restartPolicy") is not None:
            out.append(
                f.forbidden(f.child(ip, "restartPolicy"), "may not be set for non-init containers")
            )
    return out


def validate_init_containers(
    init: Any, containers: Any, volumes: set[str], path: str
) -> list[Cause]:
    out: list[Cause] = []
    names = {as_str(as_dict(c).get("name")) for c in as_list(containers)}
    for i, raw in enumerate(as_list(init)):
        c = as_dict(raw)
        ip = f.index(path, i)
        out += _container_common(c, volumes, ip)
        name = as_str(c.get("name"))
        if name in names:
            out.append(f.duplicate(f.child(ip, "name"), name))
        else:
            names.add(name)
        policy = c.get("restartPolicy")
        if policy is not None and policy != "Always":
            out.append(f.not_supported(f.child(ip, "restartPolicy"), policy, ("Always",)))
        if policy == "Always":
            out += validate_probe(c.get("livenessProbe"), f.child(ip, "livenessProbe"), True)
            out += validate_probe(c.get("readinessProbe"), f.child(ip, "readinessProbe"), False)
            out += validate_probe(c.get("startupProbe"), f.child(ip, "startupProbe"), True)
        else:
            for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
                if c.get(probe) is not None:
                    out.append(
                        f.forbidden(
                            f.child(ip, probe),
                            "may not be set for init containers without restartPolicy=Always",
                        )
                    )
    return out


# ------------------------------------------------------- tolerations


def validate_tolerations(tolerations: Any, path: str) -> list[Cause]:
    out: list[Cause] = []
    for i, raw in enumerate(as_list(tolerations)):
        t = as_dict(raw)
        ip = f.index(path, i)
        k = as_str(t.get("key"))
        op = as_str(t.get("operator"))
        effect = as_str(t.get("effect"))
        if k:
            out += m.label_name(k, f.child(ip, "key"))
        if not k and op != "Exists":
            out.append(
                f.invalid(
                    f.child(ip, "operator"), op,
                    'operator must be Exists when `key` is empty, which means "match all values and all keys"',
                )
            )  # fmt: skip
        if t.get("tolerationSeconds") is not None and effect != "NoExecute":
            out.append(
                f.invalid(
                    f.child(ip, "effect"),
                    effect,
                    "effect must be 'NoExecute' when `tolerationSeconds` is set",
                )
            )
        value = as_str(t.get("value"))
        if op in ("Equal", ""):
            errs = m.label_value(value)
            if errs:
                out.append(f.invalid(f.child(ip, "operator"), value, ";".join(errs)))
        elif op == "Exists":
            if value:
                out.append(
                    f.invalid(
                        f.child(ip, "operator"),
                        value,
                        "value must be empty when `operator` is 'Exists'",
                    )
                )
        else:
            out.append(f.not_supported(f.child(ip, "operator"), op, ("Equal", "Exists")))
        if effect and effect not in TAINT_EFFECTS:
            out.append(f.not_supported(f.child(ip, "effect"), effect, TAINT_EFFECTS))
    return out


# ---------------------------------------------------------- pod spec


def _restart_policy(value: Any, path: str) -> list[Cause]:
    v = as_str(value)
    if not v:
        return [f.required(path)]
    if v not in RESTART_POLICIES:
        return [f.not_supported(path, v, RESTART_POLICIES)]
    return []


def validate_pod_spec(spec: Any, path: str) -> list[Cause]:
    s = as_dict(spec)
    volumes, out = validate_volumes(s.get("volumes"), f.child(path, "volumes"))
    out += validate_containers(s.get("containers"), volumes, f.child(path, "containers"))
    out += validate_init_containers(
        s.get("initContainers"), s.get("containers"), volumes, f.child(path, "initContainers")
    )
    seen_host_ports: set[str] = set()
    out += _unique_host_ports(
        as_list(s.get("containers")), f.child(path, "containers"), seen_host_ports
    )
    out += _restart_policy(s.get("restartPolicy"), f.child(path, "restartPolicy"))
    dns = as_str(s.get("dnsPolicy"))
    if not dns:
        out.append(f.required(f.child(path, "dnsPolicy")))
    elif dns not in DNS_POLICIES:
        out.append(f.not_supported(f.child(path, "dnsPolicy"), dns, DNS_POLICIES))
    elif dns == "None" and s.get("dnsConfig") is None:
        out.append(
            f.required(
                f.child(path, "dnsConfig"), "must provide `dnsConfig` when `dnsPolicy` is None"
            )
        )
    out += m.validate_labels(s.get("nodeSelector"), f.child(path, "nodeSelector"))
    for i, raw in enumerate(as_list(s.get("imagePullSecrets"))):
        if not as_str(as_dict(raw).get("name")):
            out.append(f.required(f.child(f.index(f.child(path, "imagePullSecrets"), i), "name")))
    sa = as_str(s.get("serviceAccountName"))
    if sa:
        out += f.invalid_each(f.child(path, "serviceAccountName"), sa, m.dns1123_subdomain(sa))
    node = as_str(s.get("nodeName"))
    if node:
        out += f.invalid_each(f.child(path, "nodeName"), node, m.dns1123_subdomain(node))
    ads = as_int(s.get("activeDeadlineSeconds"))
    if ads is not None and not 1 <= ads <= MAX_INT32:
        out.append(
            f.invalid(
                f.child(path, "activeDeadlineSeconds"), ads, m.inclusive_range_error(1, MAX_INT32)
            )
        )
    for fld in ("hostname", "subdomain"):
        v = as_str(s.get(fld))
        if v:
            out += f.invalid_each(f.child(path, fld), v, m.dns1123_label(v))
    out += validate_tolerations(s.get("tolerations"), f.child(path, "tolerations"))
    pp = s.get("preemptionPolicy")
    if pp is not None and pp not in ("PreemptLowerPriority", "Never"):
        out.append(
            f.not_supported(
                f.child(path, "preemptionPolicy"), pp, ("Never", "PreemptLowerPriority")
            )
        )
    pcn = as_str(s.get("priorityClassName"))
    if pcn:
        out += f.invalid_each(f.child(path, "priorityClassName"), pcn, m.dns1123_subdomain(pcn))
    for i, raw in enumerate(as_list(s.get("hostAliases"))):
        ha = as_dict(raw)
        ip = as_str(ha.get("ip"))
        if not _is_ip(ip):
            out.append(
                f.invalid(
                    f.child(f.index(f.child(path, "hostAliases"), i), "ip"),
                    ip,
                    "must be valid IP address",
                )
            )
    psc = as_dict(s.get("securityContext"))
    for fld in ("runAsUser", "runAsGroup", "fsGroup"):
        num = as_int(psc.get(fld))
        if num is not None and not 0 <= num <= MAX_INT32:
            out.append(
                f.invalid(
                    f.child(path, "securityContext", fld),
                    num,
                    m.inclusive_range_error(0, MAX_INT32),
                )
            )
    return out


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def validate_pod_template(template: Any, path: str) -> list[Cause]:
    """ValidatePodTemplateSpec: template labels and annotations, then the pod spec."""
    t = as_dict(template)
    tm = as_dict(t.get("metadata"))
    out = m.validate_labels(tm.get("labels"), f.child(path, "labels"))
    out += m.validate_annotations(tm.get("annotations"), f.child(path, "annotations"))
    spec = as_dict(t.get("spec"))
    out += validate_pod_spec(spec, f.child(path, "spec"))
    if as_list(spec.get("ephemeralContainers")):
        out.append(
            f.forbidden(
                f.child(path, "spec", "ephemeralContainers"),
                "ephemeral containers not allowed in pod template",
            )
        )
    return out


def validate_template_for_controller(
    template: Any, selector_ok: bool, matches: bool, kind: str, path: str
) -> list[Cause]:
    """The workload rules on a pod template: labels match the selector, restartPolicy Always."""
    t = as_dict(template)
    if template is None:
        return [f.required(path)]
    out: list[Cause] = []
    labels = as_dict(as_dict(t.get("metadata")).get("labels"))
    if selector_ok and not matches:
        out.append(
            f.invalid(
                f.child(path, "metadata", "labels"),
                f.str_map(labels),
                "`selector` does not match template `labels`",
            )
        )
    out += validate_pod_template(t, path)
    spec = as_dict(t.get("spec"))
    policy = as_str(spec.get("restartPolicy"))
    if policy != "Always":
        out.append(f.not_supported(f.child(path, "spec", "restartPolicy"), policy, ("Always",)))
    if spec.get("activeDeadlineSeconds") is not None:
        out.append(
            f.forbidden(
                f.child(path, "spec", "activeDeadlineSeconds"),
                f"activeDeadlineSeconds in {kind} is not Supported",
            )
        )
    return out


# --------------------------------------------------------------- pod


def validate_pod(pod: dict[str, Any]) -> list[Cause]:
    return validate_pod_spec(as_dict(pod.get("spec")), "spec")


def validate_pod_create(pod: dict[str, Any]) -> list[Cause]:
    """What only a create checks (validate_pod runs as well)."""
    if as_list(as_dict(pod.get("spec")).get("ephemeralContainers")):
        return [f.forbidden("spec.ephemeralContainers", "cannot be set on create")]
    return []


_POD_UPDATE_MSG = (
    "pod updates may not change fields other than `spec.containers[*].image`,"
    "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
    "`spec.tolerations` (only additions to existing tolerations),"
    "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"
)


def _container_updates(new: Any, old: Any, path: str) -> tuple[list[Cause], bool]:
    n, o = as_list(new), as_list(old)
    if len(n) != len(o):
        return [f.forbidden(path, "pod updates may not add or remove containers")], True
    out: list[Cause] = []
    for i, raw in enumerate(n):
        image = as_str(as_dict(raw).get("image"))
        if not image:
            out.append(f.required(f.child(f.index(path, i), "image")))
        if image.strip() != image:
            out.append(
                f.invalid(
                    f.child(f.index(path, i), "image"),
                    image,
                    "must not have leading or trailing whitespace",
                )
            )
    return out, False


def _diff_paths(old: Any, new: Any, path: str, out: list[str]) -> None:
    if isinstance(old, dict) and isinstance(new, dict):
        for k in sorted(set(old) | set(new)):
            _diff_paths(old.get(k), new.get(k), f.child(path, k), out)
    elif isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            _diff_paths(a, b, f.index(path, i), out)
    elif old != new:
        out.append(f"  {path}: {f.go_value(old)} -> {f.go_value(new)}")


def validate_pod_update(new: dict[str, Any], old: dict[str, Any]) -> list[Cause]:
    ns, os_ = as_dict(new.get("spec")), as_dict(old.get("spec"))
    out, stop = _container_updates(ns.get("containers"), os_.get("containers"), "spec.containers")
    if stop:
        return out
    errs, stop = _container_updates(
        ns.get("initContainers"), os_.get("initContainers"), "spec.initContainers"
    )
    out += errs
    if stop:
        return out
    new_ads, old_ads = (
        as_int(ns.get("activeDeadlineSeconds")),
        as_int(os_.get("activeDeadlineSeconds")),
    )
    if ns.get("activeDeadlineSeconds") is not None and new_ads is not None:
        if not 0 <= new_ads <= MAX_INT32:
            return [
                *out,
                f.invalid(
                    "spec.activeDeadlineSeconds", new_ads, m.inclusive_range_error(0, MAX_INT32)
                ),
            ]
        if old_ads is not None and old_ads < new_ads:
            return [
                *out,
                f.invalid(
                    "spec.activeDeadlineSeconds",
                    new_ads,
                    "must be less than or equal to previous value",
                ),
            ]
    elif old_ads is not None:
        out.append(
            f.invalid(
                "spec.activeDeadlineSeconds",
                None,
                "must not update from a positive integer to nil value",
            )
        )
    new_tols = as_list(ns.get("tolerations"))
    if not all(_toleration_kept(t, new_tols) for t in as_list(os_.get("tolerations"))):
        out.append(
            f.forbidden(
                "spec.tolerations",
                "existing toleration can not be modified except its tolerationSeconds",
            )
        )
    if ns == os_:
        return out
    munged = dict(ns)
    for fld in ("containers", "initContainers"):
        olds = as_list(os_.get(fld))
        if fld in ns:
            munged[fld] = [
                {**as_dict(c), "image": as_dict(olds[i]).get("image")} if i < len(olds) else c
                for i, c in enumerate(as_list(ns[fld]))
            ]
    for fld in ("activeDeadlineSeconds", "tolerations"):
        if fld in os_:
            munged[fld] = os_[fld]
        else:
            munged.pop(fld, None)
    old_tg, new_tg = (
        as_int(os_.get("terminationGracePeriodSeconds")),
        as_int(munged.get("terminationGracePeriodSeconds")),
    )
    if old_tg is not None and old_tg < 0 and new_tg == 1:
        munged["terminationGracePeriodSeconds"] = old_tg
    if munged != os_:
        diff: list[str] = []
        _diff_paths(os_, munged, "spec", diff)
        out.append(f.forbidden("spec", _POD_UPDATE_MSG + "\n" + "\n".join(diff)))
    return out


def _toleration_kept(old: Any, new: list[Any]) -> bool:
    o = {k: v for k, v in as_dict(old).items() if k != "tolerationSeconds"}
    for t in new:
        n = {k: v for k, v in as_dict(t).items() if k != "tolerationSeconds"}
        if n == o:
            return True
    return False
