"""The public Python API: the flow in six calls, the same path the CLI takes.

>>> import evidence_review as er
>>> sorted(er.__all__)
['apply_decisions', 'build_report', 'extract', 'open_store', 'score', 'screen']

Settings (``EVIDENCE_REVIEW_*``) are read here only when the caller passes no options, as the
CLI does; everything below receives typed options.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from evidence_review.extractors.model import Document
    from evidence_review.extractors.options import ExtractOptions
    from evidence_review.models.screening import ScreenedDocument
    from evidence_review.reports.official import OfficialReport
    from evidence_review.review.decisions_file import DecisionsFile
    from evidence_review.rubric.model import Rubric
    from evidence_review.scoring import ScoreResult
    from evidence_review.store.db import Store


class Unconfirmed(Exception):
    """Scoring (or a final report) was asked for before everything needed is confirmed."""

    def __init__(self, submission: str, missing: list[str]) -> None:
        super().__init__(f"{submission}: {len(missing)} items not confirmed: "
                         + "; ".join(missing))
        self.submission, self.missing = submission, missing


def _options(options: ExtractOptions | None) -> ExtractOptions:
    if options is not None:
        return options
    from evidence_review.settings import get_settings

    return get_settings().extract_options()


def _url(db: str | Path | None) -> str:
    from evidence_review.store.db import database_url

    if db is not None:
        return database_url(db)
    from evidence_review.settings import get_settings

    return database_url(get_settings().database_url)


def _rubric(rubric: Rubric | str | Path | None) -> Rubric:
    from evidence_review.rubric.model import Rubric, load_rubric

    return rubric if isinstance(rubric, Rubric) else load_rubric(rubric)


def extract(path: str | Path, options: ExtractOptions | None = None) -> Document:
    """One file to a :class:`Document` (pages, blocks, tables, repaired Thai). Never raises
    for a bad file: see ``doc.status`` and ``doc.error``."""
    from evidence_review.extractors import extract as _extract

    return _extract(Path(path), _options(options))


def screen(paths: str | Path | Sequence[str | Path], db: str | Path | None = None, *,
           rubric: Rubric | str | Path | None = None, options: ExtractOptions | None = None,
           jobs: int | None = None, timeout_s: float | None = None,
           quiet: bool = True) -> list[ScreenedDocument]:
    """Screen files or agency folders through the batch runner (worker processes with time
    and memory limits, the content cache) and register every submission and document in the
    store ``db``; returns the screened documents (``path`` relative to what was named)."""
    from evidence_review.pipeline import run_batch
    from evidence_review.pipeline.document import document_order, documents_of, unread_document
    from evidence_review.pipeline.pages import BASE_TIMEOUT_S, TIMEOUT_PER_PAGE_S

    named = [paths] if isinstance(paths, str | Path) else list(paths)
    the_rubric = _rubric(rubric)
    out: list[ScreenedDocument] = []

    def keep(result: Any) -> None:
        doc = result.document
        if doc is None:
            doc = unread_document(the_rubric, result.task.abs_path, result.task.rel,
                                  result.task.submission, result.error or "failed",
                                  result.sha256)
        out.extend(documents_of(doc))

    run_batch(named, the_rubric, jobs=jobs, timeout_s=timeout_s or BASE_TIMEOUT_S,
              timeout_per_page_s=0.0 if timeout_s else TIMEOUT_PER_PAGE_S, quiet=quiet,
              database_url=_url(db), options=_options(options), sink=keep, register=True)
    return sorted(out, key=lambda d: (d.submission, *document_order(d)))


def open_store(db: str | Path | None = None, *, create: bool = False) -> Store:
    """The store (a context manager). An existing one only, unless ``create``."""
    from evidence_review.store.db import Store

    return Store.open(_url(db), create=create)


def apply_decisions(store: Store, submission: str,
                    decisions: DecisionsFile | dict[str, Any] | str | Path, *,
                    reviewer: str | None = None,
                    rubric: Rubric | str | Path | None = None) -> tuple[int, int]:
    """Record a decisions file (a path, a dict in its format, or a parsed one) for
    ``submission``; returns (recorded, unchanged). Raises ``ReviewError`` naming the problem
    (an unknown path or sub-issue, an override without a reason) before anything is written."""
    from evidence_review.review.decisions import apply_decisions as _apply
    from evidence_review.review.decisions import plan_decisions
    from evidence_review.review.decisions_file import DecisionsFile, ReviewError, load_decisions
    from evidence_review.review.state import review_state

    source = "api"
    if isinstance(decisions, str | Path):
        source = f"file:{Path(decisions).name}"
        decisions = load_decisions(Path(decisions))
    elif isinstance(decisions, dict):
        decisions = DecisionsFile.model_validate(decisions)
    who = reviewer or decisions.reviewer
    if not who:
        raise ReviewError(f"{submission}: no reviewer: give reviewer= or \"reviewer\"")
    the_rubric = _rubric(rubric)
    state = review_state(store, submission, the_rubric)
    planned = plan_decisions(state, decisions, the_rubric, source)
    from evidence_review.pipeline.limited import limited_reader

    return _apply(store, state, planned, who, source, extract_fn=limited_reader(_options(None)))


def score(store: Store, submission: str, *,
          rubric: Rubric | str | Path | None = None) -> ScoreResult:
    """The official score from confirmed decisions only; raises :class:`Unconfirmed` listing
    what is missing (a changed document included)."""
    from evidence_review.review.state import review_state, score_inputs
    from evidence_review.scoring import score as _score

    the_rubric = _rubric(rubric)
    state = review_state(store, submission, the_rubric)
    if state.missing:
        raise Unconfirmed(submission, state.missing)
    i = score_inputs(state)
    result = _score(the_rubric, i.review_count, i.plan_count, i.improvement, i.activities)
    result.notes.extend(i.notes)
    return result


def build_report(store: Store, submission: str, *, rubric: Rubric | str | Path | None = None,
                 draft: bool = False) -> OfficialReport:
    """The official-form report (render it with ``evidence_review.reports.render`` or
    ``reports.pdf.write_pdf``); raises :class:`Unconfirmed` unless ``draft``."""
    from evidence_review.reports.official import build_report as _build
    from evidence_review.review.state import review_state

    the_rubric = _rubric(rubric)
    if not draft:
        state = review_state(store, submission, the_rubric)
        if state.missing:
            raise Unconfirmed(submission, state.missing)
    return _build(store, submission, the_rubric, draft=draft)


__all__ = ["Unconfirmed", "apply_decisions", "build_report", "extract", "open_store", "score",
           "screen"]
