"""One reviewer as its own process, for the concurrency test: runs ``review SUBMISSION
--decisions FILE`` ROUNDS times in a row through the real CLI (each round one decisions file),
then prints one JSON line: how many decisions each round recorded, exit codes, tracebacks.

    python reviewer_process.py DB SUBMISSION RUBRIC FOLDER NUMBER ROUNDS ITEMS
"""

from __future__ import annotations

import json
import re
import sys
import traceback
from pathlib import Path

import yaml
from click.testing import CliRunner

from evidence_review.cli import main


def decisions(number: int, round_: int, items: list[str]) -> dict:
    """Reviewer ``number``'s file for ``round_``: each item covered or not by parity, with a
    reason (so a change of someone else's decision is allowed)."""
    subs = {sid: {"covered": (number + round_ + k) % 2 == 0,
                  "reason": f"reviewer {number} round {round_}"}
            for k, sid in enumerate(items)}
    return {"reviewer": f"reviewer-{number}",
            "documents": {"review.txt": {"role": "review", "subissues": subs}}}


def run(db: str, submission: str, rubric: str, folder: Path, number: int, rounds: int,
        items: list[str]) -> dict:
    out: dict = {"recorded": [], "exit": [], "tracebacks": 0, "errors": []}
    for r in range(rounds):
        path = folder / f"p{number}-r{r}.yaml"
        path.write_text(yaml.safe_dump(decisions(number, r, items)), encoding="utf-8")
        res = CliRunner().invoke(main, ["review", submission, "--decisions", str(path),
                                        "--db", db, "--rubric", rubric])
        out["exit"].append(res.exit_code)
        if res.exception is not None and not isinstance(res.exception, SystemExit):
            out["tracebacks"] += 1
            out["errors"].append("".join(traceback.format_exception(*res.exc_info))[-500:])
        elif res.exit_code:
            out["errors"].append(res.output[-300:])
        # the English gloss of "บันทึกการตัดสิน N รายการ ... [recorded N decisions ...]"
        found = re.search(r"\[recorded (\d+) decisions", res.output)
        out["recorded"].append(int(found.group(1)) if found else 0)
    return out


if __name__ == "__main__":
    db, submission, rubric, folder, number, rounds, items = sys.argv[1:8]
    print(json.dumps(run(db, submission, rubric, Path(folder), int(number), int(rounds),
                         items.split(","))))
