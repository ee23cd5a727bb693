"""events.k8s.io/v1: events (the newer shape of core/v1 events)."""

from __future__ import annotations

from typing import Annotated

from minikube_py.model._base import Base, Int32, MicroTime, Time, doc
from minikube_py.model.core import EventSource, ObjectReference
from minikube_py.model.meta import ListMeta, ObjectMeta

SCHEMA_PACKAGE = "io.k8s.api.events.v1"

_API_VERSION = "Versioned schema of this object, e.g. v1 or apps/v1."
_KIND = "The REST kind of this object, in CamelCase, e.g. Pod."


class EventSeries(Base, kw_only=True):
    """A series of repeated events."""

    count: Annotated[Int32, doc("Occurrences so far.")]
    lastObservedTime: Annotated[MicroTime, doc("Time of the last occurrence.")]


class Event(Base, kw_only=True):
    """A report of something that happened to an object."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc("Standard object metadata.")] = None
    eventTime: Annotated[MicroTime, doc("When the event first happened.")]
    series: Annotated[EventSeries | None, doc("Series data for repeated events.")] = None
    reportingController: Annotated[str | None, doc("Controller that emitted the event.")] = None
    reportingInstance: Annotated[str | None, doc("Instance of the controller.")] = None
    action: Annotated[str | None, doc("What was done.")] = None
    reason: Annotated[str | None, doc("Why it was done.")] = None
    regarding: Annotated[ObjectReference | None, doc("The object the event is about.")] = None
    related: Annotated[ObjectReference | None, doc("A second object involved.")] = None
    note: Annotated[str | None, doc("Human-readable description.")] = None
    type: Annotated[str | None, doc("Normal or Warning.")] = None
    deprecatedSource: Annotated[
        EventSource | None, doc("core/v1 source, kept for compatibility.")
    ] = None
    deprecatedFirstTimestamp: Annotated[Time | None, doc("core/v1 firstTimestamp.")] = None
    deprecatedLastTimestamp: Annotated[Time | None, doc("core/v1 lastTimestamp.")] = None
    deprecatedCount: Annotated[Int32 | None, doc("core/v1 count.")] = None


class EventList(Base, kw_only=True):
    """A list of events."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ListMeta | None, doc("Standard list metadata.")] = None
    items: Annotated[list[Event], doc("The events.")]
