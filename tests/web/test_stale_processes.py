"""The stale-save rule (base_version → 409) holds across processes: the version is compared
under the store's write lock in the transaction that writes, not under a lock of one server."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

SID = "s01-fisheries"

#: Another server process: one save on the same base version, committed before ours writes.
OTHER = textwrap.dedent("""
    import sys
    from evidence_review.rubric.model import load_rubric
    from evidence_review.store.db import Store
    from evidence_review.web import service
    db, base, doc, item = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    with Store.open(db) as store:
        rubric = load_rubric(None)
        st = service.state(store, "s01-fisheries", rubric)
        d = next(x for x in st.documents if x.doc.id == doc)
        value = d.doc.proposals.subissues[item].proposed
        service.decide(store, "s01-fisheries", rubric, document_id=doc, item=item,
                       value=value, reason=None, reviewer="rev2", base_version=base)
""")


def test_a_save_another_process_overtook_is_stale(app: Any, db: Path, monkeypatch) -> None:
    from evidence_review.web import service

    store, rubric = app.state.store, app.state.rubric
    base = service.version(store, SID)
    doc = service.state(store, SID, rubric).documents[0]
    real = service.review_state

    def overtaken(*args: Any, **kwargs: Any) -> Any:
        # after this process's early check passed, another process saves on the same base
        st = real(*args, **kwargs)
        subprocess.run([sys.executable, "-c", OTHER, str(db), str(base), str(doc.doc.id),
                        "1.2"], check=True, capture_output=True)
        return st

    monkeypatch.setattr(service, "review_state", overtaken)
    value = doc.doc.proposals.subissues["1.1"].proposed
    with pytest.raises(service.StaleError) as caught:
        service.decide(store, SID, rubric, document_id=doc.doc.id, item="1.1", value=value,
                       reason=None, reviewer="rev", base_version=base)
    trail = store.trail(SID)
    assert [(r.reviewer, r.item) for r in trail if r.id > base] == [("rev2", "1.2")]
    assert caught.value.current == trail[-1].id
    assert [c["reviewer"] for c in caught.value.changes] == ["rev2"]
