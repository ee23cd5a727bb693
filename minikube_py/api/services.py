"""Service address allocation: ClusterIPs from the service CIDR and node ports
from their range, as the Kubernetes API server's service storage does.

Each allocated address is a key of its own in the store
(`/registry/serviceips/<ip>`, `/registry/servicenodeports/<port>`) created with
`store.create`, so two concurrent Services can never get the same one, and a
restart loses nothing. Allocation happens before the Service is written and is
released when it is deleted or its write fails.
"""

from __future__ import annotations

import ipaddress
import random
from dataclasses import dataclass, field
from typing import Any

import msgspec

from minikube_py.api import errors
from minikube_py.api.registry import ResourceInfo
from minikube_py.store import KeyExists, NotFound, Store

IP_PREFIX = "/registry/serviceips/"
PORT_PREFIX = "/registry/servicenodeports/"
DEFAULT_SERVICE_CIDR = "10.96.0.0/12"
NODE_PORT_RANGE = (30000, 32767)
MAX_PROBES = 256  # random probes before a linear scan for a free address


@dataclass
class Allocation:
    """What one write took, so a failed write can give it back."""

    ips: list[str] = field(default_factory=list)
    ports: list[int] = field(default_factory=list)


def _uses_node_ports(spec: dict[str, Any]) -> bool:
    return spec.get("type") in ("NodePort", "LoadBalancer")


def _wants_cluster_ip(spec: dict[str, Any]) -> bool:
    return spec.get("type") != "ExternalName" and spec.get("clusterIP") != "None"


class ServiceAllocator:
    def __init__(self, store: Store, cidr: str = DEFAULT_SERVICE_CIDR) -> None:
        self.store = store
        self.network = ipaddress.ip_network(cidr)
        # the network and broadcast addresses are never handed out
        self.size = self.network.num_addresses - 2

    def api_server_ip(self) -> str:
        return str(self.network.network_address + 1)

    async def _take(self, key: str, owner: str) -> bool:
        try:
            await self.store.create(key, msgspec.json.encode({"owner": owner}))
        except KeyExists:
            return False
        return True

    async def _release(self, key: str) -> None:
        try:
            await self.store.delete(key)
        except NotFound:
            pass

    async def _allocate_ip(
        self, resource: ResourceInfo, name: str, owner: str, wanted: str | None
    ) -> str:
        if wanted:
            try:
                ip = ipaddress.ip_address(wanted)
            except ValueError:
                ip = None
            if (
                ip is None
                or ip not in self.network
                or ip in (self.network.network_address, self.network.broadcast_address)
            ):
                raise _invalid(
                    resource,
                    name,
                    "spec.clusterIPs",
                    wanted,
                    f"failed to allocate IP {wanted}: the provided IP ({wanted}) is not in the valid range. The range of valid IPs is {self.network}",
                )
            if not await self._take(IP_PREFIX + str(ip), owner):
                raise _invalid(
                    resource,
                    name,
                    "spec.clusterIPs",
                    wanted,
                    f"failed to allocate IP {wanted}: provided IP is already allocated",
                )
            return str(ip)
        for _ in range(MAX_PROBES):
            candidate = self.network.network_address + random.randint(2, self.size)
            if await self._take(IP_PREFIX + str(candidate), owner):
                return str(candidate)
        for offset in range(2, self.size + 1):
            candidate = self.network.network_address + offset
            if await self._take(IP_PREFIX + str(candidate), owner):
                return str(candidate)
        raise errors.APIError(
            500,
            "InternalError",
            "Internal error occurred: failed to allocate a serviceIP: range is full",
        )

    async def _allocate_port(
        self, resource: ResourceInfo, name: str, owner: str, wanted: int, field_path: str
    ) -> int:
        low, high = NODE_PORT_RANGE
        if wanted:
            if not low <= wanted <= high:
                raise _invalid(
                    resource,
                    name,
                    field_path,
                    wanted,
                    f"provided port is not in the valid range. The range of valid ports is {low}-{high}",
                )
            if not await self._take(f"{PORT_PREFIX}{wanted}", owner):
                raise _invalid(
                    resource, name, field_path, wanted, "provided port is already allocated"
                )
            return wanted
        for _ in range(MAX_PROBES):
            candidate = random.randint(low, high)
            if await self._take(f"{PORT_PREFIX}{candidate}", owner):
                return candidate
        for candidate in range(low, high + 1):
            if await self._take(f"{PORT_PREFIX}{candidate}", owner):
                return candidate
        raise errors.APIError(
            500,
            "InternalError",
            "Internal error occurred: failed to allocate a nodePort: range is full",
        )

    async def allocate(
        self, resource: ResourceInfo, svc: dict[str, Any], old: dict[str, Any] | None = None
    ) -> Allocation:
        """Fill spec.clusterIP(s) and node ports the Service needs and does not have yet."""
        spec = svc.setdefault("spec", {})
        meta = svc.get("metadata") or {}
        name = str(meta.get("name", ""))
        owner = f"{meta.get('namespace', '')}/{name}"
        old_spec = (old or {}).get("spec") or {}
        taken = Allocation()
        try:
            if _wants_cluster_ip(spec) and not (
                old_spec.get("clusterIP") and old_spec.get("clusterIP") != "None"
            ):
                ip = await self._allocate_ip(resource, name, owner, spec.get("clusterIP") or None)
                taken.ips.append(ip)
                spec["clusterIP"] = ip
                spec["clusterIPs"] = [ip]
            if _uses_node_ports(spec):
                held = _node_ports(old_spec) if _uses_node_ports(old_spec) else set()
                for i, port in enumerate(spec.get("ports") or []):
                    wanted = int(port.get("nodePort") or 0)
                    if wanted and wanted in held:
                        continue
                    port["nodePort"] = await self._allocate_port(
                        resource, name, owner, wanted, f"spec.ports[{i}].nodePort"
                    )
                    taken.ports.append(port["nodePort"])
        except BaseException:
            await self.release(taken)
            raise
        return taken

    async def release(self, allocation: Allocation) -> None:
        for ip in allocation.ips:
            await self._release(IP_PREFIX + ip)
        for port in allocation.ports:
            await self._release(f"{PORT_PREFIX}{port}")

    def held_by(self, svc: dict[str, Any] | None) -> Allocation:
        """What a stored Service holds."""
        spec = (svc or {}).get("spec") or {}
        out = Allocation()
        ip = spec.get("clusterIP")
        if ip and ip != "None" and _wants_cluster_ip(spec):
            out.ips.append(str(ip))
        if _uses_node_ports(spec):
            out.ports.extend(sorted(_node_ports(spec)))
        return out

    def no_longer_held(self, old: dict[str, Any], new: dict[str, Any]) -> Allocation:
        before = self.held_by(old)
        after = self.held_by(new)
        return Allocation(
            [ip for ip in before.ips if ip not in after.ips],
            [p for p in before.ports if p not in after.ports],
        )


def carry_allocated(old: dict[str, Any], new: dict[str, Any]) -> None:
    """An update that leaves out clusterIP or a nodePort keeps the allocated one,
    as Kubernetes' service storage does (a `kubectl replace` of a hand-written
    manifest must not try to unset them)."""
    old_spec = old.get("spec") or {}
    spec = new.setdefault("spec", {})
    if (
        not spec.get("clusterIP")
        and not spec.get("clusterIPs")
        and old_spec.get("clusterIP")
        and spec.get("type", "ClusterIP") != "ExternalName"
    ):
        spec["clusterIP"] = old_spec["clusterIP"]
        if old_spec.get("clusterIPs"):
            spec["clusterIPs"] = list(old_spec["clusterIPs"])
    if _uses_node_ports(spec) and _uses_node_ports(old_spec):
        by_port = {
            (p.get("port"), p.get("protocol", "TCP")): p.get("nodePort")
            for p in old_spec.get("ports") or []
        }
        for port in spec.get("ports") or []:
            if not port.get("nodePort"):
                held = by_port.get((port.get("port"), port.get("protocol", "TCP")))
                if held:
                    port["nodePort"] = held
    elif _uses_node_ports(old_spec):
        # leaving NodePort: node ports the user did not change go with the type
        held = _node_ports(old_spec)
        for port in spec.get("ports") or []:
            if port.get("nodePort") in held:
                port.pop("nodePort", None)
        for key in (
            "externalTrafficPolicy",
            "healthCheckNodePort",
            "allocateLoadBalancerNodePorts",
        ):
            if key in spec and spec.get(key) == old_spec.get(key):
                spec.pop(key)


def _node_ports(spec: dict[str, Any]) -> set[int]:
    return {int(p["nodePort"]) for p in spec.get("ports") or [] if p.get("nodePort")}


def _invalid(
    resource: ResourceInfo, name: str, field_path: str, value: object, detail: str
) -> errors.APIError:
    shown = f'"{value}"' if isinstance(value, str) else str(value)
    message = f"{field_path}: Invalid value: {shown}: {detail}"
    return errors.invalid(
        resource,
        name,
        [
            {
                "reason": "FieldValueInvalid",
                "field": field_path,
                "message": f"Invalid value: {shown}: {detail}",
            }
        ],
        f'Service "{name}" is invalid: {message}',
    )
