"""Every kubectl minor version users run (1.27..1.33) against one `mkpy server`.

Each version works in its own namespace of the module's shared cluster. On a
machine without the google-cloud-cli kubectls the matrix is the one cached
kubectl, so the suite still runs rather than skipping.
"""

from __future__ import annotations

import os
import queue
import subprocess
import textwrap
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.cluster import Cluster, Result, kubectl_binary, kubectl_minors

pytestmark = pytest.mark.kubectl

MANIFEST = textwrap.dedent(
    """\
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: settings
      labels: {app: shop}
    data:
      color: blue
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: shop
      labels: {app: shop}
    spec:
      replicas: 2
      selector:
        matchLabels: {app: shop}
      template:
        metadata:
          labels: {app: shop}
        spec:
          containers:
          - name: shop
            image: docker.io/library/nginx:1.27
            ports:
            - containerPort: 80
    """
)

# what kubectl may print on stderr against a healthy server: the skew notice and
# (1.27) deprecation notice of `kubectl version`, and apply's note when it adopts
# an object made by `create`
EXPECTED_STDERR = (
    "exceeds the supported minor version skew",
    "This version information is deprecated",
    "missing the kubectl.kubernetes.io/last-applied-configuration annotation",
)


def _versions() -> list[str]:
    minors = kubectl_minors()
    if minors:
        return [f"1.{m}" for m in minors]
    return ["cached"]  # kubectl_binary() falls back to .cache/tools/kubectl (1.33)


def _binary(version: str) -> str:
    if version == "cached":
        return kubectl_binary()
    return kubectl_binary(int(version.split(".")[1]))


def _minor(binary: str) -> int:
    suffix = Path(binary).name.removeprefix("kubectl")
    return int(suffix.split(".")[2]) if suffix.startswith(".1.") else 33


def _clean_stderr(result: Result) -> None:
    unexpected = [
        line
        for line in result.stderr.splitlines()
        if line.strip() and not any(e in line for e in EXPECTED_STDERR)
    ]
    assert not unexpected, "kubectl printed unexpected warnings or errors:\n" + "\n".join(
        unexpected
    )


@pytest.fixture(scope="module", params=_versions())
def kubectl(request: pytest.FixtureRequest, cluster: Cluster) -> tuple[str, str]:
    """(kubectl binary, a fresh namespace for that version)."""
    version: str = request.param
    binary = _binary(version)
    namespace = "v" + version.replace(".", "-")
    _clean_stderr(cluster.kubectl("create", "namespace", namespace, binary=binary))
    return binary, namespace


def test_the_matrix_is_every_minor_from_1_27(kubectl: tuple[str, str]) -> None:
    minors = kubectl_minors()
    # the machine image ships them all; a machine without it still tests the cached one
    assert minors == list(range(27, 34)) or (minors == [] and Path(kubectl_binary()).exists())


def test_version_api_resources_and_namespaces(cluster: Cluster, kubectl: tuple[str, str]) -> None:
    binary, _ = kubectl
    version = cluster.kubectl("version", "-o", "json", binary=binary)
    _clean_stderr(version)
    assert version.json()["serverVersion"]["gitVersion"].startswith("v1.33.")
    plain = cluster.kubectl("version", binary=binary)
    _clean_stderr(plain)
    assert "Server Version: " in plain.stdout and "v1.33." in plain.stdout
    resources = cluster.kubectl("api-resources", binary=binary)
    _clean_stderr(resources)
    header, *rows = resources.stdout.splitlines()
    assert header.split()[:2] == ["NAME", "SHORTNAMES"]
    names = {row.split()[0] for row in rows}
    assert {"pods", "deployments", "configmaps", "secrets", "leases", "cronjobs"} <= names
    table = cluster.kubectl("get", "ns", binary=binary)
    _clean_stderr(table)
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["NAME", "STATUS", "AGE"]
    assert any(line.split()[:2] == ["kube-system", "Active"] for line in lines[1:])
    # "ev" names core/v1 events only; a second claimant makes kubectl warn
    events = cluster.kubectl("get", "ev", "-A", binary=binary)
    assert [line for line in events.stderr.splitlines() if line.strip()] in (
        [],
        ["No resources found"],
    )


def test_create_apply_and_read_back(
    cluster: Cluster, kubectl: tuple[str, str], tmp_path: Path
) -> None:
    binary, ns = kubectl
    path = tmp_path / "app.yaml"
    path.write_text(MANIFEST)
    created = cluster.kubectl("create", "-n", ns, "-f", str(path), binary=binary)
    _clean_stderr(created)
    assert "configmap/settings created" in created.stdout
    assert "deployment.apps/shop created" in created.stdout
    path.write_text(
        MANIFEST.replace("color: blue", "color: green").replace("replicas: 2", "replicas: 4")
    )
    applied = cluster.kubectl("apply", "-n", ns, "-f", str(path), binary=binary)
    _clean_stderr(applied)
    assert "configmap/settings configured" in applied.stdout
    assert "deployment.apps/shop configured" in applied.stdout
    path.write_text(MANIFEST.replace("color: blue", "color: red"))
    again = cluster.kubectl("apply", "-n", ns, "-f", str(path), binary=binary)
    _clean_stderr(again)
    assert "configmap/settings configured" in again.stdout

    got = cluster.kubectl("get", "-n", ns, "configmap", "settings", "-o", "json", binary=binary)
    _clean_stderr(got)
    assert got.json()["data"] == {"color": "red"}
    dep = cluster.kubectl("get", "-n", ns, "deployments", "-o", "json", binary=binary).json()
    assert [d["metadata"]["name"] for d in dep["items"]] == ["shop"]
    assert dep["items"][0]["spec"]["replicas"] == 2
    assert dep["items"][0]["metadata"]["generation"] == 3
    described = cluster.kubectl("describe", "-n", ns, "deployment", "shop", binary=binary)
    _clean_stderr(described)
    assert "Replicas:" in described.stdout and "docker.io/library/nginx:1.27" in described.stdout
    wide = cluster.kubectl("get", "-n", ns, "deployment", "shop", "-o", "wide", binary=binary)
    _clean_stderr(wide)
    header, row = wide.stdout.splitlines()
    assert header.split() == [
        "NAME",
        "READY",
        "UP-TO-DATE",
        "AVAILABLE",
        "AGE",
        "CONTAINERS",
        "IMAGES",
        "SELECTOR",
    ]
    cells = row.split()
    assert cells[0] == "shop" and cells[1] == "0/2"
    assert cells[-3:] == ["shop", "docker.io/library/nginx:1.27", "app=shop"]


def test_explain_pod_containers(cluster: Cluster, kubectl: tuple[str, str]) -> None:
    binary, _ = kubectl
    explained = cluster.kubectl("explain", "pod.spec.containers", binary=binary)
    _clean_stderr(explained)
    assert "KIND:" in explained.stdout and "Pod" in explained.stdout
    assert "FIELD: containers" in explained.stdout or "RESOURCE: containers" in explained.stdout
    assert "image\t" in explained.stdout or "image <string>" in explained.stdout.replace("\t", " ")


def test_create_generators_scale_and_delete(cluster: Cluster, kubectl: tuple[str, str]) -> None:
    """`kubectl create configmap/secret/deployment`: 1.32+ send these bodies as protobuf."""
    binary, ns = kubectl

    def run(*args: str) -> str:
        result = cluster.kubectl(*args, "-n", ns, binary=binary)
        _clean_stderr(result)
        return result.stdout

    verbose = cluster.kubectl(
        "create", "configmap", "cfg", "--from-literal=k=v", "-n", ns, "-v=8", binary=binary
    )
    assert "configmap/cfg created" in verbose.stdout
    if _minor(binary) >= 32:
        # the body really went as protobuf, and the server understood it
        assert "Content-Type: application/vnd.kubernetes.protobuf" in verbose.stderr
    assert "secret/pw created" in run("create", "secret", "generic", "pw", "--from-literal=p=s3")
    assert "deployment.apps/dep created" in run(
        "create", "deployment", "dep", "--image=docker.io/library/nginx:1.27", "--replicas=1"
    )
    secret = cluster.kubectl("get", "secret", "pw", "-n", ns, "-o", "json", binary=binary).json()
    assert secret["data"] == {"p": "czM="} and secret["type"] == "Opaque"
    cfg = cluster.kubectl("get", "configmap", "cfg", "-n", ns, "-o", "json", binary=binary).json()
    assert cfg["data"] == {"k": "v"}
    assert "deployment.apps/dep scaled" in run("scale", "deployment", "dep", "--replicas=3")
    dep = cluster.kubectl("get", "deployment", "dep", "-n", ns, "-o", "json", binary=binary).json()
    assert dep["spec"]["replicas"] == 3
    assert dep["metadata"]["generation"] == 2
    deleted = run("delete", "deployment/dep", "configmap/cfg", "secret/pw")
    assert 'deployment.apps "dep" deleted' in deleted
    assert 'configmap "cfg" deleted' in deleted
    assert 'secret "pw" deleted' in deleted
    left = cluster.kubectl(
        "get", "deployments,configmaps,secrets", "-n", ns, "-o", "name", binary=binary
    )
    assert left.stderr.strip() in ("", f"No resources found in {ns} namespace.")
    remaining = set(left.stdout.split())
    assert not remaining & {"deployment.apps/dep", "configmap/cfg", "secret/pw"}


class LineReader:
    """The lines a long-running kubectl prints, read by a thread so each wait is bounded."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self._thread = threading.Thread(target=self._pump, name="kubectl-watch", daemon=True)
        self._thread.start()

    def _pump(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def until(self, predicate: Callable[[list[str]], bool], timeout: float = 30) -> list[str]:
        """Read rows until `predicate(cells)` holds; the rows read, as cell lists."""
        deadline = time.monotonic() + timeout
        seen: list[str] = []
        while True:
            left = deadline - time.monotonic()
            try:
                line = self.lines.get(timeout=max(left, 0.01))
            except queue.Empty:
                raise AssertionError(f"no matching row within {timeout}s; saw {seen}") from None
            if line is None:
                err = self.proc.stderr.read() if self.proc.stderr else ""
                raise AssertionError(f"kubectl exited ({self.proc.wait()}); saw {seen}\n{err}")
            seen.append(line)
            if predicate(line.split()):
                return seen

    def stop(self) -> str:
        self.proc.kill()
        self.proc.wait()
        return self.proc.stderr.read() if self.proc.stderr else ""


def _watch(cluster: Cluster, binary: str, *args: str) -> LineReader:
    env = {**os.environ, "KUBECONFIG": str(cluster.kubeconfig), "HOME": str(cluster.data_dir)}
    return LineReader(
        [binary, f"--kubeconfig={cluster.kubeconfig}", *args, "--request-timeout=60s"], env
    )


def test_get_watch_prints_a_table_row_per_change(
    cluster: Cluster, kubectl: tuple[str, str]
) -> None:
    binary, ns = kubectl
    cluster.kubectl("create", "configmap", "watched", "-n", ns, binary=binary)
    watcher = _watch(cluster, binary, "get", "configmaps", "-n", ns, "-w")
    try:
        rows = watcher.until(lambda cells: cells[:1] == ["watched"])
        assert rows[0].split() == ["NAME", "DATA", "AGE"]
        cluster.kubectl(
            "create", "configmap", "later", "-n", ns, "--from-literal=a=1", binary=binary
        )
        assert watcher.until(lambda cells: cells[:1] == ["later"])[-1].split()[:2] == ["later", "1"]
        cluster.kubectl(
            "patch",
            "configmap",
            "watched",
            "-n",
            ns,
            "-p",
            '{"data":{"x":"1","y":"2"}}',
            binary=binary,
        )
        assert watcher.until(lambda cells: cells[:2] == ["watched", "2"])
    finally:
        stderr = watcher.stop()
    assert stderr.strip() == ""


def test_get_pods_watch_across_namespaces(cluster: Cluster, kubectl: tuple[str, str]) -> None:
    binary, ns = kubectl
    other = f"{ns}-other"
    cluster.kubectl("create", "namespace", other, binary=binary)
    image = "--image=docker.io/library/busybox:1.36"
    cluster.kubectl("run", "first", "-n", ns, image, "--restart=Never", binary=binary)
    watcher = _watch(cluster, binary, "get", "pods", "-A", "-w")
    try:
        rows = watcher.until(lambda cells: cells[:2] == [ns, "first"])
        assert rows[0].split() == ["NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE"]
        cluster.kubectl("run", "second", "-n", other, image, "--restart=Never", binary=binary)
        row = watcher.until(lambda cells: cells[:2] == [other, "second"])[-1]
        assert row.split()[2:4] == ["0/1", "Pending"]
    finally:
        stderr = watcher.stop()
    assert stderr.strip() == ""


NEW_EVENT = textwrap.dedent(
    """\
    apiVersion: events.k8s.io/v1
    kind: Event
    metadata:
      name: web.scaled
    eventTime: "2026-01-02T03:04:05.000000Z"
    regarding: {apiVersion: apps/v1, kind: Deployment, name: web, namespace: NS}
    reason: Tested
    action: Testing
    note: made through events.k8s.io
    type: Normal
    reportingController: example.com/tester
    reportingInstance: tester-1
    """
)


def test_autoscale_posts_v1_and_reads_back(cluster: Cluster, kubectl: tuple[str, str]) -> None:
    """`kubectl autoscale` posts autoscaling/v1 (1.27 always): one HPA, read in v2 too."""
    binary, ns = kubectl

    def run(*args: str) -> str:
        result = cluster.kubectl(*args, "-n", ns, binary=binary)
        _clean_stderr(result)
        return result.stdout

    run("create", "deployment", "web", "--image=docker.io/library/nginx:1.27", "--replicas=1")
    made = run("autoscale", "deployment", "web", "--min=1", "--max=3", "--cpu-percent=70")
    assert "horizontalpodautoscaler.autoscaling/web autoscaled" in made
    header, row = run("get", "hpa").splitlines()
    columns = header.split()
    assert columns[:2] == ["NAME", "REFERENCE"]
    cells = row.split()
    assert cells[:2] == ["web", "Deployment/web"]
    # TARGETS ("cpu: <unknown>/70%") may hold a space: count the last columns from the end
    tail = dict(zip(reversed(columns), reversed(cells), strict=False))
    assert (tail["MINPODS"], tail["MAXPODS"]) == ("1", "3")
    hpa = cluster.kubectl(
        "get",
        "horizontalpodautoscalers.v2.autoscaling",
        "web",
        "-n",
        ns,
        "-o",
        "json",
        binary=binary,
    ).json()
    assert hpa["spec"]["maxReplicas"] == 3
    target = hpa["spec"]["metrics"][0]["resource"]["target"]
    assert target == {"type": "Utilization", "averageUtilization": 70}
    v1 = cluster.kubectl(
        "get",
        "horizontalpodautoscalers.v1.autoscaling",
        "web",
        "-n",
        ns,
        "-o",
        "json",
        binary=binary,
    ).json()
    assert v1["spec"]["targetCPUUtilizationPercentage"] == 70


def test_events_and_get_events_agree(
    cluster: Cluster, kubectl: tuple[str, str], tmp_path: Path
) -> None:
    """An Event made through events.k8s.io/v1 is one of core/v1's Events too."""
    binary, ns = kubectl
    path = tmp_path / "event.yaml"
    path.write_text(NEW_EVENT.replace("NS", ns))
    _clean_stderr(cluster.kubectl("create", "-n", ns, "-f", str(path), binary=binary))
    got = cluster.kubectl("get", "events", "-n", ns, "-o", "json", binary=binary)
    _clean_stderr(got)
    by_name = {i["metadata"]["name"]: i for i in got.json()["items"]}
    assert by_name["web.scaled"]["message"] == "made through events.k8s.io"
    listed = cluster.kubectl("get", "events", "-n", ns, binary=binary)
    _clean_stderr(listed)
    events = cluster.kubectl("events", "-n", ns, binary=binary)
    _clean_stderr(events)
    for out in (listed.stdout, events.stdout):
        assert "made through events.k8s.io" in out and "deployment/web" in out.lower()
    new = cluster.kubectl(
        "get", "events.events.k8s.io", "-n", ns, "-o", "json", binary=binary
    ).json()
    names = {i["metadata"]["name"] for i in new["items"]}
    assert names == set(by_name)
