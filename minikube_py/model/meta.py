"""meta/v1: object and list metadata, label selectors, Status, DeleteOptions, Table."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec

from minikube_py.model._base import (
    Base,
    FieldsV1,
    Int32,
    Int64,
    MicroTime,
    RawExtension,
    Time,
    atomic,
    doc,
    merge_list,
)

SCHEMA_PACKAGE = "io.k8s.apimachinery.pkg.apis.meta.v1"

__all__ = [
    "Condition",
    "DeleteOptions",
    "LabelSelector",
    "LabelSelectorRequirement",
    "ListMeta",
    "ManagedFieldsEntry",
    "MicroTime",
    "ObjectMeta",
    "OwnerReference",
    "Patch",
    "Preconditions",
    "Status",
    "StatusCause",
    "StatusDetails",
    "Table",
    "TableColumnDefinition",
    "TableRow",
    "Time",
    "WatchEvent",
]

_API_VERSION = "Versioned schema of this object, e.g. v1 or apps/v1."
_KIND = "The REST kind of this object, in CamelCase, e.g. Pod."


class OwnerReference(Base, kw_only=True):
    """Points at an object that owns this one; the garbage collector deletes
    dependents once all their owners are gone."""

    apiVersion: Annotated[str, doc("API version of the owner.")]
    kind: Annotated[str, doc("Kind of the owner.")]
    name: Annotated[str, doc("Name of the owner.")]
    uid: Annotated[str, doc("UID of the owner.")]
    controller: Annotated[bool | None, doc("True if the owner is the managing controller.")] = None
    blockOwnerDeletion: Annotated[
        bool | None, doc("If true, foreground deletion of the owner waits for this dependent.")
    ] = None


class ManagedFieldsEntry(Base, kw_only=True):
    """The set of fields one field manager owns, for server-side apply."""

    manager: Annotated[str | None, doc("Name of the field manager.")] = None
    operation: Annotated[str | None, doc("Apply or Update.", enum=("Apply", "Update"))] = None
    apiVersion: Annotated[str | None, doc("API version the fieldset is expressed in.")] = None
    time: Annotated[Time | None, doc("When the fields were last changed.")] = None
    fieldsType: Annotated[str | None, doc('Format of fieldsV1; only "FieldsV1".')] = None
    fieldsV1: Annotated[FieldsV1 | None, doc("The owned fields as a trie of field paths.")] = None
    subresource: Annotated[str | None, doc("The subresource the fields were written through.")] = (
        None
    )


class ObjectMeta(Base, kw_only=True):
    """Metadata every persisted object has: name, namespace, labels, owners, versions."""

    name: Annotated[
        str | None, doc("Name, unique within a namespace (or cluster for cluster-scoped kinds).")
    ] = None
    generateName: Annotated[
        str | None, doc("Prefix from which the server makes a unique name when name is empty.")
    ] = None
    namespace: Annotated[
        str | None, doc("Namespace of the object; empty for cluster-scoped kinds.")
    ] = None
    selfLink: Annotated[str | None, doc("Deprecated; not set by the server.")] = None
    uid: Annotated[str | None, doc("Unique id the server assigns on creation. Read-only.")] = None
    resourceVersion: Annotated[
        str | None,
        doc("Opaque version of the object, for optimistic concurrency and watches. Read-only."),
    ] = None
    generation: Annotated[
        Int64 | None, doc("Sequence number of the desired state (spec). Read-only.")
    ] = None
    creationTimestamp: Annotated[Time | None, doc("When the object was created. Read-only.")] = None
    deletionTimestamp: Annotated[
        Time | None, doc("When deletion was requested; set by the server. Read-only.")
    ] = None
    deletionGracePeriodSeconds: Annotated[
        Int64 | None, doc("Seconds allowed for graceful termination before removal. Read-only.")
    ] = None
    labels: Annotated[
        dict[str, str] | None, doc("Key/value pairs for organising and selecting objects.")
    ] = None
    annotations: Annotated[
        dict[str, str] | None, doc("Key/value pairs for non-identifying metadata, read by tools.")
    ] = None
    ownerReferences: Annotated[
        list[OwnerReference] | None,
        merge_list("Objects this object depends on; at most one may be the controller.", "uid"),
    ] = None
    finalizers: Annotated[
        list[str] | None,
        doc(
            "Keys that must be removed before the object is deleted from storage.",
            strategy="merge",
            list_type="set",
        ),
    ] = None
    managedFields: Annotated[
        list[ManagedFieldsEntry] | None, atomic("Which field manager owns which fields.")
    ] = None


class ListMeta(Base, kw_only=True):
    """Metadata of a list: its resource version and continuation token."""

    selfLink: Annotated[str | None, doc("Deprecated; not set by the server.")] = None
    resourceVersion: Annotated[
        str | None, doc("The version of the list, to start a watch from.")
    ] = None
    continue_: Annotated[str | None, doc("Token to fetch the next chunk of a limited list.")] = (
        msgspec.field(default=None, name="continue")
    )
    remainingItemCount: Annotated[
        Int64 | None, doc("Number of items after this chunk, when the server can tell.")
    ] = None


class LabelSelectorRequirement(Base, kw_only=True):
    """One label test: a key, an operator and values."""

    key: Annotated[str, doc("The label key.")]
    operator: Annotated[
        str,
        doc("In, NotIn, Exists or DoesNotExist.", enum=("DoesNotExist", "Exists", "In", "NotIn")),
    ]
    values: Annotated[
        list[str] | None, atomic("Values for In and NotIn; empty for Exists and DoesNotExist.")
    ] = None


class LabelSelector(Base, kw_only=True):
    """Selects objects by labels; all conditions are ANDed, an empty selector matches all."""

    matchLabels: Annotated[dict[str, str] | None, doc("Labels that must equal these values.")] = (
        None
    )
    matchExpressions: Annotated[
        list[LabelSelectorRequirement] | None, atomic("Label requirements that must all hold.")
    ] = None


class Condition(Base, kw_only=True):
    """A standard condition of an object's status."""

    type: Annotated[str, doc("Condition type in CamelCase.")]
    status: Annotated[str, doc("True, False or Unknown.", enum=("False", "True", "Unknown"))]
    observedGeneration: Annotated[
        Int64 | None, doc("The generation the condition was computed from.")
    ] = None
    lastTransitionTime: Annotated[Time, doc("When the status last changed.")]
    reason: Annotated[str, doc("Machine-readable reason for the last transition.")]
    message: Annotated[str, doc("Human-readable details.")]


class StatusCause(Base, kw_only=True):
    """One cause of an error, usually an invalid field."""

    reason: Annotated[str | None, doc("Machine-readable cause, e.g. FieldValueInvalid.")] = None
    message: Annotated[str | None, doc("Human-readable description.")] = None
    field: Annotated[str | None, doc("The field at fault, e.g. spec.containers[0].image.")] = None


class StatusDetails(Base, kw_only=True):
    """Extra data about an error: the object concerned and its causes."""

    name: Annotated[str | None, doc("Name of the object concerned.")] = None
    group: Annotated[str | None, doc("API group of the object concerned.")] = None
    kind: Annotated[str | None, doc("Kind of the object concerned.")] = None
    uid: Annotated[str | None, doc("UID of the object concerned.")] = None
    causes: Annotated[list[StatusCause] | None, atomic("The causes of the error.")] = None
    retryAfterSeconds: Annotated[Int32 | None, doc("Seconds to wait before retrying.")] = None


class Status(Base, kw_only=True):
    """The result of an operation that returns no object, and every error."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ListMeta | None, doc("Standard list metadata.")] = None
    status: Annotated[str | None, doc("Success or Failure.")] = None
    message: Annotated[str | None, doc("Human-readable description of the result.")] = None
    reason: Annotated[str | None, doc("Machine-readable reason, e.g. NotFound, AlreadyExists.")] = (
        None
    )
    details: Annotated[StatusDetails | None, doc("Extra data about the result.")] = None
    code: Annotated[Int32 | None, doc("The HTTP status code.")] = None


class Preconditions(Base, kw_only=True):
    """Conditions the object must meet for a delete to go ahead."""

    uid: Annotated[str | None, doc("The UID the object must have.")] = None
    resourceVersion: Annotated[str | None, doc("The resource version the object must have.")] = None


class DeleteOptions(Base, kw_only=True):
    """Options of a delete request."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    gracePeriodSeconds: Annotated[
        Int64 | None, doc("Seconds before the object is deleted; 0 is now.")
    ] = None
    preconditions: Annotated[Preconditions | None, doc("Must hold or the delete answers 409.")] = (
        None
    )
    orphanDependents: Annotated[bool | None, doc("Deprecated; use propagationPolicy.")] = None
    propagationPolicy: Annotated[
        str | None,
        doc("How dependents are garbage collected.", enum=("Background", "Foreground", "Orphan")),
    ] = None
    dryRun: Annotated[list[str] | None, atomic("All: run every stage but persist nothing.")] = None


class Patch(Base, kw_only=True):
    """A patch body; its format is given by the request's content type."""


class WatchEvent(Base, kw_only=True):
    """One event of a watch stream."""

    type: Annotated[str, doc("ADDED, MODIFIED, DELETED, BOOKMARK or ERROR.")]
    object: Annotated[RawExtension, doc("The object (or a Status for ERROR).")]


class TableColumnDefinition(Base, kw_only=True):
    """One column of a server-printed table."""

    name: Annotated[str, doc("Column header.")]
    type: Annotated[str, doc("OpenAPI type of the cells: string, integer, number, boolean.")]
    format: Annotated[str, doc("OpenAPI format of the cells, e.g. name or date.")]
    description: Annotated[str, doc("What the column shows.")]
    priority: Annotated[Int32, doc("0 for the default view, higher for wide views.")]


class TableRow(Base, kw_only=True):
    """One row of a server-printed table."""

    cells: Annotated[list[Any], atomic("One value per column.")]
    conditions: Annotated[
        list[dict[str, Any]] | None, atomic("Row conditions, e.g. Completed.")
    ] = None
    object: Annotated[RawExtension | None, doc("The object or its metadata, as requested.")] = None


class Table(Base, kw_only=True):
    """A server-side rendering of a list of objects as rows and columns."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ListMeta | None, doc("Standard list metadata.")] = None
    columnDefinitions: Annotated[list[TableColumnDefinition], atomic("The columns.")]
    rows: Annotated[list[TableRow], atomic("The rows.")]


# re-exported named scalars, so users write meta.Time
_ = (MicroTime, Time)
