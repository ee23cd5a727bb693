"""rbac.authorization.k8s.io/v1: roles, cluster roles and their bindings, as
pkg/apis/rbac/validation checks them."""

from __future__ import annotations

from typing import Any

from minikube_py.api.validation import field as f
from minikube_py.api.validation import meta as m
from minikube_py.api.validation.field import Cause
from minikube_py.api.validation.meta import as_dict, as_list, as_str

RBAC_GROUP = "rbac.authorization.k8s.io"
SUBJECT_KINDS = ("ServiceAccount", "User", "Group")


def _rule(rule: dict[str, Any], namespaced: bool, path: str) -> list[Cause]:
    """ValidatePolicyRule."""
    if not as_list(rule.get("verbs")):
        return [f.required(f.child(path, "verbs"), "verbs must contain at least one value")]
    if as_list(rule.get("nonResourceURLs")):
        if namespaced:
            return [
                f.invalid(
                    f.child(path, "nonResourceURLs"),
                    f.str_slice(as_list(rule.get("nonResourceURLs"))),
                    "namespaced rules cannot apply to non-resource URLs",
                )
            ]
        if as_list(rule.get("apiGroups")) or as_list(rule.get("resources")):
            return [
                f.invalid(
                    f.child(path, "nonResourceURLs"),
                    f.str_slice(as_list(rule.get("nonResourceURLs"))),
                    "rules cannot apply to both regular resources and non-resource URLs",
                )
            ]
        return []
    out: list[Cause] = []
    if not as_list(rule.get("apiGroups")):
        out.append(
            f.required(
                f.child(path, "apiGroups"), "resource rules must supply at least one api group"
            )
        )
    if not as_list(rule.get("resources")):
        out.append(
            f.required(
                f.child(path, "resources"), "resource rules must supply at least one resource"
            )
        )
    return out


def _rules(obj: dict[str, Any], namespaced: bool) -> list[Cause]:
    out: list[Cause] = []
    for i, rule in enumerate(as_list(obj.get("rules"))):
        out += _rule(as_dict(rule), namespaced, f.index("rules", i))
    return out


def validate_role(role: dict[str, Any]) -> list[Cause]:
    return _rules(role, True)


def validate_cluster_role(role: dict[str, Any]) -> list[Cause]:
    out: list[Cause] = []
    aggregation = role.get("aggregationRule")
    if aggregation is not None:
        selectors = as_list(as_dict(aggregation).get("clusterRoleSelectors"))
        if not selectors:
            out.append(
                f.required(
                    "aggregationRule.clusterRoleSelectors",
                    "at least one clusterRoleSelector required if aggregationRule is non-nil",
                )
            )
        for i, sel in enumerate(selectors):
            out += m.validate_label_selector(
                sel, f.index("aggregationRule.clusterRoleSelectors", i)
            )
        if as_list(role.get("rules")):
            # the aggregation controller owns the rules of an aggregated role
            return out
    return out + _rules(role, False)


def _subject(subject: dict[str, Any], namespaced: bool, path: str) -> list[Cause]:
    """ValidateRoleBindingSubject."""
    out: list[Cause] = []
    name = as_str(subject.get("name"))
    if not name:
        out.append(f.required(f.child(path, "name")))
    kind = subject.get("kind")
    group = as_str(subject.get("apiGroup"))
    if kind == "ServiceAccount":
        if name:
            out += f.invalid_each(f.child(path, "name"), name, m.dns1123_subdomain(name))
        if group:
            out.append(f.not_supported(f.child(path, "apiGroup"), group, ("",)))
        if not namespaced and not as_str(subject.get("namespace")):
            out.append(f.required(f.child(path, "namespace")))
    elif kind in ("User", "Group"):
        if group != RBAC_GROUP:
            out.append(f.not_supported(f.child(path, "apiGroup"), group, (RBAC_GROUP,)))
    else:
        out.append(f.not_supported(f.child(path, "kind"), kind, SUBJECT_KINDS))
    return out


def _binding(binding: dict[str, Any], namespaced: bool) -> list[Cause]:
    """ValidateRoleBinding / ValidateClusterRoleBinding."""
    out: list[Cause] = []
    ref = as_dict(binding.get("roleRef"))
    group = as_str(ref.get("apiGroup"))
    if group != RBAC_GROUP:
        out.append(f.not_supported("roleRef.apiGroup", group, (RBAC_GROUP,)))
    kinds = ("Role", "ClusterRole") if namespaced else ("ClusterRole",)
    kind = as_str(ref.get("kind"))
    if kind not in kinds:
        out.append(f.not_supported("roleRef.kind", kind, kinds))
    name = as_str(ref.get("name"))
    if not name:
        out.append(f.required("roleRef.name"))
    else:
        out += f.invalid_each("roleRef.name", name, m.path_segment_name(name, False))
    for i, subject in enumerate(as_list(binding.get("subjects"))):
        out += _subject(as_dict(subject), namespaced, f.index("subjects", i))
    return out


def validate_role_binding(binding: dict[str, Any]) -> list[Cause]:
    return _binding(binding, True)


def validate_cluster_role_binding(binding: dict[str, Any]) -> list[Cause]:
    return _binding(binding, False)


def validate_binding_update(new: dict[str, Any], old: dict[str, Any]) -> list[Cause]:
    if new.get("roleRef") == old.get("roleRef"):
        return []
    ref = as_dict(new.get("roleRef"))
    shown = ", ".join(
        f"{go}:{f.go_quote(as_str(ref.get(key)))}"
        for go, key in (("APIGroup", "apiGroup"), ("Kind", "kind"), ("Name", "name"))
    )
    return [f.invalid("roleRef", f.GoRepr(f"rbac.RoleRef{{{shown}}}"), "cannot change roleRef")]
