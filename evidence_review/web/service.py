"""The web workspace's one door to the store and the review: every page and API route calls
these functions, so when the store or review API changes only this module follows.

A submission's review state has an integer ``version``: the id of its latest decision (0 before
any). Decisions are append-only, so a save based on an older version is stale and refused.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from evidence_review.classifiers.model import Role
from evidence_review.extractors.options import ExtractOptions
from evidence_review.messages import Bilingual, MessageKey, message, text
from evidence_review.pipeline.limited import limited_reader
from evidence_review.review import team
from evidence_review.review.decisions import accept_confident, apply_decisions, plan_decisions
from evidence_review.review.decisions_file import DecisionsFile, ReviewError
from evidence_review.review.state import ReviewState, plan_findings, review_state
from evidence_review.rubric.model import Rubric
from evidence_review.store import schema
from evidence_review.store.db import (
    IMPROVEMENT,
    PROGRESS,
    ROLE,
    Store,
    show_value,
)
from evidence_review.store.engine import StaleVersionError

STATUSES = ("screened", "in_review", "in_adjudication", "confirmed", "scored")
_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


class StaleError(Exception):
    """A save based on an older version of the review state."""

    def __init__(self, current: int, changes: list[dict[str, Any]]) -> None:
        super().__init__(message(MessageKey.WEB_STALE))
        self.current = current
        self.changes = changes


class InputError(Exception):
    """Invalid input to a write (422): one line, Thai first with English in brackets."""


_THAI = re.compile("[\u0e00-\u0e7f]")
#: The largest ``base_version`` there can be (a decision's id is a 64-bit integer).
MAX_VERSION = 2**63 - 1


def invalid_fields(exc: ValidationError) -> InputError:
    """A body's validation errors as one line, Thai parts with Thai and English with English."""
    parts = [text(MessageKey.WEB_FIELD_INVALID,
                  field=".".join(str(x) for x in e["loc"]) or "(top)", detail=e["msg"])
             for e in exc.errors()]
    return InputError(str(Bilingual("; ".join(p.th for p in parts),
                                    "; ".join(p.en for p in parts))))


def review_error(exc: ReviewError) -> InputError:
    """A decisions file's problem as one Thai-first line (a review message still in English
    alone gets a Thai lead; the English, unclipped, stays in the brackets)."""
    line = " ".join(str(exc).split())
    if _THAI.search(line.split(" [", 1)[0]) and line.endswith("]"):
        return InputError(line)
    return InputError(str(Bilingual(text(MessageKey.WEB_DECISIONS_INVALID, detail=line).th,
                                    line)))


def base_version_of(body: dict[str, Any]) -> int | None:
    """Pop the body's ``base_version``: None when absent, else a version that can exist
    (an integer 0..MAX_VERSION; ``true``, ``1.5``, ``-1``, ``10**30`` are a 422, not a 409)."""
    base = body.pop("base_version", None)
    if base is None:
        return None
    if isinstance(base, bool) or not isinstance(base, int) or not 0 <= base <= MAX_VERSION:
        raise InputError(message(MessageKey.WEB_BASE_VERSION_INVALID, limit=MAX_VERSION))
    return base


class Missing(BaseModel):
    document: str | None
    item: str
    message: str


class SubmissionSummary(BaseModel):
    id: str
    agency: str | None = None
    status: str
    documents: int
    unconfirmed: int
    decisions: int
    version: int
    screened_at: str | None
    search_text: str = Field("", exclude=True)

    def matches(self, query: str) -> bool:
        """Whether ``query`` (Thai or not; case, spacing and ำ spellings ignored) is in the
        id, the agency's name or a document's path."""
        return _fold(query) in self.search_text


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


@contextmanager
def _locked(submission: str) -> Iterator[None]:
    """One writer per submission at a time in this server (the version check and the write
    are one step)."""
    with _locks_guard:
        lock = _locks.setdefault(submission, threading.Lock())
    with lock:
        yield


def view_for(store: Store, submission: str, user: Any, *, write: bool = False) -> Store:
    """The store ``user`` sees ``submission`` through: a double review's reviewer their own
    stream; a lead, admin or viewer (not assigned) its final decisions; a reviewer not
    assigned to an assigned submission, or anyone not assigned writing to it, is refused.

    Raises:
        team.NotAssigned: 403.
    """
    if write or user.role.value == "reviewer" or user.name in store.assignees(submission):
        return team.reviewer_view(store, submission, user.name)
    return team.final_view(store, submission)


def version(store: Store, submission: str) -> int:
    """The review state's version as ``store`` sees it: the latest decision's id (a double
    review's reviewer: of their own stream)."""
    return store.trail_version(submission)


def state(store: Store, submission: str, rubric: Rubric) -> ReviewState:
    return review_state(store, submission, rubric)


def exists(store: Store, submission: str) -> bool:
    return store.submission(submission) is not None


def missing(st: ReviewState) -> list[Missing]:
    """What must be confirmed before scoring, as (document, item, message)."""
    out: list[Missing] = []
    for line in st.missing:
        doc = next((d.doc.path for d in st.documents if line.startswith(d.doc.path + ": ")),
                   None)
        rest = line[len(doc) + 2:] if doc else line
        if doc is None:
            item = PROGRESS
        elif rest.startswith("sub-issue "):
            item = rest.removeprefix("sub-issue ").split()[0]
        elif rest.startswith(ROLE):
            item = ROLE
        elif rest.startswith(IMPROVEMENT):
            item = IMPROVEMENT
        else:  # the file changed since it was reviewed: everything in it is asked again
            item = "changed"
        out.append(Missing(document=f"{st.submission}/{doc}" if doc else None, item=item,
                           message=line))
    return out


def _scored(store: Store) -> dict[str, str]:
    from evidence_review.store.scorings import scored

    return scored(store.engine)


def _summary(store: Store, st: ReviewState, scored: dict[str, str], rubric: Rubric,
             screened_at: str | None = None) -> SubmissionSummary:
    n_dec = sum(len(d.decisions) for d in st.documents) + (st.progress is not None)
    if st.missing:
        status = "in_review" if n_dec else "screened"
        if not isinstance(store, team.StreamStore):  # (a reviewer's own stream: theirs only)
            status = team.double_status(store, st.submission, rubric) or status
    else:
        status = "scored" if st.submission in scored else "confirmed"
    agency = agency_name(store, st.submission)
    text = " ".join([st.submission, agency or "", *(d.doc.path for d in st.documents)])
    return SubmissionSummary(id=st.submission, agency=agency, status=status,
                             documents=len(st.documents), unconfirmed=len(st.missing),
                             decisions=n_dec, version=version(store, st.submission),
                             screened_at=screened_at, search_text=_fold(text))


def summaries(store: Store, rubric: Rubric, user: Any = None) -> list[SubmissionSummary]:
    """Every submission with its status, sorted by what needs work: in review first (most
    unconfirmed first), then screened, then confirmed, then scored. With ``user``, each as
    that user sees it (:func:`view_for`): a double review's reviewer gets the counts, status
    and version of their own stream only, and submissions they are not assigned to are left
    out."""
    scored = _scored(store)
    out = []
    for sub in store.submissions():
        try:
            view = store if user is None else view_for(store, sub.id, user)
        except team.NotAssigned:
            continue
        out.append(_summary(view, review_state(view, sub.id, rubric), scored, rubric,
                            sub.screened_at))
    order = {"in_adjudication": 0, "in_review": 1, "screened": 2, "confirmed": 3, "scored": 4}
    out.sort(key=lambda s: (order[s.status], -s.unconfirmed, s.id))
    return out


def summary(store: Store, st: ReviewState, rubric: Rubric) -> SubmissionSummary:
    return _summary(store, st, _scored(store), rubric)


def changes_since(store: Store, submission: str, base: int) -> list[dict[str, Any]]:
    """Decisions recorded after version ``base``: who changed what (shown on a stale save)."""
    return [{"document": r.document_path, "item": r.item, "after": r.after,
             "shown": show_value(r.after),
             "reviewer": r.reviewer, "decided_at": r.decided_at, "reason": r.reason}
            for r in store.trail(submission) if r.id > base]


def _check(store: Store, submission: str, base_version: int | None) -> None:
    """Refuse early a save based on an older state (the write checks it again under the
    store's write lock, where it holds across processes: :func:`stale`)."""
    current = version(store, submission)
    if base_version is None:
        raise InputError(message(MessageKey.WEB_BASE_VERSION_REQUIRED))
    if not 0 <= base_version <= MAX_VERSION:  # (a form's field; the API body's: base_version_of)
        raise InputError(message(MessageKey.WEB_BASE_VERSION_INVALID, limit=MAX_VERSION))
    if base_version != current:
        raise StaleError(current, changes_since(store, submission, base_version))


def stale(store: Store, submission: str, base: int | None,
          exc: StaleVersionError) -> StaleError:
    """The 409 for a save the store refused because another process saved first."""
    return StaleError(exc.current, changes_since(store, submission, base or 0))


def apply_json(store: Store, submission: str, rubric: Rubric, body: Any, reviewer: str,
               source: str = "web", options: ExtractOptions | None = None) -> int:
    """Apply a decisions-file object with ``base_version`` as ``reviewer`` (a ``reviewer``
    field in it is ignored). A document that must be read again (a role change needs its
    activity table) is read in a worker under ``options``' limits. Returns the new version."""
    if not isinstance(body, dict):
        raise InputError(message(MessageKey.WEB_BODY_NOT_OBJECT))
    body = dict(body)
    base = base_version_of(body)
    body.pop("reviewer", None)
    try:
        data = DecisionsFile.model_validate(body)
    except ValidationError as exc:
        raise invalid_fields(exc) from None
    with _locked(submission):
        _check(store, submission, base)
        st = review_state(store, submission, rubric)
        try:
            planned = plan_decisions(st, data, rubric, "body")
        except ReviewError as exc:
            raise review_error(exc) from None
        try:
            apply_decisions(store, st, planned, reviewer, source,
                            extract_fn=limited_reader(options), base_version=base)
        except StaleVersionError as exc:
            raise stale(store, submission, base, exc) from None
        return version(store, submission)


def decide(store: Store, submission: str, rubric: Rubric, *, document_id: int, item: str,
           value: Any, reason: str | None, reviewer: str, base_version: int | None,
           selection: str | None = None, page: int | None = None,
           options: ExtractOptions | None = None) -> int:
    """Record one decision made in the review page (a document read again is read under
    ``options``' limits, as in :func:`apply_json`). Returns the new version."""
    with _locked(submission):
        _check(store, submission, base_version)
        st = review_state(store, submission, rubric)
        d = next((x for x in st.documents if x.doc.id == document_id), None)
        if d is None:
            raise InputError(message(MessageKey.WEB_NO_DOCUMENT, document_id=document_id,
                                     submission=submission))
        props = d.doc.proposals
        if item == ROLE:
            try:
                value = Role(value).value
            except ValueError:
                raise InputError(message(MessageKey.WEB_ROLE_ONE_OF,
                                         roles=", ".join(r.value for r in Role))) from None
            proposed: Any = props.role.value
        elif item == IMPROVEMENT:
            proposed = props.improvement_vs_2549.proposed if props.improvement_vs_2549 else None
        elif item in rubric.subissue_ids:
            p = props.subissues.get(item)
            proposed = p.proposed if p else None
        else:
            raise InputError(message(MessageKey.WEB_NO_ITEM, item=repr(item)))
        if item != ROLE and not isinstance(value, bool):
            raise InputError(message(MessageKey.WEB_VALUE_COVERED, item=item))
        reason = (reason or "").strip() or None
        if proposed is not None and value != proposed and reason is None:
            raise InputError(message(MessageKey.WEB_OVERRIDE_NEEDS_REASON, item=item))
        planned = plan_decisions(st, DecisionsFile.model_validate(
            {"documents": {d.doc.path: _one(item, value, reason)}}), rubric, "page")
        try:
            apply_decisions(store, st, planned, reviewer, "web",
                            extract_fn=limited_reader(options), base_version=base_version)
        except StaleVersionError as exc:
            raise stale(store, submission, base_version, exc) from None
        new = version(store, submission)
        if selection and selection.strip() and value is True and new > (base_version or 0):
            with store.engine.begin() as c:
                c.execute(schema.decision_selections.insert().values(
                    decision_id=new, page=page, text=selection.strip()[:5000]))
        return new


def _one(item: str, value: Any, reason: str | None) -> dict[str, Any]:
    if item == ROLE:
        return {"role": value, "role_reason": reason}
    if item == IMPROVEMENT:
        return {"improvement_vs_2549": value, "improvement_reason": reason}
    return {"subissues": {item: {"covered": value, "reason": reason}}}


def accept_above(store: Store, submission: str, rubric: Rubric, threshold: float,
                 reviewer: str, base_version: int | None, document_id: int | None = None) -> int:
    """Accept every unconfirmed proposal with confidence ≥ threshold (of one document when
    given), one decision per item. Returns the new version."""
    if not 0 <= threshold <= 1:
        raise InputError(message(MessageKey.WEB_THRESHOLD))
    with _locked(submission):
        _check(store, submission, base_version)
        st = review_state(store, submission, rubric)
        if document_id is not None:
            st = st.model_copy(update={"documents": [d for d in st.documents
                                                     if d.doc.id == document_id]})
        try:
            accept_confident(store, st, threshold, reviewer, base_version=base_version)
        except StaleVersionError as exc:
            raise stale(store, submission, base_version, exc) from None
        return version(store, submission)


def save_progress(store: Store, submission: str, rubric: Rubric, activities: list[dict],
                  reason: str | None, reviewer: str, base_version: int | None,
                  options: ExtractOptions | None = None) -> int:
    """Confirm the progress figures (validated like the decisions file's ``progress``)."""
    return apply_json(store, submission, rubric, {
        "base_version": base_version,
        "progress": {"activities": activities, "reason": reason}}, reviewer, options=options)


def findings(store: Store, st: ReviewState) -> dict[str, list[str]]:
    return dict(plan_findings(store, st))


def agency_name(store: Store, submission: str) -> str | None:
    from evidence_review.reports.official import agency_name as read

    return read(store, submission)


def set_agency_name(store: Store, submission: str, name: str, user: str) -> None:
    """Set (or, with an empty name, clear) the agency's name the reports print."""
    from evidence_review.store.agency import set_agency_name as write

    try:
        write(store.engine, submission, name, user)
    except ValueError as exc:
        raise InputError(str(exc)) from None
