"""``evidence-review eval LABELS PATH``: measure proposals against hand labels."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

import click
from pydantic import BaseModel, ConfigDict, Field, ValidationError

TRAP_KINDS = ("toc", "empty_heading", "placeholder", "other_sense", "intro_list")


class Trap(BaseModel):
    model_config = ConfigDict(extra="allow")
    subissue: str
    kind: str


class LabelledDocument(BaseModel):
    model_config = ConfigDict(extra="allow")  # activities, notes: used by other commands
    path: str
    split: str = "dev"  # a name the labeller chose: dev, heldout, unseen...
    role: Literal["review", "plan", "progress", "other"]
    covered: list[str] = Field(default_factory=list)
    improvement_vs_2549: bool | None = None
    traps: list[Trap] = Field(default_factory=list)


class Labels(BaseModel):
    model_config = ConfigDict(extra="allow")
    documents: list[LabelledDocument]


def load_labels(path: Path) -> Labels:
    """Read a labels YAML file; a bad file is a one-line error naming it and the bad key."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise click.ClickException(f"{path}: cannot read labels ({exc.strerror or exc})"
                                   ) from None
    except yaml.YAMLError as exc:
        raise click.ClickException(f"{path}: not valid YAML ({str(exc).splitlines()[0]})"
                                   ) from None
    try:
        return Labels.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}"
                             for e in exc.errors()[:5])
        raise click.ClickException(f"{path}: invalid labels: {problems}") from None


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int | None]:
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    f = 2 * p * r / (p + r) if p is not None and r is not None and p + r else (
        0.0 if (tp + fp + fn) else None)
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}


def evaluate(labels: Sequence[LabelledDocument], proposals: dict[str, dict[str, Any]],
             subissues: Sequence[str]) -> dict[str, Any]:
    """Scores of ``proposals`` (document path -> a ``screen --json`` document) against labels.

    Micro P/R/F1 are over (document, sub-issue) pairs of the labelled documents that were
    screened (documents that failed extraction count as proposing nothing).

    >>> labs = [LabelledDocument(path="a.docx", role="review", covered=["1.1"],
    ...                          traps=[Trap(subissue="3.2", kind="toc")])]
    >>> got = {"a.docx": {"role": "review", "status": "success", "subissues": {
    ...     "1.1": {"proposed": True}, "3.2": {"proposed": False}}}}
    >>> r = evaluate(labs, got, ["1.1", "3.2"])
    >>> r["micro"]["f1"], r["traps"]["accuracy"], r["roles"]["accuracy"]
    (1.0, 1.0, 1.0)
    """
    per = {sid: [0, 0, 0] for sid in subissues}
    trap_total = trap_ok = role_total = role_ok = 0
    imp_total = imp_ok = 0
    missing: list[str] = []
    by_kind: dict[str, list[int]] = {}
    errors: list[dict[str, Any]] = []
    for lab in labels:
        got = proposals.get(lab.path)
        if got is None:
            missing.append(lab.path)
            continue
        truth = set(lab.covered)
        subs = got.get("subissues", {})
        for sid in subissues:
            said = bool(subs.get(sid, {}).get("proposed"))
            t = sid in truth
            if said and t:
                per[sid][0] += 1
            elif said:
                per[sid][1] += 1
                errors.append({"path": lab.path, "subissue": sid, "error": "false positive"})
            elif t:
                per[sid][2] += 1
                errors.append({"path": lab.path, "subissue": sid, "error": "missed"})
        for trap in lab.traps:
            if trap.subissue in truth:
                continue
            trap_total += 1
            ok = not bool(subs.get(trap.subissue, {}).get("proposed"))
            trap_ok += ok
            if not ok:
                errors.append({"path": lab.path, "subissue": trap.subissue,
                               "error": f"trap proposed ({trap.kind})"})
            k = by_kind.setdefault(trap.kind, [0, 0])
            k[0] += 1
            k[1] += ok
        role_total += 1
        role_ok += got.get("role") == lab.role
        if got.get("role") != lab.role:
            errors.append({"path": lab.path, "error": f"role {got.get('role')} != {lab.role}"})
        if lab.improvement_vs_2549 is not None:
            imp_total += 1
            said = bool((got.get("improvement_vs_2549") or {}).get("proposed"))
            imp_ok += said == lab.improvement_vs_2549
    tp = sum(v[0] for v in per.values())
    fp = sum(v[1] for v in per.values())
    fn = sum(v[2] for v in per.values())
    return {
        "documents": len(labels) - len(missing),
        "missing": missing,
        "per_subissue": {sid: _prf(*v) for sid, v in per.items()},
        "micro": _prf(tp, fp, fn),
        "traps": {"total": trap_total, "not_proposed": trap_ok,
                  "accuracy": trap_ok / trap_total if trap_total else None,
                  "by_kind": {k: {"total": v[0], "not_proposed": v[1]}
                              for k, v in sorted(by_kind.items())}},
        "roles": {"total": role_total, "correct": role_ok,
                  "accuracy": role_ok / role_total if role_total else None},
        "improvement_vs_2549": {"total": imp_total, "correct": imp_ok,
                                "accuracy": imp_ok / imp_total if imp_total else None},
        "errors": errors,
    }


def _fmt(v: float | None) -> str:
    return "-" if v is None else f"{v:.3f}"


def in_split(label_split: str, chosen: str) -> bool:
    """A document labelled ``label_split`` is measured under ``--split chosen``: all, the same
    name, or a part of it (``unseen2-tune`` is part of ``unseen2``).

    >>> in_split("unseen2-tune", "unseen2"), in_split("unseen2", "unseen"), in_split("dev", "all")
    (True, False, True)
    """
    return chosen in ("all", label_split) or label_split.startswith(chosen + "-")


def print_report(result: dict[str, Any], split: str) -> None:
    click.echo(f"split: {split}; documents: {result['documents']}"
               + (f"; not found: {', '.join(result['missing'])}" if result["missing"] else ""))
    click.echo(f"{'sub-issue':<10}{'P':>8}{'R':>8}{'F1':>8}{'tp':>5}{'fp':>5}{'fn':>5}")
    for sid, m in [*result["per_subissue"].items(), ("micro", result["micro"])]:
        click.echo(f"{sid:<10}{_fmt(m['precision']):>8}{_fmt(m['recall']):>8}"
                   f"{_fmt(m['f1']):>8}{m['tp']:>5}{m['fp']:>5}{m['fn']:>5}")
    t, r, i = result["traps"], result["roles"], result["improvement_vs_2549"]
    click.echo(f"traps not proposed: {t['not_proposed']}/{t['total']} ({_fmt(t['accuracy'])})"
               + "".join(f"; {k} {v['not_proposed']}/{v['total']}"
                         for k, v in t["by_kind"].items()))
    click.echo(f"roles correct: {r['correct']}/{r['total']} ({_fmt(r['accuracy'])})")
    click.echo(f"beyond FY 2549 correct: {i['correct']}/{i['total']} ({_fmt(i['accuracy'])})")
    for e in result["errors"]:
        click.echo(f"  {e['path']}: " + (f"{e['subissue']} " if "subissue" in e else "")
                   + e["error"])


def screen_labelled(labels: Iterable[LabelledDocument], root: Path, rubric: Any,
                    jobs: int | None = None) -> dict[str, dict]:
    """Screen the labelled files under ``root`` (only those) through the batch runner -- worker
    processes with ``screen``'s per-file time and memory limits, nothing cached across runs --
    as ``screen --json`` documents keyed by label path. A bound file's parts are keyed
    ``PATH#pages=A-B``, as they are labelled."""
    import os
    import tempfile

    from evidence_review.cli.edge import extract_options
    from evidence_review.pipeline import FileResult, run_batch
    from evidence_review.pipeline.document import document_json, documents_of, unread_document
    from evidence_review.pipeline.pages import BASE_TIMEOUT_S, TIMEOUT_PER_PAGE_S

    files_of = (lab.path.split("#pages=", 1)[0] for lab in labels)
    named = {os.path.abspath(root / rel): rel for rel in files_of}
    files = [p for p in dict.fromkeys(named) if Path(p).is_file()]
    out: dict[str, dict] = {}
    if not files:
        return out

    def keep(result: FileResult) -> None:
        rel = named[str(result.task.abs_path)]
        sub = rel.split("/", 1)[0] if "/" in rel else root.name
        doc = result.document
        if doc is None:
            doc = unread_document(rubric, result.task.abs_path, rel, sub,
                                  result.error or "failed", result.sha256)
        doc = doc.model_copy(update={"path": rel, "submission": sub})
        for d in documents_of(doc):
            out[d.path] = document_json(d)

    with tempfile.TemporaryDirectory(prefix="evidence-review-eval-") as tmp:
        run_batch(files, rubric, jobs=jobs, timeout_s=BASE_TIMEOUT_S,
                  timeout_per_page_s=TIMEOUT_PER_PAGE_S, quiet=True, cache=False,
                  database_url=str(Path(tmp) / "cache.db"), options=extract_options(),
                  sink=keep)
    return out


@click.command(name="eval")
@click.argument("labels_file", metavar="LABELS", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--split", default="all", show_default=True, metavar="NAME",
              help="Measure only the labelled documents of this split (as named in LABELS: "
                   "dev, heldout, ...; a name also takes its parts: unseen2 takes "
                   "unseen2-tune and unseen2-test), or all.")
@click.option("--json", "json_out", metavar="FILE|-", help="Write the metrics as JSON.")
@click.option("--rubric", "rubric_path", metavar="FILE", type=click.Path(path_type=str),
              help="Rubric TOML (default: the bundled FY 2550 KPI 14 rubric).")
def command(labels_file: Path, path: Path, split: str, json_out: str | None,
            rubric_path: str | None) -> None:
    """Screen the labelled documents under PATH and measure the proposals against LABELS:
    precision, recall and F1 per sub-issue and micro over (document, sub-issue) pairs,
    trap accuracy (traps not proposed covered), role accuracy and beyond-FY-2549 accuracy.
    Label paths are relative to PATH.

    Exit status: 0 when measured, 1 when a labelled file is missing, 2 for a usage error.

    \b
    Example (add --json FILE to keep the figures):
      evidence-review eval fixtures/submissions/labels.yaml fixtures/submissions --split heldout
    """
    from evidence_review.cli.options import load_rubric_or_fail

    rubric = load_rubric_or_fail(rubric_path)
    labels = load_labels(labels_file)
    chosen = [d for d in labels.documents if in_split(d.split, split)]
    if not chosen:
        named = ", ".join(sorted({d.split for d in labels.documents})) or "none"
        raise click.UsageError(f"{labels_file}: no labelled document in split {split!r} "
                               f"(splits there: {named})")
    got = screen_labelled(chosen, path, rubric)
    result = evaluate(chosen, got, rubric.subissue_ids)
    result["split"] = split
    result["rubric"] = rubric.id
    if json_out != "-":
        print_report(result, split)
    if json_out:
        text = json.dumps(result, ensure_ascii=False, indent=2)
        if json_out == "-":
            click.echo(text)
        else:  # whole or not at all; a JSON file may be replaced, a database or input never
            from evidence_review.cli.commands.report import refused
            from evidence_review.outputs import OutputError, starts_with, write_text

            try:
                write_text(Path(json_out), text + "\n", own=starts_with("{"),
                           protect=[Path(labels_file)])
            except OutputError as exc:
                raise refused(exc) from None
    if result["missing"]:
        click.echo("error: labelled files not found under " + str(path) + ": "
                   + ", ".join(result["missing"]), err=True)
        sys.exit(1)
