"""Evidence positions: every evidence item says where its text stands in the page's text (as
``extract`` gives it), so the review workspace can highlight it."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_review.classifiers import classify
from evidence_review.classifiers.text import key_of
from evidence_review.extractors.model import Block, BlockKind, Document, Page, Table
from evidence_review.intake import FileFormat
from evidence_review.rubric.model import load_rubric
from tests.test_classifier_golden import _load_documents


@pytest.fixture(scope="module")
def rubric():
    return load_rubric()


def test_every_evidence_span_holds_its_phrase_on_the_samples(rubric) -> None:
    checked = 0
    for name, doc in _load_documents():
        if name.endswith("[damaged]"):
            continue
        pages = {p.number: p.text for p in doc.pages}
        for sid, prop in classify(doc, rubric, name).subissues.items():
            for ev in prop.evidence:
                assert ev.start is not None and ev.end is not None, (name, sid, ev)
                frag = pages[ev.page][ev.start:ev.end]
                assert frag.strip(), (name, sid, ev)
                if ev.phrase.startswith(("section ", "table row for")) or ":" in ev.phrase:
                    continue  # a heading, a table row or a concept: the span is its first part
                assert key_of(ev.phrase) in key_of(frag), (name, sid, ev.phrase, frag)
                checked += 1
    assert checked > 300


def test_a_table_cell_wrapped_in_the_page_text_is_placed_ignoring_whitespace(rubric) -> None:
    cell = "สำรองข้อมูลลงฮาร์ดดิสก์ภายนอกทุกวันและทดลองนำกลับคืนทุกเดือน"
    text = "ผลการดำเนินงาน\nสำรองข้อมูลลงฮาร์ดดิสก์\nภายนอกทุกวันและทดลองนำกลับคืนทุกเดือน 100%"
    blocks = [Block(kind=BlockKind.PARAGRAPH, text="ผลการดำเนินงาน", raw="ผลการดำเนินงาน"),
              Block(kind=BlockKind.TABLE_CELL, text=cell, raw=cell, table=0, row=1, col=0)]
    doc = Document(path=Path("x.pdf"), format=FileFormat.PDF, pages=[Page(
        number=1, text=text, blocks=blocks, tables=[Table(page=1, rows=[["กิจกรรม"], [cell]])])])
    prop = classify(doc, rubric).subissues["3.1"]
    assert prop.evidence
    ev = prop.evidence[0]
    assert ev.start is not None and "สำรองข้อมูล" in text[ev.start:ev.end]
