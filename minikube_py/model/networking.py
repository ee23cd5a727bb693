"""networking.k8s.io/v1: ingresses, ingress classes and network policies (stored only:
no ingress controller or policy enforcement yet)."""

from __future__ import annotations

from typing import Annotated

import msgspec

from minikube_py.model._base import Base, Int32, IntOrString, atomic, doc
from minikube_py.model.core import TypedLocalObjectReference
from minikube_py.model.meta import LabelSelector, ListMeta, ObjectMeta

SCHEMA_PACKAGE = "io.k8s.api.networking.v1"

_API_VERSION = "Versioned schema of this object, e.g. v1 or apps/v1."
_KIND = "The REST kind of this object, in CamelCase, e.g. Pod."
_META = "Standard object metadata."
_LIST_META = "Standard list metadata."

# --- ingresses ---------------------------------------------------------------------------


class ServiceBackendPort(Base, kw_only=True):
    """A Service port, by name or by number."""

    name: Annotated[str | None, doc("Name of the port.")] = None
    number: Annotated[Int32 | None, doc("Number of the port.")] = None


class IngressServiceBackend(Base, kw_only=True):
    """A Service that receives the traffic."""

    name: Annotated[str, doc("Name of the Service, in the ingress' namespace.")]
    port: Annotated[ServiceBackendPort | None, doc("The port of the Service.")] = None


class IngressBackend(Base, kw_only=True):
    """Where matching traffic goes: a Service or another resource."""

    service: Annotated[IngressServiceBackend | None, doc("A Service backend.")] = None
    resource: Annotated[
        TypedLocalObjectReference | None, doc("Another resource in the ingress' namespace.")
    ] = None


class HTTPIngressPath(Base, kw_only=True):
    """A path and the backend its requests go to."""

    path: Annotated[str | None, doc("Matched against the request path.")] = None
    pathType: Annotated[
        str,
        doc(
            "Exact, Prefix or ImplementationSpecific.",
            enum=("Exact", "ImplementationSpecific", "Prefix"),
        ),
    ]
    backend: Annotated[IngressBackend, doc("Where matching requests go.")]


class HTTPIngressRuleValue(Base, kw_only=True):
    """HTTP paths of a rule."""

    paths: Annotated[list[HTTPIngressPath], atomic("The paths, in order.")]


class IngressRule(Base, kw_only=True):
    """Routes for one host (or every host)."""

    host: Annotated[str | None, doc("The host, possibly with a leading *. wildcard.")] = None
    http: Annotated[HTTPIngressRuleValue | None, doc("HTTP paths.")] = None


class IngressTLS(Base, kw_only=True):
    """TLS for some hosts, with the certificate of a Secret."""

    hosts: Annotated[list[str] | None, atomic("Hosts the certificate covers.")] = None
    secretName: Annotated[str | None, doc("The Secret holding the certificate.")] = None


class IngressSpec(Base, kw_only=True):
    """How traffic from outside reaches Services."""

    ingressClassName: Annotated[str | None, doc("The IngressClass that implements it.")] = None
    defaultBackend: Annotated[IngressBackend | None, doc("Where unmatched traffic goes.")] = None
    tls: Annotated[list[IngressTLS] | None, atomic("TLS configuration.")] = None
    rules: Annotated[list[IngressRule] | None, atomic("Host rules.")] = None


class IngressPortStatus(Base, kw_only=True):
    """The state of a port of the load balancer."""

    port: Annotated[Int32, doc("The port number.")]
    protocol: Annotated[str, doc("TCP, UDP or SCTP.")]
    error: Annotated[str | None, doc("Problem with the port.")] = None


class IngressLoadBalancerIngress(Base, kw_only=True):
    """An address of the load balancer."""

    ip: Annotated[str | None, doc("An IP address.")] = None
    hostname: Annotated[str | None, doc("A DNS name.")] = None
    ports: Annotated[list[IngressPortStatus] | None, atomic("Port states.")] = None


class IngressLoadBalancerStatus(Base, kw_only=True):
    """The load balancer of an ingress."""

    ingress: Annotated[list[IngressLoadBalancerIngress] | None, atomic("Its addresses.")] = None


class IngressStatus(Base, kw_only=True):
    """The observed state of an ingress."""

    loadBalancer: Annotated[IngressLoadBalancerStatus | None, doc("The load balancer.")] = None


class Ingress(Base, kw_only=True):
    """Routes HTTP traffic from outside the cluster to Services."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc(_META)] = None
    spec: Annotated[IngressSpec | None, doc("Desired routes.")] = None
    status: Annotated[IngressStatus | None, doc("Observed state. Read-only.")] = None


class IngressList(Base, kw_only=True):
    """A list of ingresses."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ListMeta | None, doc(_LIST_META)] = None
    items: Annotated[list[Ingress], doc("The ingresses.")]


class IngressClassParametersReference(Base, kw_only=True):
    """A resource holding the controller's configuration."""

    apiGroup: Annotated[str | None, doc("API group of the resource.")] = None
    kind: Annotated[str, doc("Kind of the resource.")]
    name: Annotated[str, doc("Name of the resource.")]
    scope: Annotated[
        str | None, doc("Cluster or Namespace; Cluster by default.", enum=("Cluster", "Namespace"))
    ] = None
    namespace: Annotated[str | None, doc("Namespace of a Namespace-scoped resource.")] = None


class IngressClassSpec(Base, kw_only=True):
    """The controller that implements a class of ingresses."""

    controller: Annotated[str | None, doc("Name of the controller, e.g. example.com/ingress.")] = (
        None
    )
    parameters: Annotated[
        IngressClassParametersReference | None, doc("The controller's configuration.")
    ] = None


class IngressClass(Base, kw_only=True):
    """A class of ingresses and the controller that implements it."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc(_META)] = None
    spec: Annotated[IngressClassSpec | None, doc("The controller.")] = None


class IngressClassList(Base, kw_only=True):
    """A list of ingress classes."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ListMeta | None, doc(_LIST_META)] = None
    items: Annotated[list[IngressClass], doc("The ingress classes.")]


# --- network policies --------------------------------------------------------------------


class NetworkPolicyPort(Base, kw_only=True):
    """A port (or range) traffic may use."""

    protocol: Annotated[
        str | None, doc("TCP, UDP or SCTP; TCP by default.", enum=("SCTP", "TCP", "UDP"))
    ] = None
    port: Annotated[IntOrString | None, doc("A port number or name; all ports when unset.")] = None
    endPort: Annotated[Int32 | None, doc("The last port of a range starting at port.")] = None


class IPBlock(Base, kw_only=True):
    """A CIDR, less some sub-ranges."""

    cidr: Annotated[str, doc("The CIDR, e.g. 10.0.0.0/8.")]
    except_: Annotated[list[str] | None, atomic("CIDRs inside cidr to leave out.")] = msgspec.field(
        default=None, name="except"
    )


class NetworkPolicyPeer(Base, kw_only=True):
    """Pods, namespaces or addresses traffic may come from or go to."""

    podSelector: Annotated[LabelSelector | None, doc("Pods, by labels.")] = None
    namespaceSelector: Annotated[LabelSelector | None, doc("Namespaces, by labels.")] = None
    ipBlock: Annotated[IPBlock | None, doc("Addresses.")] = None


class NetworkPolicyIngressRule(Base, kw_only=True):
    """Traffic allowed into the selected pods."""

    ports: Annotated[list[NetworkPolicyPort] | None, atomic("Allowed ports; all when empty.")] = (
        None
    )
    from_: Annotated[list[NetworkPolicyPeer] | None, atomic("Allowed sources; all when empty.")] = (
        msgspec.field(default=None, name="from")
    )


class NetworkPolicyEgressRule(Base, kw_only=True):
    """Traffic allowed out of the selected pods."""

    ports: Annotated[list[NetworkPolicyPort] | None, atomic("Allowed ports; all when empty.")] = (
        None
    )
    to: Annotated[
        list[NetworkPolicyPeer] | None, atomic("Allowed destinations; all when empty.")
    ] = None


class NetworkPolicySpec(Base, kw_only=True):
    """Which pods the policy selects and what traffic it allows them."""

    podSelector: Annotated[
        LabelSelector | None, doc("The pods the policy applies to; empty selects all.")
    ] = None
    ingress: Annotated[list[NetworkPolicyIngressRule] | None, atomic("Allowed ingress.")] = None
    egress: Annotated[list[NetworkPolicyEgressRule] | None, atomic("Allowed egress.")] = None
    policyTypes: Annotated[list[str] | None, atomic("Ingress, Egress or both.")] = None


class NetworkPolicy(Base, kw_only=True):
    """Allowed traffic for a set of pods."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc(_META)] = None
    spec: Annotated[NetworkPolicySpec | None, doc("The policy.")] = None


class NetworkPolicyList(Base, kw_only=True):
    """A list of network policies."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ListMeta | None, doc(_LIST_META)] = None
    items: Annotated[list[NetworkPolicy], doc("The network policies.")]
