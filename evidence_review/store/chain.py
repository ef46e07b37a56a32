"""The decision trail's hash chain: pure functions, no database (the evidence pack reuses them).

Each decision row carries ``prev_hash`` (the ``row_hash`` of the previous row of the same
submission, in insertion order; :data:`GENESIS` for the first) and ``row_hash``: the SHA-256
(lower-case hex) of the UTF-8 bytes of the row's canonical JSON (:func:`canonical_json`)::

    {"after": ..., "before": ..., "decided_at": "...", "document_id": 3,
     "document_sha256": "...", "evidence": ..., "item": "1.1", "prev_hash": "...",
     "proposed": ..., "reason": ..., "reviewer": "...", "source": "...",
     "submission_id": "..."}

keys sorted, no whitespace (``separators=(",", ":")``), non-ASCII kept as is
(``ensure_ascii=False``); ``before``/``after``/``proposed`` as JSON values (not as the text
the store keeps), absent values as ``null``. Anyone can check an exported trail with these
rules and ``hashlib`` alone.

>>> rows = chain([{"submission_id": "a1", "item": "1.1", "after": True, "before": None},
...               {"submission_id": "a1", "item": "1.1", "after": False, "before": True}])
>>> rows[0]["prev_hash"] == GENESIS, rows[1]["prev_hash"] == rows[0]["row_hash"]
(True, True)
>>> verify(rows) is None
True
>>> rows[0]["after"] = False  # an UPDATE behind the tool's back
>>> verify(rows).reason
'row_hash does not match the row (changed after it was written)'
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

#: ``prev_hash`` of a submission's first decision.
GENESIS = "0" * 64

#: The fields a row's hash covers (besides ``prev_hash``), in the canonical JSON's key order.
FIELDS = ("after", "before", "decided_at", "document_id", "document_sha256", "evidence", "item",
          "proposed", "reason", "reviewer", "source", "submission_id")


def canonical_json(row: Mapping[str, Any], prev_hash: str) -> str:
    """The text a row's hash is taken over.

    >>> canonical_json({"item": "1.1", "reviewer": "สมชาย"}, GENESIS)[:60]
    '{"after":null,"before":null,"decided_at":null,"document_id":'
    """
    body = {name: row.get(name) for name in FIELDS}
    body["prev_hash"] = prev_hash
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def row_hash(row: Mapping[str, Any], prev_hash: str) -> str:
    """SHA-256 (hex) of the row's canonical JSON, chained on ``prev_hash``."""
    return hashlib.sha256(canonical_json(row, prev_hash).encode("utf-8")).hexdigest()


def chain(rows: Iterable[Mapping[str, Any]], prev_hash: str = GENESIS) -> list[dict[str, Any]]:
    """Copies of ``rows`` (one submission, insertion order) with their hashes filled in."""
    out = []
    for row in rows:
        digest = row_hash(row, prev_hash)
        out.append({**row, "prev_hash": prev_hash, "row_hash": digest})
        prev_hash = digest
    return out


@dataclass(frozen=True)
class Break:
    """The first row where a chain does not hold."""

    index: int  # position in the rows given
    row_id: Any  # the row's ``id`` if it has one
    reason: str


def verify(rows: Sequence[Mapping[str, Any]]) -> Break | None:
    """The first broken row of one submission's trail (insertion order), or None.

    A row is broken when it has no hash, when its ``prev_hash`` is not the previous row's
    ``row_hash`` (a row removed, inserted or reordered), when its ``row_hash`` does not match
    its fields (changed), or when it is dated before the previous row (back-dated).

    >>> verify(chain([{"item": "a"}, {"item": "b"}])[1:]).reason
    'prev_hash is not the previous row_hash (a row before it was removed or inserted)'
    """
    prev, prev_time = GENESIS, None
    for i, row in enumerate(rows):
        reason = _problem(row, prev, prev_time)
        if reason is not None:
            return Break(i, row.get("id"), reason)
        prev, prev_time = str(row["row_hash"]), row.get("decided_at")
    return None


def _problem(row: Mapping[str, Any], prev: str, prev_time: Any) -> str | None:
    if not row.get("row_hash") or not row.get("prev_hash"):
        return "no hash (written outside the tool)"
    if row["prev_hash"] != prev:
        return "prev_hash is not the previous row_hash (a row before it was removed or inserted)"
    if row_hash(row, prev) != row["row_hash"]:
        return "row_hash does not match the row (changed after it was written)"
    if prev_time and row.get("decided_at") and str(row["decided_at"]) < str(prev_time):
        return "dated before the previous row (back-dated)"
    return None


def verify_export(data: bytes | str) -> str | None:
    """Check an exported trail (``decisions --json``: a JSON list of rows, any submissions, in
    insertion order): None when every chain holds, else one line naming the first broken row.
    The evidence pack's ``verify_trail`` hook can call this on its trail member.

    >>> import json
    >>> rows = chain([{"submission_id": "a", "item": "1.1", "after": True}])
    >>> verify_export(json.dumps(rows)) is None
    True
    >>> verify_export(json.dumps([{**rows[0], "after": False}]))
    'a: row None: row_hash does not match the row (changed after it was written)'
    """
    try:
        rows = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        return f"the trail is not JSON ({type(exc).__name__})"
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        return "the trail is not a list of decision rows"
    by_submission: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_submission.setdefault(str(row.get("submission_id")), []).append(row)
    for submission, trail in by_submission.items():
        broken = verify(trail)
        if broken is not None:
            return f"{submission}: row {broken.row_id}: {broken.reason}"
    return None
