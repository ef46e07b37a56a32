"""A thin demo entry: ``python -m evidence_review.pipeline FOLDER... [--jsonl out.jsonl]``
(the real command is
``evidence-review screen``). Exit status: 0 all files read, 1 some failed, 2 usage error.

An entry point, so like the CLI it reads the settings (limits, OCR, the database) and passes
them down as options."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from evidence_review.pipeline.model import BatchUsageError, FileResult, exit_status
from evidence_review.pipeline.runner import DEFAULT_WORK, run_batch, work_path
from evidence_review.settings import get_settings


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m evidence_review.pipeline", description=__doc__)
    ap.add_argument("paths", nargs="+", type=Path, help="submission files or folders")
    ap.add_argument("--jobs", "-j", type=int, default=None, help="worker processes")
    ap.add_argument("--timeout", type=float, default=120, help="seconds per file")
    ap.add_argument("--memory-mb", type=int, default=2048, help="memory limit per file")
    ap.add_argument("--executor", choices=["local", "dask"], default="local")
    ap.add_argument("--scheduler", default=None, help="dask scheduler address")
    ap.add_argument("--db", default=None, help="SQLAlchemy URL of the cache database")
    ap.add_argument("--no-cache", action="store_true", help="re-screen unchanged files")
    ap.add_argument("--work", default=work_path(DEFAULT_WORK),
                    help="per-file work function module:name")
    ap.add_argument("--rubric", type=Path, default=None, help="rubric TOML file")
    ap.add_argument("--jsonl", type=Path, default=None,
                    help="write one JSON object per file as it completes")
    ap.add_argument("--summary", type=Path, default=None,
                    help="write the batch summary (counts, seconds, failures) as JSON here")
    ap.add_argument("--quiet", "-q", action="store_true")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    rubric = None
    if args.rubric is not None:
        from evidence_review.rubric.model import RubricError, load_rubric

        try:
            rubric = load_rubric(args.rubric)
        except RubricError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    out = None
    settings = get_settings()
    try:
        if args.jsonl is not None:
            out = args.jsonl.open("a", encoding="utf-8")

        def sink(result: FileResult) -> None:
            if out is not None:
                out.write(json.dumps(result.to_json_dict(), ensure_ascii=False) + "\n")
                out.flush()

        summary = run_batch(args.paths, rubric, jobs=args.jobs, timeout_s=args.timeout,
                            memory_mb=args.memory_mb, executor=args.executor,
                            scheduler=args.scheduler, cache=not args.no_cache, quiet=args.quiet,
                            database_url=args.db or settings.database_url, sink=sink,
                            work=args.work, options=settings.extract_options())
    except BatchUsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exit_status(None)
    except OSError as exc:
        print(f"error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: files finished so far are saved; run again to resume",
              file=sys.stderr)
        return 130
    finally:
        if out is not None:
            out.close()
    if args.summary is not None:
        args.summary.write_text(summary.model_dump_json(indent=2), encoding="utf-8")
    return summary.exit_status


if __name__ == "__main__":
    sys.exit(main())
