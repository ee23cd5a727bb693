"""Server-side apply and the managedFields bookkeeping of every write.

`apply` merges an applied configuration into the live object the way
`kubectl apply --server-side` expects: each field manager owns the fields it
applied (recorded in `metadata.managedFields`, fieldsV1 format); changing a
field another manager owns to a different value is a conflict unless forced,
and then ownership moves; fields the manager applied before and no longer
applies are removed unless another manager owns them. `track_update` records
what a create/update/patch (an "Update" manager such as kubectl-create,
kubectl-edit, kubectl-client-side-apply) changed, taking those fields from
whoever owned them before, as Kubernetes does.

Two kubectl-specific rules of the API server are kept: for the manager
"kubectl", conflicts with fields whose live value still equals the client-side
`last-applied-configuration` annotation are allowed (so switching from
client-side to server-side apply does not conflict), and that annotation, when
present, is rewritten to the applied configuration.

Not covered (see the module's tests for what is): the 10-Update-managers cap
("ancient-changes"), version conversion of managed fields between API versions,
unions/discriminators, `null` in an applied configuration (treated as absent),
and schema-change reconciliation of stale paths.

Pure functions on JSON dicts: no I/O, no clock (the caller passes `now`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from minikube_py.api.patch.errors import ApplyConflict, FieldConflict, PatchError, malformed
from minikube_py.api.patch.fieldset import (
    ITEM,
    FieldSet,
    Flattener,
    Path,
    from_fields_v1,
    item_key,
    item_matches,
    path_string,
    to_fields_v1,
)
from minikube_py.api.patch.jsonvalue import JSONObj, deep_copy, json_equal
from minikube_py.api.patch.schema import Schema, SchemaView

__all__ = ["LAST_APPLIED_ANNOTATION", "ApplyConflict", "PatchError", "apply", "track_update"]

LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration"
BEFORE_FIRST_APPLY = "before-first-apply"

# Fields nobody owns: the server sets them (Kubernetes' stripped metadata).
_STRIPPED: tuple[Path, ...] = (
    ("f:apiVersion",),
    ("f:kind",),
    ("f:metadata",),
    ("f:metadata", "f:name"),
    ("f:metadata", "f:namespace"),
    ("f:metadata", "f:creationTimestamp"),
    ("f:metadata", "f:selfLink"),
    ("f:metadata", "f:uid"),
    ("f:metadata", "f:clusterName"),
    ("f:metadata", "f:generation"),
    ("f:metadata", "f:managedFields"),
    ("f:metadata", "f:resourceVersion"),
)


# --- managed fields entries ---------------------------------------------------------

ManagerKey = tuple[str, str, str, str]  # manager, operation, subresource, apiVersion (Update only)


@dataclass(slots=True)
class _Manager:
    manager: str
    operation: str
    api_version: str
    time: str | None
    subresource: str = ""
    fields: FieldSet = field(default_factory=set)

    @property
    def key(self) -> ManagerKey:
        # appliers are one manager whatever version they applied with
        version = "" if self.operation == "Apply" else self.api_version
        return (self.manager, self.operation, self.subresource, version)

    def printable(self) -> str:
        """The manager as Kubernetes names it in conflict messages."""
        out = json.dumps(self.manager)
        if self.subresource:
            out += f" with subresource {json.dumps(self.subresource)}"
        if self.operation != "Apply":
            out += f" using {self.api_version}"
        return out

    def entry(self) -> JSONObj:
        out: JSONObj = {
            "manager": self.manager,
            "operation": self.operation,
            "apiVersion": self.api_version,
        }
        if self.time:
            out["time"] = self.time
        out["fieldsType"] = "FieldsV1"
        out["fieldsV1"] = to_fields_v1(self.fields)
        if self.subresource:
            out["subresource"] = self.subresource
        return out


def _decode_entries(entries: Any) -> dict[ManagerKey, _Manager]:
    managers: dict[ManagerKey, _Manager] = {}
    if not isinstance(entries, list):
        return managers
    for e in entries:
        if not isinstance(e, dict) or not isinstance(e.get("manager"), str):
            continue
        m = _Manager(
            manager=e["manager"],
            operation=str(e.get("operation") or "Update"),
            api_version=str(e.get("apiVersion") or ""),
            time=e.get("time") if isinstance(e.get("time"), str) else None,
            subresource=str(e.get("subresource") or ""),
            fields=_owned(from_fields_v1(e.get("fieldsV1"))),
        )
        if m.key in managers:
            managers[m.key].fields |= m.fields
        else:
            managers[m.key] = m
    return managers


def _encode_entries(managers: Mapping[ManagerKey, _Manager]) -> list[JSONObj]:
    ordered = sorted(
        (m for m in managers.values() if m.fields),
        key=lambda m: (m.operation, m.time or "", m.manager, m.api_version, m.subresource),
    )
    return [m.entry() for m in ordered]


def _managed_fields_of(obj: Mapping[str, Any] | None) -> Any:
    meta = obj.get("metadata") if obj else None
    return meta.get("managedFields") if isinstance(meta, dict) else None


def _without_managed_fields(obj: Mapping[str, Any] | None) -> JSONObj:
    """A deep copy of the object without metadata.managedFields."""
    if not obj:
        return {}
    out: JSONObj = {k: deep_copy(v) for k, v in obj.items() if k != "metadata"}
    meta = obj.get("metadata")
    if isinstance(meta, dict):
        out["metadata"] = {k: deep_copy(v) for k, v in meta.items() if k != "managedFields"}
    elif "metadata" in obj:
        out["metadata"] = deep_copy(meta)
    return out


MAX_UPDATE_MANAGERS = 10  # Kubernetes' cap on Update entries
ANCIENT_CHANGES = "ancient-changes"


def _cap_update_managers(managers: Mapping[ManagerKey, _Manager]) -> dict[ManagerKey, _Manager]:
    """At most MAX_UPDATE_MANAGERS Update entries: the oldest are merged into an
    `ancient-changes` entry (per subresource and version), as Kubernetes does, so
    managedFields cannot grow with every new client name."""
    out = dict(managers)

    def updates() -> list[_Manager]:
        return [m for m in out.values() if m.operation == "Update"]

    while len(updates()) > MAX_UPDATE_MANAGERS:
        candidates = [m for m in updates() if m.manager != ANCIENT_CHANGES]
        if not candidates:
            break
        oldest = min(candidates, key=lambda m: m.time or "")
        del out[oldest.key]
        bucket = _Manager(
            ANCIENT_CHANGES, "Update", oldest.api_version, oldest.time, oldest.subresource
        )
        merged = out.setdefault(bucket.key, bucket)
        merged.fields = merged.fields | oldest.fields
    return out


def _set_managed_fields(obj: JSONObj, managers: Mapping[ManagerKey, _Manager]) -> JSONObj:
    entries = _encode_entries(_cap_update_managers(managers))
    meta = obj.setdefault("metadata", {})
    if entries:
        meta["managedFields"] = entries
    else:
        meta.pop("managedFields", None)
    return obj


# --- paths ------------------------------------------------------------------------


_STRIPPED_TOP = frozenset(p[0] for p in _STRIPPED if len(p) == 1 and p[0] != "f:metadata")
_STRIPPED_META = frozenset(p[1] for p in _STRIPPED if len(p) == 2)


def _stripped(path: Path) -> bool:
    """Whether a path is (inside) a field only the server sets."""
    if path[0] in _STRIPPED_TOP:
        return True
    return path[0] == "f:metadata" and (len(path) == 1 or path[1] in _STRIPPED_META)


def _owned(paths: Iterable[Path], ignored: Iterable[str] = ()) -> FieldSet:
    skip = {f"f:{name}" for name in ignored}
    return {p for p in paths if p and not _stripped(p) and p[0] not in skip}


def _flat(
    view: SchemaView, obj: JSONObj, schema: Schema | None, ignored: Iterable[str], *, strict: bool
) -> dict[Path, Any]:
    flat = Flattener(view, strict=strict).flatten(obj, schema)
    keep = _owned(flat, ignored)
    return {p: v for p, v in flat.items() if p in keep}


@dataclass(frozen=True, slots=True)
class _Comparison:
    added: FieldSet
    modified: FieldSet
    removed: FieldSet

    @property
    def changed(self) -> FieldSet:
        return self.added | self.modified


def _compare(old: Mapping[Path, Any], new: Mapping[Path, Any]) -> _Comparison:
    added = {p for p in new if p not in old}
    removed = {p for p in old if p not in new}
    modified = {
        p for p, v in new.items() if p in old and v is not ITEM and not json_equal(old[p], v)
    }
    return _Comparison(added, modified, removed)


def _prefixes(paths: Iterable[Path]) -> set[Path]:
    out: set[Path] = set()
    for p in paths:
        for i in range(1, len(p) + 1):
            out.add(p[:i])
    return out


# --- the apply merge ---------------------------------------------------------------


def _strip_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_strip_nulls(v) for v in value]
    return value


class _Merger:
    """Merges an applied configuration into a live object, by the schema's list types."""

    def __init__(self, view: SchemaView) -> None:
        self.view = view

    def value(self, live: Any, config: Any, schema: Schema | None) -> Any:
        if (
            isinstance(config, dict)
            and isinstance(live, dict)
            and not self.view.is_atomic_map(schema)
        ):
            out = dict(live)
            for key, value in config.items():
                sub = self.view.field(schema, key)
                out[key] = self.value(live[key], value, sub) if key in live else deep_copy(value)
            return out
        if isinstance(config, list) and isinstance(live, list):
            info = self.view.list_info(schema)
            if info.list_type == "map":
                item_schema = self.view.items(schema)
                live_ids = [item_key(self.view, x, info.map_keys, item_schema) for x in live]
                config_ids = [item_key(self.view, x, info.map_keys, item_schema) for x in config]
                _match_partial_keys(live, live_ids, config, config_ids, info.map_keys)
                return self._keyed(
                    live,
                    config,
                    live_ids,
                    config_ids,
                    lambda old, new: self.value(old, new, item_schema),
                )
            if info.list_type == "set":
                live_ids = [json.dumps(x, sort_keys=True) for x in live]
                config_ids = [json.dumps(x, sort_keys=True) for x in config]
                return self._keyed(live, config, live_ids, config_ids, lambda _, new: new)
        return deep_copy(config)

    @staticmethod
    def _keyed(
        live: list[Any], config: list[Any], live_ids: list[Any], config_ids: list[Any], merge: Any
    ) -> list[Any]:
        """Live-only items stay where they are; configured items come in config order."""
        live_at: dict[Any, int] = {}
        for i, k in enumerate(live_ids):
            if k is not None:
                live_at.setdefault(k, i)
        configured = {k for k in config_ids if k is not None}
        out: list[Any] = []
        emitted: set[Any] = set()
        li = ri = 0
        while li < len(live) or ri < len(config):
            if (
                li < len(live)
                and ri < len(config)
                and live_ids[li] is not None
                and live_ids[li] == config_ids[ri]
            ):
                out.append(merge(live[li], config[ri]))
                emitted.add(config_ids[ri])
                li += 1
                ri += 1
                continue
            if li < len(live):
                lid = live_ids[li]
                if lid is None or lid not in configured:
                    out.append(live[li])
                    li += 1
                    continue
                if lid in emitted:
                    li += 1
                    continue
            if ri < len(config):
                rid = config_ids[ri]
                at = live_at.get(rid)
                out.append(merge(live[at], config[ri]) if at is not None else deep_copy(config[ri]))
                emitted.add(rid)
                ri += 1
                continue
            li += 1
        return out


def _match_partial_keys(
    live: list[Any],
    live_ids: list[Any],
    config: list[Any],
    config_ids: list[Any],
    keys: tuple[str, ...],
) -> None:
    """Match a configured item that leaves out a defaulted key field (a port's
    protocol, when the schema gives no default) to the live item it means."""
    if len(keys) < 2:
        return
    known = set(live_ids)
    claimed = {c for c in config_ids if c in known}
    for i, (item, cid) in enumerate(zip(config, config_ids, strict=True)):
        if cid in known or not isinstance(item, dict):
            continue
        present = {k: item[k] for k in keys if item.get(k) is not None}
        for candidate, lid in zip(live, live_ids, strict=True):
            if (
                lid is not None
                and lid not in claimed
                and isinstance(candidate, dict)
                and present
                and all(json_equal(candidate.get(k), v) for k, v in present.items())
            ):
                config_ids[i] = lid
                claimed.add(lid)
                break


class _Pruner:
    """Removes fields from an object, and the containers they leave empty."""

    def __init__(self, view: SchemaView, keep: set[Path]) -> None:
        self.view = view
        self.keep = keep  # paths with something owned at or below them

    def remove(self, node: Any, path: Path, schema: Schema | None, prefix: Path = ()) -> None:
        element, rest = path[0], path[1:]
        here = (*prefix, element)
        if isinstance(node, dict) and element.startswith("f:"):
            name = element[2:]
            if name not in node:
                return
            if not rest:
                del node[name]
                return
            self.remove(node[name], rest, self.view.field(schema, name), here)
            child = node[name]
            if isinstance(child, dict | list) and not child and here not in self.keep:
                del node[name]
        elif isinstance(node, list):
            info = self.view.list_info(schema)
            item_schema = self.view.items(schema)
            if element.startswith("i:"):
                index = int(element[2:]) if element[2:].isdigit() else -1
                found = index if 0 <= index < len(node) else None
            else:
                found = next(
                    (
                        i
                        for i, item in enumerate(node)
                        if item_matches(self.view, item, element, info.map_keys, item_schema)
                    ),
                    None,
                )
            if found is None:
                return
            if not rest:
                del node[found]
                return
            if len(rest) == 1 and rest[0][2:] in info.map_keys:
                return  # an item that stays keeps its key
            self.remove(node[found], rest, item_schema, here)


def _prune(
    obj: JSONObj,
    candidates: FieldSet,
    managers: Mapping[ManagerKey, _Manager],
    schema: Schema | None,
    view: SchemaView,
) -> JSONObj:
    owned: FieldSet = set()
    for m in managers.values():
        owned |= m.fields
    keep = _prefixes(owned)
    pruner = _Pruner(view, keep)
    # outermost first: an item nobody owns goes whole, before its fields are looked at
    for path in sorted(candidates - owned, key=len):
        if path not in keep and not _stripped(path):
            pruner.remove(obj, path, schema)
    return obj


def _allowed_by_last_applied(
    live: JSONObj, view: SchemaView, schema: Schema | None, api_version: str, ignored: Iterable[str]
) -> FieldSet:
    """Fields client-side apply last applied that still hold the value it applied."""
    annotations = (live.get("metadata") or {}).get("annotations") or {}
    raw = annotations.get(LAST_APPLIED_ANNOTATION) if isinstance(annotations, dict) else None
    if not isinstance(raw, str) or not raw:
        return set()
    try:
        last = json.loads(raw)
    except ValueError:
        return set()
    if not isinstance(last, dict) or last.get("apiVersion") != api_version:
        return set()
    try:
        last_flat = _flat(view, _strip_nulls(last), schema, ignored, strict=False)
    except PatchError:
        return set()
    live_flat = _flat(view, live, schema, ignored, strict=False)
    return {
        p
        for p, v in last_flat.items()
        if p in live_flat and (v is ITEM or json_equal(v, live_flat[p]))
    }


def _sync_last_applied(obj: JSONObj, applied: JSONObj) -> None:
    """kubectl's server-side apply keeps a client-side annotation, if any, current."""
    annotations = (obj.get("metadata") or {}).get("annotations")
    if not isinstance(annotations, dict) or LAST_APPLIED_ANNOTATION not in annotations:
        return
    config = deep_copy(applied)
    config_annotations = (config.get("metadata") or {}).get("annotations")
    if isinstance(config_annotations, dict):
        config_annotations.pop(LAST_APPLIED_ANNOTATION, None)
    annotations[LAST_APPLIED_ANNOTATION] = _go_json(config) + "\n"


def _go_json(value: Any) -> str:
    """JSON as Go's encoding/json writes it (what kubectl itself stores here):
    sorted keys, UTF-8 kept, and <, >, &, U+2028, U+2029 escaped."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    for ch, esc in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(ch, esc)
    return text


# --- public API ---------------------------------------------------------------------


def apply(
    live: JSONObj | None,
    applied: JSONObj,
    manager: str,
    force: bool,
    schema: Schema | None,
    components: Mapping[str, Any] | None,
    now: str,
    *,
    api_version: str | None = None,
    subresource: str | None = None,
    ignored_fields: Iterable[str] = (),
) -> JSONObj:
    """The object after `manager` applies `applied` to `live` (None: create).

    `schema`/`components` are the type's OpenAPI v3 root schema and component
    schemas; `now` is the RFC 3339 time written into the manager's entry;
    `api_version` defaults to the applied object's; `ignored_fields` are
    top-level fields this endpoint resets (e.g. ("status",) for the main
    resource), left out of ownership and of the merge.

    Raises ApplyConflict (409) when fields other managers own would change
    and `force` is false; PatchError for an invalid configuration (400/422).
    Neither argument is modified.
    """
    if not isinstance(applied, dict):
        raise malformed("an apply patch must be a JSON or YAML object")
    if _managed_fields_of(applied):
        raise malformed("metadata.managedFields must be nil", "metadata.managedFields")
    if not manager:
        raise malformed("PATCH with apply requires a fieldManager", "fieldManager")
    ignored = tuple(ignored_fields)
    view = SchemaView.of(components)
    version = api_version or str(applied.get("apiVersion") or "")
    config = _strip_nulls(deep_copy(applied))
    for name in ignored:
        config.pop(name, None)

    base = _without_managed_fields(live)
    managers = _decode_entries(_managed_fields_of(live))
    if live is not None and not managers:
        # an object nobody tracked yet: what it holds belongs to one Update manager
        before = _Manager(BEFORE_FIRST_APPLY, "Update", version, now)
        before.fields = set(_flat(view, base, schema, ignored, strict=False))
        if before.fields:
            managers[before.key] = before

    applied_set = set(_flat(view, config, schema, ignored, strict=True))
    merged = _Merger(view).value(base, config, schema)
    me = _Manager(manager, "Apply", version, now, subresource or "", applied_set)
    previous = managers.get(me.key)
    last = previous.fields if previous is not None else set()
    managers[me.key] = me
    merged = _prune(merged, last - applied_set, managers, schema, view)

    old_flat = _flat(view, base, schema, ignored, strict=False)
    new_flat = _flat(view, merged, schema, ignored, strict=False)
    comparison = _compare(old_flat, new_flat)
    conflicts = {k: m.fields & comparison.changed for k, m in managers.items() if k != me.key}
    conflicts = {k: c for k, c in conflicts.items() if c}
    if conflicts and not force:
        allowed = (
            _allowed_by_last_applied(base, view, schema, version, ignored)
            if manager == "kubectl"
            else set()
        )
        remaining = {k: c - allowed for k, c in conflicts.items() if c - allowed}
        if remaining:
            raise ApplyConflict(
                [
                    FieldConflict(managers[k].printable(), path_string(p))
                    for k in sorted(remaining)
                    for p in sorted(remaining[k])
                ]
            )
    for k, m in managers.items():
        if k != me.key:
            m.fields -= conflicts.get(k, set()) | comparison.removed
    if (
        previous is not None
        and previous.fields == me.fields
        and not comparison.changed
        and not comparison.removed
    ):
        me.time = previous.time  # a no-op apply leaves its entry as it was
    if manager == "kubectl":
        _sync_last_applied(merged, applied)
    return _set_managed_fields(merged, {k: m for k, m in managers.items() if m.fields})


def track_update(
    old: JSONObj | None,
    new: JSONObj,
    manager: str,
    operation: str = "Update",
    *,
    schema: Schema | None = None,
    components: Mapping[str, Any] | None = None,
    now: str,
    api_version: str | None = None,
    subresource: str | None = None,
    ignored_fields: Iterable[str] = (),
) -> JSONObj:
    """`new` (the object a create/update/patch wrote) with managedFields updated.

    The manager takes every field whose value it added or changed, from
    whoever owned it; fields it removed leave every manager. Its entry's time
    moves only when it changed something. managedFields the client set itself
    (different from the old ones) are kept as given; `[{}]` clears them.
    Never raises for odd objects: lists that cannot be keyed count as one field.
    """
    ignored = tuple(ignored_fields)
    view = SchemaView.of(components)
    version = api_version or str(new.get("apiVersion") or "")
    sent = _managed_fields_of(new)
    before = _managed_fields_of(old)
    if isinstance(sent, list) and sent and not json_equal(sent, before):
        if all(isinstance(e, dict) and not e for e in sent):
            return _without_managed_fields(new)
        managers = _decode_entries(sent)
    else:
        managers = _decode_entries(before)

    base = _without_managed_fields(old)
    result = _without_managed_fields(new)
    comparison = _compare(
        _flat(view, base, schema, ignored, strict=False),
        _flat(view, result, schema, ignored, strict=False),
    )
    me = _Manager(manager or "unknown", operation, version, now, subresource or "")
    for k, m in managers.items():
        if k != me.key:
            m.fields -= comparison.changed | comparison.removed
    previous = managers.get(me.key)
    if previous is not None:
        me.fields = (previous.fields - comparison.removed) | comparison.changed
        if not comparison.changed:
            me.time = previous.time
    else:
        me.fields = set(comparison.changed)
    managers[me.key] = me
    return _set_managed_fields(result, {k: m for k, m in managers.items() if m.fields})
