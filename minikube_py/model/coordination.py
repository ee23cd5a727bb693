"""coordination.k8s.io/v1: leases."""

from __future__ import annotations

from typing import Annotated

from minikube_py.model._base import Base, Int32, MicroTime, doc
from minikube_py.model.meta import ListMeta, ObjectMeta

SCHEMA_PACKAGE = "io.k8s.api.coordination.v1"

_API_VERSION = "Versioned schema of this object, e.g. v1 or apps/v1."
_KIND = "The REST kind of this object, in CamelCase, e.g. Pod."


class LeaseSpec(Base, kw_only=True):
    """Who holds a lease and until when."""

    holderIdentity: Annotated[str | None, doc("Identity of the current holder.")] = None
    leaseDurationSeconds: Annotated[
        Int32 | None, doc("Seconds a holder keeps the lease without renewing.")
    ] = None
    acquireTime: Annotated[MicroTime | None, doc("When the current holder acquired it.")] = None
    renewTime: Annotated[MicroTime | None, doc("When the current holder last renewed it.")] = None
    leaseTransitions: Annotated[Int32 | None, doc("Number of changes of holder.")] = None
    strategy: Annotated[str | None, doc("Strategy for picking the next holder.")] = None
    preferredHolder: Annotated[str | None, doc("Holder that should take over.")] = None


class Lease(Base, kw_only=True):
    """A lease, for leader election and node heartbeats."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc("Standard object metadata.")] = None
    spec: Annotated[LeaseSpec | None, doc("Holder and timing.")] = None


class LeaseList(Base, kw_only=True):
    """A list of leases."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ListMeta | None, doc("Standard list metadata.")] = None
    items: Annotated[list[Lease], doc("The leases.")]
