"""``evidence-review pack create|verify``: the evidence pack a committee archives."""

from __future__ import annotations

from pathlib import Path

import click

from evidence_review.cli.options import load_rubric_or_fail, store_options, submission_store
from evidence_review.messages import Bilingual, MessageKey, message, text


@click.group("pack")
def command() -> None:
    """Create a submission's evidence pack, or verify one (no database needed).

    \b
    Examples:
      evidence-review pack create s02-nakhonsawan -o pack.zip
      evidence-review pack verify pack.zip
    """


@command.command("create")
@click.argument("submission")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="The pack to write (a .zip; an existing file only with --force).")
@click.option("--force", is_flag=True, help="Replace an existing pack.")
@store_options
def create(submission: str, output: Path, force: bool, db: str | None,
           rubric_path: Path | None) -> None:
    """Write the official report (PDF, XLSX, JSON), the original files, the screened text of
    each page used as evidence, the audit trail (JSON, CSV) and a manifest with the sha256
    of every member; print the manifest's sha256 for the committee to record elsewhere.

    \b
    Example:
      evidence-review pack create s01-fisheries -o s01-pack.zip
    """
    from evidence_review import __version__
    from evidence_review.cli.commands.report import refused
    from evidence_review.cli.edge import extract_options
    from evidence_review.cli.options import changed_on_disk, refuse_unconfirmed
    from evidence_review.outputs import OutputError, check_target
    from evidence_review.pipeline.cache import rubric_hash
    from evidence_review.reports.evidence_pack import PackSourceError, members
    from evidence_review.reports.pack import write_pack
    from evidence_review.reports.pdf import PdfUnavailable
    from evidence_review.review.state import review_state

    rubric = load_rubric_or_fail(rubric_path)
    try:
        check_target(output, force=force)
    except OutputError as exc:
        raise refused(exc) from None
    try:
        with submission_store(db, submission) as (store, ident):
            missing = changed_on_disk(store, ident) + review_state(store, ident, rubric).missing
            if missing:
                refuse_unconfirmed(ident, missing, "pack")
            data = members(store, ident, rubric, extract_options())
    except (PackSourceError, PdfUnavailable) as exc:
        raise click.ClickException(str(exc)) from None
    try:
        digest = write_pack(output, data, submission=ident, tool_version=__version__,
                            rubric_sha256=rubric_hash(rubric), force=force)
    except OutputError as exc:
        raise refused(exc) from None
    click.echo(message(MessageKey.PACK_WRITTEN, path=str(output), count=len(data)), err=True)
    click.echo(f"manifest sha256: {digest}")


@command.command("verify")
@click.argument("pack", type=click.Path(path_type=Path))
@click.option("--manifest-sha256", "recorded", default=None, metavar="HEX",
              help="The manifest sha256 `pack create` printed, recorded elsewhere.")
def verify(pack: Path, recorded: str | None) -> None:
    """Check every member against the manifest, the audit trail, and the manifest against
    the recorded sha256. Exit 0 intact, 1 changed (each changed member named).

    \b
    Example:
      evidence-review pack verify s01-pack.zip
    """
    from evidence_review.reports.evidence_pack import verify_trail_json
    from evidence_review.reports.pack import PackError, verify_pack

    try:
        v = verify_pack(pack, manifest_sha256=recorded, verify_trail=verify_trail_json)
    except PackError as exc:
        raise click.ClickException(str(exc)) from None
    problems = ([text(MessageKey.PACK_MEMBER_CHANGED, member=m) for m in v.changed]
                + [text(MessageKey.PACK_MEMBER_MISSING, member=m) for m in v.missing]
                + [text(MessageKey.PACK_MEMBER_UNEXPECTED, member=m) for m in v.unexpected])
    if v.manifest_mismatch:
        problems.append(text(MessageKey.PACK_MANIFEST_MISMATCH, digest=v.manifest_sha256))
    lines = [_changed(p) for p in problems]
    if v.trail_problem:  # (English only: reports/evidence_pack.py words it)
        lines.append(message(MessageKey.PACK_CHANGED, what=v.trail_problem))
    if lines:
        for line in lines:
            click.echo(f"{pack}: {line}", err=True)
        raise SystemExit(1)
    click.echo(f"{pack}: " + message(MessageKey.PACK_INTACT, digest=v.manifest_sha256))


def _changed(problem: Bilingual) -> str:
    """"evidence pack changed: <member> (changed)", each language with its own."""
    th, en = (text(MessageKey.PACK_CHANGED, what=w) for w in (problem.th, problem.en))
    return str(Bilingual(th.th, en.en))
