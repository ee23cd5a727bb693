"""The official Python client (`kubernetes` on PyPI) against a real `mkpy server`."""

from __future__ import annotations

import threading
import warnings
from collections.abc import Iterator
from typing import Any

import pytest
from kubernetes import client, config, watch
from kubernetes.client.rest import ApiException

from tests.support.cluster import Cluster

WAIT = 30  # seconds a watch may take to see what it waits for


@pytest.fixture(scope="module")
def api(cluster: Cluster) -> Iterator[client.ApiClient]:
    configuration = client.Configuration()
    config.load_kube_config(config_file=str(cluster.kubeconfig), client_configuration=configuration)
    with client.ApiClient(configuration) as api_client:
        yield api_client


def _namespace(api: client.ApiClient, name: str) -> str:
    core = client.CoreV1Api(api)
    created = core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=name)))
    assert created.status.phase == "Active"
    return name


def _deployment(name: str, replicas: int = 1, labels: dict[str, str] | None = None) -> Any:
    match = {"app": name}
    return client.V1Deployment(
        metadata=client.V1ObjectMeta(name=name, labels={**match, **(labels or {})}),
        spec=client.V1DeploymentSpec(
            replicas=replicas,
            selector=client.V1LabelSelector(match_labels=match),
            template=client.V1PodTemplateSpec(
                metadata=client.V1ObjectMeta(labels=match),
                spec=client.V1PodSpec(
                    containers=[
                        client.V1Container(name="web", image="docker.io/library/nginx:1.27")
                    ]
                ),
            ),
        ),
    )


def test_version_and_namespaces(api: client.ApiClient) -> None:
    info = client.VersionApi(api).get_code()
    assert info.major == "1" and info.git_version.startswith("v1.33")
    names = {n.metadata.name for n in client.CoreV1Api(api).list_namespace().items}
    assert {"default", "kube-system", "kube-public", "kube-node-lease"} <= names


def test_create_and_list_with_a_label_selector(api: client.ApiClient) -> None:
    ns = _namespace(api, "py-create")
    core = client.CoreV1Api(api)
    apps = client.AppsV1Api(api)
    for name, tier in (("a", "front"), ("b", "back"), ("c", "front")):
        core.create_namespaced_config_map(
            ns,
            client.V1ConfigMap(
                metadata=client.V1ObjectMeta(name=name, labels={"tier": tier}), data={"k": name}
            ),
        )
    dep = apps.create_namespaced_deployment(ns, _deployment("web", 2, {"tier": "front"}))
    assert dep.metadata.uid and dep.metadata.generation == 1
    assert dep.spec.strategy.type == "RollingUpdate"  # defaulted by the server

    fronts = core.list_namespaced_config_map(ns, label_selector="tier=front")
    assert sorted(c.metadata.name for c in fronts.items) == ["a", "c"]
    assert fronts.metadata.resource_version
    not_back = core.list_namespaced_config_map(ns, label_selector="tier notin (back)")
    assert sorted(c.metadata.name for c in not_back.items) == ["a", "c"]
    deps = apps.list_namespaced_deployment(ns, label_selector="app=web,tier")
    assert [d.metadata.name for d in deps.items] == ["web"]
    everywhere = apps.list_deployment_for_all_namespaces(label_selector="tier=front")
    assert [(d.metadata.namespace, d.metadata.name) for d in everywhere.items] == [(ns, "web")]

    with pytest.raises(ApiException) as exc:
        core.create_namespaced_config_map(
            ns, client.V1ConfigMap(metadata=client.V1ObjectMeta(name="a"))
        )
    assert exc.value.status == 409


def test_watch_sees_added_modified_deleted(api: client.ApiClient) -> None:
    ns = _namespace(api, "py-watch")
    core = client.CoreV1Api(api)
    start = core.list_namespaced_config_map(ns).metadata.resource_version
    seen: list[tuple[str, str, str]] = []
    errors: list[BaseException] = []
    w = watch.Watch()

    def follow() -> None:
        try:
            for event in w.stream(
                core.list_namespaced_config_map,
                ns,
                resource_version=start,
                timeout_seconds=WAIT,
            ):
                obj = event["object"]
                seen.append((event["type"], obj.metadata.name, (obj.data or {}).get("v", "")))
                if event["type"] == "DELETED":
                    w.stop()
        except BaseException as exc:
            errors.append(exc)

    follower = threading.Thread(target=follow, name="py-watch")
    follower.start()
    core.create_namespaced_config_map(
        ns, client.V1ConfigMap(metadata=client.V1ObjectMeta(name="w"), data={"v": "1"})
    )
    core.patch_namespaced_config_map("w", ns, {"data": {"v": "2"}})
    core.delete_namespaced_config_map("w", ns)
    follower.join(WAIT + 5)
    assert not follower.is_alive(), f"the watch did not end; it saw {seen}"
    assert not errors, errors
    assert seen == [("ADDED", "w", "1"), ("MODIFIED", "w", "2"), ("DELETED", "w", "2")]


def test_watch_ends_at_its_timeout(api: client.ApiClient) -> None:
    ns = _namespace(api, "py-timeout")
    core = client.CoreV1Api(api)
    core.create_namespaced_config_map(
        ns, client.V1ConfigMap(metadata=client.V1ObjectMeta(name="x"))
    )
    events = [
        (e["type"], e["object"].metadata.name)
        for e in watch.Watch().stream(core.list_namespaced_config_map, ns, timeout_seconds=1)
    ]
    # the initial state comes as ADDED, then the server ends the stream at its timeout
    assert events == [("ADDED", "x")]


def test_scale_subresource_and_patches(api: client.ApiClient) -> None:
    ns = _namespace(api, "py-scale")
    apps = client.AppsV1Api(api)
    apps.create_namespaced_deployment(ns, _deployment("s", 1))
    scale = apps.read_namespaced_deployment_scale("s", ns)
    assert scale.kind == "Scale" and scale.spec.replicas == 1
    assert scale.status.selector == "app=s"
    apps.patch_namespaced_deployment_scale("s", ns, {"spec": {"replicas": 4}})
    assert apps.read_namespaced_deployment("s", ns).spec.replicas == 4

    # the client sends a dict patch as strategic merge: containers merge by name
    patched = apps.patch_namespaced_deployment(
        "s",
        ns,
        {
            "metadata": {"labels": {"patched": "yes"}},
            "spec": {
                "template": {
                    "spec": {"containers": [{"name": "web", "env": [{"name": "A", "value": "1"}]}]}
                }
            },
        },
    )
    container = patched.spec.template.spec.containers[0]
    assert container.image == "docker.io/library/nginx:1.27"
    assert [(e.name, e.value) for e in container.env] == [("A", "1")]
    assert patched.metadata.labels["patched"] == "yes"
    assert patched.metadata.generation == 3  # scale, then the template change
    # a JSON patch (a list body) is sent as application/json-patch+json
    json_patched = apps.patch_namespaced_deployment(
        "s", ns, [{"op": "replace", "path": "/spec/replicas", "value": 2}]
    )
    assert json_patched.spec.replicas == 2

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        replaced = apps.replace_namespaced_deployment_scale(
            "s",
            ns,
            client.V1Scale(
                metadata=client.V1ObjectMeta(name="s", namespace=ns),
                spec=client.V1ScaleSpec(replicas=0),
            ),
        )
    assert replaced.spec.replicas == 0
    apps.delete_namespaced_deployment("s", ns)
    with pytest.raises(ApiException) as exc:
        apps.read_namespaced_deployment("s", ns)
    assert exc.value.status == 404


def test_delete_returns_a_status(api: client.ApiClient) -> None:
    ns = _namespace(api, "py-delete")
    core = client.CoreV1Api(api)
    made = core.create_namespaced_config_map(
        ns, client.V1ConfigMap(metadata=client.V1ObjectMeta(name="d"))
    )
    status = core.delete_namespaced_config_map("d", ns)  # this client hands back a dict
    assert (status["kind"], status["status"]) == ("Status", "Success")
    assert status["details"]["uid"] == made.metadata.uid
    assert core.list_namespaced_config_map(ns).items == []
