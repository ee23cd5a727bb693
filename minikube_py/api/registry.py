"""The resource registry: every REST resource the API server serves, described once.

Handlers, discovery, OpenAPI, tables, selectors and validation all key off a
`ResourceInfo`. Objects inside the API server are plain JSON-compatible dicts,
shaped exactly as Kubernetes writes them; the msgspec models in `model/` give
their schemas and decode them at the edge.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ALL_VERBS = ("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch")


@dataclass(frozen=True, slots=True)
class ResourceInfo:
    group: str  # "" for the core group
    version: str
    kind: str
    plural: str
    namespaced: bool
    short_names: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    subresources: tuple[str, ...] = ()  # "status", "scale", "binding", "eviction", ...
    verbs: tuple[str, ...] = ALL_VERBS
    # the OpenAPI component name of the kind's schema, e.g. io.k8s.api.core.v1.Pod
    schema_name: str = ""
    # field selectors beyond metadata.name / metadata.namespace
    field_selectors: tuple[str, ...] = ()
    # the type has a spec/status split: PUT to the main resource ignores status,
    # PUT to /status changes only status
    has_status: bool = True
    # spec changes bump metadata.generation
    has_generation: bool = False
    # a create-only review (SelfSubjectAccessReview, TokenReview, ...): answered
    # by api/reviews.py from the request's identity, never stored
    virtual: bool = False
    # (group, version) of the version this resource is stored as, when that is another
    # version (events.k8s.io/v1 Events are core/v1 Events): its store keys are the storage
    # resource's, and api/conversion.py converts between the two on every read and write
    storage: tuple[str, str] | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def singular(self) -> str:
        return self.kind.lower()

    @property
    def group_version(self) -> str:
        return f"{self.group}/{self.version}" if self.group else self.version

    @property
    def api_version(self) -> str:
        return self.group_version

    @property
    def list_kind(self) -> str:
        return f"{self.kind}List"

    @property
    def storage_group(self) -> str:
        return self.storage[0] if self.storage is not None else self.group

    @property
    def storage_version(self) -> str:
        return self.storage[1] if self.storage is not None else self.version

    @property
    def storage_api_version(self) -> str:
        group, version = self.storage_group, self.storage_version
        return f"{group}/{version}" if group else version

    @property
    def converted(self) -> bool:
        """Served in a version other than the one it is stored as."""
        return self.storage is not None and self.storage != (self.group, self.version)

    @property
    def checked_in_own_version(self) -> bool:
        """Validated and defaulted in its own version. A version converted within its
        own group (autoscaling/v1) has no rules of its own: it is checked in its storage
        version, after conversion, as Kubernetes checks the internal version."""
        return not self.converted or self.group != self.storage_group

    def key_prefix(self, namespace: str | None = None) -> str:
        """The store prefix of this resource (in one namespace, or all), laid out as
        its storage version's: every version of one resource shares its objects."""
        group = self.storage_group
        base = f"/registry/{self.plural}/" if not group else f"/registry/{group}/{self.plural}/"
        if self.namespaced and namespace:
            return f"{base}{namespace}/"
        return base

    def key(self, namespace: str | None, name: str) -> str:
        if self.namespaced:
            return f"{self.key_prefix(namespace)}{name}"
        return f"{self.key_prefix()}{name}"


def _core(kind: str, plural: str, namespaced: bool = True, **kw: object) -> ResourceInfo:
    return ResourceInfo(
        "",
        "v1",
        kind,
        plural,
        namespaced,
        schema_name=f"io.k8s.api.core.v1.{kind}",
        **kw,  # type: ignore[arg-type]
    )


def _grp(
    group: str,
    pkg: str,
    kind: str,
    plural: str,
    namespaced: bool = True,
    version: str = "v1",
    **kw: object,
) -> ResourceInfo:
    return ResourceInfo(
        group,
        version,
        kind,
        plural,
        namespaced,
        schema_name=f"io.k8s.api.{pkg}.{version}.{kind}",
        **kw,  # type: ignore[arg-type]
    )


RBAC = "rbac.authorization.k8s.io"
NETWORKING = "networking.k8s.io"


def _review(
    group: str, pkg: str, kind: str, plural: str, namespaced: bool = False, version: str = "v1"
) -> ResourceInfo:
    """A create-only review, answered by api/reviews.py and never stored. Every version
    shares the v1 schema (authentication.k8s.io/v1beta1 SelfSubjectReview is the same)."""
    return ResourceInfo(
        group,
        version,
        kind,
        plural,
        namespaced,
        verbs=("create",),
        schema_name=f"io.k8s.api.{pkg}.v1.{kind}",
        has_status=True,
        virtual=True,
    )


REVIEWS: tuple[ResourceInfo, ...] = (
    _review("authentication.k8s.io", "authentication", "SelfSubjectReview", "selfsubjectreviews"),
    _review("authentication.k8s.io", "authentication", "TokenReview", "tokenreviews"),
    # kubectl 1.27's `auth whoami` asks for v1beta1 (then v1alpha1), never v1
    _review(
        "authentication.k8s.io",
        "authentication",
        "SelfSubjectReview",
        "selfsubjectreviews",
        version="v1beta1",
    ),
    _review(
        "authorization.k8s.io",
        "authorization",
        "SelfSubjectAccessReview",
        "selfsubjectaccessreviews",
    ),
    _review(
        "authorization.k8s.io", "authorization", "SelfSubjectRulesReview", "selfsubjectrulesreviews"
    ),
    _review("authorization.k8s.io", "authorization", "SubjectAccessReview", "subjectaccessreviews"),
    _review(
        "authorization.k8s.io",
        "authorization",
        "LocalSubjectAccessReview",
        "localsubjectaccessreviews",
        namespaced=True,
    ),
)

RESOURCES: tuple[ResourceInfo, ...] = (
    _core(
        "Namespace",
        "namespaces",
        False,
        short_names=("ns",),
        subresources=("status", "finalize"),
        field_selectors=("status.phase",),
    ),
    _core(
        "Pod",
        "pods",
        short_names=("po",),
        categories=("all",),
        subresources=(
            "status",
            "binding",
            "eviction",
            "log",
            "exec",
            "attach",
            "portforward",
            "ephemeralcontainers",
        ),
        field_selectors=(
            "spec.nodeName",
            "spec.restartPolicy",
            "spec.schedulerName",
            "spec.serviceAccountName",
            "spec.hostNetwork",
            "status.phase",
            "status.podIP",
            "status.nominatedNodeName",
        ),
    ),
    _core(
        "Service", "services", short_names=("svc",), categories=("all",), subresources=("status",)
    ),
    _core("Endpoints", "endpoints", short_names=("ep",), has_status=False),
    _core("ConfigMap", "configmaps", short_names=("cm",), has_status=False),
    _core("Secret", "secrets", has_status=False, field_selectors=("type",)),
    _core(
        "ServiceAccount",
        "serviceaccounts",
        short_names=("sa",),
        has_status=False,
        subresources=("token",),
    ),
    _core(
        "Node",
        "nodes",
        False,
        short_names=("no",),
        subresources=("status",),
        field_selectors=("spec.unschedulable",),
    ),
    _core(
        "Event",
        "events",
        short_names=("ev",),
        has_status=False,
        field_selectors=(
            "involvedObject.kind",
            "involvedObject.namespace",
            "involvedObject.name",
            "involvedObject.uid",
            "involvedObject.apiVersion",
            "involvedObject.resourceVersion",
            "involvedObject.fieldPath",
            "reason",
            "reportingComponent",
            "source",
            "type",
        ),
    ),
    _core(
        "ReplicationController",
        "replicationcontrollers",
        short_names=("rc",),
        categories=("all",),
        subresources=("status", "scale"),
        has_generation=True,
        field_selectors=("status.replicas",),
    ),
    _core("LimitRange", "limitranges", short_names=("limits",), has_status=False),
    _core("ResourceQuota", "resourcequotas", short_names=("quota",), subresources=("status",)),
    _core(
        "PersistentVolumeClaim",
        "persistentvolumeclaims",
        short_names=("pvc",),
        subresources=("status",),
    ),
    _core(
        "PersistentVolume",
        "persistentvolumes",
        False,
        short_names=("pv",),
        subresources=("status",),
    ),
    _core("PodTemplate", "podtemplates", has_status=False),
    _grp(
        "apps",
        "apps",
        "Deployment",
        "deployments",
        short_names=("deploy",),
        categories=("all",),
        subresources=("status", "scale"),
        has_generation=True,
    ),
    _grp(
        "apps",
        "apps",
        "ReplicaSet",
        "replicasets",
        short_names=("rs",),
        categories=("all",),
        subresources=("status", "scale"),
        has_generation=True,
        field_selectors=("status.replicas",),
    ),
    _grp(
        "apps",
        "apps",
        "DaemonSet",
        "daemonsets",
        short_names=("ds",),
        categories=("all",),
        subresources=("status",),
        has_generation=True,
    ),
    _grp(
        "apps",
        "apps",
        "StatefulSet",
        "statefulsets",
        short_names=("sts",),
        categories=("all",),
        subresources=("status", "scale"),
        has_generation=True,
    ),
    _grp(
        "batch",
        "batch",
        "Job",
        "jobs",
        categories=("all",),
        subresources=("status",),
        has_generation=True,
        field_selectors=("status.successful",),
    ),
    _grp(
        "batch",
        "batch",
        "CronJob",
        "cronjobs",
        short_names=("cj",),
        categories=("all",),
        subresources=("status",),
        has_generation=True,
    ),
    _grp("discovery.k8s.io", "discovery", "EndpointSlice", "endpointslices", has_status=False),
    _grp("coordination.k8s.io", "coordination", "Lease", "leases", has_status=False),
    _grp(
        "events.k8s.io",
        "events",
        "Event",
        "events",
        storage=("", "v1"),  # as Kubernetes: one set of Events, served in both groups
        has_status=False,  # no short name: "ev" is core/v1 events' alone, as in Kubernetes
        field_selectors=(
            "regarding.kind",
            "regarding.namespace",
            "regarding.name",
            "regarding.uid",
            "reason",
            "reportingController",
            "type",
        ),
    ),
    _grp(
        "autoscaling",
        "autoscaling",
        "HorizontalPodAutoscaler",
        "horizontalpodautoscalers",
        version="v2",
        short_names=("hpa",),
        categories=("all",),
        subresources=("status",),
    ),
    # after v2, so v2 is the group's preferred version, as in Kubernetes; kubectl 1.27's
    # `autoscale` posts v1
    _grp(
        "autoscaling",
        "autoscaling",
        "HorizontalPodAutoscaler",
        "horizontalpodautoscalers",
        storage=("autoscaling", "v2"),
        short_names=("hpa",),
        categories=("all",),
        subresources=("status",),
    ),
    _grp(
        "policy",
        "policy",
        "PodDisruptionBudget",
        "poddisruptionbudgets",
        short_names=("pdb",),
        subresources=("status",),
        has_generation=True,
    ),
    _grp(RBAC, "rbac", "Role", "roles", has_status=False),
    _grp(RBAC, "rbac", "RoleBinding", "rolebindings", has_status=False),
    _grp(RBAC, "rbac", "ClusterRole", "clusterroles", False, has_status=False),
    _grp(RBAC, "rbac", "ClusterRoleBinding", "clusterrolebindings", False, has_status=False),
    _grp(
        NETWORKING,
        "networking",
        "Ingress",
        "ingresses",
        short_names=("ing",),
        subresources=("status",),
    ),
    _grp(NETWORKING, "networking", "IngressClass", "ingressclasses", False, has_status=False),
    _grp(
        NETWORKING,
        "networking",
        "NetworkPolicy",
        "networkpolicies",
        short_names=("netpol",),
        has_status=False,
        has_generation=True,
    ),
    _grp(
        "scheduling.k8s.io",
        "scheduling",
        "PriorityClass",
        "priorityclasses",
        False,
        short_names=("pc",),
        has_status=False,
    ),
    _grp(
        "storage.k8s.io",
        "storage",
        "StorageClass",
        "storageclasses",
        False,
        short_names=("sc",),
        has_status=False,
    ),
    *REVIEWS,
)


class Registry:
    """Lookups over RESOURCES by URL parts and by kind."""

    def __init__(self, resources: tuple[ResourceInfo, ...] = RESOURCES) -> None:
        self.resources = resources
        self._by_path: dict[tuple[str, str, str], ResourceInfo] = {}
        self._by_kind: dict[tuple[str, str], ResourceInfo] = {}
        for r in resources:
            path_key = (r.group, r.version, r.plural)
            if path_key in self._by_path:
                raise ValueError(f"duplicate resource {path_key}")
            self._by_path[path_key] = r
            self._by_kind[(r.group_version, r.kind)] = r

    def lookup(self, group: str, version: str, plural: str) -> ResourceInfo | None:
        return self._by_path.get((group, version, plural))

    def by_kind(self, api_version: str, kind: str) -> ResourceInfo | None:
        return self._by_kind.get((api_version, kind))

    def storage_of(self, resource: ResourceInfo) -> ResourceInfo:
        """The resource `resource` is stored as (itself when not converted)."""
        if not resource.converted:
            return resource
        stored = self.lookup(resource.storage_group, resource.storage_version, resource.plural)
        if stored is None:
            raise ValueError(f"{resource.api_version} {resource.kind}: no storage resource")
        return stored

    def groups(self) -> dict[str, list[str]]:
        """group -> versions, in registration order."""
        out: dict[str, list[str]] = {}
        for r in self.resources:
            versions = out.setdefault(r.group, [])
            if r.version not in versions:
                versions.append(r.version)
        return out
