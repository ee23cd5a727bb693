"""storage.k8s.io/v1: storage classes (stored; nothing provisions volumes yet)."""

from __future__ import annotations

from typing import Annotated

from minikube_py.model._base import Base, FreeForm, atomic, doc
from minikube_py.model.meta import ListMeta, ObjectMeta

SCHEMA_PACKAGE = "io.k8s.api.storage.v1"

_API_VERSION = "Versioned schema of this object, e.g. v1 or apps/v1."
_KIND = "The REST kind of this object, in CamelCase, e.g. Pod."


class StorageClass(Base, kw_only=True):
    """A class of dynamically provisioned persistent volumes."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc("Standard object metadata.")] = None
    provisioner: Annotated[str, doc("The volume plugin that provisions volumes of this class.")]
    parameters: Annotated[dict[str, str] | None, doc("Parameters for the provisioner.")] = None
    reclaimPolicy: Annotated[
        str | None, doc("Delete or Retain; Delete by default.", enum=("Delete", "Retain"))
    ] = None
    mountOptions: Annotated[list[str] | None, atomic("Mount options of the volumes.")] = None
    allowVolumeExpansion: Annotated[bool | None, doc("Whether claims may grow.")] = None
    volumeBindingMode: Annotated[
        str | None,
        doc(
            "Immediate or WaitForFirstConsumer; Immediate by default.",
            enum=("Immediate", "WaitForFirstConsumer"),
        ),
    ] = None
    allowedTopologies: Annotated[
        list[FreeForm] | None, atomic("Topologies volumes may be provisioned in.")
    ] = None


class StorageClassList(Base, kw_only=True):
    """A list of storage classes."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ListMeta | None, doc("Standard list metadata.")] = None
    items: Annotated[list[StorageClass], doc("The storage classes.")]
