"""The sweep's second half (tests/test_sweep.py holds the files): every command after screen
given malformed decisions files or a missing, unusable, read-only or locked store, and the web
workspace given hostile uploads and malformed API bodies. Always the documented exit status or
HTTP status, one line naming the file or store and the reason, never a traceback."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from support import FIXTURES, REASON, assert_no_traceback, invoke, run_cli

GOOD_TEXT = "แผนปฏิบัติการ การสำรองข้อมูล และ แผนฉุกเฉิน"


# -- the commands after screen: malformed decisions files, a missing or unusable store -------
GOOD_DECISIONS = FIXTURES / "decisions" / "s01-fisheries.yaml"
SUBMISSION = "s01-fisheries"


def _decisions_cases() -> dict[str, str | bytes]:
    good = GOOD_DECISIONS.read_text(encoding="utf-8")
    doc = "s01-fisheries/สรุปผลการทบทวน.docx"
    return {
        "bad yaml": "reviewer: somchai\ndocuments: {unclosed: [1, 2\n",
        "bad json": '{"reviewer": "somchai", "documents": ',
        "a list": "- a\n- b\n",
        "empty": "",
        "binary": bytes(range(256)) * 4,
        "utf-16": good.encode("utf-16"),
        "python tag": "reviewer: !!python/object/apply:os.system [echo]\n",
        "duplicate key": "reviewer: a\nreviewer: b\ndocuments: {}\n",
        "wrong types": f"reviewer: 42\ndocuments:\n  {doc}:\n    role: [1, 2]\n"
                       "    subissues: yes\n",
        "covered not a boolean": good.replace("{covered: true}", "{covered: maybe}", 1),
        "documents a list": "reviewer: somchai\ndocuments: [1, 2]\n",
        "document empty": f"reviewer: somchai\ndocuments:\n  {doc}:\n",
        "unknown sub-issue": good.replace('"1.2": {covered: true}', '"9.9": {covered: true}', 1),
        "unquoted sub-issue": good.replace('"1.2": {covered: true}', "1.2: {covered: true}", 1),
        "unknown document": good.replace(doc, "s01-fisheries/ไม่มี.docx"),
        "unknown role": good.replace("role: review", "role: banana", 1),
        "reviewer missing": good.replace("reviewer: somchai\n", ""),
        "reviewer empty": good.replace("reviewer: somchai", 'reviewer: ""'),
        "reviewer too long": good.replace("reviewer: somchai", "reviewer: " + "ก" * 500),
        "progress not a mapping": good.split("\nprogress:")[0] + "\nprogress: 5\n",
    }


#: Cases whose message is Thai first through messages.py (the schema's own errors, pydantic's,
#: are still English: see the closing report).
THAI_FIRST = {"bad yaml", "bad json", "a list", "empty", "binary", "utf-16", "python tag",
              "duplicate key", "reviewer too long"}


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    """A store with the sample agency s01-fisheries screened (nothing decided yet)."""
    db = tmp_path_factory.mktemp("store") / "review.db"
    result = run_cli("screen", FIXTURES / "submissions" / SUBMISSION, "--db", db, "--quiet",
                     "--json", db.with_suffix(".json"))
    assert result.returncode == 0, result.stderr
    return db


def _trail(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM decisions").fetchone()[0])


@pytest.mark.parametrize("case", sorted(_decisions_cases()))
def test_a_malformed_decisions_file_is_one_line_and_records_nothing(store, tmp_path, case):
    content = _decisions_cases()[case]
    path = tmp_path / f"ผิด {case}.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    before = _trail(store)
    result = invoke("review", SUBMISSION, "--decisions", path, "--db", store)
    assert result.returncode == 1, result.stdout + result.stderr
    assert_no_traceback(result)
    assert result.stderr.count("\n") == 1 and str(path) in result.stderr, result.stderr
    if case in THAI_FIRST:
        assert REASON.search(result.stderr), result.stderr
    assert _trail(store) == before  # the file is recorded whole or not at all


def _unusable_stores(tmp: Path, good: Path) -> dict[str, Path]:
    tmp.mkdir(exist_ok=True)
    (tmp / "a folder.db").mkdir(exist_ok=True)
    (tmp / "text.db").write_text("ไม่ใช่ฐานข้อมูล\n", encoding="utf-8")
    (tmp / "empty.db").write_bytes(b"")
    (tmp / "truncated.db").write_bytes(good.read_bytes()[:5000])
    with sqlite3.connect(tmp / "other.db") as conn:
        conn.execute("CREATE TABLE t (x)")
    return {"missing": tmp / "ไม่มี.db", "folder": tmp / "a folder.db", "text": tmp / "text.db",
            "empty": tmp / "empty.db", "truncated": tmp / "truncated.db",
            "another application's": tmp / "other.db"}


READING = [["decisions", SUBMISSION], ["score", SUBMISSION, "--json"],
           ["report", SUBMISSION, "--format", "md", "--draft", "-o", "{tmp}/r.md"],
           ["pack", "create", SUBMISSION, "-o", "{tmp}/p.zip"], ["rubric", "suggest"],
           ["audit", "verify"], ["agreement"], ["agency", SUBMISSION],
           ["review", SUBMISSION, "--decisions", str(GOOD_DECISIONS)]]


@pytest.mark.parametrize("kind", ["missing", "folder", "text", "empty", "truncated",
                                  "another application's"])
def test_every_command_on_an_unusable_store_is_one_line_naming_it(store, tmp_path, kind):
    db = _unusable_stores(tmp_path / "stores", store)[kind]
    before = db.read_bytes() if db.is_file() else None
    for args in READING:
        result = invoke(*(a.format(tmp=tmp_path) for a in args), "--db", db)
        assert result.returncode == 1, (args, result.stderr)
        assert_no_traceback(result)
        assert result.stderr.count("\n") == 1 and str(db) in result.stderr, (args, result.stderr)
        assert REASON.search(result.stderr), result.stderr
    assert (db.read_bytes() if db.is_file() else None) == before  # nothing written over
    assert kind != "missing" or not db.exists()  # reading commands create no store


@pytest.mark.parametrize("kind", ["folder", "text", "truncated", "another application's"])
def test_screen_into_an_unusable_store_is_one_line_and_exit_2(store, tmp_path, kind):
    db = _unusable_stores(tmp_path / "stores", store)[kind]
    result = invoke("screen", FIXTURES / "formats" / "sample.docx", "--db", db, "--quiet")
    assert result.returncode == 2, result.stderr
    assert_no_traceback(result)
    assert result.stderr.count("\n") == 1 and str(db) in result.stderr, result.stderr


def test_a_store_that_cannot_be_written_is_named(store, tmp_path):
    """A store on a read-only filesystem (or whose file refuses writes): the write fails at
    the database, and the one line says which store (it named none)."""
    db = tmp_path / "ro.db"
    db.write_bytes(store.read_bytes())
    if os.geteuid() == 0:  # root writes whatever the mode: make the database refuse instead
        with sqlite3.connect(db) as conn:
            conn.execute("CREATE TRIGGER no_writes BEFORE INSERT ON decisions BEGIN "
                         "SELECT RAISE(ABORT, 'attempt to write a readonly database'); END")
    else:
        db.chmod(0o444)
    result = invoke("review", SUBMISSION, "--decisions", GOOD_DECISIONS, "--db", db)
    assert result.returncode == 1
    assert_no_traceback(result)
    assert result.stderr.count("\n") == 1 and str(db) in result.stderr, result.stderr
    assert "read-only" in result.stderr


@pytest.mark.slow
def test_a_locked_store_is_one_line_naming_it(store, tmp_path):
    """Another process holds the write lock past the store's busy timeout (30 s)."""
    db = tmp_path / "locked.db"
    db.write_bytes(store.read_bytes())
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, sys, time\n"
        f"c = sqlite3.connect({str(db)!r}, isolation_level=None)\n"
        "c.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); time.sleep(120)\n")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        result = run_cli("review", SUBMISSION, "--decisions", GOOD_DECISIONS, "--db", db)
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 1
    assert_no_traceback(result)
    assert result.stderr.count("\n") == 1 and str(db) in result.stderr, result.stderr
    assert "locked" in result.stderr


# -- the web workspace's upload: the same hostile names, through the app -------------------------
def _zip(members: list[tuple[str, str]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in members:
            z.writestr(name, text)
    return buf.getvalue()


def _bad_crc_zip() -> bytes:
    data = bytearray(_zip([("doc.txt", GOOD_TEXT * 50)]))
    at = data.find(b"doc.txt") + len("doc.txt") + 3  # inside the stored (deflated) data
    data[at] ^= 0xFF
    return bytes(data)


UPLOADS = {
    "a file and a folder of one name": ([("a", b"x"), ("a/b.txt", b"y")], "a/b.txt"),
    "a zip with a file and a folder of one name": (
        [("y.zip", _zip([("k", "1"), ("k/l.txt", "2")]))], "k/l.txt"),
    "a zip member with a bad CRC": ([("c.zip", _bad_crc_zip())], "doc.txt"),
}


@pytest.mark.parametrize("case", sorted(UPLOADS))
def test_a_hostile_upload_fails_in_one_line_naming_the_file(tmp_path, case) -> None:
    """These uploads answered 500 and left their job queued for ever."""
    import shutil

    from starlette.testclient import TestClient

    from evidence_review.store.db import Store
    from evidence_review.web.accounts import Accounts
    from evidence_review.web.app import create_app

    sys.path.insert(0, str(Path(__file__).parent / "web"))
    from web_support import login

    files, named = UPLOADS[case]
    db = tmp_path / "review.db"
    with Store.open(db) as store:
        Accounts(store.engine).add_user("admin", "admin", "admin-pass-1")
    app = create_app(db, uploads=tmp_path / "uploads")
    try:
        with TestClient(app, base_url="http://testserver") as client:
            csrf = login(client, "admin", "admin-pass-1")
            r = client.post("/submissions/upload", data={"agency": "ทดสอบ", "csrf_token": csrf},
                            files=[("files", f) for f in files],
                            headers={"X-CSRF-Token": csrf, "HX-Request": "true"})
            assert r.status_code == 200, r.text[-2000:]
            (job,) = app.state.uploads.recent()
            assert job.state == "failed" and job.error and named in job.error, job
            assert REASON.search(job.error) and "\n" not in job.error
    finally:
        app.state.store.close()
        shutil.rmtree(tmp_path / "uploads", ignore_errors=True)


def test_an_upload_name_too_long_for_the_disk_is_shortened(tmp_path) -> None:
    from evidence_review.web.uploads import unzip

    long = "ก" * 200 + ".txt"
    archive = tmp_path / "x.zip"
    archive.write_bytes(_zip([(long, GOOD_TEXT), (f"โฟลเดอร์/{long}", GOOD_TEXT)]))
    written = unzip(archive, tmp_path / "out", "x.zip")
    assert len(written) == 2 and all(p.suffix == ".txt" and p.read_text() == GOOD_TEXT
                                     for p in written)


@pytest.mark.parametrize("body", [b"{", b"[1]", b"null", "[" * 100_000 + "]" * 100_000,
                                  b'{"base_version": "zero", "documents": {}}',
                                  b'{"base_version": 0, "documents": [1]}',
                                  b'{"base_version": 0, "documents": {"x/y.pdf": {}}}',
                                  b'{"base_version": 0, "documents": {"\xff": {}}}'],
                         ids=["cut", "list", "null", "nested 100000 deep", "version a word",
                              "documents a list", "unknown document", "not UTF-8"])
def test_a_malformed_api_body_is_a_422_with_one_line(store, tmp_path, body) -> None:
    """A body nested 100,000 deep answered 500 (RecursionError in the JSON parser)."""
    import shutil

    from starlette.testclient import TestClient

    from evidence_review.web.accounts import Accounts
    from evidence_review.web.app import create_app

    db = tmp_path / "review.db"
    shutil.copy(store, db)
    app = create_app(db, uploads=tmp_path / "uploads")
    try:
        token = Accounts(app.state.store.engine)
        token.add_user("somchai", "reviewer", "reviewer-pass-1")
        headers = {"Authorization": f"Bearer {token.new_token('somchai')}"}
        with TestClient(app, base_url="http://testserver") as client:
            r = client.post(f"/api/submissions/{SUBMISSION}/decisions", headers=headers,
                            content=body if isinstance(body, bytes) else body.encode())
        assert r.status_code == 422, r.text[-500:]
        assert "\n" not in r.json()["error"]
    finally:
        app.state.store.close()


@pytest.mark.parametrize("args", [["score", "s01-fisheries"], ["screen", "fixtures"]])
def test_an_empty_store_setting_is_a_bad_setting_not_the_working_folder(monkeypatch, args):
    """``EVIDENCE_REVIEW_DATABASE_URL=`` (empty) named the working folder as the store."""
    from evidence_review.settings import get_settings

    monkeypatch.setenv("EVIDENCE_REVIEW_DATABASE_URL", "")
    get_settings.cache_clear()
    result = invoke(*args)
    get_settings.cache_clear()
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "EVIDENCE_REVIEW_DATABASE_URL" in result.stderr
