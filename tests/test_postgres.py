"""The store on a real PostgreSQL server (``source .ci/postgres`` starts one; CI does): the
schema migrates, the flow runs through the CLI, and the decision log is append-only."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml
from click.testing import CliRunner
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError
from support import FIXTURES

from evidence_review.cli import main

pytestmark = pytest.mark.postgres
AGENCY = "s01-fisheries"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_flow_on_postgresql(postgres_url: str, tmp_path) -> None:
    subs = tmp_path / "subs"
    shutil.copytree(FIXTURES / "submissions" / AGENCY, subs / AGENCY)
    r = run("screen", str(subs), "--json", str(tmp_path / "s.json"), "--db", postgres_url,
            "--quiet")
    assert r.exit_code == 0, r.output
    screen = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    docs = {d["path"]: {"role": d["role"]} for d in screen["documents"]}
    decisions = tmp_path / "d.yaml"
    decisions.write_text(yaml.safe_dump({"reviewer": "tester", "documents": docs},
                                        allow_unicode=True), encoding="utf-8")
    r = run("review", str(subs / AGENCY), "--decisions", str(decisions), "--db", postgres_url)
    assert r.exit_code == 0, r.output
    r = run("decisions", AGENCY, "--db", postgres_url, "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout), "the audit trail holds the decisions just made"


@pytest.mark.parametrize("statement", ["UPDATE decisions SET reviewer = 'evil'",
                                       "DELETE FROM decisions"])
def test_decision_log_is_append_only(postgres_url: str, tmp_path, statement: str) -> None:
    test_flow_on_postgresql(postgres_url, tmp_path)
    engine = create_engine(postgres_url)
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text(statement))
    engine.dispose()
