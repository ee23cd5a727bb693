"""The API client side: one REST client, one informer, one work queue, used by
every controller, the scheduler and the node agents. Imports only model/."""

from minikube_py.client.discovery import APIResource, server_resources
from minikube_py.client.errors import APIStatusError, ClientError, WatchExpired
from minikube_py.client.informer import Informer, object_key
from minikube_py.client.rest import METADATA, Client, resource_path
from minikube_py.client.workqueue import WorkQueue

__all__ = [
    "METADATA",
    "APIResource",
    "APIStatusError",
    "Client",
    "ClientError",
    "Informer",
    "WatchExpired",
    "WorkQueue",
    "object_key",
    "resource_path",
    "server_resources",
]
