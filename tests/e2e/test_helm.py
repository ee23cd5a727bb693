"""helm 4 against a real `mkpy server`: install, list, get, upgrade, uninstall of the
chart `helm create` makes. Nothing runs pods yet, so no command waits for readiness."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.support.cluster import Cluster, Result, helm_binary

pytestmark = pytest.mark.kubectl

Helm = Callable[..., Result]


@pytest.fixture
def helm(cluster: Cluster, tmp_path: Path) -> Helm:
    home = tmp_path / "home"
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "KUBECONFIG": str(cluster.kubeconfig),
        "HELM_KUBECONTEXT": "",
    }

    def run(*args: str, check: bool = True) -> Result:
        proc = subprocess.run(
            [helm_binary(), *args],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
            cwd=tmp_path,
        )
        result = Result(proc.returncode, proc.stdout, proc.stderr)
        if check and proc.returncode != 0:
            raise AssertionError(f"helm {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
        return result

    return run


def _release_secrets(cluster: Cluster, ns: str) -> list[str]:
    out = cluster.kubectl("get", "secrets", "-n", ns, "-l", "owner=helm", "-o", "name").stdout
    return sorted(out.split())


def test_install_list_get_upgrade_uninstall(cluster: Cluster, helm: Helm) -> None:
    ns = "helm-life"
    cluster.kubectl("create", "namespace", ns)
    helm("create", "mychart")

    installed = helm("install", "rel", "./mychart", "-n", ns)
    assert "STATUS: deployed" in installed.stdout
    assert installed.stderr.strip() == ""
    listed = helm("list", "-n", ns, "-o", "yaml")
    [release] = yaml.safe_load(listed.stdout)
    assert (release["name"], release["status"], release["revision"]) == ("rel", "deployed", "1")
    # the release is stored as a Secret, which helm sends as protobuf
    assert _release_secrets(cluster, ns) == ["secret/sh.helm.release.v1.rel.v1"]

    manifest = list(yaml.safe_load_all(helm("get", "manifest", "rel", "-n", ns).stdout))
    kinds = sorted(d["kind"] for d in manifest if d)
    assert kinds == ["Deployment", "Service", "ServiceAccount"]
    dep = cluster.kubectl("get", "deployment", "rel-mychart", "-n", ns, "-o", "json").json()
    assert dep["spec"]["replicas"] == 1
    assert dep["metadata"]["annotations"]["meta.helm.sh/release-name"] == "rel"
    cluster.kubectl("get", "service/rel-mychart", "serviceaccount/rel-mychart", "-n", ns)

    upgraded = helm("upgrade", "rel", "./mychart", "-n", ns, "--set", "replicaCount=3")
    assert "has been upgraded" in upgraded.stdout
    assert upgraded.stderr.strip() == ""
    [release] = yaml.safe_load(helm("list", "-n", ns, "-o", "yaml").stdout)
    assert (release["status"], release["revision"]) == ("deployed", "2")
    dep = cluster.kubectl("get", "deployment", "rel-mychart", "-n", ns, "-o", "json").json()
    assert dep["spec"]["replicas"] == 3
    assert dep["metadata"]["generation"] == 2
    history = helm("history", "rel", "-n", ns).stdout
    assert "superseded" in history and "Upgrade complete" in history
    values = yaml.safe_load(helm("get", "values", "rel", "-n", ns, "-o", "yaml").stdout)
    assert values == {"replicaCount": 3}

    uninstalled = helm("uninstall", "rel", "-n", ns)
    assert 'release "rel" uninstalled' in uninstalled.stdout
    assert helm("list", "-n", ns, "-q").stdout.strip() == ""
    assert _release_secrets(cluster, ns) == []
    gone = cluster.kubectl("get", "deployment", "rel-mychart", "-n", ns, check=False)
    assert gone.returncode != 0 and "NotFound" in gone.stderr


def test_template_dry_run_writes_nothing(cluster: Cluster, helm: Helm) -> None:
    ns = "helm-dry"
    cluster.kubectl("create", "namespace", ns)
    helm("create", "drychart")
    dry = helm("install", "dry", "./drychart", "-n", ns, "--dry-run=server")
    assert "kind: Deployment" in dry.stdout
    assert _release_secrets(cluster, ns) == []
    left = cluster.kubectl("get", "deployments", "-n", ns, "-o", "name").stdout
    assert left.strip() == ""
