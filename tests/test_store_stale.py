"""The stale-save rule in the store: several processes saving on the same ``base_version`` at
once, on SQLite and PostgreSQL: exactly one is recorded, every other is refused as stale
(the version is compared under the write lock, in the transaction that inserts)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

from test_store import screened

from evidence_review.classifiers.model import Role
from evidence_review.store.db import Store

#: One writer: waits for the start file, then saves on ``base`` and says what happened.
WRITER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from evidence_review.store.db import Store
    from evidence_review.store.decisions import NewDecision
    from evidence_review.store.engine import StaleVersionError
    url, base, doc, who, go = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], \\
        Path(sys.argv[5])
    with Store.open(url) as s:
        while not go.exists():
            time.sleep(0.01)
        new = NewDecision(item="1.1", after=who == "w0", document_id=doc, proposed=True,
                          reason=f"by {who}")
        try:
            s.record_decisions("agency-01", [new], who, source="test", base_version=base)
            print("recorded")
        except StaleVersionError as exc:
            print(f"stale {exc.current}")
""")


def test_one_of_several_processes_on_the_same_version_is_recorded(database_url: str,
                                                                  tmp_path: Path) -> None:
    with Store.open(database_url) as s:
        s.save_screening("agency-01", Path("/x"), [screened("plan.docx", Role.PLAN, 3)])
        doc = s.documents("agency-01")[0].id
        base = s.trail_version("agency-01")
    go = tmp_path / "go"
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, database_url, str(base),
                                 str(doc), f"w{i}", str(go)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for i in range(4)]
    time.sleep(1.0)  # (each has opened the store and waits)
    go.touch()
    outcomes = []
    for w in writers:
        out, err = w.communicate(timeout=120)
        assert w.returncode == 0, err
        outcomes.append(out.strip())
    with Store.open(database_url) as s:
        trail = s.trail("agency-01")
    assert sorted(o.split()[0] for o in outcomes) == ["recorded", "stale", "stale", "stale"]
    assert len(trail) == 1, "exactly one save recorded"
    assert {o for o in outcomes if o.startswith("stale")} == {f"stale {trail[0].id}"}
