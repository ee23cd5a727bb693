"""The real kubectl against a real `mkpy server`: the everyday commands."""

from __future__ import annotations

import json
import subprocess
import textwrap
from pathlib import Path

import pytest
import yaml

from tests.support.cluster import Cluster, kubectl_binary

pytestmark = pytest.mark.kubectl

MANIFEST = textwrap.dedent(
    """\
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: app-config
      labels: {app: web, tier: front}
    data:
      color: blue
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      labels: {app: web}
    spec:
      replicas: 2
      selector:
        matchLabels: {app: web}
      template:
        metadata:
          labels: {app: web}
        spec:
          containers:
          - name: web
            image: docker.io/library/nginx:1.27
            ports:
            - containerPort: 80
    ---
    apiVersion: v1
    kind: Service
    metadata:
      name: web
    spec:
      selector: {app: web}
      ports:
      - port: 80
        targetPort: 80
    """
)


def ns(cluster: Cluster, name: str) -> str:
    cluster.kubectl("create", "namespace", name)
    return name


def test_version_reports_the_server(cluster: Cluster) -> None:
    out = cluster.kubectl("version", "-o", "json").json()
    assert out["serverVersion"]["major"] == "1"
    assert out["serverVersion"]["gitVersion"].startswith("v1.33")


def test_api_resources_lists_builtin_kinds(cluster: Cluster) -> None:
    out = cluster.kubectl("api-resources").stdout
    for line in ("pods", "deployments", "cronjobs", "endpointslices", "leases"):
        assert line in out
    assert "po " in out or " po" in out


def test_explain_pod_containers(cluster: Cluster) -> None:
    out = cluster.kubectl("explain", "pod.spec.containers").stdout
    assert "image" in out
    assert "FIELDS" in out


def test_create_and_apply_multi_document_manifest(cluster: Cluster, tmp_path: Path) -> None:
    n = ns(cluster, "apply-demo")
    path = tmp_path / "app.yaml"
    path.write_text(MANIFEST)
    created = cluster.kubectl("create", "-n", n, "-f", str(path)).stdout
    assert "configmap/app-config created" in created
    assert "deployment.apps/web created" in created
    assert "service/web created" in created
    # a changed apply on top of create
    path.write_text(
        MANIFEST.replace("color: blue", "color: green").replace("replicas: 2", "replicas: 3")
    )
    applied = cluster.kubectl("apply", "-n", n, "-f", str(path))
    assert "configmap/app-config configured" in applied.stdout
    assert (
        cluster.kubectl(
            "get", "-n", n, "configmap", "app-config", "-o", "jsonpath={.data.color}"
        ).stdout
        == "green"
    )
    assert (
        cluster.kubectl("get", "-n", n, "deploy", "web", "-o", "jsonpath={.spec.replicas}").stdout
        == "3"
    )
    # re-applying the same thing changes nothing
    again = cluster.kubectl("apply", "-n", n, "-f", str(path)).stdout
    assert "configmap/app-config unchanged" in again
    # server-side apply takes over with --force-conflicts
    path.write_text(MANIFEST.replace("color: blue", "color: red"))
    ssa = cluster.kubectl(
        "apply", "--server-side", "--force-conflicts", "-n", n, "-f", str(path)
    ).stdout
    assert "serverside-applied" in ssa
    cm = cluster.kubectl(
        "get", "-n", n, "configmap", "app-config", "-o", "json", "--show-managed-fields"
    ).json()
    assert cm["data"]["color"] == "red"
    entries = {(m["manager"], m["operation"]) for m in cm["metadata"]["managedFields"]}
    assert ("kubectl", "Apply") in entries
    # a second server-side apply keeps the manager's entry an Apply, not an Update
    path.write_text(MANIFEST.replace("color: blue", "color: violet"))
    cluster.kubectl("apply", "--server-side", "-n", n, "-f", str(path))
    cm = cluster.kubectl(
        "get", "-n", n, "configmap", "app-config", "-o", "json", "--show-managed-fields"
    ).json()
    assert cm["data"]["color"] == "violet"
    ops = [m["operation"] for m in cm["metadata"]["managedFields"] if m["manager"] == "kubectl"]
    assert ops == ["Apply"]


def test_server_side_apply_conflict_is_reported(cluster: Cluster, tmp_path: Path) -> None:
    n = ns(cluster, "ssa-conflict")
    path = tmp_path / "cm.yaml"
    path.write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {k: one}\n")
    cluster.kubectl("apply", "--server-side", "--field-manager=alice", "-n", n, "-f", str(path))
    path.write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {k: two}\n")
    res = cluster.kubectl(
        "apply", "--server-side", "--field-manager=bob", "-n", n, "-f", str(path), check=False
    )
    assert res.returncode != 0
    assert "conflict" in res.stderr.lower()
    assert "alice" in res.stderr


def test_get_forms_with_selectors(cluster: Cluster) -> None:
    n = ns(cluster, "get-forms")
    for name, tier in (("a", "front"), ("b", "back"), ("c", "front")):
        cluster.kubectl("create", "configmap", name, "-n", n, "--from-literal=x=1")
        cluster.kubectl("label", "configmap", name, "-n", n, f"tier={tier}")
    table = cluster.kubectl("get", "configmaps", "-n", n, "-l", "tier=front").stdout
    lines = table.strip().splitlines()
    assert lines[0].split() == ["NAME", "DATA", "AGE"]
    assert sorted(line.split()[0] for line in lines[1:]) == ["a", "c"]
    wide = cluster.kubectl("get", "configmaps", "-n", n, "-o", "wide", "-l", "tier!=front").stdout
    assert [line.split()[0] for line in wide.strip().splitlines()[1:]] == ["b"]
    as_json = cluster.kubectl(
        "get", "configmaps", "-n", n, "-o", "json", "--field-selector", "metadata.name=b"
    ).json()
    assert [i["metadata"]["name"] for i in as_json["items"]] == ["b"]
    as_yaml = yaml.safe_load(cluster.kubectl("get", "configmap", "a", "-n", n, "-o", "yaml").stdout)
    assert as_yaml["data"] == {"x": "1"}
    path = cluster.kubectl(
        "get", "configmaps", "-n", n, "-o", "jsonpath={.items[*].metadata.name}"
    ).stdout
    assert path.split() == ["a", "b", "c"]
    bad = cluster.kubectl(
        "get", "configmaps", "-n", n, "--field-selector", "spec.nothing=1", check=False
    )
    assert bad.returncode != 0
    assert "is not a known field selector" in bad.stderr


def test_get_pods_table_columns(cluster: Cluster) -> None:
    n = ns(cluster, "pod-table")
    cluster.kubectl(
        "run",
        "p1",
        "-n",
        n,
        "--image=docker.io/library/busybox:1.36",
        "--restart=Never",
        "--",
        "sleep",
        "1",
    )
    lines = cluster.kubectl("get", "pods", "-n", n).stdout.strip().splitlines()
    assert lines[0].split() == ["NAME", "READY", "STATUS", "RESTARTS", "AGE"]
    assert lines[1].split()[:3] == ["p1", "0/1", "Pending"]
    wide = cluster.kubectl("get", "pods", "-n", n, "-o", "wide").stdout.splitlines()[0]
    assert "NODE" in wide and "IP" in wide


def test_watch_sees_a_change(cluster: Cluster) -> None:
    n = ns(cluster, "watching")
    cluster.kubectl("create", "configmap", "w", "-n", n, "--from-literal=a=1")
    proc = subprocess.Popen(
        [
            *cluster_cmd(cluster),
            "get",
            "configmap",
            "w",
            "-n",
            n,
            "-w",
            "-o",
            'jsonpath={.data.a}{"\\n"}',
            "--request-timeout=60s",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "1"
        cluster.kubectl("patch", "configmap", "w", "-n", n, "-p", '{"data":{"a":"2"}}')
        assert proc.stdout.readline().strip() == "2"
    finally:
        proc.kill()
        proc.wait()


def cluster_cmd(cluster: Cluster) -> list[str]:
    from tests.support.cluster import kubectl_binary

    return [kubectl_binary(), f"--kubeconfig={cluster.kubeconfig}"]


def test_label_annotate_and_describe(cluster: Cluster) -> None:
    n = ns(cluster, "labels")
    cluster.kubectl("create", "configmap", "d", "-n", n, "--from-literal=a=1")
    cluster.kubectl("label", "configmap", "d", "-n", n, "team=blue")
    cluster.kubectl("annotate", "configmap", "d", "-n", n, "owner=me")
    obj = cluster.kubectl("get", "configmap", "d", "-n", n, "-o", "json").json()
    assert obj["metadata"]["labels"]["team"] == "blue"
    assert obj["metadata"]["annotations"]["owner"] == "me"
    cluster.kubectl("label", "configmap", "d", "-n", n, "team-")
    obj = cluster.kubectl("get", "configmap", "d", "-n", n, "-o", "json").json()
    assert "team" not in (obj["metadata"].get("labels") or {})
    described = cluster.kubectl("describe", "configmap", "d", "-n", n).stdout
    assert ("Name:" in described and "owner: " in described) or "owner=me" in described


def test_patch_in_all_three_types(cluster: Cluster) -> None:
    n = ns(cluster, "patching")
    cluster.kubectl("create", "deployment", "p", "-n", n, "--image=docker.io/library/nginx:1.27")
    cluster.kubectl(
        "patch",
        "deployment",
        "p",
        "-n",
        n,
        "-p",
        '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","env":[{"name":"A","value":"1"}]}]}}}}',
    )
    cluster.kubectl(
        "patch",
        "deployment",
        "p",
        "-n",
        n,
        "--type=merge",
        "-p",
        '{"metadata":{"labels":{"m":"yes"}}}',
    )
    cluster.kubectl(
        "patch",
        "deployment",
        "p",
        "-n",
        n,
        "--type=json",
        "-p",
        '[{"op":"replace","path":"/spec/replicas","value":4}]',
    )
    d = cluster.kubectl("get", "deployment", "p", "-n", n, "-o", "json").json()
    container = d["spec"]["template"]["spec"]["containers"][0]
    assert container["image"] == "docker.io/library/nginx:1.27"
    assert container["env"] == [{"name": "A", "value": "1"}]
    assert d["metadata"]["labels"]["m"] == "yes"
    assert d["spec"]["replicas"] == 4
    assert d["metadata"]["generation"] >= 3


def test_edit_with_an_editor_script(cluster: Cluster, tmp_path: Path) -> None:
    n = ns(cluster, "editing")
    cluster.kubectl("create", "configmap", "e", "-n", n, "--from-literal=a=1")
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nsed -i \'s/^  a: "1"/  a: "edited"/\' "$1"\n')
    editor.chmod(0o755)
    cluster.kubectl(
        "edit", "configmap", "e", "-n", n, env={"KUBE_EDITOR": str(editor), "EDITOR": str(editor)}
    )
    assert (
        cluster.kubectl("get", "configmap", "e", "-n", n, "-o", "jsonpath={.data.a}").stdout
        == "edited"
    )


def test_scale_uses_the_scale_subresource(cluster: Cluster) -> None:
    n = ns(cluster, "scaling")
    cluster.kubectl(
        "create", "deployment", "s", "-n", n, "--image=docker.io/library/nginx:1.27", "--replicas=1"
    )
    out = cluster.kubectl("scale", "deployment", "s", "-n", n, "--replicas=5").stdout
    assert "scaled" in out
    assert (
        cluster.kubectl("get", "deployment", "s", "-n", n, "-o", "jsonpath={.spec.replicas}").stdout
        == "5"
    )


def test_create_generators(cluster: Cluster, tmp_path: Path) -> None:
    n = ns(cluster, "generators")
    cluster.kubectl("create", "configmap", "cm", "-n", n, "--from-literal=k=v")
    cluster.kubectl("create", "secret", "generic", "sec", "-n", n, "--from-literal=password=s3cret")
    cluster.kubectl(
        "create",
        "deployment",
        "dep",
        "-n",
        n,
        "--image=docker.io/library/nginx:1.27",
        "--replicas=2",
    )
    cluster.kubectl("create", "serviceaccount", "robot", "-n", n)
    token = cluster.kubectl("create", "token", "robot", "-n", n).stdout.strip()
    assert token.count(".") == 2
    secret = cluster.kubectl("get", "secret", "sec", "-n", n, "-o", "json").json()
    import base64

    assert base64.b64decode(secret["data"]["password"]) == b"s3cret"
    assert secret["type"] == "Opaque"
    dep = cluster.kubectl("get", "deployment", "dep", "-n", n, "-o", "json").json()
    assert dep["spec"]["replicas"] == 2
    assert dep["spec"]["strategy"]["type"] == "RollingUpdate"
    # the token authenticates on its own, without the admin certificate
    ca, _, _ = cluster.client_files()
    empty = tmp_path / "empty-kubeconfig"
    empty.write_text("apiVersion: v1\nkind: Config\n")
    res = subprocess.run(
        [
            kubectl_binary(),
            f"--kubeconfig={empty}",
            f"--server={cluster.url}",
            f"--certificate-authority={ca}",
            f"--token={token}",
            "get",
            "configmaps",
            "-n",
            n,
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert res.returncode == 0, res.stderr
    assert "cm" in res.stdout
    bad = subprocess.run(
        [
            kubectl_binary(),
            f"--kubeconfig={empty}",
            f"--server={cluster.url}",
            f"--certificate-authority={ca}",
            "--token=forged.token.value",
            "get",
            "configmaps",
            "-n",
            n,
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode != 0 and "Unauthorized" in bad.stderr


def test_delete_honours_the_cascade_policy(cluster: Cluster) -> None:
    n = ns(cluster, "cascade")
    owners = {}
    for name in ("fg", "or", "bg"):
        cluster.kubectl(
            "create", "deployment", name, "-n", n, "--image=docker.io/library/nginx:1.27"
        )
        deployment = cluster.kubectl("get", "deployment", name, "-n", n, "-o", "json").json()
        owners[name] = {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "name": name,
            "uid": deployment["metadata"]["uid"],
            "blockOwnerDeletion": True,
        }
    children = {
        "kind": "List",
        "apiVersion": "v1",
        "items": [
            {
                "apiVersion": "v1",
                "kind": "ConfigMap",
                "metadata": {
                    "name": f"{name}-child",
                    "ownerReferences": [ref],
                    # the foreground owner's child is held by a finalizer of ours
                    **({"finalizers": ["example.com/hold"]} if name == "fg" else {}),
                },
            }
            for name, ref in owners.items()
        ],
    }
    cluster.kubectl("apply", "-n", n, "-f", "-", input=json.dumps(children))
    cluster.kubectl("delete", "deployment", "fg", "-n", n, "--cascade=foreground", "--wait=false")
    cluster.kubectl("delete", "deployment", "or", "-n", n, "--cascade=orphan", "--wait=false")
    cluster.kubectl("delete", "deployment", "bg", "-n", n, "--cascade=background")
    # background: the owner went at once, its child follows
    gone = cluster.kubectl("get", "deployment", "bg", "-n", n, check=False)
    assert gone.returncode != 0 and "NotFound" in gone.stderr
    cluster.kubectl("wait", "--for=delete", "configmap/bg-child", "-n", n, "--timeout=30s")
    # orphan: the owner goes, its child stays without the reference
    cluster.kubectl("wait", "--for=delete", "deployment/or", "-n", n, "--timeout=30s")
    orphan = cluster.kubectl("get", "configmap", "or-child", "-n", n, "-o", "json").json()
    assert "ownerReferences" not in orphan["metadata"]
    # foreground: the owner waits, deleting, for its held child
    cluster.kubectl(
        "wait",
        "--for=jsonpath={.metadata.deletionTimestamp}",
        "configmap/fg-child",
        "-n",
        n,
        "--timeout=30s",
    )
    fg = cluster.kubectl("get", "deployment", "fg", "-n", n, "-o", "json").json()
    assert fg["metadata"]["finalizers"] == ["foregroundDeletion"]
    assert fg["metadata"]["deletionTimestamp"]
    cluster.kubectl(
        "patch",
        "configmap",
        "fg-child",
        "-n",
        n,
        "--type=merge",
        "-p",
        '{"metadata":{"finalizers":null}}',
    )
    cluster.kubectl("wait", "--for=delete", "deployment/fg", "-n", n, "--timeout=30s")


def test_delete_namespace_removes_its_contents(cluster: Cluster) -> None:
    n = ns(cluster, "doomed")
    cluster.kubectl("create", "configmap", "x", "-n", n, "--from-literal=a=1")
    cluster.kubectl("delete", "namespace", n, "--timeout=60s")
    res = cluster.kubectl("get", "namespace", n, check=False)
    assert res.returncode != 0 and "NotFound" in res.stderr
    # a new namespace of the same name starts empty
    cluster.kubectl("create", "namespace", n)
    assert cluster.kubectl("get", "configmaps", "-n", n, "-o", "name").stdout.strip() == ""


def test_create_in_missing_namespace_is_refused(cluster: Cluster) -> None:
    res = cluster.kubectl(
        "create", "configmap", "x", "-n", "no-such-ns", "--from-literal=a=1", check=False
    )
    assert res.returncode != 0
    assert 'namespaces "no-such-ns" not found' in res.stderr


def test_wait_for_jsonpath(cluster: Cluster) -> None:
    n = ns(cluster, "waiting")
    cluster.kubectl("create", "configmap", "w", "-n", n, "--from-literal=ready=no")
    proc = subprocess.Popen(
        [
            *cluster_cmd(cluster),
            "wait",
            "configmap/w",
            "-n",
            n,
            "--for=jsonpath={.data.ready}=yes",
            "--timeout=60s",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    cluster.kubectl("patch", "configmap", "w", "-n", n, "-p", '{"data":{"ready":"yes"}}')
    out, err = proc.communicate(timeout=90)
    assert proc.returncode == 0, err
    assert "condition met" in out


def test_invalid_object_reports_each_field(cluster: Cluster, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: Bad_Name}\nspec:\n  containers:\n  - name: c\n    ports:\n    - containerPort: 70000\n"
    )
    res = cluster.kubectl("create", "-f", str(path), check=False)
    assert res.returncode != 0
    assert "is invalid" in res.stderr
    assert "metadata.name" in res.stderr
    assert "spec.containers[0].image" in res.stderr
    assert "spec.containers[0].ports[0].containerPort" in res.stderr


def test_unknown_field_strict_validation(cluster: Cluster, tmp_path: Path) -> None:
    path = tmp_path / "unknown.yaml"
    path.write_text(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: u}\ndata: {a: b}\nbogus: 1\n"
    )
    res = cluster.kubectl("create", "-f", str(path), check=False)
    assert res.returncode != 0
    assert 'unknown field "bogus"' in res.stderr
    ok = cluster.kubectl("create", "-f", str(path), "--validate=false")
    assert "created" in ok.stdout


def test_json_output_roundtrips_through_replace(cluster: Cluster) -> None:
    n = ns(cluster, "replacing")
    cluster.kubectl("create", "configmap", "r", "-n", n, "--from-literal=a=1")
    obj = cluster.kubectl("get", "configmap", "r", "-n", n, "-o", "json").json()
    obj["data"]["a"] = "2"
    cluster.kubectl("replace", "-f", "-", input=json.dumps(obj))
    stale = dict(obj)
    stale["data"] = {"a": "3"}
    res = cluster.kubectl("replace", "-f", "-", input=json.dumps(stale), check=False)
    assert res.returncode != 0 and "the object has been modified" in res.stderr


def test_diff_shows_only_the_change(cluster: Cluster, tmp_path: Path) -> None:
    n = ns(cluster, "diffing")
    path = tmp_path / "app.yaml"
    path.write_text(MANIFEST)
    cluster.kubectl("apply", "-n", n, "-f", str(path))
    path.write_text(MANIFEST.replace("replicas: 2", "replicas: 5"))
    res = cluster.kubectl("diff", "-n", n, "-f", str(path), check=False)
    assert res.returncode == 1, res.stderr  # 1: differences found
    changed = [
        line
        for line in res.stdout.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert sorted(changed) == [
        "+  generation: 2",
        "+  replicas: 5",
        "-  generation: 1",
        "-  replicas: 2",
    ]
    # nothing was written by the dry run
    assert (
        cluster.kubectl("get", "deploy", "web", "-n", n, "-o", "jsonpath={.spec.replicas}").stdout
        == "2"
    )
