"""A mixed folder as agencies send it: Acrobat/Distiller-family PDFs (../shared/realworld
budget-*.pdf), a Word PDF (word-angsana.pdf) and LibreOffice PDFs (fixtures/pdf lo-*, table-*),
screened by this tool (extract + classify, one process, OCR on as a user runs it) against the
naive pipeline of benchmarks/batch.py (pdfplumber ``extract_text`` + newmm + substring search)
on the same files, alternated ``--rounds`` times; the median ratio of pages/s is reported.

Target (issue 12): >= 20x the naive pipeline in the same run.

``--jobs N`` also runs the real ``screen`` path on the same files each round (the batch runner
``python -m evidence_review.pipeline`` with N worker processes, a fresh database, pages/s by the
batch's own clock, as benchmarks/batch.py measures it): N > 1 uses several cores, the
one-process figure above does not.
Usage: python benchmarks/mixed.py [--rounds 3] [--jobs 2]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def corpus() -> list[Path]:
    shared = next((p / "shared" / "realworld" for p in (ROOT.parent, ROOT.parent.parent)
                   if (p / "shared" / "realworld").is_dir()), None)
    real = sorted(shared.glob("*.pdf")) if shared else []
    made = sorted((ROOT / "fixtures" / "pdf").glob("lo-*.pdf")) + \
        sorted((ROOT / "fixtures" / "pdf").glob("table-*.pdf"))
    return real + made


def ours(paths: list[Path], rubric: object) -> dict[str, float]:
    from evidence_review.classifiers import classify
    from evidence_review.extractors import extract

    pages = 0
    t0 = time.perf_counter()
    for path in paths:
        doc = extract(path)
        classify(doc, rubric)  # type: ignore[arg-type]
        pages += len(doc.pages)
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "pages": pages, "pages_per_s": pages / seconds}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=0,
                    help="also screen the files with the batch runner and this many workers")
    args = ap.parse_args()
    from batch import _measure_batch, _work, naive_pipeline

    from evidence_review.rubric import load_rubric

    rubric = load_rubric()
    paths = corpus()
    ours(paths[:1], rubric)  # warm up: imports, dictionaries
    ratios, screened = [], []
    tmp = Path(tempfile.mkdtemp(prefix="mixed-bench-"))
    folder = tmp / "agency"
    folder.mkdir()
    for path in paths:  # one agency folder, as the batch runner takes it
        shutil.copyfile(path, folder / path.name)
    try:
        for i in range(args.rounds):
            a = ours(paths, rubric)
            b = naive_pipeline(paths, rubric)
            ratios.append(a["pages_per_s"] / b["pages_per_s"])
            line = (f"ours {a['pages_per_s']:.1f} pages/s, naive {b['pages_per_s']:.1f} "
                    f"pages/s: {ratios[-1]:.1f}x")
            if args.jobs:
                c = _measure_batch([folder], f"sqlite:///{tmp / f'r{i}.db'}", args.jobs,
                                   _work(), tmp)
                screened.append(c["pages_per_s"] / b["pages_per_s"])
                line += (f"; screen --jobs {args.jobs} {c['pages_per_s']:.1f} pages/s: "
                         f"{screened[-1]:.1f}x")
            print(line, flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    ratio = statistics.median(ratios)
    print(f"{len(paths)} files: ours (one process) vs naive (median of {args.rounds}): "
          f"{ratio:.1f}x (target >= 20x: {'met' if ratio >= 20 else 'NOT met'})")
    if screened:
        ratio = statistics.median(screened)
        print(f"screen --jobs {args.jobs} vs naive (median of {args.rounds}): {ratio:.1f}x "
              f"(target >= 20x: {'met' if ratio >= 20 else 'NOT met'})")


if __name__ == "__main__":
    main()
