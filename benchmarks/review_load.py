"""Concurrent reviewers through the JSON API (issue 14): each reviewer makes single-item
decisions (GET the submission, POST one change based on its ``version``); most work on a
submission of their own, four share one, where a stale save (409) is expected and retried
after reading the state again. Afterwards every accepted save must be in the store exactly
once (the row whose id the save returned holds that reviewer, item and value; as many rows as
accepted saves), no response may be a 500, and every submission's hash chain must hold.

The server is uvicorn on a free port in this process (its own threads), over SQLite or a
PostgreSQL URL. Prints decisions/s and the p95 latency of the saves.

Measured 2026-12-06 (2 cores shared with other engineers' test runs, full 2,000 decisions;
before = commit 00d61c5, after = the save path reading each item's latest decision in SQL and
the stale check under the write lock, same load, run back to back for PostgreSQL):
  SQLite, 8 reviewers (load ~12-16): before 2.5 decisions/s, save p95 929 ms (median 239 ms);
    after 5.9 decisions/s, p95 595 ms (median 152 ms); ~2,800 stale saves retried, errors 0,
    lost 0.
  PostgreSQL 15, 20 reviewers (load ~12-14): before 10.9 decisions/s, p95 878 ms (median
    332 ms); after 13.8 decisions/s, p95 778 ms (median 275 ms); ~1,000 stale saves retried,
    errors 0, lost 0.
A save reads the latest decision per item (not the whole trail); what still grows with the
trail is the write's check of the submission's hash chain, kept on purpose (a tampered trail
refuses writes).

Usage:
  python benchmarks/review_load.py                       # SQLite, 8 reviewers, 2,000 decisions
  python benchmarks/review_load.py --postgres URL        # and PostgreSQL, 20 reviewers
"""

from __future__ import annotations

import argparse
import hashlib
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SUBISSUES = ["1.1", "1.2", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "3.4", "3.5"]
SHARED = "load-shared"
DOC = "review.txt"


def seed(url: str, reviewers: int, shared: int) -> dict[str, str]:
    """Submissions (one per reviewer not sharing, one shared) with one review summary each,
    and the reviewers' users; returns reviewer name -> submission id."""
    from evidence_review.models.proposals import DocumentProposals, Role, SubIssueProposal
    from evidence_review.store.db import Store
    from evidence_review.web.accounts import Accounts

    plan: dict[str, str] = {}
    for i in range(reviewers):
        plan[f"r{i:02d}"] = SHARED if i < shared else f"load-{i:02d}"
    with Store.open(url) as store:
        accounts = Accounts(store.engine)
        for sub in sorted(set(plan.values())):
            root = Path(tempfile.gettempdir()) / sub
            props = DocumentProposals(path=DOC, role=Role.REVIEW, role_confidence=0.9,
                                      subissues={s: SubIssueProposal(proposed=True,
                                                                     confidence=0.9)
                                                 for s in SUBISSUES})
            sd = SimpleNamespace(path=DOC, abs_path=root / DOC, format="text",
                                 sha256=hashlib.sha256(sub.encode()).hexdigest(),
                                 status="success", error=None, pages=1, proposals=props)
            store.save_screening(sub, root, [sd])
        for name in plan:
            accounts.add_user(name, "reviewer", f"{name}-password-1")
    return plan


@dataclass
class Outcome:
    accepted: list[tuple[int, str, str, bool]] = field(default_factory=list)  # id, who, item, v
    latencies: list[float] = field(default_factory=list)
    stale: int = 0
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _reviewer(base: str, token: str, name: str, sid: str, count: int, out: Outcome) -> None:
    import httpx

    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base, headers=headers, timeout=60) as client:
        for n in range(count):
            item = SUBISSUES[(n + hash(name)) % len(SUBISSUES)]
            for _attempt in range(200):
                data = client.get(f"/api/submissions/{sid}")
                if data.status_code != 200:
                    with out.lock:
                        out.errors.append(f"GET {data.status_code}")
                    return
                state = data.json()
                current = state["documents"][f"{sid}/{DOC}"]["confirmed"]["subissues"][item]
                value = not (True if current is None else current)
                body = {"base_version": state["version"], "documents": {DOC: {"subissues": {
                    item: {"covered": value, "reason": f"{name} #{n}"}}}}}
                t0 = time.perf_counter()
                r = client.post(f"/api/submissions/{sid}/decisions", json=body)
                took = time.perf_counter() - t0
                with out.lock:
                    out.latencies.append(took)
                    if r.status_code == 200:
                        out.accepted.append((r.json()["version"], name, item, value))
                    elif r.status_code == 409:
                        out.stale += 1
                    else:
                        out.errors.append(f"POST {r.status_code}: {r.text[:200]}")
                if r.status_code != 409:
                    break


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(url: str) -> Iterator[tuple[str, Any]]:
    """uvicorn on a free port in a thread, over the store at ``url``."""
    import uvicorn

    from evidence_review.web.app import create_app

    app = create_app(url, uploads=Path(tempfile.mkdtemp()))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}", app
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        app.state.store.close()


def run(url: str, reviewers: int, total: int, shared: int = 4) -> dict[str, Any]:
    """Seed, run ``reviewers`` threads making ``total`` decisions, check the store."""
    from evidence_review.web.accounts import Accounts

    plan = seed(url, reviewers, shared)
    out = Outcome()
    with serve(url) as (base, app):
        accounts = Accounts(app.state.store.engine)
        tokens = {name: accounts.new_token(name) for name in plan}
        each = total // reviewers
        threads = [threading.Thread(target=_reviewer,
                                    args=(base, tokens[n], n, plan[n], each, out))
                   for n in plan]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - t0
        problems = check(app.state.store, sorted(set(plan.values())), out)
    lat = sorted(out.latencies)
    return {"reviewers": reviewers, "decisions": len(out.accepted), "seconds": elapsed,
            "per_second": len(out.accepted) / elapsed if elapsed else 0.0,
            "p95_ms": 1000 * lat[int(0.95 * (len(lat) - 1))] if lat else 0.0,
            "median_ms": 1000 * statistics.median(lat) if lat else 0.0,
            "stale": out.stale, "errors": out.errors, "lost": problems}


def check(store: Any, submissions: list[str], out: Outcome) -> list[str]:
    """Every accepted save is the row with its returned id (reviewer, item, value) and no
    other row exists; every submission's chain holds."""
    from evidence_review.store import chain
    from evidence_review.store.decisions import chain_rows

    rows = {r.id: r for s in submissions for r in store.trail(s)}
    problems = []
    for version, who, item, value in out.accepted:
        row = rows.get(version)
        if row is None or (row.reviewer, row.item, row.after) != (who, item, value):
            problems.append(f"save {version} by {who} ({item}={value}) not in the store")
    if len(rows) != len(out.accepted):
        problems.append(f"{len(rows)} rows for {len(out.accepted)} accepted saves")
    with store.engine.connect() as c:
        for s in submissions:
            broken = chain.verify(chain_rows(c, s))
            if broken is not None:
                problems.append(f"{s}: chain broken at {broken.row_id}: {broken.reason}")
    return problems


def _print(label: str, r: dict[str, Any]) -> None:
    print(f"{label}: {r['reviewers']} reviewers, {r['decisions']} decisions in "
          f"{r['seconds']:.1f} s = {r['per_second']:.1f} decisions/s; save latency p95 "
          f"{r['p95_ms']:.0f} ms (median {r['median_ms']:.0f} ms); 409 retried {r['stale']}; "
          f"errors {len(r['errors'])}; lost {len(r['lost'])}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--decisions", type=int, default=2000)
    ap.add_argument("--postgres", metavar="URL", default=None,
                    help="Also run on this (empty) PostgreSQL database, 20 reviewers.")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        lite = run(f"sqlite:///{tmp}/load.db", 8, args.decisions)
    _print("SQLite", lite)
    bad = bool(lite["errors"] or lite["lost"])
    if args.postgres:
        pg = run(args.postgres, 20, args.decisions)
        _print("PostgreSQL", pg)
        bad = bad or bool(pg["errors"] or pg["lost"])
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
