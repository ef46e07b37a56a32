"""The command-line interface: a thin click group whose commands are imported lazily,
so ``evidence-review --help`` answers without loading PDF or Thai NLP libraries."""

from __future__ import annotations

import importlib

import click

from evidence_review import __version__

#: command name -> (module, one-line help). Each module exposes a click command named ``command``.
COMMANDS: dict[str, tuple[str, str]] = {
    "extract": (
        "evidence_review.commands.extract",
        "Read one file into repaired Thai text, pages and tables.",
    ),
    "screen": (
        "evidence_review.commands.screen",
        "Propose sub-issue coverage for submissions (pre-screen).",
    ),
    "eval": (
        "evidence_review.commands.evaluate",
        "Measure proposals against a labels file.",
    ),
    "review": (
        "evidence_review.commands.review",
        "Confirm or override proposals (interactive or --decisions FILE).",
    ),
    "decisions": (
        "evidence_review.commands.decisions",
        "Print a submission's decision audit trail.",
    ),
    "score": (
        "evidence_review.commands.score",
        "Compute the indicator score from confirmed decisions.",
    ),
    "report": (
        "evidence_review.commands.report",
        "Write the official-form report (md, html, xlsx, json, pdf).",
    ),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        return importlib.import_module(entry[0]).command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, help_) for name, (_, help_) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="evidence-review")
def main() -> None:
    """Pre-screen, review and score agency submissions for the OPDC indicator
    "ระดับคุณภาพของการบริหารจัดการระบบฐานข้อมูลสารสนเทศของส่วนราชการ" (FY 2550).

    \b
    Example:
      evidence-review screen fixtures/submissions --out out/ --json out/screen.json
    """
