"""PDF text extraction speed: our PDF path vs pdfplumber's default vs raw pypdfium2, same file,
same run.

The 50+ page Thai PDF is made by LibreOffice from the fixture text (fixtures/make_pdf_fixtures.py)
once and cached under benchmarks/results/. Each extractor reads the whole file ``--runs`` times;
the median pages/s is printed with ratios, plus CER of each against the golden text and the peak
RSS of a separate process per extractor (so one does not inherit another's memory).

Targets (issue 2): ours >= 20x pdfplumber default and within 2x of raw pypdfium2.

Issue 12 adds two measures: the Acrobat/Distiller-family real PDFs of ../shared/realworld
(budget-*.pdf; share of pages OCRed, pages/s with OCR on, what a reader would notice per 1,000
Thai chars, table rows) -- targets <= 10% OCRed, >= 100 pages/s, doubled <= 0.5, U+FFFD <= 0.05,
orphan marks <= 2, known-word share >= 0.95; and the seeded noisy scans of fixtures/pdf (CER
after OCR, target <= 2%; seconds per page).
Usage: python benchmarks/extract.py [--runs 5] [--pages 60] [--skip-real] [--skip-scans]
Writes benchmarks/results/extract.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "fixtures"))
RESULTS = ROOT / "benchmarks" / "results"


def build_pdf(pages: int) -> tuple[Path, str]:
    """A Thai PDF of about ``pages`` pages (LibreOffice, Laksaman) and its golden text: the
    fixture's sections over and over, with its ruled table in every tenth repetition (a report
    has some tables, not one per page)."""
    import copy

    import docx
    import make_pdf_fixtures as fx

    RESULTS.mkdir(parents=True, exist_ok=True)
    repeats = pages * 2 // 3 + 1  # the sections fill about 1.5 pages
    target = RESULTS / f"bench-thai-{repeats}.pdf"
    table_cells = "\n".join(cell for row in fx.TABLE for cell in row) + "\n"
    text_only = fx.golden_text()[: -len(table_cells)]
    golden = "".join(text_only + (table_cells if i % 10 == 0 else "") for i in range(repeats))
    if target.exists():
        return target, golden
    with tempfile.TemporaryDirectory() as tmp:
        with_table, without = Path(tmp) / "t.docx", Path(tmp) / "n.docx"
        fx.build_docx(with_table, "Laksaman")
        fx.build_docx(without, "Laksaman", with_table=False)
        full = list(docx.Document(str(with_table)).element.body)[:-1]
        plain = list(docx.Document(str(without)).element.body)[:-1]
        out = docx.Document(str(with_table))
        body = out.element.body
        for el in list(body)[:-1]:
            body.remove(el)
        for i in range(repeats):
            for el in full if i % 10 == 0 else plain:
                body.insert(len(body) - 1, copy.deepcopy(el))
        src = Path(tmp) / target.with_suffix(".docx").name
        out.save(str(src))
        target.write_bytes(fx.soffice_pdf(src, Path(tmp)).read_bytes())
    return target, golden


def read_ours(path: Path) -> str:
    from evidence_review.extractors.pdf import PdfExtractor, PdfOptions
    from evidence_review.intake import FileFormat, IntakeRecord, Limits

    rec = IntakeRecord(path=path, size=path.stat().st_size, sha256="", format=FileFormat.PDF)
    return PdfExtractor(PdfOptions(ocr=False)).extract(rec, Limits()).text


def read_ours_no_tables(path: Path) -> str:
    from evidence_review.extractors.pdf import PdfExtractor, PdfOptions
    from evidence_review.intake import FileFormat, IntakeRecord, Limits

    rec = IntakeRecord(path=path, size=path.stat().st_size, sha256="", format=FileFormat.PDF)
    return PdfExtractor(PdfOptions(ocr=False, tables=False)).extract(rec, Limits()).text


def read_pdfium(path: Path) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()


def read_plumber(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


READERS = {
    "ours": read_ours,
    "ours_no_tables": read_ours_no_tables,
    "pypdfium2_raw": read_pdfium,
    "pdfplumber_default": read_plumber,
}


def peak_rss_mb(name: str, path: Path) -> float:
    """Peak RSS of a fresh process that reads ``path`` once with reader ``name``."""
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the forked parent
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); "
            f"sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); import extract as b; "
            f"from pathlib import Path; b.READERS[{name!r}](Path({str(path)!r})); "
            "print([l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout
    return int(out.split()[-1]) / 1024.0


def _read_doc(path: Path, **options: object) -> object:
    from evidence_review.extractors.pdf import PdfExtractor, PdfOptions
    from evidence_review.intake import FileFormat, IntakeRecord, Limits

    rec = IntakeRecord(path=path, size=path.stat().st_size, sha256="", format=FileFormat.PDF)
    return PdfExtractor(PdfOptions(**options)).extract(rec, Limits())  # type: ignore[arg-type]


def acrobat_family(runs: int) -> dict[str, object]:
    """The real Acrobat/Distiller-family PDFs: OCR on, as a user runs it."""
    from evidence_review.thaitext.metrics import measure

    shared = next((p / "shared" / "realworld" for p in (ROOT.parent, ROOT.parent.parent)
                   if (p / "shared" / "realworld").is_dir()), None)
    files = sorted(shared.glob("budget-*.pdf")) if shared else []
    out: dict[str, object] = {}
    for path in files:
        doc: Any = _read_doc(path)  # warm-up and the result measured
        times, cpu = [], []
        for _ in range(runs):
            t0, c0 = time.perf_counter(), time.process_time()
            _read_doc(path)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        m = measure(doc.text)
        pages = len(doc.pages)
        out[path.name] = {
            "pages": pages, "ocred": sum(p.ocr for p in doc.pages),
            "pages_per_s": pages / statistics.median(times),
            # this process's CPU seconds: less inflated by a shared machine's load (OCR's
            # Tesseract runs in child processes and is not counted; none runs here)
            "cpu_pages_per_s": pages / statistics.median(cpu),
            "tables": len(doc.tables), "table_rows": sum(len(t.rows) for t in doc.tables),
            "doubled_marks": m.doubled_marks, "replacement_chars": m.replacement_chars,
            "orphan_marks": m.orphan_marks, "known_word_share": m.known_word_share,
        }
    return out


def noisy_scans() -> dict[str, object]:
    from evidence_review.thaitext.metrics import cer

    out: dict[str, object] = {}
    for path in sorted((ROOT / "fixtures" / "pdf").glob("scan*.pdf")):
        t0 = time.perf_counter()
        doc: Any = _read_doc(path)
        seconds = time.perf_counter() - t0
        golden = path.with_suffix(".txt").read_text(encoding="utf-8")
        out[path.stem] = {"cer": cer(doc.text, golden), "seconds_per_page":
                          seconds / max(len(doc.pages), 1),
                          "quality": [p.quality for p in doc.pages]}
    return out


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--pages", type=int, default=60)
    ap.add_argument("--skip-real", action="store_true", help="no Acrobat-family PDFs")
    ap.add_argument("--skip-scans", action="store_true", help="no noisy scans (OCR)")
    args = ap.parse_args()

    from evidence_review.thaitext.metrics import cer

    path, golden = build_pdf(args.pages)
    import pypdfium2 as pdfium

    n_pages = len(pdfium.PdfDocument(path))
    for reader in READERS.values():  # warm up: imports, dictionaries, font caches
        reader(path)
    results: dict[str, dict[str, float]] = {}
    samples: dict[str, list[float]] = {name: [] for name in READERS}
    cpu: dict[str, list[float]] = {name: [] for name in READERS}
    for _ in range(args.runs):  # interleaved, so machine noise hits every reader alike
        for name, reader in READERS.items():
            t0, c0 = time.perf_counter(), time.process_time()
            reader(path)
            samples[name].append(time.perf_counter() - t0)
            cpu[name].append(time.process_time() - c0)
    for name, reader in READERS.items():
        median = statistics.median(samples[name])
        results[name] = {
            "seconds": median,
            "pages_per_s": n_pages / median,
            "cpu_pages_per_s": n_pages / statistics.median(cpu[name]),
            "cer": cer(reader(path), golden),
            "peak_rss_mb": peak_rss_mb(name, path),
        }
    ours, raw, plumber = results["ours"], results["pypdfium2_raw"], results["pdfplumber_default"]
    summary = {
        "pdf": str(path.relative_to(ROOT)),
        "pages": n_pages,
        "runs": args.runs,
        "results": results,
        "ours_vs_pdfplumber": ours["pages_per_s"] / plumber["pages_per_s"],
        "pypdfium2_vs_ours": raw["pages_per_s"] / ours["pages_per_s"],
        "cpu_ours_vs_pdfplumber": ours["cpu_pages_per_s"] / plumber["cpu_pages_per_s"],
        "cpu_pypdfium2_vs_ours": raw["cpu_pages_per_s"] / ours["cpu_pages_per_s"],
    }
    print(f"{n_pages}-page Thai PDF (LibreOffice, Laksaman), median of {args.runs} runs")
    print(f"{'extractor':<20} {'pages/s':>9} {'CPU p/s':>9} {'CER':>8} {'peak RSS':>9}")
    for name, r in results.items():
        print(f"{name:<20} {r['pages_per_s']:>9.1f} {r['cpu_pages_per_s']:>9.1f} "
              f"{r['cer']:>8.2%} {r['peak_rss_mb']:>7.0f} MB")
    fast, close = summary["ours_vs_pdfplumber"], summary["pypdfium2_vs_ours"]
    cpu_fast, cpu_close = summary["cpu_ours_vs_pdfplumber"], summary["cpu_pypdfium2_vs_ours"]
    print(f"ours vs pdfplumber default: {fast:.1f}x faster, by CPU time {cpu_fast:.1f}x "
          f"(target >= 20x: {_met(fast >= 20)}; by CPU time {_met(cpu_fast >= 20)})")
    print(f"raw pypdfium2 vs ours: {close:.1f}x faster, by CPU time {cpu_close:.1f}x "
          f"(target <= 2x: {_met(close <= 2)}; by CPU time {_met(cpu_close <= 2)})")
    if not args.skip_real:
        summary["acrobat_family"] = family = acrobat_family(args.runs)
        print("Acrobat/Distiller-family PDFs (OCR on):")
        for name, r in family.items():
            print(f"  {name}: {r['ocred']}/{r['pages']} pages OCRed, {r['pages_per_s']:.1f} "
                  f"pages/s ({r['cpu_pages_per_s']:.1f} by CPU time), {r['tables']} tables "
                  f"({r['table_rows']} rows); per 1,000 Thai "
                  f"chars doubled {r['doubled_marks']:.2f}, U+FFFD {r['replacement_chars']:.3f},"
                  f" orphan marks {r['orphan_marks']:.2f}; known-word share "
                  f"{r['known_word_share']:.3f}")
    if not args.skip_scans:
        summary["noisy_scans"] = scans = noisy_scans()
        print("Scanned fixtures (OCR):")
        for name, r in scans.items():
            print(f"  {name}: CER {r['cer']:.2%}, {r['seconds_per_page']:.1f} s/page, "
                  f"quality {r['quality']}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "extract.json").write_text(json.dumps(summary, indent=2) + "\n")


if __name__ == "__main__":
    main()
