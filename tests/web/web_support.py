"""Helpers the web tests share (``from web_support import ...``)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

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
