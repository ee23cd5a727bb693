"""scheduling.k8s.io/v1: priority classes (stored; the scheduler does not preempt yet)."""

from __future__ import annotations

from typing import Annotated

from minikube_py.model._base import Base, Int32, doc
from minikube_py.model.meta import ListMeta, ObjectMeta

SCHEMA_PACKAGE = "io.k8s.api.scheduling.v1"

_API_VERSION = "Versioned schema of this object, e.g. v1 or apps/v1."
_KIND = "The REST kind of this object, in CamelCase, e.g. Pod."


class PriorityClass(Base, kw_only=True):
    """Maps a priority class name to the integer priority of the pods that name it."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc("Standard object metadata.")] = None
    value: Annotated[Int32, doc("The priority; user classes may go up to 1000000000.")]
    globalDefault: Annotated[
        bool | None, doc("The priority of pods that name no class; only one class may be it.")
    ] = None
    description: Annotated[str | None, doc("When to use this class.")] = None
    preemptionPolicy: Annotated[
        str | None,
        doc("PreemptLowerPriority or Never.", enum=("Never", "PreemptLowerPriority")),
    ] = None


class PriorityClassList(Base, kw_only=True):
    """A list of priority classes."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ListMeta | None, doc("Standard list metadata.")] = None
    items: Annotated[list[PriorityClass], doc("The priority classes.")]
