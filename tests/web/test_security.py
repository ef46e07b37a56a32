"""Security of the web workspace, in-process: authentication, roles, CSRF, cookies, password
storage, and hostile text rendered inert."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient
from web_support import PASSWORDS, XSS, bearer, login

from evidence_review.store import schema

SID = "s02-nakhonsawan"


def _doc_and_version(client: TestClient, sid: str = SID) -> tuple[str, str]:
    page = client.get(f"/submissions/{sid}")
    doc = re.search(r'data-doc="(\d+)"', page.text)
    version = re.search(r'data-version="(\d+)"', page.text)
    assert doc and version
    return doc.group(1), version.group(1)


@pytest.mark.parametrize("path", ["/submissions", f"/submissions/{SID}",
                                  f"/submissions/{SID}/score", f"/submissions/{SID}/report.md"])
def test_pages_redirect_to_login_without_a_session(client: TestClient, path: str) -> None:
    r = client.get(path, follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"].startswith("/login?next=")


@pytest.mark.parametrize("path", ["/api/submissions", f"/api/submissions/{SID}",
                                  f"/api/submissions/{SID}/score",
                                  f"/api/submissions/{SID}/report.json"])
def test_api_needs_a_valid_token(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 401
    assert client.get(path, headers={"Authorization": "Bearer forged"}).status_code == 401
    assert client.post(f"/api/submissions/{SID}/decisions", json={}).status_code == 401


WRITES = [
    ("/submissions/upload", {"agency": "x"}),
    (f"/submissions/{SID}/decide", {"doc": "1", "item": "1.1", "value": "true",
                                    "base_version": "0", "reason": "r"}),
    (f"/submissions/{SID}/accept", {"threshold": "0.5", "base_version": "0"}),
    (f"/submissions/{SID}/progress", {"name": "a", "weight": "1", "percent": "1",
                                      "base_version": "0"}),
    (f"/submissions/{SID}/agency", {"agency": "กรมตัวอย่าง"}),
]


@pytest.mark.parametrize(("path", "data"), WRITES)
def test_viewer_is_refused_every_write_route(client: TestClient, path: str,
                                             data: dict[str, str]) -> None:
    token = login(client, "view")
    r = client.post(path, data={**data, "csrf_token": token}, follow_redirects=False)
    assert r.status_code == 403
    r = client.post(path, data=data, headers={"X-CSRF-Token": token}, follow_redirects=False)
    assert r.status_code == 403


def test_viewer_is_refused_the_api_write(client: TestClient, app: Any) -> None:
    r = client.post(f"/api/submissions/{SID}/decisions", json={"base_version": 0},
                    headers=bearer(app, "view"))
    assert r.status_code == 403
    assert client.get("/api/submissions", headers=bearer(app, "view")).status_code == 200


def test_viewer_write_records_nothing(client: TestClient, app: Any) -> None:
    token = login(client, "view")
    doc, version = _doc_and_version(client)
    client.post(f"/submissions/{SID}/decide", data={
        "doc": doc, "item": "role", "value": "other", "base_version": version,
        "csrf_token": token})
    assert app.state.store.trail(SID) == []


@pytest.mark.parametrize("token", [None, "forged-token"])
def test_session_write_without_the_csrf_token_is_refused(client: TestClient, app: Any,
                                                        token: str | None) -> None:
    login(client, "rev")
    doc, version = _doc_and_version(client)
    data = {"doc": doc, "item": "role", "value": "other", "base_version": version}
    if token:
        data["csrf_token"] = token
    r = client.post(f"/submissions/{SID}/decide", data=data, follow_redirects=False)
    assert r.status_code == 403
    headers = {"X-CSRF-Token": token} if token else {}
    r = client.post(f"/api/submissions/{SID}/decisions", json={"base_version": int(version)},
                    headers=headers)
    assert r.status_code == 403
    assert app.state.store.trail(SID) == []


def test_login_form_needs_its_csrf_token(client: TestClient) -> None:
    client.get("/login")
    r = client.post("/login", data={"username": "rev", "password": PASSWORDS["rev"],
                                    "csrf_token": "forged"}, follow_redirects=False)
    assert r.status_code == 403
    assert "er_session" not in r.cookies


def test_session_cookie_flags(client: TestClient) -> None:
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token
    r = client.post("/login", data={"username": "rev", "password": PASSWORDS["rev"],
                                    "csrf_token": token.group(1)}, follow_redirects=False)
    cookie = next(v for k, v in r.headers.multi_items()
                  if k == "set-cookie" and v.startswith("er_session="))
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie
    assert "Secure" not in cookie  # plain HTTP here


def test_session_cookie_is_secure_over_https(app: Any) -> None:
    with TestClient(app, base_url="https://testserver") as c:
        page = c.get("/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert token
        r = c.post("/login", data={"username": "rev", "password": PASSWORDS["rev"],
                                   "csrf_token": token.group(1)}, follow_redirects=False)
        cookie = next(v for k, v in r.headers.multi_items()
                      if k == "set-cookie" and v.startswith("er_session="))
        assert "Secure" in cookie and "HttpOnly" in cookie


def test_passwords_are_stored_as_argon2_hashes(app: Any) -> None:
    with app.state.store.engine.connect() as c:
        rows = c.execute(select(schema.users.c.name, schema.users.c.password_hash)).all()
    assert len(rows) == len(PASSWORDS)
    for name, hashed in rows:
        assert hashed.startswith("$argon2")
        assert PASSWORDS[name] not in hashed


def test_tokens_and_sessions_are_stored_only_as_hashes(client: TestClient, app: Any) -> None:
    token = bearer(app, "rev")["Authorization"].split()[1]
    login(client, "rev")
    sid = client.cookies.get("er_session")
    with app.state.store.engine.connect() as c:
        stored = [r[0] for r in c.execute(select(schema.api_tokens.c.token_sha256))]
        stored += [r[0] for r in c.execute(select(schema.web_sessions.c.id_sha256))]
    assert token not in stored and sid not in stored


def test_login_is_rate_limited(client: TestClient) -> None:
    for _ in range(5):
        page = client.get("/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert token
        r = client.post("/login", data={"username": "rev", "password": "wrong",
                                        "csrf_token": token.group(1)})
        assert r.status_code == 401
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token
    r = client.post("/login", data={"username": "rev", "password": PASSWORDS["rev"],
                                    "csrf_token": token.group(1)}, follow_redirects=False)
    assert r.status_code == 429


def test_logout_ends_the_session_on_the_server(client: TestClient) -> None:
    token = login(client, "rev")
    sid = client.cookies.get("er_session")
    client.post("/logout", data={"csrf_token": token})
    client.cookies.set("er_session", sid)
    assert client.get("/submissions", follow_redirects=False).status_code == 303


def test_hostile_text_file_name_and_reason_are_inert(client: TestClient) -> None:
    token = login(client, "rev")
    sid = "x-hostile"
    doc, version = _doc_and_version(client, sid)
    r = client.post(f"/submissions/{sid}/decide", data={
        "doc": doc, "item": "1.1", "value": "true", "reason": XSS, "base_version": version,
        "csrf_token": token, "selection": XSS})
    assert r.status_code in (200, 303)
    for path in (f"/submissions/{sid}?doc={doc}&item=1.1", "/submissions",
                 f"/submissions/{sid}/score"):
        html = client.get(path).text
        assert "<script>alert" not in html
        assert "<img src=x" not in html
    html = client.get(f"/submissions/{sid}?doc={doc}&item=1.1").text
    assert "&lt;script&gt;alert(" in html  # shown as text
    assert "&lt;img src=x onerror=alert(1)&gt;.txt" in html  # the file name, as text


def test_security_headers(client: TestClient) -> None:
    r = client.get("/login")
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["x-content-type-options"] == "nosniff"


def test_next_never_leaves_the_site(client: TestClient) -> None:
    page = client.get("/login?next=//evil.example/")
    assert 'name="next" value="/submissions"' in page.text
    r = client.get("/lang?to=en&next=https://evil.example/", follow_redirects=False)
    assert r.headers["location"] == "/submissions"


@pytest.mark.parametrize(("call", "thai", "english"), [
    (lambda a: a.add_user("a b", "reviewer", "pw"), "ชื่อผู้ใช้ต้องเป็นคำเดียว",
     "'a b': a user name is one word of up to 255 characters"),
    (lambda a: a.add_user("somchai", "reviewer", ""), "somchai: รหัสผ่านว่างเปล่า",
     "somchai: the password is empty"),
    (lambda a: a.new_token("nobody"), "nobody: ไม่มีผู้ใช้นี้",
     "nobody: no such user (add it with `users add`)"),
])
def test_account_mistakes_are_one_thai_first_line(app: Any, call: Any, thai: str,
                                                  english: str) -> None:
    from evidence_review.web.accounts import AccountError, Accounts

    with pytest.raises(AccountError) as caught:
        call(Accounts(app.state.store.engine))
    line = str(caught.value)
    assert "\n" not in line and thai in line.split(" [", 1)[0]
    assert line.endswith(f" [{english}]")
