"""policy/v1: Eviction, the body of the pods/eviction subresource."""

from __future__ import annotations

from typing import Annotated

from minikube_py.model._base import Base, doc
from minikube_py.model.meta import DeleteOptions, ObjectMeta

SCHEMA_PACKAGE = "io.k8s.api.policy.v1"


class Eviction(Base, kw_only=True):
    """Evicts a pod, honouring disruption budgets."""

    apiVersion: Annotated[str | None, doc("Versioned schema of this object.")] = None
    kind: Annotated[str | None, doc("The REST kind of this object.")] = None
    metadata: Annotated[ObjectMeta | None, doc("Names the pod to evict.")] = None
    deleteOptions: Annotated[DeleteOptions | None, doc("Options of the pod deletion.")] = None
