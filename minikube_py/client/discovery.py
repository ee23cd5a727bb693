"""What the server serves, from its discovery documents: one APIResource per
resource (no subresources) at each group's preferred version."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from minikube_py.client.rest import Client, resource_path


@dataclass(frozen=True)
class APIResource:
    group: str
    version: str
    plural: str
    kind: str
    namespaced: bool
    verbs: frozenset[str]

    @property
    def id(self) -> str:
        """`plural.group` (`plural` for the core group), as kubectl names a resource."""
        return f"{self.plural}.{self.group}" if self.group else self.plural

    def path(self, namespace: str | None = None, name: str | None = None) -> str:
        return resource_path(
            self.group, self.version, self.plural, namespace if self.namespaced else None, name
        )


async def server_resources(client: Client) -> list[APIResource]:
    """Every resource of the core group and each group's preferred version."""
    docs: list[tuple[str, dict[str, Any]]] = [("", await client.get("/api/v1"))]
    groups = await client.get("/apis")
    for g in groups.get("groups") or []:
        preferred = g["preferredVersion"]["version"]
        docs.append((g["name"], await client.get(f"/apis/{g['name']}/{preferred}")))
    out: list[APIResource] = []
    for group, doc in docs:
        version = doc["groupVersion"].split("/")[-1]
        for r in doc.get("resources") or []:
            if "/" in r["name"]:
                continue
            out.append(
                APIResource(
                    group=group,
                    version=version,
                    plural=r["name"],
                    kind=r["kind"],
                    namespaced=bool(r.get("namespaced")),
                    verbs=frozenset(r.get("verbs") or ()),
                )
            )
    return out
