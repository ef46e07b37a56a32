"""Least privilege on PostgreSQL (README "Roles: the app owns nothing"): the schema is owned by
an admin role that runs the upgrades; the application's role reads and writes rows but cannot
drop, alter, truncate, update or delete the decision log, nor its triggers. The SQL is README's
own block, run as printed with this test's role and schema names."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from support import ROOT
from test_store import screened

from evidence_review.classifiers.model import Role
from evidence_review.cli import main
from evidence_review.store.db import Store, TamperedError
from evidence_review.store.engine import EXIT_TAMPERED

pytestmark = pytest.mark.postgres


def readme_sql() -> list[str]:
    """README's role setup (as a superuser) and its grant after an upgrade (as the owner)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Roles: the app owns nothing", 1)[1]
    return re.findall(r"```sql\n(.*?)```", section, flags=re.S)[:2]


class Roles:
    def __init__(self, url: str) -> None:
        tag = secrets.token_hex(4)
        self.names = {"er_owner": f"er_owner_{tag}", "er_app": f"er_app_{tag}",
                      "er_store": f"er_store_{tag}"}
        self.passwords = {"er_owner": "owner-secret", "er_app": "app-secret"}
        self.base = make_url(url)

    def sql(self, block: str) -> str:
        for name, unique in self.names.items():
            block = re.sub(rf"\b{name}\b", unique, block)
        return block

    def url(self, role: str) -> str:
        return self.base.set(username=self.names[role], password=self.passwords[role]) \
            .render_as_string(hide_password=False)


@pytest.fixture
def roles(postgres_url: str) -> Iterator[Roles]:
    root = postgres_url.split("?", 1)[0]
    r = Roles(root)
    setup, _ = readme_sql()
    admin = create_engine(root)
    with admin.begin() as c:
        c.execute(text(r.sql(setup)))
    yield r
    with admin.begin() as c:
        c.execute(text(f"DROP SCHEMA {r.names['er_store']} CASCADE"))
        for role in ("er_app", "er_owner"):
            c.execute(text(f"DROP OWNED BY {r.names[role]}"))
            c.execute(text(f"DROP ROLE {r.names[role]}"))
    admin.dispose()


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_the_app_role_writes_decisions_but_cannot_touch_the_log(roles: Roles) -> None:
    owner, app = roles.url("er_owner"), roles.url("er_app")
    up = run("db", "upgrade", "--db", owner)  # the owner runs the revisions
    assert up.exit_code == 0, up.output
    _, grant = readme_sql()
    engine = create_engine(owner)
    with engine.begin() as c:
        c.execute(text(roles.sql(grant)))
    engine.dispose()

    with Store.open(app) as s:  # at head: the app's role writes nothing to open it
        assert s.write_refused is None
        s.save_screening("agency-01", Path("/x"), [screened("plan.docx", Role.PLAN, 3)])
        doc = s.documents("agency-01")[0].id
        s.record_decision("agency-01", "1.1", True, "somchai", document_id=doc, proposed=True)
    verify = run("audit", "verify", "--db", app)
    assert verify.exit_code == 0, verify.output

    engine = create_engine(app)
    for statement in ("DROP TABLE decisions", "ALTER TABLE decisions DISABLE TRIGGER ALL",
                      "DROP TRIGGER decisions_append_only ON decisions", "TRUNCATE decisions",
                      "UPDATE decisions SET reviewer = 'x'", "DELETE FROM decisions",
                      "ALTER TABLE decisions ADD COLUMN x TEXT"):
        with pytest.raises(DBAPIError, match=r"must be owner|permission denied"), \
                engine.begin() as c:
            c.execute(text(statement))
    engine.dispose()


def test_a_trigger_the_owner_dropped_stops_the_app_until_the_owner_restores_it(
        roles: Roles) -> None:
    owner, app = roles.url("er_owner"), roles.url("er_app")
    assert run("db", "upgrade", "--db", owner).exit_code == 0
    _, grant = readme_sql()
    engine = create_engine(owner)
    with engine.begin() as c:
        c.execute(text(roles.sql(grant)))
    with Store.open(app) as s:
        s.save_screening("agency-01", Path("/x"), [screened("plan.docx", Role.PLAN, 3)])
        doc = s.documents("agency-01")[0].id
    with engine.begin() as c:  # done by hand outside the tool, as the owner
        c.execute(text("DROP TRIGGER decisions_no_truncate ON decisions"))

    with Store.open(app) as s:  # the app's role may not re-create it: writes are refused
        assert s.write_refused is not None and "decisions_no_truncate" in s.write_refused
        with pytest.raises(TamperedError):
            s.record_decision("agency-01", "1.1", True, "somchai", document_id=doc,
                              proposed=True)
    refused = run("audit", "verify", "--db", app)
    assert refused.exit_code == EXIT_TAMPERED and "decisions_no_truncate" in refused.output

    assert run("db", "upgrade", "--db", owner).exit_code == 0  # the owner opens: re-created
    assert run("audit", "verify", "--db", app).exit_code == 0
    engine.dispose()
