"""Every reason an evaluator reads is Thai first, concepts named by their Thai names."""

from __future__ import annotations

import json
import re
from pathlib import Path

from evidence_review.rubric.model import load_rubric

GOLDEN = Path(__file__).resolve().parent / "data" / "classify" / "golden.json"
THAI = re.compile(r"[\u0e00-\u0e7f]")


def test_every_bundled_concept_has_a_thai_name() -> None:
    rubric = load_rubric()
    concepts = [c for s in rubric.subissues for c in s.concepts] + rubric.improvement_concepts
    assert concepts
    assert all(c.name_th and THAI.search(c.name_th) for c in concepts)


def _reasons(node: object):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "reason" and isinstance(v, str):
                yield v
            else:
                yield from _reasons(v)
    elif isinstance(node, list):
        for v in node:
            yield from _reasons(v)


def test_reasons_on_the_sample_documents_start_in_thai() -> None:
    reasons = list(_reasons(json.loads(GOLDEN.read_text(encoding="utf-8"))))
    assert len(reasons) > 100
    english_first = [r for r in reasons if not THAI.match(r)]
    assert english_first == []
    concept = [r for r in reasons if "(described without the usual keywords" in r]
    assert concept and all("อธิบายโดยไม่ใช้คำสำคัญตามปกติ: " in r for r in concept)
