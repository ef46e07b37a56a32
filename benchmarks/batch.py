"""Batch pre-screening at scale: this tool cold, warm (cached), and a naive pipeline, same run.

Generates N agencies x 3 documents (default 200 agencies: a born-digital Thai PDF review of
6 pages, a DOCX plan, an XLSX progress report of 3 sheets; every ``--scanned-every``-th agency's
review is a scanned, image-only PDF of 2 pages) -- about 2,000 pages -- into a temp dir. Base
PDFs are made once with LibreOffice and copied with bytes varied (an appended comment), so
every file has its own sha256.

Runs the batch as a user would (``python -m evidence_review.pipeline`` in a fresh process,
the bundled rubric) and
measures documents/s and pages/s (the batch's own clock, without interpreter start-up) and peak
memory of that process tree (coordinator + fork server + workers + their Tesseract/LibreOffice
children; RSS summed, and PSS, which counts pages shared between forked workers once) for:

* cold: every file screened (fresh database);
* warm: the same batch again (every file from the cache);
* born-digital PDFs only, cold, against the naive pipeline on the same files: pdfplumber
  ``extract_text`` + pythainlp newmm + substring search for the rubric's phrases, one process
  (on a sample of ``--naive-sample`` files, extrapolated, when there are more).

Targets (2 cores): cold >= 20x the naive pipeline's pages/s on born-digital pages; warm >= 50x
faster than cold; peak memory, summed over the process tree, under 500 MB RSS and 400 MB PSS
whatever N (measured at 200 agencies: 594/514 MB with two Thai dictionaries per worker,
489/392 MB with one).

Usage: python benchmarks/batch.py [--agencies 200] [--jobs N] [--keep DIR]
Writes a table to stdout and JSON to benchmarks/results/batch-<time>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PHRASES_PER_PAGE = 6


# -- corpus -------------------------------------------------------------------------------
def _thai_pages(rubric: Any, pages: int, seed: int) -> list[list[str]]:
    """Paragraphs of Thai government prose with rubric phrases mixed in, per page."""
    rng = random.Random(seed)
    phrases = [p.text for s in rubric.subissues for p in s.phrases]
    filler = ("ส่วนราชการได้ดำเนินการทบทวนและวิเคราะห์ระบบฐานข้อมูลสารสนเทศที่มีอยู่ "
              "เพื่อให้สอดคล้องกับภารกิจและยุทธศาสตร์ของหน่วยงาน โดยมีการประชุมคณะทำงาน "
              "และรวบรวมความต้องการของผู้ใช้ทุกกลุ่ม ")
    out = []
    for _ in range(pages):
        paras = []
        for _ in range(8):
            picks = rng.sample(phrases, k=min(PHRASES_PER_PAGE // 2, len(phrases)))
            paras.append(filler + " ".join(picks) + " " + filler)
        out.append(paras)
    return out


def _docx_from_pages(path: Path, title: str, pages: list[list[str]]) -> None:
    import docx
    from docx.enum.text import WD_BREAK

    d = docx.Document()
    d.add_heading(title, level=1)
    for i, paras in enumerate(pages):
        for p in paras:
            d.add_paragraph(p)
        if i < len(pages) - 1:
            d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    d.save(str(path))


def _soffice_pdf(docx_path: Path, out_dir: Path) -> Path:
    profile = out_dir / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "pdf", "--outdir", str(out_dir), str(docx_path)],
        check=True, capture_output=True, timeout=180,
    )
    return out_dir / (docx_path.stem + ".pdf")


def _scanned_pdf(pdf: Path, out: Path, pages: int = 2, dpi: int = 150) -> None:
    from PIL import Image

    prefix = out.parent / "scan"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-f", "1", "-l", str(pages), "-png",
                    str(pdf), str(prefix)], check=True, timeout=120)
    images = [Image.open(p).convert("L") for p in sorted(out.parent.glob("scan*.png"))]
    images[0].save(out, save_all=True, append_images=images[1:], resolution=dpi)
    for p in out.parent.glob("scan*.png"):
        p.unlink()


def build_corpus(root: Path, agencies: int, scanned_every: int, rubric: Any) -> dict:
    """Write the agencies under ``root``; return counts."""
    import openpyxl

    base = root.parent / "base"
    base.mkdir(parents=True, exist_ok=True)
    review_docx = base / "review.docx"
    _docx_from_pages(review_docx, "สรุปผลการทบทวนและวิเคราะห์ระบบฐานข้อมูลสารสนเทศ",
                     _thai_pages(rubric, 6, seed=1))
    review_pdf = _soffice_pdf(review_docx, base)
    scanned_pdf = base / "scanned.pdf"
    _scanned_pdf(review_pdf, scanned_pdf)
    import pypdfium2 as pdfium

    review_pages = len(pdfium.PdfDocument(str(review_pdf)))
    counts = {"agencies": agencies, "documents": 0, "pages": 0, "born_digital_pdfs": 0,
              "born_digital_pages": 0, "scanned_pdfs": 0, "scanned_pages": 2}
    pdf_bytes, scan_bytes = review_pdf.read_bytes(), scanned_pdf.read_bytes()
    for a in range(agencies):
        folder = root / f"agency-{a:04d}"
        folder.mkdir(parents=True)
        if scanned_every and a % scanned_every == scanned_every - 1:
            (folder / "review-scan.pdf").write_bytes(scan_bytes + b"\n%agency " + bytes(str(a),
                                                                                       "ascii"))
            counts["scanned_pdfs"] += 1
            counts["pages"] += 2
        else:
            (folder / "review.pdf").write_bytes(pdf_bytes + b"\n%agency " + bytes(str(a),
                                                                                 "ascii"))
            counts["born_digital_pdfs"] += 1
            counts["born_digital_pages"] += review_pages
            counts["pages"] += review_pages
        _docx_from_pages(folder / "plan.docx", f"แผนปฏิบัติการ หน่วยงานที่ {a}",
                         _thai_pages(rubric, 1, seed=1000 + a))
        wb = openpyxl.Workbook()
        for s in range(3):
            ws = wb.active if s == 0 else wb.create_sheet()
            ws.title = f"ไตรมาส {s + 1}"
            ws.append(["กิจกรรม", "น้ำหนัก", "ร้อยละความก้าวหน้า", "บรรลุวัตถุประสงค์"])
            for r, para in enumerate(_thai_pages(rubric, 1, seed=5000 + a * 3 + s)[0]):
                ws.append([para[:120], 10, (a + r) % 101, "บรรลุ" if r % 2 else "ไม่บรรลุ"])
        wb.save(str(folder / "progress.xlsx"))
        counts["documents"] += 3
        counts["pages"] += 1 + 3
    return counts


# -- measuring ----------------------------------------------------------------------------
def _role(p: Any) -> str:
    """A short name for a process of the batch: coordinator, fork server, worker, tesseract..."""
    try:
        cmd = " ".join(p.cmdline())
    except Exception:  # a process that just ended
        return "?"
    if "forkserver" in cmd:  # workers are forked from the fork server: same command line
        try:
            parent = " ".join(p.parent().cmdline())
        except Exception:
            parent = ""
        return "worker" if "forkserver" in parent else "fork server"
    if "resource_tracker" in cmd:
        return "resource tracker"
    if "-m batch" in cmd:
        return "coordinator"
    name = p.name()
    return "worker" if name.startswith("python") else name


class PeakMemory:
    """Samples this process and all its descendants: peak summed RSS and PSS (MB)."""

    def __init__(self, every_s: float = 0.1, root: Any = None) -> None:
        import psutil

        self._psutil = psutil
        self._root = root or psutil.Process()
        self.every_s = every_s
        self.rss_mb = 0.0
        self.pss_mb = 0.0
        self.peak_parts: list[tuple[str, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        ps = self._psutil
        rss = pss = 0
        try:
            family = [self._root, *self._root.children(recursive=True)]
        except ps.Error:
            return
        parts = []
        for p in family:
            try:
                info = p.memory_full_info()
                rss += info.rss
                pss += getattr(info, "pss", info.rss)
                parts.append((_role(p), round(info.rss / 2**20)))
            except ps.Error:
                continue
        if rss / 2**20 > self.rss_mb:
            self.peak_parts = sorted(parts, key=lambda x: -x[1])  # who held the peak
        self.rss_mb = max(self.rss_mb, rss / 2**20)
        self.pss_mb = max(self.pss_mb, pss / 2**20)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.every_s)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()


def _measure_batch(paths: list[Path], db: str, jobs: int, work: str, tmp: Path) -> dict:
    """Run the batch as a user would (``python -m evidence_review.pipeline``, a fresh process)
    and sample the
    memory of that process tree only; throughput from the batch's own clock."""
    import psutil

    summary_file = tmp / "summary.json"
    cmd = [sys.executable, "-m", "evidence_review.pipeline", *map(str, paths), "--db", db,
           "--work", work,
           "--jobs", str(jobs), "-q", "--summary", str(summary_file)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd)
    mem = PeakMemory(root=psutil.Process(proc.pid))
    with mem:
        proc.wait()
    wall = time.perf_counter() - t0
    summary = json.loads(summary_file.read_text(encoding="utf-8"))
    seconds = summary["seconds"]
    return {"seconds": seconds, "wall_seconds_with_startup": wall,
            "documents": summary["total"], "pages": summary["pages"],
            "failed": summary["failed"], "cached": summary["cached"],
            "documents_per_s": summary["total"] / seconds,
            "pages_per_s": summary["pages"] / seconds,
            "peak_rss_mb": mem.rss_mb, "peak_pss_mb": mem.pss_mb,
            "peak_processes_mb": mem.peak_parts, "failures": summary["failures"][:10]}


def naive_pipeline(pdfs: list[Path], rubric: Any) -> dict:
    """pdfplumber extract_text + pythainlp newmm + substring search, one process."""
    import pdfplumber
    from pythainlp.tokenize import word_tokenize

    phrases = [p.text for s in rubric.subissues for p in s.phrases]
    word_tokenize("อุ่นเครื่อง", engine="newmm")  # dictionary load is not per-file work
    pages = hits = 0
    with PeakMemory() as mem:
        t0 = time.perf_counter()
        for path in pdfs:
            with pdfplumber.open(str(path)) as pdf:
                for page in pdf.pages:
                    text = page.extract_text() or ""
                    tokens = word_tokenize(text, engine="newmm")
                    joined = "".join(tokens)
                    hits += sum(1 for p in phrases if p in joined)
                    pages += 1
        seconds = time.perf_counter() - t0
    return {"seconds": seconds, "documents": len(pdfs), "pages": pages, "hits": hits,
            "documents_per_s": len(pdfs) / seconds, "pages_per_s": pages / seconds,
            "peak_rss_mb": mem.rss_mb, "peak_pss_mb": mem.pss_mb,
            "peak_processes_mb": mem.peak_parts}


def _work() -> str:
    from evidence_review.pipeline.runner import DEFAULT_WORK, work_path

    return work_path(DEFAULT_WORK)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--agencies", type=int, default=200)
    ap.add_argument("--scanned-every", type=int, default=20,
                    help="every Nth agency's review is a scanned PDF (0: none)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--naive-sample", type=int, default=12,
                    help="at most this many PDFs through the naive pipeline (extrapolated)")
    ap.add_argument("--rounds", type=int, default=3,
                    help="alternate this tool and the naive pipeline this many times; the "
                         "ratio reported is the median of the rounds' ratios")
    ap.add_argument("--work", default=None, help="per-file work function (default: pipeline)")
    ap.add_argument("--keep", type=Path, default=None, help="build the corpus here and keep it")
    args = ap.parse_args()

    from evidence_review.rubric.model import load_rubric

    rubric = load_rubric()
    work = args.work or _work()
    tmp = Path(tempfile.mkdtemp(prefix="batch-bench-")) if args.keep is None else args.keep
    try:
        corpus = tmp / "agencies"
        t0 = time.perf_counter()
        counts = build_corpus(corpus, args.agencies, args.scanned_every, rubric)
        counts["build_seconds"] = time.perf_counter() - t0
        db = f"sqlite:///{tmp / 'bench.db'}"
        cold = _measure_batch([corpus], db, args.jobs, work, tmp)
        warm = _measure_batch([corpus], db, args.jobs, work, tmp)
        pdfs = sorted(corpus.glob("*/review.pdf"))
        pdf_only = tmp / "born-digital"
        pdf_only.mkdir(exist_ok=True)
        for p in pdfs:  # the same bytes again under another root: a fresh DB keeps it cold
            dest = pdf_only / p.parent.name
            dest.mkdir(exist_ok=True)
            shutil.copyfile(p, dest / p.name)
        sample = pdfs[: args.naive_sample]
        rounds = []
        for i in range(max(1, args.rounds)):  # alternate, so machine load hits both alike
            ours_i = _measure_batch([pdf_only], f"sqlite:///{tmp / f'pdf-{i}.db'}", args.jobs,
                                    work, tmp)
            naive_i = naive_pipeline(sample, rubric)
            rounds.append((ours_i["pages_per_s"] / naive_i["pages_per_s"], ours_i, naive_i))
        rounds.sort(key=lambda r: r[0])
        ratio_naive, ours_pdf, naive = rounds[len(rounds) // 2]
        naive["sampled"] = len(sample) < len(pdfs)
        naive["extrapolated_seconds_all"] = naive["seconds"] * len(pdfs) / max(1, len(sample))
        round_ratios = [r[0] for r in rounds]
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)

    ratio_warm = cold["seconds"] / warm["seconds"]
    peak = max(cold["peak_rss_mb"], warm["peak_rss_mb"], ours_pdf["peak_rss_mb"])
    peak_pss = max(cold["peak_pss_mb"], warm["peak_pss_mb"], ours_pdf["peak_pss_mb"])
    rows = [("cold (all files)", cold), ("warm (cached)", warm),
            ("cold, born-digital PDFs*", ours_pdf), ("naive, born-digital PDFs*", naive)]
    print(f"work function: {work}; jobs={args.jobs}; cores={os.cpu_count()}; corpus: "
          f"{counts['documents']} documents, {counts['pages']} pages "
          f"({counts['scanned_pdfs']} scanned PDFs), built in {counts['build_seconds']:.0f} s")
    print(f"{'run':<26}{'docs':>6}{'pages':>7}{'seconds':>9}{'docs/s':>9}{'pages/s':>9}"
          f"{'RSS MB':>8}{'PSS MB':>8}")
    for name, r in rows:
        print(f"{name:<26}{r['documents']:>6}{r['pages']:>7}{r['seconds']:>9.2f}"
              f"{r['documents_per_s']:>9.1f}{r['pages_per_s']:>9.1f}{r['peak_rss_mb']:>8.0f}"
              f"{r['peak_pss_mb']:>8.0f}")
    print("at the cold run's peak (RSS MB): " + ", ".join(f"{n} {mb}" for n, mb in
                                                      cold.get("peak_processes_mb", [])))
    print(f"* median round of {len(round_ratios)}; ratios per round: "
          + ", ".join(f"{r:.1f}x" for r in round_ratios))
    if naive["sampled"]:
        print(f"(naive run on {len(sample)} of {len(pdfs)} PDFs; all would take about "
              f"{naive['extrapolated_seconds_all']:.0f} s)")
    verdict = {
        "cold_vs_naive_pages_per_s": ratio_naive, "cold_vs_naive_rounds": round_ratios,
        "cold_vs_naive_target": 20,
        "warm_speedup": ratio_warm, "warm_speedup_target": 50,
        "peak_rss_mb": peak, "peak_pss_mb": peak_pss, "peak_target_mb": 500,
        "peak_pss_target_mb": 400,
    }
    print(f"cold vs naive on born-digital pages: {ratio_naive:.1f}x (target >= 20x); "
          f"warm vs cold: {ratio_warm:.0f}x faster (target >= 50x); peak memory: "
          f"{peak:.0f} MB RSS summed, {peak_pss:.0f} MB PSS (targets < 500 and < 400 MB)")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = out / f"batch-{stamp}.json"
    path.write_text(json.dumps({
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform()},
        "args": {k: str(v) for k, v in vars(args).items()}, "work": work, "corpus": counts,
        "cold": cold, "warm": warm, "born_digital_cold": ours_pdf, "naive": naive,
        "verdict": verdict,
    }, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"saved {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
