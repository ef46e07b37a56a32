"""A mixed folder as agencies send it: Acrobat/Distiller-family PDFs (../shared/realworld
budget-*.pdf), a Word PDF (word-angsana.pdf) and LibreOffice PDFs (fixtures/pdf lo-*, table-*),
screened by this tool (extract + classify, one process, OCR on as a user runs it) against the
naive pipeline of benchmarks/batch.py (pdfplumber ``extract_text`` + newmm + substring search)
on the same files, alternated ``--rounds`` times; the median ratio of pages/s is reported.

Target (issue 12): >= 20x the naive pipeline in the same run.
Usage: python benchmarks/mixed.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
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
    args = ap.parse_args()
    from batch import naive_pipeline

    from evidence_review.rubric import load_rubric

    rubric = load_rubric()
    paths = corpus()
    ours(paths[:1], rubric)  # warm up: imports, dictionaries
    ratios = []
    for _ in range(args.rounds):
        a = ours(paths, rubric)
        b = naive_pipeline(paths, rubric)
        ratios.append(a["pages_per_s"] / b["pages_per_s"])
        print(f"ours {a['pages_per_s']:.1f} pages/s, naive {b['pages_per_s']:.1f} pages/s: "
              f"{ratios[-1]:.1f}x", flush=True)
    ratio = statistics.median(ratios)
    print(f"{len(paths)} files: ours vs naive (median of {args.rounds}): {ratio:.1f}x "
          f"(target >= 20x: {'met' if ratio >= 20 else 'NOT met'})")


if __name__ == "__main__":
    main()
