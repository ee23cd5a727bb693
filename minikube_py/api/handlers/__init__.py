"""The REST verbs over any registered resource: create, get, list, watch,
update, patch, delete, deletecollection, and the subresources.

Each verb reads the world from the store, builds the new object with the pure
helpers (defaults, validation, patch, apply), and writes it back guarded by the
revision it read (optimistic concurrency, bounded retries for patches). One
module per family of verbs; `Handlers` puts them together.
"""

from minikube_py.api.handlers.common import Options, encode, json_response
from minikube_py.api.handlers.reads import Reads
from minikube_py.api.handlers.subresources import Subresources
from minikube_py.api.handlers.watch import Watches


class Handlers(Reads, Watches, Subresources):
    """Every REST verb, over the one store, watch cache and registry."""


__all__ = ["Handlers", "Options", "encode", "json_response"]
