"""Secret values never leave the parser.

Parsers pass every attribute tree through `redact_secrets` before building a
`Resource`, so no rule message, report or log can echo a password, token or key
found in a manifest. Redaction keeps the key and replaces the value, so rules can
still see that a secret is set inline.
"""

from __future__ import annotations

import re
from typing import Any

REDACTED = "<redacted>"

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SECRET_NAME = re.compile(
    r"^(?:.*[_-])?(?:password|passwd|secret|token|api[_-]?key|private[_-]?key|"
    r"access[_-]?key|secret[_-]?key|client[_-]?secret|connection[_-]?string|"
    r"sas[_-]?token|auth)$"
)
# Kubernetes kinds whose whole `data` / `stringData` payload is secret.
_SECRET_KINDS = frozenset({"Secret"})
# kubectl keeps a full JSON copy of the applied object here, secrets included.
_LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"


def is_secret_name(name: str) -> bool:
    """True for keys such as `password`, `master_password`, `apiKey`, `OPENAI_API_KEY`."""
    return bool(_SECRET_NAME.match(_CAMEL.sub("_", name).lower()))


def redact_secrets(value: Any) -> Any:
    """A copy of `value` with every string under a secret-looking key replaced."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if isinstance(item, str) and is_secret_name(str(key)):
                out[key] = REDACTED
            else:
                out[key] = redact_secrets(item)
        if _is_secret_env_entry(out):
            out["value"] = REDACTED
        return out
    if isinstance(value, list):
        return [redact_secrets(item) for item in value]
    return value


def _is_secret_env_entry(entry: dict[str, Any]) -> bool:
    """`{name: OPENAI_API_KEY, value: ...}` as in a container's env list."""
    name = entry.get("name")
    return isinstance(name, str) and isinstance(entry.get("value"), str) and is_secret_name(name)


def redact_kubernetes_document(document: dict[str, Any]) -> dict[str, Any]:
    """Redact a Kubernetes object: secret keys everywhere, all values of a Secret."""
    cleaned: dict[str, Any] = redact_secrets(document)
    annotations = (cleaned.get("metadata") or {}).get("annotations")
    if isinstance(annotations, dict) and _LAST_APPLIED in annotations:
        annotations[_LAST_APPLIED] = REDACTED
    if cleaned.get("kind") in _SECRET_KINDS:
        for field in ("data", "stringData"):
            payload = cleaned.get(field)
            if isinstance(payload, dict):
                cleaned[field] = {key: REDACTED for key in payload}
    return cleaned
