"""rbac.authorization.k8s.io/v1: roles, cluster roles and their bindings (stored only:
there is no authorizer yet, every authenticated user may do everything)."""

from __future__ import annotations

from typing import Annotated

from minikube_py.model._base import Base, atomic, doc
from minikube_py.model.meta import LabelSelector, ListMeta, ObjectMeta

SCHEMA_PACKAGE = "io.k8s.api.rbac.v1"

_API_VERSION = "Versioned schema of this object, e.g. v1 or apps/v1."
_KIND = "The REST kind of this object, in CamelCase, e.g. Pod."
_META = "Standard object metadata."
_LIST_META = "Standard list metadata."


class PolicyRule(Base, kw_only=True):
    """Verbs allowed on resources or on non-resource URLs."""

    verbs: Annotated[list[str], atomic('API verbs, e.g. get, list, watch; "*" means all.')]
    apiGroups: Annotated[
        list[str] | None, atomic('API groups of the resources; "" is the core group, "*" all.')
    ] = None
    resources: Annotated[list[str] | None, atomic('Resources, e.g. pods; "*" means all.')] = None
    resourceNames: Annotated[list[str] | None, atomic("Object names; empty means all.")] = None
    nonResourceURLs: Annotated[
        list[str] | None, atomic("URL paths such as /healthz; only in cluster roles.")
    ] = None


class AggregationRule(Base, kw_only=True):
    """Cluster roles whose rules are gathered into this one."""

    clusterRoleSelectors: Annotated[
        list[LabelSelector] | None, atomic("Selectors of the cluster roles to gather.")
    ] = None


class Role(Base, kw_only=True):
    """Rules in one namespace, granted by a RoleBinding."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc(_META)] = None
    rules: Annotated[list[PolicyRule] | None, atomic("The rules of this role.")] = None


class RoleList(Base, kw_only=True):
    """A list of roles."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ListMeta | None, doc(_LIST_META)] = None
    items: Annotated[list[Role], doc("The roles.")]


class ClusterRole(Base, kw_only=True):
    """Rules across the cluster, granted by a ClusterRoleBinding or a RoleBinding."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc(_META)] = None
    rules: Annotated[list[PolicyRule] | None, atomic("The rules of this role.")] = None
    aggregationRule: Annotated[
        AggregationRule | None, doc("Gathers the rules of other cluster roles into this one.")
    ] = None


class ClusterRoleList(Base, kw_only=True):
    """A list of cluster roles."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ListMeta | None, doc(_LIST_META)] = None
    items: Annotated[list[ClusterRole], doc("The cluster roles.")]


class Subject(Base, kw_only=True):
    """Who a binding grants the role to."""

    kind: Annotated[str, doc("User, Group or ServiceAccount.")]
    apiGroup: Annotated[
        str | None, doc('"" for ServiceAccount, rbac.authorization.k8s.io for User and Group.')
    ] = None
    name: Annotated[str, doc("Name of the subject.")]
    namespace: Annotated[str | None, doc("Namespace of a ServiceAccount subject.")] = None


class RoleRef(Base, kw_only=True):
    """The role a binding grants."""

    apiGroup: Annotated[str, doc("rbac.authorization.k8s.io.")]
    kind: Annotated[str, doc("Role or ClusterRole.")]
    name: Annotated[str, doc("Name of the role.")]


class RoleBinding(Base, kw_only=True):
    """Grants a Role or ClusterRole to subjects in one namespace."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc(_META)] = None
    subjects: Annotated[list[Subject] | None, atomic("Who is granted the role.")] = None
    roleRef: Annotated[RoleRef, doc("The role granted; it cannot change.")]


class RoleBindingList(Base, kw_only=True):
    """A list of role bindings."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ListMeta | None, doc(_LIST_META)] = None
    items: Annotated[list[RoleBinding], doc("The role bindings.")]


class ClusterRoleBinding(Base, kw_only=True):
    """Grants a ClusterRole to subjects across the cluster."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc(_META)] = None
    subjects: Annotated[list[Subject] | None, atomic("Who is granted the role.")] = None
    roleRef: Annotated[RoleRef, doc("The cluster role granted; it cannot change.")]


class ClusterRoleBindingList(Base, kw_only=True):
    """A list of cluster role bindings."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ListMeta | None, doc(_LIST_META)] = None
    items: Annotated[list[ClusterRoleBinding], doc("The cluster role bindings.")]
