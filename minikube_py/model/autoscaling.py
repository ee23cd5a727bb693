"""autoscaling/v1: Scale, the body of the scale subresource."""

from __future__ import annotations

from typing import Annotated

from minikube_py.model._base import Base, Int32, doc
from minikube_py.model.meta import ObjectMeta

SCHEMA_PACKAGE = "io.k8s.api.autoscaling.v1"


class ScaleSpec(Base, kw_only=True):
    """The desired scale."""

    replicas: Annotated[Int32 | None, doc("Desired number of replicas.")] = None


class ScaleStatus(Base, kw_only=True):
    """The observed scale."""

    replicas: Annotated[Int32, doc("Observed number of replicas.")]
    selector: Annotated[str | None, doc("Label selector of the pods, in string form.")] = None


class Scale(Base, kw_only=True):
    """The replica count of a scalable resource."""

    apiVersion: Annotated[str | None, doc("Versioned schema of this object.")] = None
    kind: Annotated[str | None, doc("The REST kind of this object.")] = None
    metadata: Annotated[ObjectMeta | None, doc("Metadata of the scaled object.")] = None
    spec: Annotated[ScaleSpec | None, doc("Desired scale.")] = None
    status: Annotated[ScaleStatus | None, doc("Observed scale. Read-only.")] = None
