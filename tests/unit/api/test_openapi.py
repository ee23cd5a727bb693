"""The OpenAPI documents: well-formed, complete, and accepted by the real kubectl."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
import pytest

from minikube_py.api.openapi import (
    OpenAPIDocs,
    build_openapi,
    doc_path,
    schema_for,
    schema_for_kind,
)
from minikube_py.api.registry import Registry
from tests.unit.api.kubectl_openapi_server import serving

REGISTRY = Registry()
DOCS = build_openapi(REGISTRY)
OPERATIONS = ("get", "put", "post", "delete", "patch")


def _docs() -> Iterator[tuple[str, dict[str, Any]]]:
    for path in DOCS.v3_docs:
        yield path, DOCS.v3_doc(path)


def _refs(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        if isinstance(value.get("$ref"), str):
            yield value["$ref"]
        for v in value.values():
            yield from _refs(v)
    elif isinstance(value, list):
        for v in value:
            yield from _refs(v)


def _operations(doc: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in doc["paths"].items():
        for method in OPERATIONS:
            if method in item:
                yield path, method, item[method]


# --------------------------------------------------------------------------- shape


def test_index_names_every_group_version_with_its_hash() -> None:
    index = msgspec.json.decode(DOCS.v3_index)
    expected = {doc_path(g, v) for g, versions in REGISTRY.groups().items() for v in versions}
    assert set(index["paths"]) == expected == set(DOCS.v3_docs)
    for path, entry in index["paths"].items():
        assert entry["serverRelativeURL"] == f"/openapi/v3/{path}?hash={DOCS.v3_hashes[path]}"


def test_every_reference_resolves() -> None:
    for path, doc in _docs():
        schemas = doc["components"]["schemas"]
        for ref in _refs(doc):
            assert ref.startswith("#/components/schemas/"), ref
            assert ref.removeprefix("#/components/schemas/") in schemas, (path, ref)
    v2 = msgspec.json.decode(DOCS.v2)
    for ref in _refs(v2):
        assert ref.removeprefix("#/definitions/") in v2["definitions"], ref


def test_every_served_kind_and_list_carries_its_gvk() -> None:
    for r in REGISTRY.resources:
        doc = DOCS.v3_doc(doc_path(r.group, r.version))
        schemas = doc["components"]["schemas"]
        kind = schemas[r.schema_name]
        assert {"group": r.group, "version": r.version, "kind": r.kind} in kind[
            "x-kubernetes-group-version-kind"
        ]
        if "list" not in r.verbs:
            assert r.schema_name + "List" not in schemas  # a create-only review has no list
            continue
        list_name = r.schema_name + "List"
        assert {"group": r.group, "version": r.version, "kind": r.list_kind} in schemas[list_name][
            "x-kubernetes-group-version-kind"
        ]


def test_every_operation_has_action_gvk_and_write_parameters() -> None:
    for path, doc in _docs():
        for p, method, op in _operations(doc):
            assert op["x-kubernetes-action"], (p, method)
            gvk = op["x-kubernetes-group-version-kind"]
            assert set(gvk) == {"group", "version", "kind"}
            names = {param["name"] for param in op.get("parameters", [])}
            if method in ("put", "patch") or (
                method == "post" and op["x-kubernetes-action"] == "post"
            ):
                assert {"fieldValidation", "dryRun", "fieldManager"} <= names, (path, p, method)
            assert op["operationId"]
        ids = [op["operationId"] for _, _, op in _operations(doc)]
        assert len(ids) == len(set(ids)), path


def test_paths_cover_verbs_and_subresources() -> None:
    core = DOCS.v3_doc("api/v1")["paths"]
    item = core["/api/v1/namespaces/{namespace}/pods/{name}"]
    assert {"get", "put", "patch", "delete"} <= set(item)
    collection = core["/api/v1/namespaces/{namespace}/pods"]
    assert collection["get"]["x-kubernetes-action"] == "list"
    assert collection["delete"]["x-kubernetes-action"] == "deletecollection"
    assert collection["post"]["x-kubernetes-action"] == "post"
    assert core["/api/v1/pods"]["get"]["x-kubernetes-action"] == "list"
    assert (
        core["/api/v1/watch/namespaces/{namespace}/pods/{name}"]["get"]["x-kubernetes-action"]
        == "watch"
    )
    assert (
        core["/api/v1/namespaces/{namespace}/pods/{name}/binding"]["post"][
            "x-kubernetes-group-version-kind"
        ]["kind"]
        == "Binding"
    )
    eviction = core["/api/v1/namespaces/{namespace}/pods/{name}/eviction"]["post"]
    assert eviction["x-kubernetes-group-version-kind"] == {
        "group": "policy",
        "version": "v1",
        "kind": "Eviction",
    }
    assert (
        core["/api/v1/namespaces/{namespace}/pods/{name}/exec"]["post"]["x-kubernetes-action"]
        == "connect"
    )
    assert "/api/v1/namespaces/{namespace}/serviceaccounts/{name}/token" in core
    assert "/api/v1/nodes/{name}/status" in core and "/api/v1/namespaces/{name}/finalize" in core
    apps = DOCS.v3_doc("apis/apps/v1")
    scale = apps["paths"]["/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale"]
    assert scale["patch"]["x-kubernetes-group-version-kind"]["kind"] == "Scale"
    assert "io.k8s.api.autoscaling.v1.Scale" in apps["components"]["schemas"]


def test_schemas_carry_patch_and_list_extensions() -> None:
    root, components = schema_for(REGISTRY.by_kind("v1", "Pod"))  # type: ignore[arg-type]
    assert root["x-kubernetes-group-version-kind"] == [
        {"group": "", "kind": "Pod", "version": "v1"}
    ]
    spec = components["io.k8s.api.core.v1.PodSpec"]["properties"]
    assert spec["containers"]["x-kubernetes-patch-merge-key"] == "name"
    assert spec["containers"]["x-kubernetes-patch-strategy"] == "merge"
    assert spec["volumes"]["x-kubernetes-patch-strategy"] == "merge,retainKeys"
    assert spec["tolerations"]["x-kubernetes-list-type"] == "atomic"
    container = components["io.k8s.api.core.v1.Container"]
    assert container["required"] == ["name"]
    props = container["properties"]
    assert props["ports"]["x-kubernetes-patch-merge-key"] == "containerPort"
    assert props["ports"]["x-kubernetes-list-map-keys"] == ["containerPort", "protocol"]
    assert props["volumeMounts"]["x-kubernetes-patch-merge-key"] == "mountPath"
    assert props["env"]["x-kubernetes-patch-merge-key"] == "name"
    assert props["image"]["type"] == "string"
    service = components["io.k8s.api.core.v1.ServiceSpec"]["properties"]
    assert service["ports"]["x-kubernetes-patch-merge-key"] == "port"
    meta = components["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]["properties"]
    assert meta["ownerReferences"]["x-kubernetes-patch-merge-key"] == "uid"
    assert meta["finalizers"]["x-kubernetes-patch-strategy"] == "merge"
    assert meta["labels"] == {
        "type": "object",
        "additionalProperties": {"type": "string"},
        "description": meta["labels"]["description"],
    }
    conditions = components["io.k8s.api.core.v1.PodStatus"]["properties"]["conditions"]
    assert conditions["x-kubernetes-patch-merge-key"] == "type"


def test_named_scalars_are_shaped_as_kubernetes_shapes_them() -> None:
    _, components = schema_for_kind("v1", "Pod")
    assert (
        components["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]["x-kubernetes-int-or-string"]
        is True
    )
    assert (
        components["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]["format"] == "int-or-string"
    )
    assert components["io.k8s.apimachinery.pkg.api.resource.Quantity"]["oneOf"] == [
        {"type": "string"},
        {"type": "number"},
    ]
    assert components["io.k8s.apimachinery.pkg.apis.meta.v1.Time"]["format"] == "date-time"
    limits = components["io.k8s.api.core.v1.ResourceRequirements"]["properties"]["limits"]
    assert limits["additionalProperties"] == {
        "$ref": "#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity"
    }
    port = components["io.k8s.api.core.v1.HTTPGetAction"]["properties"]["port"]
    assert port["allOf"] == [
        {"$ref": "#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString"}
    ]
    free = components["io.k8s.api.core.v1.Volume"]["properties"]["gcePersistentDisk"]
    assert free["x-kubernetes-preserve-unknown-fields"] is True


def test_integers_carry_the_format_of_their_go_type() -> None:
    _, components = schema_for_kind("apps/v1", "Deployment")

    def prop(component: str, name: str) -> dict[str, Any]:
        return components[component]["properties"][name]  # type: ignore[no-any-return]

    assert prop("io.k8s.api.apps.v1.DeploymentSpec", "replicas")["format"] == "int32"
    assert prop("io.k8s.api.core.v1.ContainerPort", "containerPort")["format"] == "int32"
    assert prop("io.k8s.api.core.v1.PodSpec", "terminationGracePeriodSeconds")["format"] == "int64"
    assert prop("io.k8s.api.core.v1.PodSpec", "activeDeadlineSeconds")["format"] == "int64"
    assert prop("io.k8s.api.apps.v1.DeploymentStatus", "observedGeneration")["format"] == "int64"
    assert (
        prop("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "generation")["format"] == "int64"
    )
    groups = prop("io.k8s.api.core.v1.PodSecurityContext", "supplementalGroups")
    assert groups["items"] == {"type": "integer", "format": "int64"}


def test_every_integer_field_names_its_format() -> None:
    untyped = []

    def visit(value: Any, where: str) -> None:
        if isinstance(value, dict):
            if value.get("type") == "integer" and "format" not in value:
                untyped.append(where)
            for key, sub in value.items():
                visit(sub, f"{where}/{key}")
        elif isinstance(value, list):
            for index, sub in enumerate(value):
                visit(sub, f"{where}/{index}")

    for _, doc in _docs():
        visit(doc["components"]["schemas"], "")
    # IntOrString's integer alternative is the one Kubernetes leaves unformatted too
    assert set(untyped) <= {"/io.k8s.apimachinery.pkg.util.intstr.IntOrString/oneOf/0"}


def test_v2_is_swagger_with_definitions() -> None:
    v2 = msgspec.json.decode(DOCS.v2)
    assert v2["swagger"] == "2.0"
    assert v2["definitions"]["io.k8s.apimachinery.pkg.api.resource.Quantity"]["type"] == "string"
    patch = v2["paths"]["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]["patch"]
    assert "fieldValidation" in {p["name"] for p in patch["parameters"]}
    assert patch["x-kubernetes-group-version-kind"]["kind"] == "Deployment"
    assert DOCS.v2_protobuf.startswith(b"\x0a\x032.0")  # Document.swagger = "2.0"


def test_documents_are_deterministic() -> None:
    again = build_openapi(REGISTRY)
    assert again.v3_hashes == DOCS.v3_hashes
    assert again.v2 == DOCS.v2 and again.v2_protobuf == DOCS.v2_protobuf


# --------------------------------------------------------------------------- the real kubectl

_KUBECTLS = [Path(f"/usr/lib/google-cloud-sdk/bin/kubectl.1.{minor}") for minor in range(27, 34)]
_KUBECTLS.append(Path(__file__).resolve().parents[3] / ".cache/tools/kubectl")
KUBECTLS = [k for k in _KUBECTLS if k.exists()] or (
    [Path(p)] if (p := shutil.which("kubectl")) else []
)


def _kubeconfig(directory: Path, url: str) -> Path:
    path = directory / "kubeconfig"
    path.write_text(
        "apiVersion: v1\nkind: Config\n"
        f"clusters: [{{name: t, cluster: {{server: '{url}'}}}}]\n"
        "users: [{name: u, user: {}}]\n"
        "contexts: [{name: t, context: {cluster: t, user: u, namespace: default}}]\n"
        "current-context: t\n"
    )
    return path


async def _kubectl(
    kubectl: Path, docs: OpenAPIDocs, tmp: Path, *args: str
) -> tuple[int, str, str, list[str]]:
    async with serving(REGISTRY, docs) as (url, server):
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(tmp),
            "KUBECONFIG": str(_kubeconfig(tmp, url)),
        }
        proc = await asyncio.create_subprocess_exec(
            str(kubectl),
            *args,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await asyncio.wait_for(proc.communicate(), timeout=60)
        assert proc.returncode is not None
        return proc.returncode, out.decode(), err.decode(), server.requested


def _without_field_validation(docs: OpenAPIDocs) -> OpenAPIDocs:
    """The same documents with fieldValidation removed from every operation."""
    stripped = {}
    for path, data in docs.v3_docs.items():
        doc = msgspec.json.decode(data)
        for item in doc["paths"].values():
            for method in OPERATIONS:
                if method in item:
                    params = item[method].get("parameters", [])
                    item[method]["parameters"] = [
                        p for p in params if p["name"] != "fieldValidation"
                    ]
        stripped[path] = msgspec.json.encode(doc)
    return dataclasses.replace(docs, v3_docs=stripped)


DEPLOYMENT_YAML = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  strategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: "25%"}}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports: [{containerPort: 80}]
        resources: {limits: {cpu: 500m, memory: 128Mi}, requests: {cpu: 0.1}}
        readinessProbe: {httpGet: {path: /, port: 80}}
"""

needs_kubectl = pytest.mark.skipif(not KUBECTLS, reason="no kubectl binary on this machine")


@needs_kubectl
@pytest.mark.kubectl
@pytest.mark.parametrize("kubectl", KUBECTLS, ids=lambda p: p.name)
async def test_kubectl_explain_pod_containers(kubectl: Path, tmp_path: Path) -> None:
    rc, out, err, _ = await _kubectl(kubectl, DOCS, tmp_path, "explain", "pod.spec.containers")
    assert rc == 0, err
    for field in ("image", "imagePullPolicy", "livenessProbe", "volumeMounts", "env", "resources"):
        assert field in out
    assert "Name of the container" in out


@needs_kubectl
@pytest.mark.kubectl
@pytest.mark.parametrize("kubectl", KUBECTLS, ids=lambda p: p.name)
async def test_kubectl_explain_deployment_strategy_recursive(kubectl: Path, tmp_path: Path) -> None:
    rc, out, err, _ = await _kubectl(
        kubectl, DOCS, tmp_path, "explain", "deployment.spec.strategy", "--recursive"
    )
    assert rc == 0, err
    for field in ("rollingUpdate", "maxSurge", "maxUnavailable", "type"):
        assert field in out


@needs_kubectl
@pytest.mark.kubectl
@pytest.mark.parametrize("kubectl", KUBECTLS, ids=lambda p: p.name)
async def test_kubectl_leaves_strict_validation_to_the_server(
    kubectl: Path, tmp_path: Path
) -> None:
    """kubectl reads the v3 document, finds fieldValidation on the patch operation, and
    sends the object on unvalidated (here: prints it, dry-run=client)."""
    manifest = tmp_path / "deploy.yaml"
    manifest.write_text(DEPLOYMENT_YAML + "  bogus: 1\n")
    args = ("create", "-f", str(manifest), "--dry-run=client", "--validate=strict", "-o", "name")
    rc, out, err, requested = await _kubectl(kubectl, DOCS, tmp_path, *args)
    assert rc == 0, err
    assert out.strip() == "deployment.apps/web"
    assert any(p.startswith("/openapi/v3/apis/apps/v1?hash=") for p in requested)


@needs_kubectl
@pytest.mark.kubectl
@pytest.mark.parametrize("kubectl", KUBECTLS, ids=lambda p: p.name)
async def test_kubectl_client_side_validation_against_our_schemas(
    kubectl: Path, tmp_path: Path
) -> None:
    """Without fieldValidation kubectl validates on its own against /openapi/v2 (protobuf):
    a realistic manifest passes, unknown fields and wrong types are refused."""
    docs = _without_field_validation(DOCS)
    good = tmp_path / "good.yaml"
    good.write_text(DEPLOYMENT_YAML)
    args = ("--dry-run=client", "--validate=strict", "-o", "name")
    rc, out, err, _ = await _kubectl(kubectl, docs, tmp_path, "create", "-f", str(good), *args)
    assert rc == 0, err
    assert out.strip() == "deployment.apps/web"
    bad = tmp_path / "bad.yaml"
    bad.write_text(DEPLOYMENT_YAML.replace("replicas: 2", "replicas: two") + "  bogus: 1\n")
    rc, _, err, _ = await _kubectl(kubectl, docs, tmp_path, "create", "-f", str(bad), *args)
    assert rc != 0
    assert 'unknown field "bogus"' in err
    assert "replicas" in err
