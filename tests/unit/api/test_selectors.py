"""Label and field selectors: the syntax, errors and matching of Kubernetes."""

from __future__ import annotations

from typing import Any

import pytest

from minikube_py.api.registry import Registry, ResourceInfo
from minikube_py.api.selectors import (
    EVERYTHING,
    NOTHING,
    Requirement,
    SelectorError,
    field_value,
    format_label_selector,
    format_labels,
    label_selector_from_dict,
    parse_field_selector,
    parse_label_selector,
    selector_from_set,
    selector_string,
)

REGISTRY = Registry()


def resource(plural: str, group: str = "") -> ResourceInfo:
    info = REGISTRY.lookup(group, "v1", plural)
    assert info is not None
    return info


def obj(labels: dict[str, str] | None = None, **fields: Any) -> dict[str, Any]:
    return {"metadata": {"name": "x", "namespace": "default", "labels": labels or {}}, **fields}


# --- label selectors: every operator ---------------------------------------------------------

LABELS = {"app": "web", "tier": "front", "replicas": "3"}


@pytest.mark.parametrize(
    ("selector", "matches"),
    [
        ("app=web", True),
        ("app==web", True),
        ("app=db", False),
        ("app!=db", True),
        ("app!=web", False),
        ("missing!=x", True),  # != matches objects without the key
        ("app in (web,db)", True),
        ("app in (db,cache)", False),
        ("missing in (x)", False),
        ("app notin (db,cache)", True),
        ("app notin (web)", False),
        ("missing notin (x)", True),
        ("app", True),  # exists
        ("missing", False),
        ("!missing", True),  # does not exist
        ("!app", False),
        ("replicas>2", True),
        ("replicas>3", False),
        ("replicas<4", True),
        ("app>1", False),  # not an integer label value
        ("missing<4", False),
        ("app=web,tier=front", True),
        ("app=web,tier=back", False),
        ("  app = web , tier in ( front ) ", True),  # whitespace is a delimiter
        ("", True),
    ],
)
def test_label_selector_operators(selector: str, matches: bool) -> None:
    assert parse_label_selector(selector).matches(LABELS) is matches


def test_empty_value_matches_the_empty_label() -> None:
    assert parse_label_selector("a=").matches({"a": ""})
    assert parse_label_selector("a in ()").matches({"a": ""})
    assert not parse_label_selector("a=").matches({})


def test_in_and_notin_are_values_inside_a_set() -> None:
    assert parse_label_selector("a in (in,notin)").matches({"a": "notin"})


def test_selector_string_is_normalized_and_sorted_by_key() -> None:
    parsed = parse_label_selector("z notin (b,a),x in (foo,,baz),!w,y,v==1,u>2")
    assert str(parsed) == "u>2,v==1,!w,x in (,baz,foo),y,z notin (a,b)"


def test_requires_exact_match() -> None:
    parsed = parse_label_selector("app=web,tier in (a,b)")
    assert parsed.requires_exact_match("app") == "web"
    assert parsed.requires_exact_match("tier") is None
    assert parsed.requires_exact_match("other") is None


def test_matches_object_reads_metadata_labels() -> None:
    assert parse_label_selector("app=web").matches_object(obj({"app": "web"}))
    assert not parse_label_selector("app=web").matches_object({"metadata": {}})


# --- label selectors: errors -----------------------------------------------------------------

NAME_REGEX = (
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
    "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
)


@pytest.mark.parametrize(
    ("selector", "message"),
    [
        ("a=b c", "found 'c', expected: ',' or 'end of string'"),
        ("a,", "found '', expected: identifier after ','"),
        (",a", "found ',', expected: !, identifier, or 'end of string'"),
        ("!a=b", "found '=', expected: ',' or 'end of string'"),
        ("a in b", "unable to parse requirement: found 'b' expected: '('"),
        ("a in (b", "unable to parse requirement: found '', expected: ',' or ')'"),
        ("a in (b c)", "unable to parse requirement: found 'c', expected: ',' or ')'"),
        ("a=(", "unable to parse requirement: found '(', expected: identifier"),
        ("a!b", "unable to parse requirement: found '!', expected: '=', '!=', '==', 'in', notin'"),
        (
            "a>x",
            "unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt' operators, the value must be an integer",
        ),
        (
            "-a=b",
            f'unable to parse requirement: <nil>: Invalid value: "-a": name part {NAME_REGEX}',
        ),
        (
            "example.com/=b",
            'unable to parse requirement: <nil>: Invalid value: "example.com/": name part must be non-empty; name part '
            + NAME_REGEX,
        ),
        (
            "Bad_Prefix/a=b",
            "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters",
        ),
        ("a/b/c=d", 'Invalid value: "a/b/c": a qualified name must consist of'),
        ("a=" + "v" * 64, "must be no more than 63 characters"),
        (
            "a=-x",
            'unable to parse requirement: values[0][a]: Invalid value: "-x": a valid label must be an empty string or consist of',
        ),
    ],
)
def test_label_selector_errors(selector: str, message: str) -> None:
    with pytest.raises(SelectorError) as err:
        parse_label_selector(selector)
    assert message in str(err.value)


def test_label_selector_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unable to parse requirement"):
        parse_label_selector("a in")


# --- metav1.LabelSelector objects ------------------------------------------------------------


def test_label_selector_dict_match_labels_and_expressions() -> None:
    selector = label_selector_from_dict(
        {
            "matchLabels": {"app": "web"},
            "matchExpressions": [
                {"key": "tier", "operator": "In", "values": ["front", "edge"]},
                {"key": "env", "operator": "NotIn", "values": ["prod"]},
                {"key": "team", "operator": "Exists"},
                {"key": "legacy", "operator": "DoesNotExist"},
            ],
        }
    )
    assert selector.matches({"app": "web", "tier": "edge", "team": "a"})
    assert not selector.matches({"app": "web", "tier": "edge", "team": "a", "legacy": "1"})
    assert not selector.matches({"app": "web", "tier": "edge", "team": "a", "env": "prod"})
    assert not selector.matches({"app": "web", "tier": "back", "team": "a"})
    assert str(selector) == "app=web,env notin (prod),!legacy,team,tier in (edge,front)"


def test_nil_label_selector_matches_nothing_and_empty_matches_everything() -> None:
    assert label_selector_from_dict(None) is NOTHING
    assert not NOTHING.matches({"a": "b"})
    assert label_selector_from_dict({}) is EVERYTHING
    assert label_selector_from_dict({"matchLabels": {}, "matchExpressions": []}).matches({})


@pytest.mark.parametrize(
    ("selector", "message"),
    [
        (
            {"matchExpressions": [{"key": "a", "operator": "Gt", "values": ["1"]}]},
            '"Gt" is not a valid label selector operator',
        ),
        (
            {"matchExpressions": [{"key": "a", "operator": "In", "values": []}]},
            "for 'in', 'notin' operators, values set can't be empty",
        ),
        (
            {"matchExpressions": [{"key": "a", "operator": "Exists", "values": ["x"]}]},
            "values set must be empty for exists and does not exist",
        ),
        ({"matchLabels": {"a": "-bad"}}, 'values[0][a]: Invalid value: "-bad"'),
        ({"matchLabels": {"-a": "b"}}, 'key: Invalid value: "-a"'),
    ],
)
def test_label_selector_dict_errors(selector: dict[str, Any], message: str) -> None:
    with pytest.raises(SelectorError) as err:
        label_selector_from_dict(selector)
    assert message in str(err.value)


def test_requirement_new_rejects_unknown_operator() -> None:
    with pytest.raises(SelectorError, match="operator: Unsupported value"):
        Requirement.new("a", "~", ["b"])


def test_selector_from_set_and_formatting() -> None:
    assert selector_from_set({"b": "2", "a": "1"}).matches({"a": "1", "b": "2", "c": "3"})
    assert selector_from_set(None) is EVERYTHING
    assert format_labels({"b": "2", "a": "1"}) == "a=1,b=2"
    assert format_labels({}) == "<none>"
    assert format_label_selector({"matchLabels": {"app": "web"}}) == "app=web"
    assert format_label_selector({}) == "<none>"
    assert format_label_selector(None) == "<none>"
    assert (
        format_label_selector({"matchExpressions": [{"key": "a", "operator": "Bogus"}]})
        == "<error>"
    )


# --- field selectors -------------------------------------------------------------------------


def pod(**status: Any) -> dict[str, Any]:
    return {
        "metadata": {"name": "web-1", "namespace": "prod"},
        "spec": {"nodeName": "node-a", "restartPolicy": "Always", "hostNetwork": True},
        "status": {"phase": "Running", "podIP": "10.0.0.5", **status},
    }


@pytest.mark.parametrize(
    ("selector", "matches"),
    [
        ("metadata.name=web-1", True),
        ("metadata.name==web-1", True),
        ("metadata.name!=web-1", False),
        ("metadata.namespace=prod,spec.nodeName=node-a", True),
        ("metadata.namespace=prod,spec.nodeName=node-b", False),
        ("spec.nodeName=", False),
        ("spec.nodeName!=", True),
        ("status.phase=Running", True),
        ("status.podIP=10.0.0.5", True),
        ("spec.hostNetwork=true", True),
        ("spec.schedulerName=", True),  # missing compares as ""
        ("spec.host=node-a", True),  # old clients' spelling of spec.nodeName
        ("", True),
    ],
)
def test_pod_field_selectors(selector: str, matches: bool) -> None:
    parsed = parse_field_selector(selector, resource("pods"))
    assert parsed.matches(pod()) is matches


def test_unsupported_field_for_a_kind_with_field_labels() -> None:
    with pytest.raises(SelectorError) as err:
        parse_field_selector("foo=bar", resource("pods"))
    assert str(err.value) == "field label not supported: foo"


def test_unsupported_field_for_a_kind_without_field_labels() -> None:
    with pytest.raises(SelectorError) as err:
        parse_field_selector("data.x=y", resource("configmaps"))
    assert (
        str(err.value)
        == '"data.x" is not a known field selector: only "metadata.name", "metadata.namespace"'
    )


def test_metadata_fields_are_always_supported() -> None:
    for info in REGISTRY.resources:
        assert (
            parse_field_selector("metadata.name=x,metadata.namespace=y", info).requires_exact_match(
                "metadata.name"
            )
            == "x"
        )


def test_describe_lists_events_by_involved_object() -> None:
    selector = parse_field_selector(
        "involvedObject.name=web-1,involvedObject.namespace=prod,involvedObject.uid=u-1",
        resource("events"),
    )
    involved = {"kind": "Pod", "name": "web-1", "namespace": "prod", "uid": "u-1"}
    event: dict[str, Any] = {
        "metadata": {"name": "web-1.17a", "namespace": "prod"},
        "involvedObject": involved,
        "reason": "Scheduled",
        "source": {"component": "default-scheduler"},
    }
    assert selector.matches(event)
    assert not selector.matches({**event, "involvedObject": {**involved, "uid": "u-2"}})
    assert field_value(event, "source") == "default-scheduler"
    assert field_value({"reportingComponent": "kubelet"}, "source") == "kubelet"
    assert field_value({"reportingComponent": "kubelet"}, "reportingComponent") == "kubelet"


def test_typed_fields_compare_as_kubernetes_formats_them() -> None:
    assert field_value({"spec": {}}, "spec.unschedulable") == "false"
    assert field_value({"spec": {"unschedulable": True}}, "spec.unschedulable") == "true"
    assert field_value({"status": {"succeeded": 2}}, "status.successful") == "2"
    assert field_value({"status": {}}, "status.successful") == "0"
    assert field_value({"status": {"replicas": 3}}, "status.replicas") == "3"
    assert field_value({"type": "Opaque"}, "type") == "Opaque"
    assert field_value({}, "spec.nodeName") == ""


def test_cluster_scoped_objects_have_an_empty_namespace() -> None:
    node = {"metadata": {"name": "n1"}, "spec": {}}
    assert parse_field_selector("metadata.namespace=", resource("nodes")).matches(node)
    assert parse_field_selector("spec.unschedulable=false", resource("nodes")).matches(node)


def test_field_selector_escapes() -> None:
    parsed = parse_field_selector(r"metadata.name=a\,b\=c\\d")
    assert parsed.matches({"metadata": {"name": "a,b=c\\d"}})
    assert str(parsed) == r"metadata.name=a\,b\=c\\d"


@pytest.mark.parametrize(
    ("selector", "message"),
    [
        ("metadata.name", "invalid selector: 'metadata.name'; can't understand 'metadata.name'"),
        ("a=b,c", "invalid selector: 'a=b,c'; can't understand 'c'"),
        ("a=b=c", "invalid field selector: unescaped character in value: 61"),
        (r"a=b\x", r"invalid field selector: invalid escape sequence: \x"),
        ("a=b\\", "invalid field selector: invalid escape sequence: \\"),
    ],
)
def test_field_selector_syntax_errors(selector: str, message: str) -> None:
    with pytest.raises(SelectorError) as err:
        parse_field_selector(selector)
    assert str(err.value) == message


def test_delete_wait_selects_by_name() -> None:
    selector = parse_field_selector("metadata.name=web", resource("deployments", "apps"))
    assert selector.requires_exact_match("metadata.name") == "web"
    assert selector.matches({"metadata": {"name": "web"}})
    assert not selector.matches({"metadata": {"name": "web2"}})


def test_selector_string_for_scale_status() -> None:
    selector = {
        "matchLabels": {"app": "web"},
        "matchExpressions": [{"key": "tier", "operator": "Exists"}],
    }
    assert selector_string(selector) == "app=web,tier"
    assert selector_string(None) == ""
    assert selector_string({}) == ""
