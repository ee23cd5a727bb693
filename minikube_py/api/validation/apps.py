"""apps/v1: Deployment, ReplicaSet, StatefulSet and DaemonSet."""

from __future__ import annotations

from typing import Any

from minikube_py.api.validation import field as f
from minikube_py.api.validation import meta as m
from minikube_py.api.validation import pods
from minikube_py.api.validation.field import Cause
from minikube_py.api.validation.meta import as_dict, as_int, as_str


def _selector(spec: dict[str, Any], kind_word: str) -> tuple[list[Cause], bool]:
    """Selector present, valid and not empty; returns (errors, usable for matching)."""
    sel = spec.get("selector")
    if sel is None:
        return [f.required("spec.selector")], False
    errs = m.validate_label_selector(sel, "spec.selector")
    out = list(errs)
    if m.selector_is_empty(sel):
        out.append(
            f.invalid(
                "spec.selector",
                f.label_selector(as_dict(sel)),
                f"empty selector is invalid for {kind_word}",
            )
        )
    return out, not errs


def _template(spec: dict[str, Any], usable: bool, kind: str) -> list[Cause]:
    template = spec.get("template")
    labels = as_dict(as_dict(as_dict(template).get("metadata")).get("labels"))
    sel = spec.get("selector")
    matches = m.selector_matches(sel, labels)
    return pods.validate_template_for_controller(
        template, usable and not m.selector_is_empty(sel), matches, kind, "spec.template"
    )


def int_or_percent_value(v: Any) -> int:
    if isinstance(v, str):
        try:
            return int(v.rstrip("%"))
        except ValueError:
            return 0
    return as_int(v) or 0


def positive_int_or_percent(v: Any, path: str) -> list[Cause]:
    if isinstance(v, str):
        return f.invalid_each(path, f.int_or_string(v), m.percent(v))
    if as_int(v) is not None:
        return m.nonnegative(path, v)
    if v is None:
        return []
    return [f.invalid(path, f.go_value(v), "must be an integer or percentage (e.g '5%')")]


def not_more_than_100_percent(v: Any, path: str) -> list[Cause]:
    if isinstance(v, str) and not m.percent(v) and int_or_percent_value(v) > 100:
        return [f.invalid(path, f.int_or_string(v), "must not be greater than 100%")]
    return []


# ----------------------------------------------------------- deployment


def validate_deployment(d: dict[str, Any]) -> list[Cause]:
    spec = as_dict(d.get("spec"))
    out = m.nonnegative("spec.replicas", spec.get("replicas"))
    errs, usable = _selector(spec, "deployment")
    out += errs
    out += _template(spec, usable, "Deployment")
    out += _deployment_strategy(as_dict(spec.get("strategy")))
    out += m.nonnegative("spec.minReadySeconds", spec.get("minReadySeconds"))
    out += m.nonnegative("spec.revisionHistoryLimit", spec.get("revisionHistoryLimit"))
    pds = as_int(spec.get("progressDeadlineSeconds"))
    if pds is not None:
        out += m.nonnegative("spec.progressDeadlineSeconds", pds)
        if pds <= (as_int(spec.get("minReadySeconds")) or 0):
            out.append(
                f.invalid(
                    "spec.progressDeadlineSeconds", pds, "must be greater than minReadySeconds"
                )
            )
    return out


def _deployment_strategy(strategy: dict[str, Any]) -> list[Cause]:
    stype = as_str(strategy.get("type"))
    ru = strategy.get("rollingUpdate")
    if stype == "Recreate":
        if ru is not None:
            return [
                f.forbidden(
                    "spec.strategy.rollingUpdate",
                    "may not be specified when strategy `type` is 'Recreate'",
                )
            ]
        return []
    if stype == "RollingUpdate":
        if ru is None:
            return [
                f.required(
                    "spec.strategy.rollingUpdate", "this should be defaulted and never be nil"
                )
            ]
        r = as_dict(ru)
        p = "spec.strategy.rollingUpdate"
        out = positive_int_or_percent(r.get("maxUnavailable"), f"{p}.maxUnavailable")
        out += positive_int_or_percent(r.get("maxSurge"), f"{p}.maxSurge")
        if (
            int_or_percent_value(r.get("maxUnavailable")) == 0
            and int_or_percent_value(r.get("maxSurge")) == 0
        ):
            out.append(
                f.invalid(
                    f"{p}.maxUnavailable",
                    f.int_or_string(r.get("maxUnavailable")),
                    "may not be 0 when `maxSurge` is 0",
                )
            )
        out += not_more_than_100_percent(r.get("maxUnavailable"), f"{p}.maxUnavailable")
        return out
    repr_ = f.GoRepr(
        f"apps.DeploymentStrategy{{Type:{f.go_quote(stype)}, RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}}"
    )
    return [f.not_supported("spec.strategy", repr_, ("Recreate", "RollingUpdate"))]


def validate_selector_immutable(new: dict[str, Any], old: dict[str, Any]) -> list[Cause]:
    ns, os_ = as_dict(new.get("spec")), as_dict(old.get("spec"))
    if ns.get("selector") != os_.get("selector"):
        return [f.immutable("spec.selector", f.label_selector(as_dict(ns.get("selector"))))]
    return []


# ----------------------------------------------------------- replicaset


def validate_replica_set(rs: dict[str, Any]) -> list[Cause]:
    spec = as_dict(rs.get("spec"))
    out = m.nonnegative("spec.replicas", spec.get("replicas"))
    out += m.nonnegative("spec.minReadySeconds", spec.get("minReadySeconds"))
    # Kubernetes says "deployment" here too
    errs, usable = _selector(spec, "deployment")
    out += errs
    out += _template(spec, usable, "ReplicaSet")
    return out


# ---------------------------------------------------------- statefulset


def validate_stateful_set(ss: dict[str, Any]) -> list[Cause]:
    spec = as_dict(ss.get("spec"))
    out: list[Cause] = []
    pmp = as_str(spec.get("podManagementPolicy"))
    if not pmp:
        out.append(f.required("spec.podManagementPolicy"))
    elif pmp not in ("OrderedReady", "Parallel"):
        out.append(
            f.invalid("spec.podManagementPolicy", pmp, "must be 'OrderedReady' or 'Parallel'")
        )
    us = as_dict(spec.get("updateStrategy"))
    ustype = as_str(us.get("type"))
    if not ustype:
        out.append(f.required("spec.updateStrategy"))
    elif ustype == "OnDelete":
        if us.get("rollingUpdate") is not None:
            out.append(
                f.invalid("spec.updateStrategy.rollingUpdate", f.GoRepr("&apps.RollingUpdateStatefulSetStrategy{...}"),
                          "only allowed for updateStrategy 'RollingUpdate'")
            )  # fmt: skip
    elif ustype == "RollingUpdate":
        ru = as_dict(us.get("rollingUpdate"))
        out += m.nonnegative("spec.updateStrategy.rollingUpdate.partition", ru.get("partition"))
        if ru.get("maxUnavailable") is not None:
            mu = ru.get("maxUnavailable")
            out += positive_int_or_percent(mu, "spec.updateStrategy.rollingUpdate.maxUnavailable")
            if int_or_percent_value(mu) == 0:
                out.append(
                    f.invalid(
                        "spec.updateStrategy.rollingUpdate.maxUnavailable",
                        f.int_or_string(mu),
                        "must be greater than 0",
                    )
                )
    else:
        out.append(f.invalid("spec.updateStrategy", f.GoRepr(f"apps.StatefulSetUpdateStrategy{{Type:{f.go_quote(ustype)}}}"),
                             "must be 'RollingUpdate' or 'OnDelete'"))  # fmt: skip
    policy = spec.get("persistentVolumeClaimRetentionPolicy")
    if policy is not None:
        for fld in ("whenDeleted", "whenScaled"):
            v = as_str(as_dict(policy).get(fld))
            if v not in ("Retain", "Delete"):
                out.append(
                    f.not_supported(
                        f"spec.persistentVolumeClaimRetentionPolicy.{fld}", v, ("Retain", "Delete")
                    )
                )
    ordinals = spec.get("ordinals")
    if ordinals is not None:
        out += m.nonnegative("spec.ordinals.start", as_dict(ordinals).get("start"))
    out += m.nonnegative("spec.replicas", spec.get("replicas"))
    out += m.nonnegative("spec.minReadySeconds", spec.get("minReadySeconds"))
    errs, usable = _selector(spec, "statefulset")
    out += errs
    out += _template(spec, usable, "StatefulSet")
    return out


_STS_MUTABLE = (
    "replicas",
    "ordinals",
    "template",
    "updateStrategy",
    "persistentVolumeClaimRetentionPolicy",
    "minReadySeconds",
)


def validate_stateful_set_update(new: dict[str, Any], old: dict[str, Any]) -> list[Cause]:
    ns, os_ = as_dict(new.get("spec")), as_dict(old.get("spec"))
    strip = {k: v for k, v in ns.items() if k not in (*_STS_MUTABLE, "revisionHistoryLimit")}
    strip_old = {k: v for k, v in os_.items() if k not in (*_STS_MUTABLE, "revisionHistoryLimit")}
    if strip != strip_old:
        return [
            f.forbidden(
                "spec",
                "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', "
                "'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and "
                "'minReadySeconds' are forbidden",
            )
        ]
    return []


# ------------------------------------------------------------ daemonset


def validate_daemon_set(ds: dict[str, Any]) -> list[Cause]:
    spec = as_dict(ds.get("spec"))
    sel = spec.get("selector")
    out: list[Cause] = []
    if sel is None:
        out.append(f.required("spec.selector"))
    sel_errs = m.validate_label_selector(sel, "spec.selector")
    out += sel_errs
    template = as_dict(spec.get("template"))
    labels = as_dict(as_dict(template.get("metadata")).get("labels"))
    if sel is not None and not sel_errs and not m.selector_matches(sel, labels):
        out.append(
            f.invalid(
                "spec.template.metadata.labels",
                f.str_map(labels),
                "`selector` does not match template `labels`",
            )
        )
    if sel is not None and m.selector_is_empty(sel):
        out.append(
            f.invalid(
                "spec.selector",
                f.label_selector(as_dict(sel)),
                "empty selector is invalid for daemonset",
            )
        )
    out += pods.validate_pod_template(template, "spec.template")
    tspec = as_dict(template.get("spec"))
    policy = as_str(tspec.get("restartPolicy"))
    if policy != "Always":
        out.append(f.not_supported("spec.template.spec.restartPolicy", policy, ("Always",)))
    if tspec.get("activeDeadlineSeconds") is not None:
        out.append(
            f.invalid(
                "spec.template.spec.activeDeadlineSeconds",
                tspec.get("activeDeadlineSeconds"),
                "activeDeadlineSeconds in DaemonSet is not Supported",
            )
        )
    out += m.nonnegative("spec.minReadySeconds", spec.get("minReadySeconds"))
    out += m.nonnegative("spec.templateGeneration", spec.get("templateGeneration"))
    out += _daemon_set_strategy(as_dict(spec.get("updateStrategy")))
    out += m.nonnegative("spec.revisionHistoryLimit", spec.get("revisionHistoryLimit"))
    return out


def _daemon_set_strategy(us: dict[str, Any]) -> list[Cause]:
    stype = as_str(us.get("type"))
    p = "spec.updateStrategy"
    if stype == "OnDelete":
        return []
    if stype == "RollingUpdate":
        if us.get("rollingUpdate") is None:
            return [f.required(f"{p}.rollingUpdate")]
        ru = as_dict(us.get("rollingUpdate"))
        mu, ms = ru.get("maxUnavailable"), ru.get("maxSurge")
        out = positive_int_or_percent(mu, f"{p}.rollingUpdate.maxUnavailable")
        out += positive_int_or_percent(ms, f"{p}.rollingUpdate.maxSurge")
        out += not_more_than_100_percent(mu, f"{p}.rollingUpdate.maxUnavailable")
        out += not_more_than_100_percent(ms, f"{p}.rollingUpdate.maxSurge")
        has_u, has_s = int_or_percent_value(mu) != 0, int_or_percent_value(ms) != 0
        if has_u and has_s:
            out.append(
                f.invalid(
                    f"{p}.rollingUpdate.maxSurge",
                    f.int_or_string(ms),
                    "may not be set when maxUnavailable is non-zero",
                )
            )
        elif not has_u and not has_s:
            out.append(
                f.required(f"{p}.rollingUpdate.maxUnavailable", "cannot be 0 when maxSurge is 0")
            )
        return out
    repr_ = f.GoRepr(
        f"apps.DaemonSetUpdateStrategy{{Type:{f.go_quote(stype)}, RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}}"
    )
    return [f.not_supported(p, repr_, ("RollingUpdate", "OnDelete"))]


# --------------------------------------------------------------- status


def validate_workload_status(obj: dict[str, Any]) -> list[Cause]:
    status = as_dict(obj.get("status"))
    out: list[Cause] = []
    for fld in ("replicas", "readyReplicas", "availableReplicas", "updatedReplicas", "currentReplicas",
                "fullyLabeledReplicas", "unavailableReplicas", "observedGeneration", "currentNumberScheduled",
                "numberMisscheduled", "desiredNumberScheduled", "numberReady", "numberAvailable",
                "numberUnavailable", "updatedNumberScheduled", "collisionCount", "terminatingReplicas"):  # fmt: skip
        out += m.nonnegative(f"status.{fld}", status.get(fld))
    return out
