"""Classification output is frozen: speed work on the classifier must not move any proposal.

The sample submissions (``fixtures/submissions``) were extracted once into
``tests/data/classify/documents.json.gz`` (so extractor changes do not move this test), each
also as a "damaged" copy (tone marks dropped, as in badly extracted PDF text, and every page's
quality below the fallback threshold, so the tone-mark-insensitive matching runs too).
``golden.json`` holds what :func:`classify` said about each: role,
confidences, evidence and reasons. A reviewer would notice any change there.

Regenerate only on purpose (a deliberate change of classification rules), by the script, never
by a test (a test that writes the file it compares against cannot fail):

* ``python tests/test_classifier_golden.py`` rewrites ``golden.json`` from the stored documents;
* ``python tests/test_classifier_golden.py --documents`` re-extracts the documents (needs
  LibreOffice for .doc/.xls) and then regenerates ``golden.json``.

A missing ``golden.json`` or ``documents.json.gz`` fails. ``EVIDENCE_REVIEW_REGEN_GOLDEN``, the
variable that once made the test rewrite its file, now fails the run when set (in CI or not),
so nobody believes a run regenerated anything.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data" / "classify"
DOCUMENTS = DATA / "documents.json.gz"
GOLDEN = DATA / "golden.json"
ROOT = Path(__file__).resolve().parents[1]
REGEN_VARIABLE = "EVIDENCE_REVIEW_REGEN_GOLDEN"
HOW_TO_REGENERATE = "regenerate on purpose with `python tests/test_classifier_golden.py`"


def _read_golden() -> dict[str, dict]:
    if not GOLDEN.is_file():
        pytest.fail(f"missing golden file {GOLDEN} (the tests never write it): "
                    + HOW_TO_REGENERATE)
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


def _load_documents() -> list[tuple[str, object]]:
    from evidence_review.extractors.model import Document

    if not DOCUMENTS.is_file():
        pytest.fail(f"missing {DOCUMENTS}: re-extract with "
                    "`python tests/test_classifier_golden.py --documents`")
    raw = json.loads(gzip.decompress(DOCUMENTS.read_bytes()).decode("utf-8"))
    return [(item["name"], Document.model_validate(item["document"])) for item in raw]


def _classify_all() -> dict[str, dict]:
    from evidence_review.classifiers import classify
    from evidence_review.rubric.model import load_rubric

    rubric = load_rubric()
    return {name: classify(doc, rubric, name.removesuffix(" [damaged]")).model_dump(mode="json")
            for name, doc in _load_documents()}


def _write_golden() -> None:
    GOLDEN.write_text(json.dumps(_classify_all(), ensure_ascii=False, indent=1,
                                 sort_keys=True) + "\n", encoding="utf-8")


_TONE_MARKS = str.maketrans(dict.fromkeys(range(0x0E48, 0x0E4C)))


def _damaged(page):
    """``page`` as a damaged PDF text layer gives it: tone marks lost, low quality."""
    return page.model_copy(update={
        "quality": 0.5, "text": page.text.translate(_TONE_MARKS),
        "blocks": [b.model_copy(update={"text": b.text.translate(_TONE_MARKS)})
                   for b in page.blocks],
        "tables": [t.model_copy(update={"rows": [[c.translate(_TONE_MARKS) for c in r]
                                                 for r in t.rows]}) for t in page.tables]})


def _extract_documents() -> None:
    """Extract the sample submissions (and a damaged copy of each) into DOCUMENTS."""
    sys.path.insert(0, str(ROOT))
    from evidence_review.extractors import extract

    items = []
    base = ROOT / "fixtures" / "submissions"
    for f in sorted(p for p in base.rglob("*") if p.is_file()
                    and p.suffix.lower() in {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".txt"}):
        doc = extract(f)
        # the classifier never reads ``raw``: drop it to keep the file small
        doc = doc.model_copy(update={"pages": [p.model_copy(update={
            "raw": "", "blocks": [b.model_copy(update={"raw": ""}) for b in p.blocks]})
            for p in doc.pages]})
        name = str(f.relative_to(base))
        items.append({"name": name, "document": doc.model_dump(mode="json")})
        damaged = doc.model_copy(update={"pages": [_damaged(p) for p in doc.pages]})
        items.append({"name": name + " [damaged]", "document": damaged.model_dump(mode="json")})
    DATA.mkdir(parents=True, exist_ok=True)
    DOCUMENTS.write_bytes(gzip.compress(
        json.dumps(items, ensure_ascii=False).encode("utf-8"), mtime=0))


def test_no_run_asks_the_tests_to_regenerate():
    assert REGEN_VARIABLE not in os.environ, (
        f"{REGEN_VARIABLE} is set, but no test rewrites golden.json any more: "
        + HOW_TO_REGENERATE)


def test_classification_matches_golden():
    golden = _read_golden()
    got = _classify_all()
    assert set(got) == set(golden), "documents and golden.json disagree: regenerate both"
    changed = [name for name in golden if got[name] != golden[name]]
    for name in changed[:3]:
        for field in golden[name]:
            if got[name].get(field) != golden[name][field]:
                print(f"{name}: {field}\n  now: {got[name].get(field)}\n"
                      f"  was: {golden[name][field]}")
    assert not changed, f"classification changed for {len(changed)} document(s): {changed[:5]}"


def test_golden_set_covers_every_role_and_evidence_kind():
    """The frozen set is only a guard if it exercises the classifier: plans, reviews and
    progress reports, sections, phrases, concepts and damaged-text matches all appear."""
    golden = _read_golden()
    roles = {g["role"] for g in golden.values()}
    assert {"review", "plan", "progress"} <= roles
    reasons = " ".join(p["reason"] or "" for g in golden.values() for p in g["subissues"].values())
    for part in ("own section with content", "phrase(s)", "concept", "ignoring tone marks"):
        assert part in reasons, part


def test_a_missing_golden_file_fails_and_stays_missing(tmp_path, monkeypatch):
    missing = tmp_path / "golden.json"
    monkeypatch.setattr(sys.modules[__name__], "GOLDEN", missing)
    with pytest.raises(pytest.fail.Exception, match="missing golden file"):
        test_classification_matches_golden()
    assert not missing.exists()


if __name__ == "__main__":
    if "--documents" in sys.argv:
        _extract_documents()
    sys.path.insert(0, str(ROOT))
    _write_golden()
    print(f"wrote {GOLDEN}")
