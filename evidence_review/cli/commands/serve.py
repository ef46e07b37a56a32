"""``evidence-review serve``: the review workspace in the browser."""

from __future__ import annotations

from pathlib import Path

import click

from evidence_review.cli.options import db_option, load_rubric_or_fail, rubric_option


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every interface; put HTTPS in front).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--uploads", type=click.Path(path_type=Path), default=Path("evidence-review-uploads"),
              show_default=True, help="Folder where uploaded agency folders are kept.")
@db_option
@rubric_option
def command(host: str, port: int, uploads: Path, db: str | None,
            rubric_path: Path | None) -> None:
    """Serve the review workspace: submissions, the review page, the score and reports, and
    the JSON API (README "Web workspace"). Add accounts first with ``users add``.

    \b
    Example:
      evidence-review serve --db review.db --port 8000
    """
    try:
        import uvicorn

        from evidence_review.web.app import create_app
    except ImportError as exc:
        raise click.ClickException(
            f"ต้องติดตั้งส่วนเว็บก่อน [the web workspace needs its extra: pip install "
            f"'evidence-review[web]'] ({exc.name})") from None
    from evidence_review.cli.edge import store_url
    from evidence_review.store.db import StoreError

    rubric = load_rubric_or_fail(rubric_path)
    try:
        app = create_app(store_url(db), rubric=rubric, uploads=uploads)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"http://{host}:{port}/ (Ctrl-C หยุด [to stop])", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=True)
