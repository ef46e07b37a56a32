"""The command-line interface: a thin click group whose commands are imported lazily,
so ``evidence-review --help`` answers without loading PDF or Thai NLP libraries."""

from __future__ import annotations

import importlib
import logging
import sys

import click

from evidence_review import __version__

#: command name -> (module, one-line help). Each module exposes a click command named ``command``.
COMMANDS: dict[str, tuple[str, str]] = {
    "extract": (
        "evidence_review.cli.commands.extract",
        "Read one file into repaired Thai text, pages and tables.",
    ),
    "screen": (
        "evidence_review.cli.commands.screen",
        "Propose sub-issue coverage for submissions (pre-screen).",
    ),
    "eval": (
        "evidence_review.cli.commands.evaluate",
        "Measure proposals against a labels file.",
    ),
    "review": (
        "evidence_review.cli.commands.review",
        "Confirm or override proposals (interactive or --decisions FILE).",
    ),
    "decisions": (
        "evidence_review.cli.commands.decisions",
        "Print a submission's decision audit trail.",
    ),
    "score": (
        "evidence_review.cli.commands.score",
        "Compute the indicator score from confirmed decisions.",
    ),
    "report": (
        "evidence_review.cli.commands.report",
        "Write the official-form report (md, html, xlsx, json, pdf).",
    ),
    "rubric": ("evidence_review.cli.commands.rubric", "Rubric changes from reviewers' overrides."),
    "agency": (
        "evidence_review.cli.commands.agency",
        "Show or set the agency's name the reports print.",
    ),
    "assign": (
        "evidence_review.cli.commands.assign",
        "Assign a submission to one reviewer, or two for a double review.",
    ),
    "adjudicate": (
        "evidence_review.cli.commands.adjudicate",
        "Show a double review's differences; record a lead's final decisions.",
    ),
    "agreement": (
        "evidence_review.cli.commands.agreement",
        "Agreement and Cohen's kappa between a double review's reviewers.",
    ),
    "pack": (
        "evidence_review.cli.commands.pack",
        "Create or verify a submission's evidence pack (zip + manifest).",
    ),
    "audit": (
        "evidence_review.cli.commands.audit",
        "Check the decision trail's hash chain and append-only triggers.",
    ),
    "db": ("evidence_review.cli.commands.db", "Upgrade the store's schema (Alembic revisions)."),
    "serve": ("evidence_review.cli.commands.serve", "Serve the review workspace in the browser."),
    "users": ("evidence_review.cli.commands.users", "Add web users and bearer tokens."),
}


class TamperedFailure(click.ClickException):
    """A broken audit chain or a missing trigger: one line, exit 4 (store.engine.EXIT_TAMPERED)."""

    exit_code = 4


def store_failure(exc: Exception) -> click.ClickException:
    """A store error as a one-line click error: exit 4 for a tampered trail, else 1."""
    from evidence_review.store.engine import TamperedError

    if isinstance(exc, TamperedError):
        return TamperedFailure(str(exc))
    return click.ClickException(str(exc))


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        return importlib.import_module(entry[0]).command

    def invoke(self, ctx: click.Context) -> object:
        """Run the command; a bad ``EVIDENCE_REVIEW_*`` setting, wherever it is first read, is
        one line naming the variable (exit 2), never a traceback."""
        from sqlalchemy.exc import SQLAlchemyError

        from evidence_review.store.engine import StoreError, describe_db_error

        try:
            return super().invoke(ctx)
        except (StoreError, SQLAlchemyError) as exc:  # a full disk mid-write, a tampered trail
            if isinstance(exc, StoreError):
                raise store_failure(exc) from None
            from evidence_review.cli.edge import STORE_META, store_name

            url = ctx.meta.get(STORE_META)  # which store failed: the line names it
            where = f"{store_name(url)}: " if url else ""
            raise store_failure(StoreError(where + describe_db_error(exc))) from None
        except Exception as exc:
            if type(exc).__name__ == "ValidationError" and getattr(exc, "title", "") == "Settings":
                from evidence_review.cli.options import SettingsError, setting_error

                raise SettingsError(setting_error(exc)) from None
            raise

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, help_) for name, (_, help_) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


class _UserFacing(logging.Filter):
    """Without --verbose, only plain warnings reach the terminal. A logged exception (an
    extractor that crashed on a file) is already reported as that file's one-line error, so
    its traceback is not printed twice."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.exc_info is None


def configure_logging(verbose: bool) -> None:
    """Logging for a CLI run: ``warning: ...`` lines on stderr, or everything with -v."""
    if verbose:
        logging.basicConfig(level=logging.INFO, force=True,
                            format="%(levelname)s %(name)s: %(message)s")
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("warning: %(message)s"))
    handler.addFilter(_UserFacing())
    logging.basicConfig(level=logging.WARNING, handlers=[handler], force=True)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="evidence-review")
@click.option("-v", "--verbose", is_flag=True,
              help="Log details, with tracebacks of internal errors, on stderr.")
def main(verbose: bool) -> None:
    """Pre-screen, review and score agency submissions for the OPDC indicator
    "ระดับคุณภาพของการบริหารจัดการระบบฐานข้อมูลสารสนเทศของส่วนราชการ" (FY 2550).

    \b
    Example:
      evidence-review screen fixtures/submissions --out out/ --json out/screen.json
    """
    configure_logging(verbose)
