"""Evidence boxes: where each evidence item's matched text is drawn on its page, computed once
when a document is screened (pipeline/boxes.py), kept in the store and in ``screen --json``."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_review.extractors.model import Page, Span
from evidence_review.pipeline import boxes as boxes_module
from evidence_review.pipeline.document import document_json, screen_document
from evidence_review.rubric.model import load_rubric
from tests.support import FIXTURES

PDF = FIXTURES / "submissions" / "s02-nakhonsawan" / "สรุปผลการทบทวนระบบฐานข้อมูล จ.นครสวรรค์.pdf"
DOCX = FIXTURES / "submissions" / "s01-fisheries" / "สรุปผลการทบทวน.docx"


@pytest.fixture(scope="module")
def rubric():
    return load_rubric()


def _evidence(data: dict) -> list[dict]:
    return [e for s in data["subissues"].values() for e in s["evidence"]]


def test_pdf_evidence_boxes_frame_the_matched_text(rubric) -> None:
    """Each box, turned back into points, holds (in pdfium's own text of that rectangle) part
    of the text the evidence offsets name."""
    import pypdfium2 as pdfium

    from evidence_review.extractors import extract

    doc = extract(PDF)
    texts = {p.number: p.text for p in doc.pages}
    data = document_json(screen_document(PDF, rubric, PDF.name, "s02"))
    items = _evidence(data)
    assert items and all(e["boxes"] for e in items)
    pdf = pdfium.PdfDocument(PDF)
    try:
        checked = 0
        for e in items:
            page = pdf[e["page"] - 1]
            width, height = page.get_size()
            tp = page.get_textpage()
            inside = "".join("".join(tp.get_text_bounded(
                left=b["left"] * width - 0.5, top=height * (1 - b["top"]) + 0.5,
                right=(b["left"] + b["width"]) * width + 0.5,
                bottom=height * (1 - b["top"] - b["height"]) - 0.5).split())
                for b in e["boxes"])
            tp.close()
            matched = "".join(texts[e["page"]][e["start"]:e["end"]].split())
            assert all(0 <= b["left"] <= 1 and 0 <= b["top"] <= 1 and b["width"] > 0
                       for b in e["boxes"])
            # Thai repairs may reorder marks: compare the consonants and digits kept
            base = [c for c in matched if c.isalnum() and c.isprintable()]
            assert sum(c in inside for c in base) >= 0.8 * len(base), (e, inside)
            checked += 1
        assert checked >= 10
    finally:
        pdf.close()


def test_documents_without_positions_have_no_boxes(rubric) -> None:
    data = document_json(screen_document(DOCX, rubric, DOCX.name, "s01"))
    items = _evidence(data)
    assert items and all("boxes" in e and e["boxes"] is None for e in items)


def test_ocr_word_boxes_are_joined_per_line() -> None:
    page = Page(number=1, text="หนึ่ง สอง สาม", size=(200.0, 100.0), spans=[
        Span(start=0, end=5, box=(10, 10, 40, 20)), Span(start=6, end=9, box=(45, 11, 70, 20)),
        Span(start=10, end=13, box=(10, 30, 40, 40))])
    got = boxes_module._place(page, 6, 13, None)
    assert [(b.left, b.top, b.width, b.height) for b in got] == [
        (0.225, 0.11, 0.125, 0.09), (0.05, 0.3, 0.15, 0.1)]
    assert boxes_module._place(Page(number=1, text="x"), 0, 1, None) == []


def test_boxes_are_kept_in_the_store(tmp_path: Path, rubric) -> None:
    from evidence_review.pipeline import run_batch
    from evidence_review.store.db import Store

    folder = tmp_path / "s02"
    folder.mkdir()
    (folder / PDF.name).write_bytes(PDF.read_bytes())
    db = tmp_path / "r.db"
    run_batch([folder], rubric, quiet=True, register=True, database_url=f"sqlite:///{db}")
    with Store.open(db) as store:
        docs = store.documents("s02")
    placed = [e for d in docs for p in d.proposals.subissues.values() for e in p.evidence]
    assert placed and all(e.boxes for e in placed)
