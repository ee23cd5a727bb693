"""The create-only reviews over HTTP: answered from the caller's identity, never
stored, and offering no read verbs."""

from __future__ import annotations

from typing import Any

import pytest

from minikube_py.api import protobuf
from tests.integration.api.apiclient import Api, assert_status, connect
from tests.support.cluster import Cluster

AUTHN = "/apis/authentication.k8s.io/v1"
AUTHZ = "/apis/authorization.k8s.io/v1"
NS = "reviews"


def token_review(token: str) -> dict[str, Any]:
    return {
        "apiVersion": "authentication.k8s.io/v1",
        "kind": "TokenReview",
        "spec": {"token": token},
    }


async def _service_account_token(api: Api, name: str) -> str:
    resp = await api.request("POST", "/api/v1/namespaces", {"metadata": {"name": NS}})
    assert resp.status in (201, 409), resp.body
    await api.ok("POST", f"/api/v1/namespaces/{NS}/serviceaccounts", {"metadata": {"name": name}})
    issued = await api.ok(
        "POST",
        f"/api/v1/namespaces/{NS}/serviceaccounts/{name}/token",
        {"apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest", "spec": {}},
    )
    token: str = issued["status"]["token"]
    return token


async def test_a_token_review_authenticates_a_service_account_token(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        token = await _service_account_token(api, "reviewed")
        before = await api.revision()
        resp = await api.request("POST", f"{AUTHN}/tokenreviews", token_review(token))
        assert resp.status == 201, resp.body
        status = resp.body["status"]
        assert status["authenticated"] is True
        assert status["user"]["username"] == f"system:serviceaccount:{NS}:reviewed"
        assert f"system:serviceaccounts:{NS}" in status["user"]["groups"]
        assert await api.revision() == before  # a review is never stored


async def test_a_forged_token_is_not_authenticated(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        token = await _service_account_token(api, "forged")
        head, _, signature = token.rpartition(".")
        forged = f"{head}.{signature[::-1]}"
        for bad in (forged, "not.a.token", "x"):
            resp = await api.request("POST", f"{AUTHN}/tokenreviews", token_review(bad))
            assert resp.status == 201, resp.body
            assert resp.body["status"]["authenticated"] is False, bad
            assert "user" not in resp.body["status"]


async def test_a_token_review_without_a_token_is_invalid(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        resp = await api.request("POST", f"{AUTHN}/tokenreviews", {**token_review(""), "spec": {}})
        body = assert_status(resp, 422, "Invalid")
        assert body["details"]["causes"][0]["field"] == "spec.token"


async def test_a_self_subject_review_names_the_caller(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        review = {"apiVersion": "authentication.k8s.io/v1beta1", "kind": "SelfSubjectReview"}
        resp = await api.request(
            "POST", "/apis/authentication.k8s.io/v1beta1/selfsubjectreviews", review
        )
        assert resp.status == 201, resp.body
        assert resp.body["status"]["userInfo"]["username"] == "admin"


async def test_an_access_review_sent_as_protobuf_is_allowed(cluster: Cluster) -> None:
    """kubectl 1.32+ sends `auth can-i` as protobuf."""
    review = {
        "apiVersion": "authorization.k8s.io/v1",
        "kind": "SelfSubjectAccessReview",
        "metadata": {},
        "spec": {"resourceAttributes": {"namespace": "default", "verb": "get", "resource": "pods"}},
        "status": {"allowed": False},
    }
    async with connect(cluster) as api:
        resp = await api.request(
            "POST",
            f"{AUTHZ}/selfsubjectaccessreviews",
            data=protobuf.encode_object(review),
            headers={"Content-Type": protobuf.MEDIA_TYPE},
        )
        assert resp.status == 201, resp.body
        assert resp.body["spec"] == review["spec"]
        assert resp.body["status"]["allowed"] is True


async def test_an_access_review_needs_attributes(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        resp = await api.request(
            "POST",
            f"{AUTHZ}/subjectaccessreviews",
            {"kind": "SubjectAccessReview", "spec": {"user": "someone"}},
        )
        assert_status(resp, 422, "Invalid")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", f"{AUTHZ}/selfsubjectaccessreviews"),
        ("GET", f"{AUTHZ}/selfsubjectaccessreviews?watch=true"),
        ("GET", f"{AUTHZ}/namespaces/default/localsubjectaccessreviews"),
        ("GET", f"{AUTHN}/tokenreviews/one"),
        ("DELETE", f"{AUTHN}/tokenreviews"),
        ("PUT", f"{AUTHN}/selfsubjectreviews/one"),
        ("POST", f"{AUTHN}/selfsubjectreviews/one"),
    ],
)
async def test_reviews_offer_no_other_verb(cluster: Cluster, method: str, path: str) -> None:
    async with connect(cluster) as api:
        resp = await api.request(method, path, {} if method in ("PUT", "POST") else None)
        assert_status(resp, 405, "MethodNotAllowed")
