"""Names, labels, annotations, finalizers, owner references and ObjectMeta.

The string checks return Kubernetes' messages (apimachinery `util/validation`),
one per broken rule, so callers wrap them into `field.invalid` at their path.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from minikube_py.api.validation import field as f
from minikube_py.api.validation.field import Cause

NameFn = Callable[[str, bool], list[str]]

DNS1123_LABEL_MAX = 63
DNS1123_SUBDOMAIN_MAX = 253
DNS1035_LABEL_MAX = 63
QUALIFIED_NAME_MAX = 63
LABEL_VALUE_MAX = 63
TOTAL_ANNOTATION_SIZE = 256 * 1024

_DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
_DNS1123_SUBDOMAIN_FMT = _DNS1123_LABEL_FMT + "(\\." + _DNS1123_LABEL_FMT + ")*"
_DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?"
_QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
_LABEL_VALUE_FMT = "(" + _QUALIFIED_NAME_FMT + ")?"
_CONFIG_KEY_FMT = "[-._a-zA-Z0-9]+"
_PERCENT_FMT = "[0-9]+%"

_DNS1123_LABEL_RE = re.compile(f"^{_DNS1123_LABEL_FMT}$")
_DNS1123_SUBDOMAIN_RE = re.compile(f"^{_DNS1123_SUBDOMAIN_FMT}$")
_DNS1035_LABEL_RE = re.compile(f"^{_DNS1035_LABEL_FMT}$")
_QUALIFIED_NAME_RE = re.compile(f"^{_QUALIFIED_NAME_FMT}$")
_LABEL_VALUE_RE = re.compile(f"^{_LABEL_VALUE_FMT}$")
_CONFIG_KEY_RE = re.compile(f"^{_CONFIG_KEY_FMT}$")
_PERCENT_RE = re.compile(f"^{_PERCENT_FMT}$")
_PORT_NAME_CHARSET_RE = re.compile("^[-a-z0-9]+$")
_PORT_NAME_LETTER_RE = re.compile("[a-z]")

_QUALIFIED_NAME_MSG = (
    "must consist of alphanumeric characters, '-', '_' or '.', "
    "and must start and end with an alphanumeric character"
)


def regex_error(msg: str, fmt: str, *examples: str) -> str:
    """apimachinery's RegexError, double space after each example and all."""
    if not examples:
        return f"{msg} (regex used for validation is '{fmt}')"
    out = msg + " (e.g. "
    for i, ex in enumerate(examples):
        if i > 0:
            out += " or "
        out += f"'{ex}', "
    return out + f"regex used for validation is '{fmt}')"


def max_len_error(n: int) -> str:
    return f"must be no more than {n} characters"


def empty_error() -> str:
    return "must be non-empty"


def inclusive_range_error(lo: int, hi: int) -> str:
    return f"must be between {lo} and {hi}, inclusive"


# --------------------------------------------------------- string checks


def dns1123_label(value: str) -> list[str]:
    errs = []
    if len(value) > DNS1123_LABEL_MAX:
        errs.append(max_len_error(DNS1123_LABEL_MAX))
    if not _DNS1123_LABEL_RE.match(value):
        errs.append(
            regex_error(
                "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
                "and must start and end with an alphanumeric character",
                _DNS1123_LABEL_FMT,
                "my-name",
                "123-abc",
            )
        )
    return errs


def dns1123_subdomain(value: str) -> list[str]:
    errs = []
    if len(value) > DNS1123_SUBDOMAIN_MAX:
        errs.append(max_len_error(DNS1123_SUBDOMAIN_MAX))
    if not _DNS1123_SUBDOMAIN_RE.match(value):
        errs.append(
            regex_error(
                "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
                "and must start and end with an alphanumeric character",
                _DNS1123_SUBDOMAIN_FMT,
                "example.com",
            )
        )
    return errs


def dns1035_label(value: str) -> list[str]:
    errs = []
    if len(value) > DNS1035_LABEL_MAX:
        errs.append(max_len_error(DNS1035_LABEL_MAX))
    if not _DNS1035_LABEL_RE.match(value):
        errs.append(
            regex_error(
                "a DNS-1035 label must consist of lower case alphanumeric characters or '-', "
                "start with an alphabetic character, and end with an alphanumeric character",
                _DNS1035_LABEL_FMT,
                "my-name",
                "abc-123",
            )
        )
    return errs


def qualified_name(value: str) -> list[str]:
    errs: list[str] = []
    parts = value.split("/")
    if len(parts) == 1:
        name = parts[0]
    elif len(parts) == 2:
        prefix, name = parts
        if not prefix:
            errs.append("prefix part " + empty_error())
        else:
            errs.extend("prefix part " + m for m in dns1123_subdomain(prefix))
    else:
        return [
            "a qualified name "
            + regex_error(_QUALIFIED_NAME_MSG, _QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")
            + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
        ]
    if not name:
        errs.append("name part " + empty_error())
    elif len(name) > QUALIFIED_NAME_MAX:
        errs.append("name part " + max_len_error(QUALIFIED_NAME_MAX))
    if not _QUALIFIED_NAME_RE.match(name):
        errs.append(
            "name part "
            + regex_error(_QUALIFIED_NAME_MSG, _QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")
        )
    return errs


def label_value(value: str) -> list[str]:
    errs = []
    if len(value) > LABEL_VALUE_MAX:
        errs.append(max_len_error(LABEL_VALUE_MAX))
    if not _LABEL_VALUE_RE.match(value):
        errs.append(
            regex_error(
                "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
                "and must start and end with an alphanumeric character",
                _LABEL_VALUE_FMT,
                "MyValue",
                "my_value",
                "12345",
            )
        )
    return errs


def _chdir_prefix(value: str) -> list[str]:
    if value == ".":
        return ["must not be '.'"]
    if value == "..":
        return ["must not be '..'"]
    if value.startswith(".."):
        return ["must not start with '..'"]
    return []


def config_map_key(value: str) -> list[str]:
    errs = []
    if len(value) > DNS1123_SUBDOMAIN_MAX:
        errs.append(max_len_error(DNS1123_SUBDOMAIN_MAX))
    if not _CONFIG_KEY_RE.match(value):
        errs.append(
            regex_error(
                "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
                _CONFIG_KEY_FMT,
                "key.name",
                "KEY_NAME",
                "key-name",
            )
        )
    return errs + _chdir_prefix(value)


def port_name(value: str) -> list[str]:
    errs = []
    if len(value) > 15:
        errs.append(max_len_error(15))
    if not _PORT_NAME_CHARSET_RE.match(value):
        errs.append("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")
    if not _PORT_NAME_LETTER_RE.search(value):
        errs.append("must contain at least one letter (a-z)")
    if "--" in value:
        errs.append("must not contain consecutive hyphens")
    if value and (value[0] == "-" or value[-1] == "-"):
        errs.append("must not begin or end with a hyphen")
    return errs


def port_num(value: int) -> list[str]:
    return [] if 1 <= value <= 65535 else [inclusive_range_error(1, 65535)]


def percent(value: str) -> list[str]:
    if _PERCENT_RE.match(value):
        return []
    return [
        regex_error(
            "a valid percent string must be a numeric string followed by an ending '%'",
            _PERCENT_FMT,
            "1%",
            "93%",
        )
    ]


def env_var_name(value: str) -> list[str]:
    """The relaxed rule (on by default since Kubernetes 1.32): printable ASCII but '='."""
    errs = []
    if not value:
        errs.append("environment variable name " + empty_error())
    if any(ord(c) < 32 or ord(c) > 126 or c == "=" for c in value):
        errs.append(
            "a valid environment variable name must consist only of printable ASCII characters other than '='"
        )
    return errs


# ------------------------------------------------------------ name rules


def _mask_trailing_dash(name: str) -> str:
    if len(name) > 1 and name.endswith("-"):
        return name[:-1] + "a"
    return name


def name_is_dns_subdomain(name: str, prefix: bool) -> list[str]:
    return dns1123_subdomain(_mask_trailing_dash(name) if prefix else name)


def name_is_dns_label(name: str, prefix: bool) -> list[str]:
    return dns1123_label(_mask_trailing_dash(name) if prefix else name)


def name_is_dns1035_label(name: str, prefix: bool) -> list[str]:
    return dns1035_label(_mask_trailing_dash(name) if prefix else name)


def path_segment_name(name: str, prefix: bool) -> list[str]:
    """ValidatePathSegmentName: names (RBAC's, an HPA's target) only usable in a URL path."""
    if not prefix and name in (".", ".."):
        return [f"may not be '{name}'"]
    return [f"may not contain '{c}'" for c in ("/", "%") if c in name]


def no_name_check(name: str, prefix: bool) -> list[str]:
    return []


# ------------------------------------------------------ typed accessors


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def as_str(value: Any) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def as_int(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value


def nonnegative(path: str, value: Any) -> list[Cause]:
    v = as_int(value)
    if v is not None and v < 0:
        return [f.invalid(path, v, "must be greater than or equal to 0")]
    return []


# --------------------------------------------------- labels and friends


def label_name(key: str, path: str) -> list[Cause]:
    return f.invalid_each(path, key, qualified_name(key))


def validate_labels(labels: Any, path: str) -> list[Cause]:
    out: list[Cause] = []
    for k, v in as_dict(labels).items():
        out += label_name(k, path)
        out += f.invalid_each(path, as_str(v), label_value(as_str(v)))
    return out


def validate_annotations(annotations: Any, path: str) -> list[Cause]:
    out: list[Cause] = []
    size = 0
    for k, v in as_dict(annotations).items():
        out += f.invalid_each(path, k, qualified_name(k.lower()))
        size += len(k.encode()) + len(as_str(v).encode())
    if size > TOTAL_ANNOTATION_SIZE:
        out.append(f.too_long(path, TOTAL_ANNOTATION_SIZE))
    return out


def validate_finalizers(finalizers: Any, path: str) -> list[Cause]:
    items = [as_str(x) for x in as_list(finalizers)]
    out: list[Cause] = []
    for name in items:
        out += f.invalid_each(path, name, qualified_name(name))
    if "orphan" in items and "foregroundDeletion" in items:
        out.append(
            f.invalid(
                path,
                f.str_slice(items),
                "finalizer orphan and foregroundDeletion cannot be both set",
            )
        )
    return out


def validate_owner_references(refs: Any, path: str) -> list[Cause]:
    out: list[Cause] = []
    first_controller = ""
    for raw in as_list(refs):
        ref = as_dict(raw)
        api_version = as_str(ref.get("apiVersion"))
        version = api_version.split("/")[-1] if api_version else ""
        if not version:
            out.append(
                f.invalid(f.child(path, "apiVersion"), api_version, "version must not be empty")
            )
        if not as_str(ref.get("kind")):
            out.append(
                f.invalid(f.child(path, "kind"), as_str(ref.get("kind")), "must not be empty")
            )
        if not as_str(ref.get("name")):
            out.append(
                f.invalid(f.child(path, "name"), as_str(ref.get("name")), "must not be empty")
            )
        if not as_str(ref.get("uid")):
            out.append(f.invalid(f.child(path, "uid"), as_str(ref.get("uid")), "must not be empty"))
        if ref.get("controller") is True:
            current = f"{as_str(ref.get('kind'))}/{as_str(ref.get('name'))}"
            if first_controller:
                out.append(
                    f.invalid(
                        path,
                        f.GoRepr("[]v1.OwnerReference{...}"),
                        'Only one reference can have Controller set to true. Found "true" in references for '
                        f"{first_controller} and {current}",
                    )
                )
            else:
                first_controller = current
    return out


def validate_object_meta(
    meta: Any, namespaced: bool, name_fn: NameFn, path: str = "metadata"
) -> list[Cause]:
    """ValidateObjectMeta: name (or generateName), namespace, labels, annotations, ..."""
    m = as_dict(meta)
    out: list[Cause] = []
    name = as_str(m.get("name"))
    generate = as_str(m.get("generateName"))
    if generate:
        out += f.invalid_each(f.child(path, "generateName"), generate, name_fn(generate, True))
    if name:
        out += f.invalid_each(f.child(path, "name"), name, name_fn(name, False))
    elif not generate:
        out.append(f.required(f.child(path, "name"), "name or generateName is required"))
    namespace = as_str(m.get("namespace"))
    if namespaced:
        if not namespace:
            out.append(f.required(f.child(path, "namespace")))
        else:
            out += f.invalid_each(f.child(path, "namespace"), namespace, dns1123_label(namespace))
    elif namespace:
        out.append(f.forbidden(f.child(path, "namespace"), "not allowed on this type"))
    out += nonnegative(f.child(path, "generation"), m.get("generation"))
    out += validate_labels(m.get("labels"), f.child(path, "labels"))
    out += validate_annotations(m.get("annotations"), f.child(path, "annotations"))
    out += validate_owner_references(m.get("ownerReferences"), f.child(path, "ownerReferences"))
    out += validate_finalizers(m.get("finalizers"), f.child(path, "finalizers"))
    return out


def validate_object_meta_update(new: Any, old: Any, path: str = "metadata") -> list[Cause]:
    """ValidateObjectMetaUpdate, without the resourceVersion rule (the handler owns it)."""
    n, o = as_dict(new), as_dict(old)
    out: list[Cause] = []
    if o.get("deletionTimestamp"):
        old_set = set(as_list(o.get("finalizers")))
        for fin in as_list(n.get("finalizers")):
            if fin not in old_set:
                out.append(
                    f.forbidden(
                        f.child(path, "finalizers"),
                        "no new finalizers can be added if the object is being deleted",
                    )
                )
                break
    ng, og = as_int(n.get("generation")), as_int(o.get("generation"))
    if ng is not None and og is not None and ng < og:
        out.append(f.invalid(f.child(path, "generation"), ng, "must not be decremented"))
    for fld in (
        "name",
        "namespace",
        "uid",
        "creationTimestamp",
        "deletionTimestamp",
        "deletionGracePeriodSeconds",
    ):
        if fld in o and n.get(fld) != o.get(fld):
            value = n.get(fld)
            out.append(
                f.immutable(
                    f.child(path, fld),
                    "" if value is None and fld != "deletionGracePeriodSeconds" else value,
                )
            )
    out += validate_labels(n.get("labels"), f.child(path, "labels"))
    out += validate_annotations(n.get("annotations"), f.child(path, "annotations"))
    out += validate_owner_references(n.get("ownerReferences"), f.child(path, "ownerReferences"))
    out += validate_finalizers(n.get("finalizers"), f.child(path, "finalizers"))
    return out


# ---------------------------------------------------------- selectors


def validate_label_selector(sel: Any, path: str) -> list[Cause]:
    """metav1 ValidateLabelSelector over a LabelSelector dict (None is valid)."""
    if sel is None:
        return []
    s = as_dict(sel)
    out = validate_labels(s.get("matchLabels"), f.child(path, "matchLabels"))
    for i, raw in enumerate(as_list(s.get("matchExpressions"))):
        expr = as_dict(raw)
        p = f.index(f.child(path, "matchExpressions"), i)
        op = as_str(expr.get("operator"))
        values = as_list(expr.get("values"))
        if op in ("In", "NotIn"):
            if not values:
                out.append(
                    f.required(
                        f.child(p, "values"), "must be specified when `operator` is 'In' or 'NotIn'"
                    )
                )
        elif op in ("Exists", "DoesNotExist"):
            if values:
                out.append(
                    f.forbidden(
                        f.child(p, "values"),
                        "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                    )
                )
        else:
            out.append(f.invalid(f.child(p, "operator"), op, "not a valid selector operator"))
        out += label_name(as_str(expr.get("key")), f.child(p, "key"))
        for j, v in enumerate(values):
            out += f.invalid_each(
                f.index(f.child(p, "values"), j), as_str(v), label_value(as_str(v))
            )
    return out


def selector_is_empty(sel: Any) -> bool:
    s = as_dict(sel)
    return not as_dict(s.get("matchLabels")) and not as_list(s.get("matchExpressions"))


def selector_matches(sel: Any, labels: Mapping[str, Any] | None) -> bool:
    """Does a LabelSelector dict select these labels? A missing selector selects nothing."""
    if sel is None:
        return False
    s = as_dict(sel)
    lbl = dict(labels or {})
    for k, v in as_dict(s.get("matchLabels")).items():
        if k not in lbl or lbl[k] != v:
            return False
    for raw in as_list(s.get("matchExpressions")):
        expr = as_dict(raw)
        k = as_str(expr.get("key"))
        op = expr.get("operator")
        values = as_list(expr.get("values"))
        if op == "In" and (k not in lbl or lbl[k] not in values):
            return False
        if op == "NotIn" and k in lbl and lbl[k] in values:
            return False
        if op == "Exists" and k not in lbl:
            return False
        if op == "DoesNotExist" and k in lbl:
            return False
    return True


def selector_map_matches(selector: Mapping[str, Any], labels: Mapping[str, Any] | None) -> bool:
    """A plain map selector (Service, ReplicationController); empty selects everything."""
    lbl = labels or {}
    return all(k in lbl and lbl[k] == v for k, v in selector.items())
