"""``evidence-review rubric suggest``: rubric changes learned from reviewers' overrides."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from evidence_review.cli.options import db_option


@click.group(name="rubric")
def command() -> None:
    """Work on the rubric (the phrases and rules the classifier proposes from)."""


def _eval_line(name: str, result: dict[str, Any]) -> str:
    m = result["micro"]
    f = [("-" if m[k] is None else f"{m[k]:.3f}") for k in ("precision", "recall", "f1")]
    return (f"{name}: micro P {f[0]} R {f[1]} F1 {f[2]} "
            f"(tp {m['tp']} fp {m['fp']} fn {m['fn']}; traps {result['traps']['not_proposed']}"
            f"/{result['traps']['total']})")


def _effect(labels: tuple[Path, Path], before: Any, after: Any) -> None:
    """Screen the labelled documents with both rubrics and print micro P/R/F1 of each."""
    from evidence_review.cli.commands.evaluate import evaluate, load_labels, screen_labelled
    from evidence_review.messages import MessageKey, message

    labels_file, root = labels
    docs = load_labels(labels_file).documents
    for key, rubric in ((MessageKey.SUGGEST_BEFORE, before), (MessageKey.SUGGEST_AFTER, after)):
        result = evaluate(docs, screen_labelled(docs, root, rubric), rubric.subissue_ids)
        click.echo(_eval_line(message(key), result))


@command.command(name="suggest")
@db_option
@click.option("--rubric", "rubric_path", type=click.Path(path_type=Path, dir_okay=False),
              default=None, help="Rubric TOML file (default: the bundled FY 2550 one).")
@click.option("--labels", nargs=2, default=None, metavar="LABELS PATH",
              type=click.Path(exists=True, path_type=Path),
              help="Show eval micro P/R/F1 on these labelled documents before and after "
                   "applying the suggestions.")
@click.option("--min-support", default=2, show_default=True, type=click.IntRange(1, 1000),
              help="Distinct overridden documents a suggestion needs.")
@click.option("--write", "write_to", type=click.Path(path_type=Path, dir_okay=False),
              default=None, metavar="FILE", help="Write the rubric with the suggestions "
                                                 "merged in to FILE (the rubric is never "
                                                 "changed otherwise).")
@click.option("--force", is_flag=True, help="Replace FILE when it exists.")
def suggest_command(db: str | None, rubric_path: Path | None,
                    labels: tuple[Path, Path] | None, min_support: int,
                    write_to: Path | None, force: bool) -> None:
    """Read every confirmed override in the store and propose rubric changes: phrases
    reviewers confirmed as coverage where nothing was proposed, other senses of phrases
    whose proposals reviewers rejected, each with its count and examples. Prints a rubric
    TOML fragment and a summary; never changes the rubric unless --write FILE.

    Exit status: 0 done (also when there are no overrides), 2 usage error or refused output.

    \b
    Example:
      evidence-review rubric suggest --db review.db --write rubric-learned.toml
    """
    from evidence_review.cli.options import load_rubric_or_fail, open_store
    from evidence_review.messages import MessageKey, message
    from evidence_review.review import suggest as sg

    rubric = load_rubric_or_fail(str(rubric_path) if rubric_path else None)
    store = open_store(db)
    try:
        overrides = [o for sub in store.submissions() for o in sg.overrides_from(
            store.current(sub.id).values(), store.documents(sub.id), rubric.subissue_ids)]
    finally:
        store.close()
    if not overrides:
        click.echo(message(MessageKey.SUGGEST_NO_OVERRIDES))
        return
    found = sg.suggest(overrides, rubric, min_support)
    for line in sg.summary(found, overrides, rubric):
        click.echo(line)
    if not found:
        return
    frag = sg.fragment(found, rubric)
    try:
        merged_text, merged = sg.merge(frag, rubric_path)
    except ValueError as exc:
        detail = (str(exc).splitlines() or [""])[0]
        raise click.ClickException(message(MessageKey.SUGGEST_INVALID,
                                           path=rubric_path or "rubric", detail=detail)
                                   ) from None
    click.echo("")
    click.echo(frag.rstrip())
    if labels:
        _effect(labels, rubric, merged)
    if write_to:
        from evidence_review.cli.commands.report import refused
        from evidence_review.outputs import OutputError, write_text

        try:
            write_text(write_to, merged_text, force=force,
                       protect=[p for p in (rubric_path,) if p])
        except OutputError as exc:
            raise refused(exc) from None
        click.echo(message(MessageKey.SUGGEST_WRITTEN, path=write_to))
