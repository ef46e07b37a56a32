"""A store with screened fixture submissions and three users, and in-process clients."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient
from web_support import PASSWORDS, SUBMISSIONS, _hostile_folder


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Screened once per session: s01 (DOCX/XLSX), s02 (PDFs) and a hostile text file."""
    from evidence_review.pipeline import run_batch
    from evidence_review.rubric.model import load_rubric
    from evidence_review.store.db import Store
    from evidence_review.web.accounts import Accounts

    root = tmp_path_factory.mktemp("webdb")
    db = root / "template.db"
    rubric = load_rubric(None)
    folders = [SUBMISSIONS / "s01-fisheries", SUBMISSIONS / "s02-nakhonsawan",
               _hostile_folder(root)]
    run_batch(folders, rubric, quiet=True, register=True, database_url=f"sqlite:///{db}")
    with Store.open(db) as store:
        accounts = Accounts(store.engine)
        accounts.add_user("admin", "admin", PASSWORDS["admin"])
        accounts.add_user("rev", "reviewer", PASSWORDS["rev"])
        accounts.add_user("rev2", "reviewer", PASSWORDS["rev2"])
        accounts.add_user("view", "viewer", PASSWORDS["view"])
    return db


@pytest.fixture
def db(template_db: Path, tmp_path: Path) -> Path:
    """A fresh copy of the screened store for one test."""
    target = tmp_path / "review.db"
    shutil.copy(template_db, target)
    return target


@pytest.fixture
def app(db: Path, tmp_path: Path) -> Any:
    from evidence_review.web.app import create_app

    application = create_app(db, uploads=tmp_path / "uploads")
    yield application
    application.state.store.close()


@pytest.fixture
def client(app: Any) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://testserver") as c:
        yield c


