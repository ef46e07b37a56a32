"""A store with screened fixture submissions and three users, and in-process clients."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

ROOT = Path(__file__).resolve().parents[2]
SUBMISSIONS = ROOT / "fixtures" / "submissions"
PASSWORDS = {"admin": "admin-pass-1", "rev": "reviewer-pass-1", "rev2": "reviewer-pass-2",
             "view": "viewer-pass-1"}
#: Document text, file name and reason that try to run script in the page.
XSS = "<script>alert('xss')</script><img src=x onerror=alert(1)>"


def _hostile_folder(root: Path) -> Path:
    folder = root / "x-hostile"
    folder.mkdir()
    (folder / "<img src=x onerror=alert(1)>.txt").write_text(
        "สรุปผลการทบทวนและวิเคราะห์ระบบฐานข้อมูลสารสนเทศ\n"
        f"{XSS}\nระบบฐานข้อมูลสารสนเทศเพื่อการตัดสินใจของผู้บริหาร {XSS}\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Screened once per session: s01 (DOCX/XLSX), s02 (PDFs) and a hostile text file."""
    from evidence_review.review.service import ensure_screened, locate
    from evidence_review.rubric.model import load_rubric
    from evidence_review.store.db import Store
    from evidence_review.web.accounts import Accounts

    root = tmp_path_factory.mktemp("webdb")
    db = root / "template.db"
    rubric = load_rubric(None)
    folders = [SUBMISSIONS / "s01-fisheries", SUBMISSIONS / "s02-nakhonsawan",
               _hostile_folder(root)]
    with Store.open(db) as store:
        for folder in folders:
            ensure_screened(store, locate(store, str(folder)), rubric)
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


def login(client: TestClient, name: str, password: str | None = None) -> str:
    """Log ``name`` in through the form; returns the session's CSRF token."""
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token is not None
    r = client.post("/login", data={"username": name, "password": password or PASSWORDS[name],
                                    "csrf_token": token.group(1), "next": "/submissions"},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    home = client.get("/submissions")
    found = re.search(r'data-csrf="([^"]+)"', home.text)
    assert found is not None
    return found.group(1)


def bearer(app: Any, name: str) -> dict[str, str]:
    from evidence_review.web.accounts import Accounts

    return {"Authorization": f"Bearer {Accounts(app.state.store.engine).new_token(name)}"}


def confirm_all_body(data: dict[str, Any]) -> dict[str, Any]:
    """A decisions body accepting every proposal of a submission (and its figures)."""
    docs: dict[str, Any] = {}
    for path, d in data["documents"].items():
        entry: dict[str, Any] = {"role": d["role"], "subissues": {
            sid: {"covered": p["proposed"]} for sid, p in d["subissues"].items()}}
        if d["improvement_vs_2549"] is not None:
            entry["improvement_vs_2549"] = d["improvement_vs_2549"]["proposed"]
        elif d["role"] == "plan":
            entry["improvement_vs_2549"] = True
            entry["improvement_reason"] = "states it"
        docs[path] = entry
    figures = data["progress"]["proposed"] or [
        {"name": "กิจกรรมที่ 1", "weight": 100, "percent": 100, "achieved": True}]
    return {"base_version": data["version"], "documents": docs,
            "progress": {"activities": figures, "reason": "entered"}}
