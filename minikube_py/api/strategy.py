"""Per-kind rules of the generic write and delete paths, as Kubernetes' REST
strategies hold them (`pkg/registry/<group>/<kind>/strategy.go`).

The verbs in `handlers/` work on any resource; where a kind differs (the status
a new object starts with, what an update may not change, addresses a write
takes, when a delete waits), they ask the kind's `Strategy` instead of testing
the kind. `Strategies.of(resource)` looks one up by (group, kind); a kind with
no rules of its own gets the default `Strategy`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, ClassVar

from minikube_py.api import objects, selectors, services
from minikube_py.api.registry import ResourceInfo

MAX_GRACE_SECONDS = (2**63 - 1) // 10**9  # the longest Go time.Duration, in seconds

# gives back what a write reserved, when the write fails
Release = Callable[[], Awaitable[None]]


class Strategy:
    """The default rules: what every kind does unless its strategy says otherwise."""

    # the registry sets ReturnDeletedObject: a delete answers with the object,
    # not a Status, even when it is gone at once
    return_deleted_object: ClassVar[bool] = False

    def initial_status(self, resource: ResourceInfo, obj: dict[str, Any]) -> None:
        """Reset status on create."""
        if resource.has_status:
            obj["status"] = {}

    def prepare_create(self, obj: dict[str, Any]) -> None:
        """Fields the server sets on a new object, after defaulting and status."""

    def prepare_update(
        self, resource: ResourceInfo, new: dict[str, Any], old: dict[str, Any]
    ) -> None:
        """What an update of the main resource may not change: status is the
        status subresource's to write."""
        if resource.has_status:
            if "status" in old:
                new["status"] = old["status"]
            else:
                new.pop("status", None)

    async def reserve(
        self, resource: ResourceInfo, new: dict[str, Any], old: dict[str, Any] | None
    ) -> Release | None:
        """Take what the write of `new` (over `old`, None on create) needs before
        it is stored; the answer gives it back if the write fails."""
        return None

    async def release_dropped(self, new: dict[str, Any], old: dict[str, Any]) -> None:
        """Give back what `old` held and the stored `new` no longer does."""

    async def release(self, obj: dict[str, Any]) -> None:
        """Give back what a deleted object held."""

    def finalized(self, obj: dict[str, Any]) -> bool:
        """Whether nothing of the kind's own holds a deleting object back."""
        return True

    def deletion_grace(self, obj: dict[str, Any], options: dict[str, Any]) -> int | None:
        """Seconds a delete waits before the object goes (None: at once)."""
        return None

    def mark_deleting(self, obj: dict[str, Any]) -> None:
        """What a delete that only marks the object changes besides metadata."""

    def scale_selector(self, selector: Any) -> str:
        """spec.selector as the scale subresource's status.selector string."""
        return selectors.selector_string(selector) if isinstance(selector, dict) else ""


def grace_seconds(value: Any) -> int:
    """A pod's deletion grace: negative is 1 second, as Kubernetes' pod strategy has
    it, and no longer than a Go time.Duration holds (a larger one overflowed here)."""
    seconds = int(value if value is not None else 30)
    return 1 if seconds < 0 else min(seconds, MAX_GRACE_SECONDS)


class PodStrategy(Strategy):
    return_deleted_object = True

    def initial_status(self, resource: ResourceInfo, obj: dict[str, Any]) -> None:
        obj["status"] = {"phase": "Pending", "qosClass": objects.qos_class(obj)}

    def deletion_grace(self, obj: dict[str, Any], options: dict[str, Any]) -> int | None:
        """A pod bound to a node waits for its kubelet, unless the delete asks for 0."""
        grace = options.get("gracePeriodSeconds")
        if not (obj.get("spec") or {}).get("nodeName") or grace == 0:
            return None
        return grace_seconds(
            grace
            if grace is not None
            else (obj.get("spec") or {}).get("terminationGracePeriodSeconds", 30)
        )


class NamespaceStrategy(Strategy):
    return_deleted_object = True

    def initial_status(self, resource: ResourceInfo, obj: dict[str, Any]) -> None:
        obj["status"] = {"phase": "Active"}

    def prepare_create(self, obj: dict[str, Any]) -> None:
        meta = obj.setdefault("metadata", {})
        meta.setdefault("labels", {})["kubernetes.io/metadata.name"] = meta.get("name", "")

    def prepare_update(
        self, resource: ResourceInfo, new: dict[str, Any], old: dict[str, Any]
    ) -> None:
        super().prepare_update(resource, new, old)
        new["spec"] = old.get("spec", {})
        meta = new.setdefault("metadata", {})
        meta.setdefault("labels", {})["kubernetes.io/metadata.name"] = meta.get("name", "")

    def finalized(self, obj: dict[str, Any]) -> bool:
        """spec.finalizers (the namespace controller's) hold a namespace back."""
        return not (obj.get("spec") or {}).get("finalizers")

    def mark_deleting(self, obj: dict[str, Any]) -> None:
        obj.setdefault("status", {})["phase"] = "Terminating"


class ServiceStrategy(Strategy):
    """ClusterIPs and node ports, taken through `services.ServiceAllocator`."""

    return_deleted_object = True

    def __init__(self, allocator: services.ServiceAllocator) -> None:
        self.allocator = allocator

    def initial_status(self, resource: ResourceInfo, obj: dict[str, Any]) -> None:
        obj["status"] = {"loadBalancer": {}}

    def prepare_update(
        self, resource: ResourceInfo, new: dict[str, Any], old: dict[str, Any]
    ) -> None:
        super().prepare_update(resource, new, old)
        services.carry_allocated(old, new)

    async def reserve(
        self, resource: ResourceInfo, new: dict[str, Any], old: dict[str, Any] | None
    ) -> Release | None:
        taken = await self.allocator.allocate(resource, new, old)

        async def give_back() -> None:
            await self.allocator.release(taken)

        return give_back

    async def release_dropped(self, new: dict[str, Any], old: dict[str, Any]) -> None:
        await self.allocator.release(self.allocator.no_longer_held(old, new))

    async def release(self, obj: dict[str, Any]) -> None:
        await self.allocator.release(self.allocator.held_by(obj))


class ServiceAccountStrategy(Strategy):
    return_deleted_object = True


class NodeStrategy(Strategy):
    def initial_status(self, resource: ResourceInfo, obj: dict[str, Any]) -> None:
        obj.setdefault("status", {})

    def prepare_update(
        self, resource: ResourceInfo, new: dict[str, Any], old: dict[str, Any]
    ) -> None:
        """A node's status comes with its updates (the kubelet writes both)."""


class PendingStrategy(Strategy):
    """PersistentVolumes and PersistentVolumeClaims start Pending."""

    def initial_status(self, resource: ResourceInfo, obj: dict[str, Any]) -> None:
        obj["status"] = {"phase": "Pending"}


class PodDisruptionBudgetStrategy(Strategy):
    def initial_status(self, resource: ResourceInfo, obj: dict[str, Any]) -> None:
        # the status' counts are not omitempty: Kubernetes writes them as 0
        obj["status"] = dict.fromkeys(
            ("disruptionsAllowed", "currentHealthy", "desiredHealthy", "expectedPods"), 0
        )


class HorizontalPodAutoscalerStrategy(Strategy):
    def initial_status(self, resource: ResourceInfo, obj: dict[str, Any]) -> None:
        obj["status"] = {"desiredReplicas": 0}


class IngressStrategy(Strategy):
    def initial_status(self, resource: ResourceInfo, obj: dict[str, Any]) -> None:
        obj["status"] = {"loadBalancer": {}}


class ReplicationControllerStrategy(Strategy):
    def scale_selector(self, selector: Any) -> str:
        """A replication controller's selector is a plain map."""
        return ",".join(f"{k}={v}" for k, v in sorted(selector.items()))


class Strategies:
    """The strategy of each (group, kind); the default for the rest."""

    def __init__(self, allocator: services.ServiceAllocator) -> None:
        self.default = Strategy()
        self._by_kind: dict[tuple[str, str], Strategy] = {}
        pending = PendingStrategy()
        for group, kind, strategy in (
            ("", "Pod", PodStrategy()),
            ("", "Namespace", NamespaceStrategy()),
            ("", "Service", ServiceStrategy(allocator)),
            ("", "ServiceAccount", ServiceAccountStrategy()),
            ("", "Node", NodeStrategy()),
            ("", "PersistentVolume", pending),
            ("", "PersistentVolumeClaim", pending),
            ("", "ReplicationController", ReplicationControllerStrategy()),
            ("policy", "PodDisruptionBudget", PodDisruptionBudgetStrategy()),
            ("autoscaling", "HorizontalPodAutoscaler", HorizontalPodAutoscalerStrategy()),
            ("networking.k8s.io", "Ingress", IngressStrategy()),
        ):
            if (group, kind) in self._by_kind:
                raise ValueError(f"two strategies for {kind} in group {group!r}")
            self._by_kind[group, kind] = strategy

    def of(self, resource: ResourceInfo) -> Strategy:
        return self._by_kind.get((resource.group, resource.kind), self.default)
