"""The agency's name a report prints: set by hand (``agency_names``, from the web workspace or
``evidence-review agency``), else read from its documents when screened
(``submissions.agency_name``, migration 31), else none (the report names the submission id)."""

from __future__ import annotations

import json

from sqlalchemy import Engine, select

from evidence_review.messages import MessageKey, message
from evidence_review.store import schema as t
from evidence_review.store.rows import now

#: The longest agency name kept.
MAX_NAME_CHARS = 300


def agency_names(engine: Engine, submission: str) -> tuple[str | None, str | None]:
    """(the name set by hand, the name read from the documents), each None when there is
    none."""
    with engine.connect() as c:
        manual = c.execute(select(t.agency_names.c.name).where(
            t.agency_names.c.submission_id == submission)).scalar()
        found = c.execute(select(t.submissions.c.agency_name).where(
            t.submissions.c.id == submission)).scalar()
    return (str(manual) if manual else None), (str(found) if found else None)


def agency_name(engine: Engine, submission: str) -> str | None:
    """The name set by hand, else the one read from the documents, else None."""
    manual, found = agency_names(engine, submission)
    return manual or found


def clean_name(name: str) -> str:
    """The name with its whitespace collapsed.

    Raises:
        ValueError: longer than :data:`MAX_NAME_CHARS` (the message says so, Thai first).
    """
    name = " ".join(name.split())
    if len(name) > MAX_NAME_CHARS:
        raise ValueError(message(MessageKey.AGENCY_NAME_TOO_LONG, limit=MAX_NAME_CHARS))
    return name


def set_agency_name(engine: Engine, submission: str, name: str, user: str) -> None:
    """Set by hand (an empty ``name`` clears it: the name read from the documents again).

    Raises:
        ValueError: the name is too long (:func:`clean_name`).
    """
    name = clean_name(name)
    a = t.agency_names
    with engine.begin() as c:
        c.execute(a.delete().where(a.c.submission_id == submission))
        if name:
            c.execute(a.insert().values(submission_id=submission, name=name, set_by=user,
                                        set_at=now()))


def document_agencies(engine: Engine, submission: str) -> list[str | None]:
    """The name each current document of ``submission`` gave when screened (by path)."""
    d, a = t.documents, t.analyses
    query = (select(d.c.path, a.c.data)
             .select_from(d.outerjoin(a, (a.c.document_id == d.c.id) & (a.c.kind == "agency")))
             .where(d.c.submission_id == submission, d.c.removed_at.is_(None))
             .order_by(d.c.path))
    with engine.connect() as c:
        rows = c.execute(query).all()
    return [json.loads(data).get("name") if data else None for _, data in rows]


def set_found_agency(engine: Engine, submission: str, name: str | None) -> None:
    """Record the name read from the submission's documents (None: none found)."""
    s = t.submissions
    with engine.begin() as c:
        c.execute(s.update().where(s.c.id == submission).values(agency_name=name))
