"""api/conversion.py: each served version converts to its storage version and back."""

from __future__ import annotations

import json
from typing import Any

import pytest

from minikube_py.api import conversion
from minikube_py.api.registry import RESOURCES, Registry, ResourceInfo

CONVERTED = [r for r in RESOURCES if r.converted]


@pytest.mark.parametrize("info", CONVERTED, ids=lambda r: f"{r.api_version}/{r.plural}")
def test_every_converted_resource_has_both_directions(info: ResourceInfo) -> None:
    served, stored = (info.api_version, info.kind), (info.storage_api_version, info.kind)
    assert conversion.has_conversion(served, stored)
    assert conversion.has_conversion(stored, served)
    assert Registry().storage_of(info).key_prefix("ns") == info.key_prefix("ns")


def test_a_duplicate_conversion_is_refused() -> None:
    with pytest.raises(ValueError, match="duplicate conversion"):
        conversion.register(conversion.CORE_EVENT, conversion.EVENTS_V1_EVENT)(lambda o: o)


def test_an_event_maps_its_renamed_fields_both_ways() -> None:
    core: dict[str, Any] = {
        "apiVersion": "v1",
        "kind": "Event",
        "metadata": {"name": "e", "namespace": "ns", "resourceVersion": "7"},
        "involvedObject": {"kind": "Pod", "name": "p"},
        "message": "m",
        "source": {"component": "kubelet"},
        "firstTimestamp": "2026-01-01T00:00:00Z",
        "lastTimestamp": None,
        "count": 3,
        "reportingComponent": "kubelet",
        "reportingInstance": "node-a",
        "reason": "Started",
        "series": {"count": 2, "lastObservedTime": "2026-01-01T00:00:00.000000Z"},
    }
    before = json.dumps(core)
    new = conversion.convert(core, "events.k8s.io/v1", "Event")
    assert json.dumps(core) == before, "the input is never mutated"
    assert new["regarding"] == {"kind": "Pod", "name": "p"}
    assert (new["note"], new["deprecatedCount"], new["reportingController"]) == ("m", 3, "kubelet")
    assert new["deprecatedSource"] == {"component": "kubelet"}
    assert new["deprecatedFirstTimestamp"] == "2026-01-01T00:00:00Z"
    assert new["metadata"] == core["metadata"] and new["series"] == core["series"]
    assert conversion.convert(new, "v1", "Event") == core


def test_an_hpa_keeps_what_v1_cannot_say_in_annotations_and_back() -> None:
    v2: dict[str, Any] = {
        "apiVersion": "autoscaling/v2",
        "kind": "HorizontalPodAutoscaler",
        "metadata": {"name": "h", "annotations": {"keep": "me"}},
        "spec": {
            "scaleTargetRef": {"kind": "Deployment", "name": "web"},
            "minReplicas": 1,
            "maxReplicas": 4,
            "metrics": [
                {
                    "type": "Resource",
                    "resource": {
                        "name": "cpu",
                        "target": {"type": "Utilization", "averageUtilization": 70},
                    },
                },
                {
                    "type": "Pods",
                    "pods": {
                        "metric": {"name": "qps"},
                        "target": {"type": "AverageValue", "averageValue": "10"},
                    },
                },
            ],
            "behavior": {"scaleDown": {"stabilizationWindowSeconds": 60}},
        },
        "status": {
            "currentReplicas": 1,
            "desiredReplicas": 2,
            "currentMetrics": [
                {
                    "type": "Resource",
                    "resource": {"name": "cpu", "current": {"averageUtilization": 40}},
                }
            ],
            "conditions": [{"type": "AbleToScale", "status": "True"}],
        },
    }
    v1 = conversion.convert(v2, "autoscaling/v1", "HorizontalPodAutoscaler")
    assert v1["spec"] == {
        "scaleTargetRef": {"kind": "Deployment", "name": "web"},
        "minReplicas": 1,
        "maxReplicas": 4,
        "targetCPUUtilizationPercentage": 70,
    }
    assert v1["status"] == {
        "currentReplicas": 1,
        "desiredReplicas": 2,
        "currentCPUUtilizationPercentage": 40,
    }
    annotations = v1["metadata"]["annotations"]
    assert json.loads(annotations[conversion.METRICS_ANNOTATION]) == [
        {"type": "Pods", "pods": {"metricName": "qps", "targetAverageValue": "10"}}
    ]
    assert conversion.CONDITIONS_ANNOTATION in annotations
    assert conversion.BEHAVIOR_ANNOTATION in annotations
    assert conversion.convert(v1, "autoscaling/v2", "HorizontalPodAutoscaler") == v2
