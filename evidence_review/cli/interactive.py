"""The interactive review loop: plain click prompts, so it runs in any terminal and under
``CliRunner`` with scripted input. Each decision is committed as it is made."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

import click

from evidence_review.messages import MessageKey, message
from evidence_review.models.proposals import Role
from evidence_review.review.decisions import accept_confident, ensure_analysis, progress_content
from evidence_review.review.decisions_file import ActivityFigures
from evidence_review.review.state import ReviewState, figures_value
from evidence_review.rubric.model import Rubric
from evidence_review.store.db import IMPROVEMENT, PROGRESS, ROLE, Store, show_value

KEYS = message(MessageKey.REVIEW_KEYS)
#: On a confirmed item (reached by [b]ack, or when changing decisions) Enter keeps it: only an
#: explicit [c]hange records anything, and a change needs a reason.
KEYS_CONFIRMED = message(MessageKey.REVIEW_KEYS_CONFIRMED)
COUNTED_ROLES = (Role.REVIEW, Role.PLAN)


class Quit(Exception):
    """The reviewer asked to stop (decisions made so far are kept)."""


def _mark(value: Any) -> str:
    return "-" if value is None else show_value(value)


class Session:
    """One reviewer going through one submission."""

    def __init__(self, store: Store, submission: str, rubric: Rubric, reviewer: str,
                 load: Callable[[], ReviewState], echo: Callable[[str], None] = click.echo,
                 max_evidence: int = 3) -> None:
        self.store, self.submission, self.rubric = store, submission, rubric
        self.reviewer = reviewer
        self.load, self.echo, self.max_evidence = load, echo, max_evidence
        self.recorded = 0
        self.review_all = False  # go through confirmed items too (to change one)

    # -- steps ---------------------------------------------------------------------------

    def steps(self, st: ReviewState) -> list[tuple[int | None, str]]:
        out: list[tuple[int | None, str]] = []
        for d in st.documents:
            out.append((d.doc.id, ROLE))
            out.extend((d.doc.id, sid) for sid in self.rubric.subissue_ids)
            out.append((d.doc.id, IMPROVEMENT))
        out.append((None, PROGRESS))
        return out

    def needed(self, st: ReviewState, step: tuple[int | None, str]) -> bool:
        """Whether the forward pass asks this step: unconfirmed and relevant to the role."""
        doc_id, item = step
        if doc_id is None:
            return st.progress is None or self.review_all
        d = next(x for x in st.documents if x.doc.id == doc_id)
        if item in d.decisions and not self.review_all:
            return False
        if item == ROLE:
            return True
        if d.doc.status == "failure":
            return False
        if item == IMPROVEMENT:
            return d.effective_role is Role.PLAN
        return d.effective_role in COUNTED_ROLES

    def run(self, threshold: float | None = None) -> int:
        """Go through every step; returns the number of decisions recorded.

        When everything is confirmed already, the reviewer may go through the confirmed
        decisions to change one (Enter keeps each; a change needs a reason). End of input
        at a prompt (Ctrl-D, a closed stdin) stops like [q]uit; Ctrl-C still interrupts."""
        try:
            self._walk(threshold)
        except Quit:
            self.echo(message(MessageKey.REVIEW_STOPPED, count=self.recorded))
        except click.Abort as exc:
            # click turns both Ctrl-C and end of input into Abort; only the former interrupts
            if not isinstance(exc.__context__, EOFError):
                raise
            self.echo("\n" + message(MessageKey.REVIEW_STOPPED, count=self.recorded))
        return self.recorded

    def _walk(self, threshold: float | None) -> None:
        st = self.load()
        steps = self.steps(st)
        if not any(self.needed(st, s) for s in steps):
            self.review_all = click.confirm("Everything is confirmed. Go through the decisions "
                                            "to change one?", default=False)
        else:
            self._bulk(threshold)
        i = 0
        history: list[int] = []
        revisit = False  # after [b]ack, ask the previous step even if it is confirmed
        while i < len(steps):
            st = self.load()
            if not revisit and not self.needed(st, steps[i]):
                i += 1
                continue
            revisit = False
            action = self.ask(st, steps[i], i, len(steps))
            if action == "back":
                i = history.pop() if history else 0
                revisit = True
                continue
            history.append(i)
            if action == "next":
                doc_id = steps[i][0]
                while i < len(steps) and steps[i][0] == doc_id:
                    i += 1
                continue
            i += 1

    def _bulk(self, threshold: float | None) -> None:
        if threshold is None:
            answer = click.prompt(message(MessageKey.REVIEW_BULK_QUESTION), default="",
                                  show_default=False)
            threshold = _threshold(answer)
        if threshold is not None:
            n = accept_confident(self.store, self.load(), threshold, self.reviewer)
            self.recorded += n
            self.echo(message(MessageKey.REVIEW_ACCEPTED_ABOVE, count=n,
                              threshold=f"{threshold:g}"))

    # -- one step ------------------------------------------------------------------------

    def ask(self, st: ReviewState, step: tuple[int | None, str], i: int, total: int) -> str:
        doc_id, item = step
        if doc_id is None:
            return self.ask_progress(st, i, total)
        d = next(x for x in st.documents if x.doc.id == doc_id)
        props = d.doc.proposals
        head = f"[{i + 1}/{total}] {d.doc.path}"
        if item == ROLE:
            self.echo(f"\n{head} ({d.doc.format}, {d.doc.pages} pages, {d.doc.status}"
                      + (f": {d.doc.error}" if d.doc.error else "") + ")")
            self.echo("  " + message(MessageKey.REVIEW_ROLE_LINE, proposed=props.role.value,
                                     confidence=f"{props.role_confidence:.2f}",
                                     confirmed=_mark(d.role)))
            if d.effective_role is Role.PLAN:
                self._plan_findings(d.doc.id)
            proposed: Any = props.role.value
            current: Any = d.role.value if d.role else None
        elif item == IMPROVEMENT:
            p = props.improvement_vs_2549
            proposed = p.proposed if p else None
            current = d.improvement
            self.echo(f"{head} — states what is developed beyond FY 2549 (ส่วนที่พัฒนาเพิ่มเติมจาก"
                      f"ปี 2549)\n  proposed: {_mark(proposed)}"
                      + (f" (confidence {p.confidence:.2f})" if p else "")
                      + f"   confirmed: {_mark(current)}")
            self._evidence(p.evidence if p else [])
        else:
            sub = self.rubric.subissue(item)
            p = props.subissues.get(item)
            proposed = p.proposed if p else None
            current = d.subissues.get(item)
            self.echo(f"{head} — {item} {sub.title_th} ({sub.name_en})")
            self.echo(f"  proposed: {_mark(proposed)}"
                      + (f" (confidence {p.confidence:.2f})" if p else "")
                      + (f" — {p.reason}" if p and p.reason else "")
                      + f"   confirmed: {_mark(current)}")
            self._evidence(p.evidence if p else [])
        key = self._key(confirmed=current is not None)
        if key in ("b", "n", "s", "k"):
            return {"b": "back", "n": "next", "s": "skip", "k": "skip"}[key]
        if key == "a":
            if proposed is None:
                self.echo("  " + message(MessageKey.REVIEW_NOTHING_TO_ACCEPT))
                return self.ask(st, step, i, total)
            self._record(item, proposed, doc_id, proposed, None)
            return "done"
        if item == ROLE:
            choice = click.prompt("  " + message(MessageKey.REVIEW_ROLE_PROMPT),
                                  type=click.Choice([r.value for r in Role]),
                                  default=proposed)
            after: Any = choice
        else:
            after = click.prompt("  " + message(MessageKey.REVIEW_COVERED_PROMPT
                                                if item != IMPROVEMENT
                                                else MessageKey.REVIEW_STATED_PROMPT),
                                 type=bool, default=not proposed if proposed is not None else True)
        if current is not None and after == current:
            self.echo("  " + message(MessageKey.REVIEW_UNCHANGED))
            return "done"
        reason = self._reason() if after != proposed or current is not None else None
        self._record(item, after, doc_id, proposed, reason)
        if item == ROLE and after in (Role.PLAN.value, Role.PROGRESS.value):
            ensure_analysis(self.store, d.doc, Role(after), _reader())
        return "done"

    def ask_progress(self, st: ReviewState, i: int, total: int) -> str:
        proposed = st.proposed_progress
        src = st.progress_source.doc.path if st.progress_source else None
        self.echo(f"\n[{i + 1}/{total}] " + (message(MessageKey.REVIEW_PROGRESS_FROM, source=src)
                                            if src else message(MessageKey.REVIEW_PROGRESS_NONE)))
        if st.progress_source is not None:
            analysis = self.store.analysis(st.progress_source.doc.id, "activities") or {}
            for note in analysis.get("notes", []):
                self.echo(f"  note: {note}")
        shown = st.progress if st.progress is not None else proposed
        for n, a in enumerate(shown or [], start=1):
            self.echo(f"  {n}. {a['name']} | weight {a['weight'] or '-'} | percent "
                      f"{a['percent'] or '-'} | achieved {_mark(a['achieved'])}")
        if st.progress is not None:
            self.echo("  " + message(MessageKey.REVIEW_CONFIRMED))
        if st.progress is not None:  # confirmed: Enter keeps the figures
            key = click.prompt("  " + message(MessageKey.REVIEW_KEYS_FIGURES_CONFIRMED),
                               type=click.Choice(list("kesbq")), default="k", show_choices=False)
        else:
            key = click.prompt("  " + message(MessageKey.REVIEW_KEYS_FIGURES),
                               type=click.Choice(list("aesbq")), default="a" if proposed else "e",
                               show_choices=False)
        if key == "q":
            raise Quit
        if key in ("b", "s", "k"):
            return {"b": "back", "s": "skip", "k": "skip"}[key]
        if key == "a":
            if not proposed:
                self.echo("  " + message(MessageKey.REVIEW_NOTHING_TO_ACCEPT_FIGURES))
                return self.ask_progress(st, i, total)
            self._record(PROGRESS, proposed, None, proposed, None)
            return "done"
        edited = self._edit(shown or [])
        if st.progress is not None and edited == st.progress:
            self.echo("  " + message(MessageKey.REVIEW_UNCHANGED))
            return "done"
        changes = (proposed is not None and edited != proposed) or st.progress is not None
        reason = self._reason() if changes else None
        self._record(PROGRESS, edited, None, proposed, reason)
        return "done"

    # -- helpers -------------------------------------------------------------------------

    def _plan_findings(self, doc_id: int) -> None:
        from evidence_review.plans.completeness import PlanCompleteness

        data = self.store.analysis(doc_id, "completeness")
        if data is None:
            return
        findings = PlanCompleteness.model_validate(data).findings()
        self.echo("  " + (message(MessageKey.REVIEW_PLAN_COMPLETE) if not findings
                          else message(MessageKey.REVIEW_PLAN_FINDINGS, count=len(findings))))
        for f in findings[:8]:
            self.echo(f"    - {f}")
        if len(findings) > 8:
            self.echo("    " + message(MessageKey.REVIEW_MORE_IN_REPORT, count=len(findings) - 8))

    def _evidence(self, evidence: list) -> None:
        for e in evidence[: self.max_evidence]:
            text = " ".join(e.text.split())
            self.echo(f"    p.{e.page} [{e.where.value}] {text[:160]} «{e.phrase}»")
        if len(evidence) > self.max_evidence:
            self.echo("    " + message(MessageKey.REVIEW_MORE,
                                        count=len(evidence) - self.max_evidence))

    def _key(self, confirmed: bool = False) -> str:
        """The reviewer's key; on a confirmed item Enter keeps it ([c]hange maps to [o])."""
        if confirmed:
            key = click.prompt(f"  {KEYS_CONFIRMED}", type=click.Choice(list("kcsbnq")),
                               default="k", show_choices=False)
            key = "o" if key == "c" else key
        else:
            key = click.prompt(f"  {KEYS}", type=click.Choice(list("aosbnq")), default="a",
                               show_choices=False)
        if key == "q":
            raise Quit
        return key

    def _reason(self) -> str:
        while True:
            reason = click.prompt("  " + message(MessageKey.REVIEW_REASON_PROMPT), default="",
                                  show_default=False).strip()
            if reason:
                return reason
            self.echo("  " + message(MessageKey.REVIEW_REASON_REQUIRED))

    def _record(self, item: str, after: Any, doc_id: int | None, proposed: Any,
                reason: str | None) -> None:
        content = progress_content(self.load()) if item == PROGRESS else None
        self.store.record_decision(self.submission, item, after, self.reviewer,
                                   document_id=doc_id, proposed=proposed, reason=reason,
                                   source="interactive", content_sha256=content)
        self.recorded += 1

    def _edit(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for n, a in enumerate(rows, start=1):
            if not click.confirm(f"  keep activity {n} ({a['name']})?", default=True):
                continue
            out.append(self._activity(a))
        while click.confirm("  " + message(MessageKey.REVIEW_ADD_ACTIVITY), default=not out):
            out.append(self._activity({"name": "", "weight": None, "percent": None,
                                       "achieved": None}))
        return figures_value(out)

    def _activity(self, a: dict[str, Any]) -> dict[str, Any]:
        name = click.prompt("    " + message(MessageKey.ACTIVITY_NAME_PROMPT),
                            default=a["name"] or None)
        weight = _number(click.prompt("    " + message(MessageKey.ACTIVITY_WEIGHT_PROMPT),
                                      default=a["weight"] or "", show_default=bool(a["weight"])))
        percent = _number(click.prompt("    " + message(MessageKey.ACTIVITY_PERCENT_PROMPT),
                                       default=a["percent"] or "", show_default=bool(a["percent"])))
        achieved_text = click.prompt("    " + message(MessageKey.ACTIVITY_ACHIEVED_PROMPT),
                                     default={True: "y", False: "n"}.get(a["achieved"], ""),
                                     show_default=a["achieved"] is not None)
        achieved = {"y": True, "n": False}.get(achieved_text.strip().lower()[:1])
        return ActivityFigures(name=name, weight=weight, percent=percent,
                               achieved=achieved).model_dump()


def _number(text: str) -> Decimal | None:
    from evidence_review.plans.cells import parse_number

    text = text.strip()
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return parse_number(text)


def _threshold(answer: str) -> float | None:
    """A confidence threshold typed by the reviewer, or None for blank/invalid.

    >>> _threshold("0.9"), _threshold(""), _threshold("1.5")
    (0.9, None, None)
    """
    try:
        value = float(answer)
    except ValueError:
        return None
    return value if 0 <= value <= 1 else None


def _reader() -> object:
    """How a document is read after screening: in a worker under screen's limits."""
    from evidence_review.cli.edge import extract_options
    from evidence_review.pipeline.limited import limited_reader

    return limited_reader(extract_options())
