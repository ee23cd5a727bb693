"""batch/v1: Job and CronJob."""

from __future__ import annotations

import re
import zoneinfo
from typing import Any

from minikube_py.api.validation import cron, pods
from minikube_py.api.validation import field as f
from minikube_py.api.validation import meta as m
from minikube_py.api.validation.field import Cause
from minikube_py.api.validation.meta import as_dict, as_int, as_list, as_str

CONTROLLER_UID_LABEL = "batch.kubernetes.io/controller-uid"
LEGACY_CONTROLLER_UID_LABEL = "controller-uid"
JOB_NAME_LABEL = "batch.kubernetes.io/job-name"
LEGACY_JOB_NAME_LABEL = "job-name"
_TZ_PART_RE = re.compile(r"^[A-Za-z\.\-_0-9+]{1,14}$")


def _job_spec(spec: dict[str, Any], path: str) -> list[Cause]:
    """validateJobSpec: the rules shared by Jobs and CronJob job templates."""
    out: list[Cause] = []
    for fld in (
        "parallelism",
        "completions",
        "activeDeadlineSeconds",
        "backoffLimit",
        "ttlSecondsAfterFinished",
    ):
        out += m.nonnegative(f.child(path, fld), spec.get(fld))
    mode = spec.get("completionMode")
    if mode is not None:
        if mode not in ("NonIndexed", "Indexed"):
            out.append(
                f.not_supported(f.child(path, "completionMode"), mode, ("NonIndexed", "Indexed"))
            )
        if mode == "Indexed" and spec.get("completions") is None:
            out.append(f.required(f.child(path, "completions"), "when completion mode is Indexed"))
    bli = spec.get("backoffLimitPerIndex")
    if bli is not None:
        out += m.nonnegative(f.child(path, "backoffLimitPerIndex"), bli)
        if mode != "Indexed":
            out.append(
                f.invalid(
                    f.child(path, "backoffLimitPerIndex"), bli, "requires indexed completion mode"
                )
            )
    prp = spec.get("podReplacementPolicy")
    if prp is not None and prp not in ("TerminatingOrFailed", "Failed"):
        out.append(
            f.not_supported(
                f.child(path, "podReplacementPolicy"), prp, ("TerminatingOrFailed", "Failed")
            )
        )
    tpath = f.child(path, "template")
    template = as_dict(spec.get("template"))
    out += pods.validate_pod_template(template, tpath)
    policy = as_str(as_dict(template.get("spec")).get("restartPolicy"))
    rp = f.child(tpath, "spec", "restartPolicy")
    if policy in ("Always", ""):
        out.append(f.required(rp, 'valid values: "OnFailure", "Never"'))
    elif policy not in ("OnFailure", "Never"):
        out.append(f.not_supported(rp, policy, ("OnFailure", "Never")))
    elif spec.get("podFailurePolicy") is not None and policy != "Never":
        out.append(
            f.invalid(rp, policy, 'only "Never" is supported when podFailurePolicy is specified')
        )
    return out


def validate_job(job: dict[str, Any]) -> list[Cause]:
    spec = as_dict(job.get("spec"))
    meta = as_dict(job.get("metadata"))
    out = _generated_selector(job)
    out += _job_spec(spec, "spec")
    sel = spec.get("selector")
    if sel is None:
        out.append(f.required("spec.selector"))
    else:
        out += m.validate_label_selector(sel, "spec.selector")
    labels = as_dict(as_dict(as_dict(spec.get("template")).get("metadata")).get("labels"))
    if sel is not None and not m.selector_matches(sel, labels):
        out.append(
            f.invalid(
                "spec.template.metadata.labels",
                f.str_map(labels),
                "`selector` does not match template `labels`",
            )
        )
    completions = as_int(spec.get("completions"))
    if spec.get("completionMode") == "Indexed" and completions and completions > 0:
        hostname = f"{as_str(meta.get('name'))}-{completions - 1}"
        if m.dns1123_label(hostname):
            out.append(
                f.invalid(
                    "metadata.name",
                    as_str(meta.get("name")),
                    f"will not able to create pod with invalid DNS label: {hostname}",
                )
            )
    return out


def _generated_selector(job: dict[str, Any]) -> list[Cause]:
    spec = as_dict(job.get("spec"))
    if spec.get("manualSelector") is True:
        return []
    tmeta = as_dict(as_dict(spec.get("template")).get("metadata"))
    if tmeta.get("labels") is None or spec.get("selector") is None:
        return []
    meta = as_dict(job.get("metadata"))
    uid, name = as_str(meta.get("uid")), as_str(meta.get("name"))
    out: list[Cause] = []
    if not uid:
        out.append(f.required("metadata.uid"))
    labels = as_dict(tmeta.get("labels"))
    for label, want in (
        (LEGACY_CONTROLLER_UID_LABEL, uid),
        (LEGACY_JOB_NAME_LABEL, name),
        (CONTROLLER_UID_LABEL, uid),
        (JOB_NAME_LABEL, name),
    ):
        if label not in labels:
            out.append(f.required(f"spec.template.metadata.labels[{label}]", want))
        elif labels[label] != want:
            out.append(
                f.invalid(
                    f"spec.template.metadata.labels[{label}]",
                    f.str_map(labels),
                    f"must be '{want}'",
                )
            )
    match = as_dict(as_dict(spec.get("selector")).get("matchLabels"))
    if match.get(CONTROLLER_UID_LABEL) != uid:
        out.append(
            f.invalid(
                "spec.selector",
                f.label_selector(as_dict(spec.get("selector"))),
                "`selector` not auto-generated",
            )
        )
    return out


def validate_job_update(new: dict[str, Any], old: dict[str, Any]) -> list[Cause]:
    ns, os_ = as_dict(new.get("spec")), as_dict(old.get("spec"))
    out: list[Cause] = []
    if ns.get("completions") != os_.get("completions"):
        indexed = ns.get("completionMode") == "Indexed"
        if not indexed:
            out.append(f.immutable("spec.completions", ns.get("completions")))
        elif ns.get("completions") != ns.get("parallelism"):
            out.append(
                f.invalid(
                    "spec.completions",
                    ns.get("completions"),
                    "can only be modified in tandem with spec.parallelism",
                )
            )
    if ns.get("selector") != os_.get("selector"):
        out.append(f.immutable("spec.selector", f.label_selector(as_dict(ns.get("selector")))))
    if ns.get("template") != os_.get("template") and not _scheduling_only_change(new, old):
        out.append(f.immutable("spec.template", f.GoRepr("core.PodTemplateSpec{...}")))
    for fld in ("completionMode", "podFailurePolicy", "backoffLimitPerIndex"):
        if ns.get(fld) != os_.get(fld):
            value = ns.get(fld)
            out.append(
                f.immutable(
                    f"spec.{fld}", value if not isinstance(value, dict) else f.GoRepr("{...}")
                )
            )
    return out


def _scheduling_only_change(new: dict[str, Any], old: dict[str, Any]) -> bool:
    """A suspended job that never started may change its pods' scheduling directives."""
    ns = as_dict(new.get("spec"))
    status = as_dict(old.get("status"))
    if ns.get("suspend") is not True or status.get("startTime"):
        return False
    a, b = as_dict(ns.get("template")), as_dict(as_dict(old.get("spec")).get("template"))
    allowed = ("nodeSelector", "tolerations", "affinity", "schedulingGates")
    sa = {k: v for k, v in as_dict(a.get("spec")).items() if k not in allowed}
    sb = {k: v for k, v in as_dict(b.get("spec")).items() if k not in allowed}
    return sa == sb


# -------------------------------------------------------------- cronjob


def validate_cron_job(cj: dict[str, Any], old: dict[str, Any] | None = None) -> list[Cause]:
    spec = as_dict(cj.get("spec"))
    old_spec = as_dict((old or {}).get("spec"))
    out: list[Cause] = []
    name = as_str(as_dict(cj.get("metadata")).get("name"))
    if old is None and len(name) > 52:
        out.append(f.invalid("metadata.name", name, "must be no more than 52 characters"))
    schedule = as_str(spec.get("schedule"))
    if not schedule:
        out.append(f.required("spec.schedule"))
    else:
        err = cron.parse(schedule)
        if err is not None:
            out.append(f.invalid("spec.schedule", schedule, err))
        allow_tz = "TZ" in as_str(old_spec.get("schedule"))
        if allow_tz and "TZ" in schedule and spec.get("timeZone") is not None:
            out.append(
                f.invalid(
                    "spec.schedule",
                    schedule,
                    "cannot use both timeZone field and TZ or CRON_TZ in schedule",
                )
            )
        elif not allow_tz and "TZ" in schedule:
            out.append(
                f.invalid(
                    "spec.schedule",
                    schedule,
                    "cannot use TZ or CRON_TZ in schedule, use timeZone field instead",
                )
            )
    out += m.nonnegative("spec.startingDeadlineSeconds", spec.get("startingDeadlineSeconds"))
    if old is None or old_spec.get("timeZone") != spec.get("timeZone"):
        out += _time_zone(spec.get("timeZone"))
    policy = as_str(spec.get("concurrencyPolicy"))
    if not policy:
        out.append(f.required("spec.concurrencyPolicy"))
    elif policy not in ("Allow", "Forbid", "Replace"):
        out.append(
            f.not_supported("spec.concurrencyPolicy", policy, ("Allow", "Forbid", "Replace"))
        )
    jt = as_dict(spec.get("jobTemplate"))
    jspec = as_dict(jt.get("spec"))
    out += m.validate_labels(
        as_dict(jt.get("metadata")).get("labels"), "spec.jobTemplate.metadata.labels"
    )
    out += m.validate_annotations(
        as_dict(jt.get("metadata")).get("annotations"), "spec.jobTemplate.metadata.annotations"
    )
    out += _job_spec(jspec, "spec.jobTemplate.spec")
    if jspec.get("selector") is not None:
        out.append(
            f.invalid(
                "spec.jobTemplate.spec.selector",
                f.label_selector(as_dict(jspec.get("selector"))),
                "`selector` will be auto-generated",
            )
        )
    if jspec.get("manualSelector") is True:
        out.append(f.not_supported("spec.jobTemplate.spec.manualSelector", True, ("nil", "false")))
    out += m.nonnegative("spec.successfulJobsHistoryLimit", spec.get("successfulJobsHistoryLimit"))
    out += m.nonnegative("spec.failedJobsHistoryLimit", spec.get("failedJobsHistoryLimit"))
    return out


def _time_zone(tz: Any) -> list[Cause]:
    if tz is None:
        return []
    text = as_str(tz)
    path = "spec.timeZone"
    if not text:
        return [f.invalid(path, text, "timeZone must be nil or non-empty string")]
    for part in text.split("/"):
        if part in (".", "..") or part.startswith("-") or not _TZ_PART_RE.match(part):
            return [f.invalid(path, text, f"unknown time zone {text}")]
    if text.lower() == "local":
        return [
            f.invalid(
                path,
                text,
                "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones",
            )
        ]
    try:
        zoneinfo.ZoneInfo(text)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return [f.invalid(path, text, f"unknown time zone {text}")]
    return []


def validate_job_status(job: dict[str, Any]) -> list[Cause]:
    status = as_dict(job.get("status"))
    out: list[Cause] = []
    for fld in ("active", "succeeded", "failed", "ready", "terminating"):
        out += m.nonnegative(f"status.{fld}", status.get(fld))
    for i, c in enumerate(as_list(status.get("conditions"))):
        if not as_str(as_dict(c).get("type")):
            out.append(f.required(f"status.conditions[{i}].type"))
    return out
