"""Storage: storage.k8s.io/v1 StorageClass and the core/v1 PersistentVolume and
PersistentVolumeClaim, as pkg/apis/storage/validation and pkg/apis/core/validation check
them; and core/v1 PodTemplate."""

from __future__ import annotations

from typing import Any

from minikube_py.api.validation import field as f
from minikube_py.api.validation import meta as m
from minikube_py.api.validation import pods
from minikube_py.api.validation.field import Cause
from minikube_py.api.validation.meta import as_dict, as_list, as_str
from minikube_py.api.validation.quantity import QuantityError, parse_quantity

ACCESS_MODES = ("ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod")
VOLUME_MODES = ("Block", "Filesystem")
RECLAIM_POLICIES = ("Delete", "Retain")
PV_RECLAIM_POLICIES = ("Delete", "Recycle", "Retain")
BINDING_MODES = ("Immediate", "WaitForFirstConsumer")
PV_SOURCES = (
    "hostPath",
    "nfs",
    "local",
    "csi",
    "iscsi",
    "fc",
    "rbd",
    "cephfs",
    "glusterfs",
    "awsElasticBlockStore",
    "gcePersistentDisk",
    "azureDisk",
    "azureFile",
    "vsphereVolume",
)
MAX_PROVISIONER_LEN = 63


def validate_storage_class(sc: dict[str, Any]) -> list[Cause]:
    out: list[Cause] = []
    provisioner = as_str(sc.get("provisioner"))
    if not provisioner:
        out.append(f.required("provisioner"))
    else:
        if len(provisioner) > MAX_PROVISIONER_LEN:
            out.append(f.too_long("provisioner", MAX_PROVISIONER_LEN))
        out += f.invalid_each("provisioner", provisioner, m.qualified_name(provisioner.lower()))
    params = as_dict(sc.get("parameters"))
    if len(params) > 512:
        out.append(f.too_many("parameters", len(params), 512))
    policy = sc.get("reclaimPolicy")
    if policy is not None and policy not in RECLAIM_POLICIES:
        out.append(f.not_supported("reclaimPolicy", policy, RECLAIM_POLICIES))
    mode = sc.get("volumeBindingMode")
    if mode is not None and mode not in BINDING_MODES:
        out.append(f.not_supported("volumeBindingMode", mode, BINDING_MODES))
    return out


def validate_storage_class_update(new: dict[str, Any], old: dict[str, Any]) -> list[Cause]:
    out: list[Cause] = []
    for key in ("parameters", "provisioner", "reclaimPolicy", "volumeBindingMode"):
        if new.get(key) != old.get(key):
            out.append(f.forbidden(key, f"updates to {key} are forbidden."))
    return out


def _access_modes(modes: Any, path: str) -> list[Cause]:
    values = as_list(modes)
    if not values:
        return [f.required(path, "at least 1 access mode is required")]
    out = [f.not_supported(path, mode, ACCESS_MODES) for mode in values if mode not in ACCESS_MODES]
    if "ReadWriteOncePod" in values and len(values) > 1:
        out.append(f.forbidden(path, "may not use ReadWriteOncePod with other access modes"))
    return out


def _storage(resources: Any, path: str, what: str) -> list[Cause]:
    """The `storage` entry of a ResourceList: present and a positive quantity."""
    raw = as_dict(resources).get("storage")
    key_path = f"{path}[storage]"
    if raw is None:
        return [f.required(key_path)]
    try:
        q = parse_quantity(raw)
    except QuantityError as exc:
        return [f.invalid(key_path, as_str(raw), str(exc))]
    if q.value <= 0:
        return [f.invalid(key_path, q.canonical(), f"must be greater than zero{what}")]
    return []


def _volume_mode(spec: dict[str, Any], path: str) -> list[Cause]:
    mode = spec.get("volumeMode")
    if mode is not None and mode not in VOLUME_MODES:
        return [f.not_supported(path, mode, VOLUME_MODES)]
    return []


def validate_pvc(pvc: dict[str, Any]) -> list[Cause]:
    spec = as_dict(pvc.get("spec"))
    out = _access_modes(spec.get("accessModes"), "spec.accessModes")
    if spec.get("selector") is not None:
        out += m.validate_label_selector(spec.get("selector"), "spec.selector")
    out += _storage(as_dict(spec.get("resources")).get("requests"), "spec.resources", "")
    out += _volume_mode(spec, "spec.volumeMode")
    name = spec.get("storageClassName")
    if name:
        out += f.invalid_each(
            "spec.storageClassName", as_str(name), m.dns1123_subdomain(as_str(name))
        )
    return out


def validate_pvc_update(new: dict[str, Any], old: dict[str, Any]) -> list[Cause]:
    """After creation only the storage request and the attributes class may change (and a
    volumeName may be set once)."""
    mutable = ("resources", "volumeAttributesClassName")
    new_spec = {k: v for k, v in as_dict(new.get("spec")).items() if k not in mutable}
    old_spec = {k: v for k, v in as_dict(old.get("spec")).items() if k not in mutable}
    if not old_spec.get("volumeName"):
        new_spec.pop("volumeName", None)
        old_spec.pop("volumeName", None)
    if new_spec != old_spec:
        return [
            f.forbidden(
                "spec",
                "spec is immutable after creation except resources.requests and "
                "volumeAttributesClassName for bound claims",
            )
        ]
    return []


def validate_pv(pv: dict[str, Any]) -> list[Cause]:
    spec = as_dict(pv.get("spec"))
    out = _access_modes(spec.get("accessModes"), "spec.accessModes")
    capacity = spec.get("capacity")
    if not as_dict(capacity):
        out.append(f.required("spec.capacity"))
    else:
        out += _storage(capacity, "spec.capacity", "")
    sources = [k for k in PV_SOURCES if spec.get(k) is not None]
    if not sources:
        out.append(f.required("spec", "must specify a volume type"))
    elif len(sources) > 1:
        out.append(f.forbidden(f"spec.{sources[1]}", "may not specify more than 1 volume type"))
    policy = spec.get("persistentVolumeReclaimPolicy")
    if policy is not None and policy not in PV_RECLAIM_POLICIES:
        out.append(
            f.not_supported("spec.persistentVolumeReclaimPolicy", policy, PV_RECLAIM_POLICIES)
        )
    out += _volume_mode(spec, "spec.volumeMode")
    host_path = spec.get("hostPath")
    if host_path is not None and not as_str(as_dict(host_path).get("path")):
        out.append(f.required("spec.hostPath.path"))
    name = spec.get("storageClassName")
    if name:
        out += f.invalid_each(
            "spec.storageClassName", as_str(name), m.dns1123_subdomain(as_str(name))
        )
    return out


def validate_pv_update(new: dict[str, Any], old: dict[str, Any]) -> list[Cause]:
    new_mode = as_dict(new.get("spec")).get("volumeMode")
    if new_mode != as_dict(old.get("spec")).get("volumeMode"):
        return [f.immutable("spec.volumeMode", as_str(new_mode))]
    return []


def validate_pod_template(pt: dict[str, Any]) -> list[Cause]:
    template = pt.get("template")
    if template is None:
        return [f.required("template")]
    return pods.validate_pod_template(template, "template")
