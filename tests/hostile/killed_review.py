"""``evidence-review`` that kills itself with SIGKILL (kill -9: no cleanup, no rollback by
Python) at a chosen point of the decision write path, for the fault-injection test:

    python killed_review.py STAGE N -- review SUBMISSION --decisions FILE --db DB ...

STAGE ``row``: just before the N-th decision row is inserted (inside the write transaction);
``commit``: just before the transaction commits; ``after``: once the N-th row is written and
before the next. Anything else runs the command normally.
"""

from __future__ import annotations

import os
import signal
import sys

from evidence_review.store import decisions


def _kill() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def arm(stage: str, n: int) -> None:
    real_append = decisions._append
    count = 0

    def append(*args, **kwargs):
        nonlocal count
        count += 1
        if stage == "row" and count == n:
            _kill()
        out = real_append(*args, **kwargs)
        if stage == "after" and count == n:
            _kill()
        return out

    decisions._append = append
    if stage == "commit":
        from sqlalchemy import event
        from sqlalchemy.engine import Engine

        # the first commit after rows were appended: the decision transaction's
        event.listen(Engine, "commit", lambda conn: _kill() if count else None)


if __name__ == "__main__":
    stage, number = sys.argv[1], int(sys.argv[2])
    arm(stage, number)
    from evidence_review.cli import main

    main(sys.argv[4:], prog_name="evidence-review")
