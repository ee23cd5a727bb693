"""Defaults of PodSpec, Container, Volume and Probe, and of pod templates.

`default_pod_spec` is what Kubernetes' SetDefaults_PodSpec and the generated
defaulters do for every pod spec (in Pods and templates alike);
`default_pod_only` adds what only a Pod gets: SetDefaults_Pod and the defaults
the ServiceAccount, Priority and DefaultTolerationSeconds admission plugins set.
"""

from __future__ import annotations

from typing import Any

from minikube_py.api.defaults._util import canonical_quantities, dicts, setdefault, sub
from minikube_py.api.validation.pods import VOLUME_SOURCES

_DEFAULT_MODE = 0o644  # 420
_NOT_READY = "node.kubernetes.io/not-ready"
_UNREACHABLE = "node.kubernetes.io/unreachable"
_SYSTEM_PRIORITIES = {"system-node-critical": 2000001000, "system-cluster-critical": 2000000000}


def image_tag(image: str) -> str:
    """The tag of an image reference, "latest" when it has neither tag nor digest."""
    if "@" in image:
        name, _, _ = image.partition("@")
        last = name.rsplit("/", 1)[-1]
        return last.split(":", 1)[1] if ":" in last else ""
    last = image.rsplit("/", 1)[-1]
    return last.split(":", 1)[1] if ":" in last else "latest"


def _http_get(action: Any) -> None:
    if isinstance(action, dict):
        setdefault(action, "path", "/")
        setdefault(action, "scheme", "HTTP")


def _probe(probe: Any) -> None:
    if not isinstance(probe, dict):
        return
    for key, value in (
        ("timeoutSeconds", 1),
        ("periodSeconds", 10),
        ("successThreshold", 1),
        ("failureThreshold", 3),
    ):
        if probe.get(key) in (None, 0):
            probe[key] = value
    _http_get(probe.get("httpGet"))
    grpc = probe.get("grpc")
    if isinstance(grpc, dict):
        grpc.setdefault("service", "")


def _field_ref(holder: Any) -> None:
    if isinstance(holder, dict):
        ref = holder.get("fieldRef")
        if isinstance(ref, dict):
            setdefault(ref, "apiVersion", "v1")
        rref = holder.get("resourceFieldRef")
        if isinstance(rref, dict):
            rref.setdefault("divisor", "0")


def default_container(c: dict[str, Any]) -> None:
    if not c.get("imagePullPolicy"):
        c["imagePullPolicy"] = (
            "Always" if image_tag(str(c.get("image") or "")) == "latest" else "IfNotPresent"
        )
    setdefault(c, "terminationMessagePath", "/dev/termination-log")
    setdefault(c, "terminationMessagePolicy", "File")
    for port in dicts(c.get("ports")):
        setdefault(port, "protocol", "TCP")
    resources = sub(c, "resources")
    canonical_quantities(resources.get("limits"))
    canonical_quantities(resources.get("requests"))
    for name in ("livenessProbe", "readinessProbe", "startupProbe"):
        _probe(c.get(name))
    lifecycle = c.get("lifecycle")
    if isinstance(lifecycle, dict):
        for hook in ("postStart", "preStop"):
            h = lifecycle.get(hook)
            if isinstance(h, dict):
                _http_get(h.get("httpGet"))
    for env in dicts(c.get("env")):
        _field_ref(env.get("valueFrom"))


def default_volume(vol: dict[str, Any]) -> None:
    if all(vol.get(s) is None for s in VOLUME_SOURCES):
        vol["emptyDir"] = {}
    for source in ("secret", "configMap", "downwardAPI", "projected"):
        body = vol.get(source)
        if isinstance(body, dict):
            body.setdefault("defaultMode", _DEFAULT_MODE)
    host_path = vol.get("hostPath")
    if isinstance(host_path, dict):
        host_path.setdefault("type", "")
    empty_dir = vol.get("emptyDir")
    if isinstance(empty_dir, dict) and empty_dir.get("sizeLimit") is not None:
        holder = {"sizeLimit": empty_dir["sizeLimit"]}
        canonical_quantities(holder)
        empty_dir["sizeLimit"] = holder["sizeLimit"]
    downward = vol.get("downwardAPI")
    if isinstance(downward, dict):
        for item in dicts(downward.get("items")):
            _field_ref(item)
    projected = vol.get("projected")
    if isinstance(projected, dict):
        for src in dicts(projected.get("sources")):
            token = src.get("serviceAccountToken")
            if isinstance(token, dict):
                token.setdefault("expirationSeconds", 3600)
            dapi = src.get("downwardAPI")
            if isinstance(dapi, dict):
                for item in dicts(dapi.get("items")):
                    _field_ref(item)


def default_pod_spec(spec: dict[str, Any]) -> None:
    setdefault(spec, "dnsPolicy", "ClusterFirst")
    setdefault(spec, "restartPolicy", "Always")
    if spec.get("securityContext") is None:
        spec["securityContext"] = {}
    if spec.get("terminationGracePeriodSeconds") is None:
        spec["terminationGracePeriodSeconds"] = 30
    setdefault(spec, "schedulerName", "default-scheduler")
    # the deprecated serviceAccount field mirrors serviceAccountName (conversion does this)
    if not spec.get("serviceAccountName") and spec.get("serviceAccount"):
        spec["serviceAccountName"] = spec["serviceAccount"]
    if spec.get("serviceAccountName"):
        spec["serviceAccount"] = spec["serviceAccountName"]
    for key in ("containers", "initContainers", "ephemeralContainers"):
        for c in dicts(spec.get(key)):
            default_container(c)
    for vol in dicts(spec.get("volumes")):
        default_volume(vol)


def _requests_from_limits(containers: Any) -> None:
    for c in dicts(containers):
        resources = sub(c, "resources")
        limits = resources.get("limits")
        if not isinstance(limits, dict) or not limits:
            continue
        requests = resources.get("requests")
        if not isinstance(requests, dict):
            requests = resources["requests"] = {}
        for name, value in limits.items():
            requests.setdefault(name, value)


def _tolerates(tolerations: list[dict[str, Any]], key: str) -> bool:
    for t in tolerations:
        key_ok = t.get("key") == key or (not t.get("key") and t.get("operator") == "Exists")
        if key_ok and t.get("effect") in (None, "", "NoExecute"):
            return True
    return False


def default_pod_only(spec: dict[str, Any]) -> None:
    """What a Pod gets beyond its spec's defaults (SetDefaults_Pod and admission)."""
    _requests_from_limits(spec.get("containers"))
    _requests_from_limits(spec.get("initContainers"))
    if spec.get("enableServiceLinks") is None:
        spec["enableServiceLinks"] = True
    if spec.get("hostNetwork") is True:
        for c in dicts(spec.get("containers")) + dicts(spec.get("initContainers")):
            for port in dicts(c.get("ports")):
                if not port.get("hostPort") and port.get("containerPort"):
                    port["hostPort"] = port["containerPort"]
    if not spec.get("serviceAccountName"):
        spec["serviceAccountName"] = "default"
        spec["serviceAccount"] = "default"
    if spec.get("priority") is None:
        spec["priority"] = _SYSTEM_PRIORITIES.get(str(spec.get("priorityClassName") or ""), 0)
    setdefault(spec, "preemptionPolicy", "PreemptLowerPriority")
    tolerations = spec.get("tolerations")
    if tolerations is None:
        tolerations = []
    if isinstance(tolerations, list):
        present = dicts(tolerations)
        added = [
            {"key": key, "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300}
            for key in (_NOT_READY, _UNREACHABLE)
            if not _tolerates(present, key)
        ]
        if added:
            spec["tolerations"] = tolerations + added


def default_pod(pod: dict[str, Any]) -> None:
    spec = sub(pod, "spec")
    default_pod_spec(spec)
    default_pod_only(spec)


def default_template(template: Any) -> None:
    """A PodTemplateSpec: the null creationTimestamp Kubernetes prints, and the pod spec defaults."""
    if not isinstance(template, dict):
        return
    meta = sub(template, "metadata")
    meta.setdefault("creationTimestamp", None)
    default_pod_spec(sub(template, "spec"))
