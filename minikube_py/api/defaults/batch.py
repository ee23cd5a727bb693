"""Defaults of batch/v1: Job and CronJob, and the Job's generated selector."""

from __future__ import annotations

from typing import Any

from minikube_py.api.defaults._util import setdefault, sub
from minikube_py.api.defaults.pods import default_template

CONTROLLER_UID_LABEL = "batch.kubernetes.io/controller-uid"
LEGACY_CONTROLLER_UID_LABEL = "controller-uid"
JOB_NAME_LABEL = "batch.kubernetes.io/job-name"
LEGACY_JOB_NAME_LABEL = "job-name"
_MAX_INT32 = 2**31 - 1


def default_job(job: dict[str, Any]) -> None:
    spec = sub(job, "spec")
    if spec.get("completions") is None and spec.get("parallelism") is None:
        spec["completions"] = 1
        spec["parallelism"] = 1
    if spec.get("parallelism") is None:
        spec["parallelism"] = 1
    if spec.get("backoffLimit") is None:
        spec["backoffLimit"] = _MAX_INT32 if spec.get("backoffLimitPerIndex") is not None else 6
    template = spec.get("template")
    labels = template.get("metadata", {}).get("labels") if isinstance(template, dict) else None
    meta = sub(job, "metadata")
    if isinstance(labels, dict) and labels and not meta.get("labels"):
        meta["labels"] = dict(labels)
    setdefault(spec, "completionMode", "NonIndexed")
    if spec.get("suspend") is None:
        spec["suspend"] = False
    if spec.get("podReplacementPolicy") is None:
        spec["podReplacementPolicy"] = (
            "Failed" if spec.get("podFailurePolicy") is not None else "TerminatingOrFailed"
        )
    manual = spec.get("manualSelector") is True
    uid = meta.get("uid")
    if not manual and uid and spec.get("selector") is None:
        default_job_selector(job, str(uid))
    default_template(template)


def default_job_selector(job: dict[str, Any], uid: str) -> None:
    """The selector and pod labels Kubernetes generates for a Job (unless manualSelector).

    Call it once the Job has its name and uid. Labels the user already set are
    kept, so a conflicting one fails validation as on a real cluster.
    """
    spec = sub(job, "spec")
    if spec.get("manualSelector") is True:
        return
    name = str(sub(job, "metadata").get("name") or "")
    labels = sub(sub(sub(spec, "template"), "metadata"), "labels")
    for key in (LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL):
        labels.setdefault(key, name)
    for key in (LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL):
        labels.setdefault(key, uid)
    selector = sub(spec, "selector")
    sub(selector, "matchLabels").setdefault(CONTROLLER_UID_LABEL, uid)


def default_cron_job(cj: dict[str, Any]) -> None:
    spec = sub(cj, "spec")
    setdefault(spec, "concurrencyPolicy", "Allow")
    if spec.get("suspend") is None:
        spec["suspend"] = False
    if spec.get("successfulJobsHistoryLimit") is None:
        spec["successfulJobsHistoryLimit"] = 3
    if spec.get("failedJobsHistoryLimit") is None:
        spec["failedJobsHistoryLimit"] = 1
    job_template = sub(spec, "jobTemplate")
    sub(job_template, "metadata").setdefault("creationTimestamp", None)
    default_template(sub(sub(job_template, "spec"), "template"))
