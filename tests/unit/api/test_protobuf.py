"""Protobuf request bodies: what the real kubectl and helm send decodes to what they mean.

The judge is kubectl itself: the body `kubectl create X` sends must decode to the JSON that
the same kubectl prints for `kubectl create X --dry-run=client -o json`. The live tests
record bodies from every kubectl on the machine against a probe server
(tests/fixtures/protobuf/record.py); the fast tests use bodies recorded the same way.
"""

from __future__ import annotations

import base64
import gzip
import importlib.util
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minikube_py.api.protobuf import (
    MAGIC,
    MEDIA_TYPE,
    ProtobufError,
    UnknownKindError,
    decode_body,
    decode_object,
    encode_object,
    is_supported,
)
from minikube_py.api.protobuf._codec import go_duration, parse_go_duration
from minikube_py.api.protobuf._wire import Writer
from minikube_py.api.registry import RESOURCES

REPO = Path(__file__).resolve().parents[3]
FIXTURES = REPO / "tests" / "fixtures" / "protobuf"


def _load_recorder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("protobuf_record", FIXTURES / "record.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


record = _load_recorder()

RECORDED = sorted(FIXTURES.glob("*.bin"))
WITH_ORACLE = [p for p in RECORDED if p.with_suffix(".json").exists()]

# kubectl's TokenRequest as Go writes it: `audiences` and `boundObjectRef` lack omitempty
TOKEN_REQUEST = {
    "kind": "TokenRequest",
    "apiVersion": "authentication.k8s.io/v1",
    "metadata": {"creationTimestamp": None},
    "spec": {"audiences": ["api"], "expirationSeconds": 600, "boundObjectRef": None},
    "status": {"token": "", "expirationTimestamp": None},
}


def _kubectls() -> list[Path]:
    found = [REPO / ".cache/tools/kubectl"]
    found += sorted(Path("/usr/lib/google-cloud-sdk/bin").glob("kubectl.1.*"))
    return [p for p in found if p.exists()]


# ---- recorded bodies: fast and pure -------------------------------------------------------


@pytest.mark.parametrize("body", WITH_ORACLE, ids=lambda p: p.stem)
def test_recorded_body_decodes_to_kubectls_json(body: Path) -> None:
    want = json.loads(body.with_suffix(".json").read_text())
    assert decode_body(body.read_bytes()) == want


@pytest.mark.parametrize("body", RECORDED, ids=lambda p: p.stem)
def test_encoding_a_decoded_body_gives_back_the_same_bytes(body: Path) -> None:
    data = body.read_bytes()
    assert encode_object(decode_body(data)) == data


def test_token_request_decodes_with_gos_nulls() -> None:
    assert decode_body((FIXTURES / "token.bin").read_bytes()) == TOKEN_REQUEST


def test_helm_release_secret_carries_the_release() -> None:
    secret = decode_body((FIXTURES / "helm_release_0.bin").read_bytes())
    assert (secret["kind"], secret["type"]) == ("Secret", "helm.sh/release.v1")
    assert secret["metadata"]["labels"]["owner"] == "helm"
    release = _helm_release(secret)
    assert release["name"] == "rel"


def _helm_release(secret: dict[str, Any]) -> dict[str, Any]:
    # data.release is base64 (the Secret's bytes) of base64 of gzipped JSON
    inner = base64.b64decode(base64.b64decode(secret["data"]["release"]))
    result: dict[str, Any] = json.loads(gzip.decompress(inner))
    return result


def test_every_served_kind_has_a_table() -> None:
    missing = [
        (r.api_version, r.kind) for r in RESOURCES if not is_supported(r.api_version, r.kind)
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("api_version", "kind"),
    [
        ("authentication.k8s.io/v1", "TokenRequest"),
        ("autoscaling/v1", "Scale"),
        ("policy/v1", "Eviction"),
        ("v1", "Binding"),
        ("v1", "DeleteOptions"),
        ("apps/v1", "DeleteOptions"),
        ("meta.k8s.io/v1", "Status"),
    ],
)
def test_subresource_and_option_kinds_have_tables(api_version: str, kind: str) -> None:
    assert is_supported(api_version, kind)


# ---- the Go rules for special types --------------------------------------------------------


def _roundtrip(obj: dict[str, Any]) -> dict[str, Any]:
    return decode_body(encode_object(obj))


def test_times_are_rfc3339_and_time_keeps_whole_seconds() -> None:
    pod = _roundtrip(
        {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {
                "name": "p",
                "creationTimestamp": "2024-02-29T23:59:58Z",
                "deletionTimestamp": "2024-03-01T01:00:00.75+01:00",
            },
        }
    )
    assert pod["metadata"]["creationTimestamp"] == "2024-02-29T23:59:58Z"
    assert pod["metadata"]["deletionTimestamp"] == "2024-03-01T00:00:00Z"


def test_micro_time_keeps_microseconds() -> None:
    lease = _roundtrip(
        {
            "apiVersion": "coordination.k8s.io/v1",
            "kind": "Lease",
            "metadata": {"name": "l"},
            "spec": {
                "holderIdentity": "a",
                "acquireTime": "2025-01-02T03:04:05.123456Z",
                "leaseDurationSeconds": 15,
            },
        }
    )
    assert lease["spec"] == {
        "holderIdentity": "a",
        "leaseDurationSeconds": 15,
        "acquireTime": "2025-01-02T03:04:05.123456Z",
    }


def test_managed_fields_carry_fields_v1_as_an_object() -> None:
    entry = {
        "manager": "kubectl",
        "operation": "Apply",
        "apiVersion": "v1",
        "time": "2025-01-01T00:00:00Z",
        "fieldsType": "FieldsV1",
        "fieldsV1": {"f:data": {"f:a": {}}},
    }
    cm = _roundtrip(
        {
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": {"name": "c", "managedFields": [entry]},
        }
    )
    assert cm["metadata"]["managedFields"] == [entry]


def test_int_or_string_and_quantities() -> None:
    deployment = _roundtrip(
        {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": "d"},
            "spec": {
                "strategy": {
                    "type": "RollingUpdate",
                    "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 0},
                },
                "template": {
                    "spec": {
                        "containers": [
                            {
                                "name": "c",
                                "resources": {"limits": {"cpu": "500m", "memory": "1Gi"}},
                                "livenessProbe": {
                                    "httpGet": {"path": "/", "port": "http"},
                                    "periodSeconds": 3,
                                },
                            }
                        ]
                    }
                },
            },
        }
    )
    spec = deployment["spec"]
    assert spec["strategy"]["rollingUpdate"] == {"maxSurge": "25%", "maxUnavailable": 0}
    container = spec["template"]["spec"]["containers"][0]
    assert container["resources"] == {"limits": {"cpu": "500m", "memory": "1Gi"}}
    # Probe inlines its ProbeHandler; non-omitempty ints of the probe are written as 0
    assert container["livenessProbe"]["httpGet"] == {"path": "/", "port": "http"}
    assert container["livenessProbe"]["periodSeconds"] == 3


def test_inlined_volume_source_and_secret_bytes() -> None:
    pod = _roundtrip(
        {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {"name": "p"},
            "spec": {
                "volumes": [{"name": "v", "configMap": {"name": "cm", "defaultMode": 420}}],
                "containers": [],
            },
        }
    )
    assert pod["spec"]["volumes"] == [
        {"name": "v", "configMap": {"name": "cm", "defaultMode": 420}}
    ]
    raw = bytes(range(256))
    secret = _roundtrip(
        {
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": {"name": "s"},
            "data": {"k": base64.b64encode(raw).decode()},
        }
    )
    assert base64.b64decode(secret["data"]["k"]) == raw


def test_negative_numbers_and_pointer_zeroes_survive() -> None:
    deployment = _roundtrip(
        {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": "d", "generation": -3},
            "spec": {"replicas": 0, "paused": False, "template": {"spec": {"containers": []}}},
        }
    )
    assert deployment["metadata"]["generation"] == -3
    assert deployment["spec"]["replicas"] == 0  # *int32: set to 0 is kept
    assert "paused" not in deployment["spec"]  # bool with omitempty: false is dropped


def test_list_wrapper_values_are_plain_lists() -> None:
    review = _roundtrip(
        {
            "apiVersion": "authentication.k8s.io/v1",
            "kind": "TokenReview",
            "metadata": {},
            "spec": {"token": "t"},
            "status": {
                "authenticated": True,
                "user": {"username": "u", "extra": {"scopes": ["a", "b"]}},
            },
        }
    )
    assert review["status"]["user"]["extra"] == {"scopes": ["a", "b"]}


def test_unknown_fields_are_skipped_as_go_does() -> None:
    cm = Writer()
    meta = Writer()
    meta.bytes_field(1, b"c")
    cm.bytes_field(1, meta.buf)
    cm.varint_field(999, 7)  # a field from a newer Kubernetes
    assert decode_object("v1", "ConfigMap", cm.getvalue()) == {
        "kind": "ConfigMap",
        "apiVersion": "v1",
        "metadata": {"name": "c", "creationTimestamp": None},
    }


def test_repeated_numbers_decode_packed_or_not() -> None:
    # PodSecurityContext.supplementalGroups (4, []int64): Go writes one field per item,
    # proto3-style writers pack them; both mean the same
    packed = Writer()
    for value in (1, 2, 300):
        packed.varint(value)
    one_by_one = Writer()
    for value in (1, 2, 300):
        one_by_one.varint_field(4, value)
    for security_context in (_field(4, packed.buf), one_by_one.getvalue()):
        pod = decode_object("v1", "Pod", _field(2, _field(14, security_context)))
        assert pod["spec"]["securityContext"] == {"supplementalGroups": [1, 2, 300]}


def _field(number: int, payload: bytes | bytearray) -> bytes:
    w = Writer()
    w.bytes_field(number, payload)
    return w.getvalue()


@pytest.mark.parametrize(
    ("ns", "text"),
    [
        (0, "0s"),
        (1, "1ns"),
        (1500, "1.5µs"),
        (2_000_000, "2ms"),
        (90 * 10**9, "1m30s"),
        (3600 * 10**9, "1h0m0s"),
        (-(10**9 + 5 * 10**8), "-1.5s"),
    ],
)
def test_durations_are_written_as_go_does(ns: int, text: str) -> None:
    assert go_duration(ns) == text
    assert parse_go_duration("d", text) == ns


# ---- bad input ---------------------------------------------------------------------------


def test_a_body_without_the_magic_is_refused() -> None:
    with pytest.raises(ProtobufError, match="k8s"):
        decode_body(b'{"kind": "ConfigMap"}')


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(UnknownKindError, match="Widget"):
        decode_body(MAGIC + _unknown("example.com/v1", "Widget", b""))
    assert issubclass(UnknownKindError, ProtobufError)


def _unknown(api_version: str, kind: str, raw: bytes, encoding: str = "") -> bytes:
    type_meta = Writer()
    type_meta.bytes_field(1, api_version.encode())
    type_meta.bytes_field(2, kind.encode())
    w = Writer()
    w.bytes_field(1, type_meta.buf)
    w.bytes_field(2, raw)
    w.bytes_field(3, encoding.encode())
    return w.getvalue()


def test_a_compressed_body_is_refused() -> None:
    with pytest.raises(ProtobufError, match="contentEncoding"):
        decode_body(MAGIC + _unknown("v1", "ConfigMap", b"", encoding="gzip"))


def test_a_wrong_wire_type_is_refused() -> None:
    metadata_as_varint = Writer()
    metadata_as_varint.varint_field(1, 5)
    with pytest.raises(ProtobufError, match="wire type"):
        decode_body(MAGIC + _unknown("v1", "ConfigMap", metadata_as_varint.getvalue()))


def test_every_truncation_inside_a_field_is_refused() -> None:
    data = (FIXTURES / "deployment.bin").read_bytes()
    # the runtime.Unknown's own fields are optional: a cut between two of them is a valid body
    boundaries = {
        len(MAGIC) + 2 + len(b"\x0a\x07apps/v1\x12\x0aDeployment"),
        len(data) - 4,
        len(data) - 2,
    }
    for cut in range(len(MAGIC) + 1, len(data)):
        if cut in boundaries:
            decode_body(data[:cut])
            continue
        with pytest.raises(ProtobufError):
            decode_body(data[:cut])


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_corrupted_bodies_decode_or_raise_protobuf_error(data: st.DataObject) -> None:
    body = bytearray((FIXTURES / "deployment.bin").read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        pos = data.draw(st.integers(len(MAGIC), len(body) - 1))
        body[pos] = data.draw(st.integers(0, 255))
    try:
        decode_body(bytes(body))
    except ProtobufError:
        pass


def test_encoding_refuses_wrong_json_types() -> None:
    with pytest.raises(ProtobufError, match="replicas"):
        encode_object({"apiVersion": "apps/v1", "kind": "Deployment", "spec": {"replicas": "two"}})


# ---- live: the real kubectl and helm against a probe server -------------------------------


def _client_minor(kubectl: Path) -> int:
    argv = [str(kubectl), "version", "--client", "-o", "json"]
    out = subprocess.run(argv, capture_output=True, text=True, check=True, timeout=60)
    return int(json.loads(out.stdout)["clientVersion"]["minor"].rstrip("+"))


def _record_create(
    server: Any, kubectl: Path, name: str, args: list[str], home: Path, want_type: str
) -> tuple[str, Any, Any]:
    """(what went wrong or "", decoded body, kubectl's JSON) for one create command."""
    home.mkdir(parents=True, exist_ok=True)
    run = server.run([str(kubectl), *record.validate_off(args)], home=home)
    posts = run.posts()
    if run.returncode != 0 or len(posts) != 1:
        return (
            f"{name}: exit {run.returncode}, {len(posts)} POSTs: {run.stderr.strip()}",
            None,
            None,
        )
    post = posts[0]
    if post.content_type != want_type:
        return f"{name}: sent {post.content_type!r}, want {want_type!r}", None, None
    if want_type == "application/json":  # kubectl before 1.32: the oracle must still agree
        got = json.loads(post.body)
    else:
        got = decode_body(post.body)
        if encode_object(got) != post.body:
            return f"{name}: re-encoding differs from what kubectl sent", None, None
    if args[:2] == ["create", "token"]:  # no --dry-run; the JSON of kubectl < 1.32 agrees
        return "", got, TOKEN_REQUEST
    return "", got, record.kubectl_json(server, str(kubectl), args, home)


@pytest.mark.kubectl
@pytest.mark.parametrize("kubectl", _kubectls(), ids=lambda p: p.name)
def test_kubectl_create_bodies_decode_to_kubectls_own_json(kubectl: Path, tmp_path: Path) -> None:
    # kubectl sends built-in objects as protobuf from 1.32 on; older ones send JSON
    want_type = MEDIA_TYPE if _client_minor(kubectl) >= 32 else "application/json"
    binary = tmp_path / "blob"
    binary.write_bytes(bytes(range(256)) * 4)
    commands = {
        **record.CREATE_COMMANDS,
        "configmap_binary": ["create", "configmap", "bin", f"--from-file=blob={binary}"],
        "token": record.TOKEN_COMMAND,
    }
    with record.ProbeServer() as server, ThreadPoolExecutor(max_workers=4) as pool:
        futures = {
            name: pool.submit(
                _record_create, server, kubectl, name, args, tmp_path / name, want_type
            )
            for name, args in commands.items()
        }
        results = {name: future.result() for name, future in futures.items()}
    problems = [problem for problem, _, _ in results.values() if problem]
    problems += [
        f"{name}: {got} != {want}"
        for name, (p, got, want) in results.items()
        if not p and got != want
    ]
    assert problems == []


@pytest.mark.kubectl
def test_helm_install_release_secrets_decode(tmp_path: Path) -> None:
    helm = REPO / ".cache/tools/helm"
    if not helm.exists():
        pytest.skip("helm is not in .cache/tools (run `make tools`)")
    with record.ProbeServer() as server:
        run = record.helm_install(server, str(helm), tmp_path)
    assert run.returncode == 0, run.stderr
    bodies = [r for r in run.requests if r.content_type == MEDIA_TYPE]
    assert [(r.method, r.path.rsplit("/", 1)[-1]) for r in bodies] == [
        ("POST", "secrets"),
        ("PUT", "sh.helm.release.v1.rel.v1"),
    ]
    statuses = []
    for request in bodies:
        secret = decode_body(request.body)
        assert encode_object(secret) == request.body
        assert secret["type"] == "helm.sh/release.v1"
        assert _helm_release(secret)["name"] == "rel"
        statuses.append(secret["metadata"]["labels"]["status"])
    assert statuses == ["pending-install", "deployed"]
