"""The review page on a long PDF: how long it takes to open, and each keystroke's save.

Puts ``../shared/realworld/budget-excel-distiller.pdf`` (40 pages) into a temp submission,
screens it into a fresh store, and then, in-process through the ASGI app (an HTTP client, no
network), measures as a reviewer would meet them:

* opening the review page (``GET /submissions/{id}?doc=&item=``) for each sub-issue: the
  store, the state, the evidence boxes found on the pages (pypdfium2 text pages), the HTML;
* the first page images (``GET .../pages/N.png``, 100 dpi), as the browser loads them;
* each keystroke's save (``POST .../decide`` for ``a``: version check, decision, new version).

Targets (this machine, 2 cores): page opens < 1 s; a save < 100 ms.

Usage: python benchmarks/web.py [--pdf PATH] [--saves 10]
Writes a table to stdout and JSON to benchmarks/results/web-<time>.json.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PDF = ROOT.parent / "shared" / "realworld" / "budget-excel-distiller.pdf"
if not DEFAULT_PDF.exists():  # a git worktree under wt/
    DEFAULT_PDF = ROOT.parents[1] / "shared" / "realworld" / "budget-excel-distiller.pdf"


def _setup(tmp: Path, pdf: Path) -> tuple[Path, str]:
    from evidence_review.pipeline import run_batch
    from evidence_review.rubric.model import load_rubric
    from evidence_review.store.db import Store
    from evidence_review.web.accounts import Accounts

    folder = tmp / "bench-agency"
    folder.mkdir()
    shutil.copy(pdf, folder / pdf.name)
    db = tmp / "review.db"
    t0 = time.perf_counter()
    run_batch([folder], load_rubric(None), quiet=True, register=True,
              database_url=f"sqlite:///{db}")
    print(f"screened {pdf.name} in {time.perf_counter() - t0:.1f} s (not part of the "
          "targets)", file=sys.stderr)
    with Store.open(db) as store:
        token = Accounts(store.engine).new_token(
            Accounts(store.engine).add_user("bench", "reviewer", "bench-password").name)
    return db, token


def _ms(seconds: list[float]) -> dict[str, float]:
    return {"median_ms": round(1000 * statistics.median(seconds), 1),
            "max_ms": round(1000 * max(seconds), 1), "n": len(seconds)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf", type=Path, default=DEFAULT_PDF)
    parser.add_argument("--saves", type=int, default=10)
    args = parser.parse_args()
    from starlette.testclient import TestClient

    from evidence_review.web.app import create_app

    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        db, _ = _setup(tmp, args.pdf)
        app = create_app(db, uploads=tmp / "uploads")
        client = TestClient(app)
        from evidence_review.web.accounts import Accounts

        sid, csrf_sid = Accounts(app.state.store.engine).new_session(
            Accounts(app.state.store.engine).user("bench"))  # type: ignore[arg-type]
        client.cookies.set("er_session", sid)
        doc = app.state.store.documents("bench-agency")[0]
        pages = doc.pages
        opens: list[float] = []
        first_open = None
        for item in app.state.rubric.subissue_ids:
            t0 = time.perf_counter()
            r = client.get(f"/submissions/bench-agency?doc={doc.id}&item={item}")
            elapsed = time.perf_counter() - t0
            assert r.status_code == 200, r.status_code
            first_open = elapsed if first_open is None else first_open
            opens.append(elapsed)
        boxes = len(re.findall(r'class="hl"', r.text))
        images: list[float] = []
        for n in range(1, min(pages, 4) + 1):
            t0 = time.perf_counter()
            r = client.get(f"/submissions/bench-agency/documents/{doc.id}/pages/{n}.png")
            images.append(time.perf_counter() - t0)
            assert r.status_code == 200
        saves: list[float] = []
        version = 0
        items = app.state.rubric.subissue_ids
        for i in range(args.saves):
            item = items[i % len(items)]
            p = doc.proposals.subissues[item]
            value = p.proposed if i < len(items) else not p.proposed
            t0 = time.perf_counter()
            r = client.post("/submissions/bench-agency/decide", data={
                "doc": doc.id, "item": item, "value": "true" if value else "false",
                "reason": "bench", "base_version": version},
                headers={"X-CSRF-Token": csrf_sid, "Accept": "application/json"})
            saves.append(time.perf_counter() - t0)
            assert r.status_code == 200, r.text
            version = r.json()["version"]
        app.state.store.close()
    result = {
        "pdf": args.pdf.name, "pages": pages,
        "open_review_page": _ms(opens), "first_open_ms": round(1000 * (first_open or 0), 1),
        "highlight_boxes_last_item": boxes,
        "page_png": _ms(images), "save": _ms(saves),
        "targets": {"open_ms": 1000, "save_ms": 100},
    }
    print(f"{args.pdf.name}: {pages} pages")
    print(f"open review page   median {result['open_review_page']['median_ms']} ms, "
          f"max {result['open_review_page']['max_ms']} ms (first {result['first_open_ms']} ms;"
          " target < 1000 ms)")
    print(f"page image 100 dpi median {result['page_png']['median_ms']} ms")
    print(f"keystroke save     median {result['save']['median_ms']} ms, "
          f"max {result['save']['max_ms']} ms (target < 100 ms)")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"web-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
