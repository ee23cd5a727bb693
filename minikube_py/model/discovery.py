"""discovery.k8s.io/v1: endpoint slices."""

from __future__ import annotations

from typing import Annotated

from minikube_py.model._base import Base, Int32, atomic, doc
from minikube_py.model.core import ObjectReference
from minikube_py.model.meta import ListMeta, ObjectMeta

SCHEMA_PACKAGE = "io.k8s.api.discovery.v1"

_API_VERSION = "Versioned schema of this object, e.g. v1 or apps/v1."
_KIND = "The REST kind of this object, in CamelCase, e.g. Pod."


class EndpointConditions(Base, kw_only=True):
    """The state of an endpoint."""

    ready: Annotated[bool | None, doc("Ready to receive traffic.")] = None
    serving: Annotated[bool | None, doc("Ready, ignoring termination.")] = None
    terminating: Annotated[bool | None, doc("Being terminated.")] = None


class ForZone(Base, kw_only=True):
    """A zone that should use an endpoint."""

    name: Annotated[str, doc("Zone name.")]


class ForNode(Base, kw_only=True):
    """A node that should use an endpoint."""

    name: Annotated[str, doc("Node name.")]


class EndpointHints(Base, kw_only=True):
    """Routing hints of an endpoint."""

    forZones: Annotated[list[ForZone] | None, atomic("Zones that should use it.")] = None
    forNodes: Annotated[list[ForNode] | None, atomic("Nodes that should use it.")] = None


class Endpoint(Base, kw_only=True):
    """One backend of a service."""

    addresses: Annotated[list[str], doc("IP addresses; consumers use the first.", list_type="set")]
    conditions: Annotated[EndpointConditions | None, doc("State of the endpoint.")] = None
    hostname: Annotated[str | None, doc("Host name of the endpoint.")] = None
    targetRef: Annotated[
        ObjectReference | None, doc("The object behind the endpoint, usually a pod.")
    ] = None
    deprecatedTopology: Annotated[dict[str, str] | None, doc("Deprecated topology labels.")] = None
    nodeName: Annotated[str | None, doc("Node hosting the endpoint.")] = None
    zone: Annotated[str | None, doc("Zone of the endpoint.")] = None
    hints: Annotated[EndpointHints | None, doc("Routing hints.")] = None


class EndpointPort(Base, kw_only=True):
    """A port of the endpoints of a slice."""

    name: Annotated[str | None, doc("Port name, matching the service port name.")] = None
    protocol: Annotated[str | None, doc("TCP, UDP or SCTP.", enum=("SCTP", "TCP", "UDP"))] = None
    port: Annotated[Int32 | None, doc("Port number.")] = None
    appProtocol: Annotated[str | None, doc("Application protocol.")] = None


class EndpointSlice(Base, kw_only=True):
    """A subset of the endpoints of a service."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc("Standard object metadata.")] = None
    addressType: Annotated[str, doc("IPv4, IPv6 or FQDN.", enum=("FQDN", "IPv4", "IPv6"))]
    endpoints: Annotated[list[Endpoint], atomic("The endpoints, at most 1000.")]
    ports: Annotated[list[EndpointPort] | None, atomic("Ports of every endpoint.")] = None


class EndpointSliceList(Base, kw_only=True):
    """A list of endpoint slices."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ListMeta | None, doc("Standard list metadata.")] = None
    items: Annotated[list[EndpointSlice], doc("The endpoint slices.")]
