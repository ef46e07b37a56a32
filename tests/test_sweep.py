"""A new user's robustness sweep: every command, run through the CLI's own entry (a subprocess of
``python -m evidence_review``), over the fixtures, the real-world PDFs in ``../shared/realworld``
and a seeded set of hostile inputs made here. Whatever goes in, the user sees the documented
exit status, one line per bad file naming it and the reason, never a traceback, and the good
files beside the bad ones are still screened.

The hostile inputs are written into the test's tmp folder (nothing in the repository changes).
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import NamedTuple

import pytest
from hostile import make
from support import FIXTURES, REALWORLD, need_path

SEED = 2550
#: Every extension the tool reads (intake/formats.py) and a few it does not.
EXTENSIONS = ["pdf", "docx", "doc", "xlsx", "xls", "html", "htm", "txt", "csv", "md", "odt", ""]
GOOD_TEXT = f"แผนปฏิบัติการ {make.BACKUP} และ {make.CONTINGENCY}"


# -- the hostile inputs ---------------------------------------------------------------------
def _truncated(base: Path, target: Path, keep: float) -> Path:
    data = base.read_bytes()
    target.write_bytes(data[: max(1, int(len(data) * keep))])
    return target


def _pdf_encrypted(target: Path) -> Path:
    """A real encrypted PDF (pypdf, AES-128 with a user password)."""
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(make.pdf_bytes(["secret plan"])))
    writer.encrypt(user_password="รหัส-user", owner_password="owner", algorithm="RC4-128")
    with target.open("wb") as fh:
        writer.write(fh)
    return target


def _xlsx_encrypted(base: Path, target: Path) -> Path:
    """An XLSX saved with a password to open (msoffcrypto: an OLE file holding the package)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    with base.open("rb") as src, target.open("wb") as dst:
        OOXMLFile(src).encrypt("รหัสผ่าน", dst)
    return target


def _docx_broken_xml(base: Path, target: Path) -> Path:
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = data[: len(data) // 2] + b"<w:p><unclosed"
            dst.writestr(info, data)
    return target


def _zip_named_docx(target: Path) -> Path:
    with zipfile.ZipFile(target, "w") as z:
        z.writestr("readme.txt", GOOD_TEXT)
        z.writestr("data/ข้อมูล.csv", "a,b\n1,2\n")
    return target


def _pdf_zero_pages(target: Path) -> Path:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    target.write_bytes(make._pdf(objects))
    return target


def hostile_inputs(root: Path) -> dict[str, Path]:
    """Every hostile case the sweep runs, by name, in ``root`` (seeded: the same every run).
    Cases that are folders rather than files end in ``/``."""
    rng = random.Random(SEED)
    base_dir = root / "base"
    base = {"docx": make.make_docx(base_dir / "base.docx"),
            "xlsx": make.make_xlsx(base_dir / "base.xlsx"),
            "pdf": make.make_pdf(base_dir / "base.pdf")}
    bad = root / "bad"
    bad.mkdir()
    cases: dict[str, Path] = {}
    for ext in EXTENSIONS:
        name = f"empty.{ext}" if ext else "empty"
        (bad / name).write_bytes(b"")
        cases[f"zero-byte {name}"] = bad / name
    for ext, path in base.items():
        for keep in (0.05, 0.5, rng.uniform(0.6, 0.95)):
            target = bad / f"truncated-{int(keep * 100)}.{ext}"
            cases[f"truncated {ext} {int(keep * 100)}%"] = _truncated(path, target, keep)
    cases["pdf named .docx"] = make.make_pdf(bad / "really-a-pdf.docx")
    cases["pdf named .xlsx"] = make.make_pdf(bad / "really-a-pdf.xlsx")
    cases["zip named .docx"] = _zip_named_docx(bad / "archive.docx")
    cases["encrypted pdf"] = _pdf_encrypted(bad / "encrypted.pdf")
    cases["encrypted pdf (handmade)"] = make.pdf_encrypted(bad / "encrypted-r2.pdf")
    cases["password xlsx"] = _xlsx_encrypted(base["xlsx"], bad / "password.xlsx")
    cases["broken docx xml"] = _docx_broken_xml(base["docx"], bad / "broken-xml.docx")
    cases["0-page pdf"] = _pdf_zero_pages(bad / "no-pages.pdf")
    cases["damaged pdf named with a newline"] = _truncated(base["pdf"], bad / "ผิด\nบรรทัด.pdf", 0.3)
    tis = bad / "tis620.txt"
    tis.write_bytes((GOOD_TEXT + "\n") .encode("tis-620") * 20)
    cases["tis-620 text"] = tis
    utf16 = bad / "utf16.txt"
    utf16.write_bytes((GOOD_TEXT + "\n").encode("utf-16") * 20)
    cases["utf-16 text"] = utf16
    cases["huge one-line text"] = make.text_one_line(bad / "one-line.txt", mb=2)  # slow: 24 MB
    deep = root / "deep"
    folder = deep
    for i in range(60):
        folder = folder / f"ชั้น {i}"
    cases["deeply nested"] = make.make_docx(folder / "ลึก.docx")
    odd = root / "odd"
    for name in ("ไฟล์ ภาษาไทย มีช่องว่าง.docx", "new\nline.docx", "ก..\\..\\x.docx",
                 "-rf.docx", "  space.docx"):
        odd.mkdir(exist_ok=True)
        (odd / name).write_bytes(base["docx"].read_bytes())
        cases[f"odd name {name!r}"] = odd / name
    dots = odd / ".." / "odd" / "dots.docx"
    dots.write_bytes(base["docx"].read_bytes())
    cases["path with ../"] = dots
    loops = root / "loops"
    make.symlink_loops(loops)
    cases["symlink loop/"] = loops
    unreadable = root / "unreadable"
    unreadable.mkdir()
    (unreadable / "secret.docx").write_bytes(base["docx"].read_bytes())
    os.chmod(unreadable / "secret.docx", 0)
    (unreadable / "junk.bin").write_bytes(bytes(rng.randrange(256) for _ in range(4096)))
    cases["folder with no readable files/"] = unreadable
    return cases


#: Cases that must fail, each with what its one line must say (in its English part).
MUST_FAIL = {
    **{f"zero-byte {n}": "empty" for n in
       [f"empty.{e}" if e else "empty" for e in EXTENSIONS if e != "md"]},
    "truncated docx 5%": "damaged", "truncated xlsx 5%": "damaged", "truncated pdf 5%": "damaged",
    "zip named .docx": "not a Word or Excel file", "encrypted pdf": "password",
    "encrypted pdf (handmade)": "password", "password xlsx": "password",
    "broken docx xml": "damaged", "0-page pdf": "damaged",
    "damaged pdf named with a newline": "damaged",
}
#: Cases that must be read, whatever their name, place, extension or encoding.
MUST_READ = ["pdf named .docx", "pdf named .xlsx", "tis-620 text", "utf-16 text",
             "huge one-line text", "deeply nested", "path with ../",
             *(f"odd name {n!r}" for n in ("ไฟล์ ภาษาไทย มีช่องว่าง.docx", "new\nline.docx",
                                           "ก..\\..\\x.docx", "-rf.docx", "  space.docx"))]
#: A reason as the user reads it: Thai first, English in brackets, on one line.
REASON = re.compile(r"[\u0e00-\u0e7f][^\n]*\[[^\n]+\]")


def run_cli(*args: str | Path, cwd: Path | None = None, timeout: float = 600,
            ) -> subprocess.CompletedProcess[str]:
    """The tool as a user runs it: ``python -m evidence_review ARGS`` (OCR off: the sweep is
    about damaged input, not scans; the slow tier screens the scanned fixtures with OCR)."""
    env = {**os.environ, "EVIDENCE_REVIEW_OCR": os.environ.get("SWEEP_OCR", "0")}
    return subprocess.run([sys.executable, "-m", "evidence_review", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, env=env, timeout=timeout,
                          stdin=subprocess.DEVNULL)


class Ran(NamedTuple):
    returncode: int
    stdout: str
    stderr: str


def invoke(*args: str | Path) -> Ran:
    """The CLI's own entry in this process (click's runner: no interpreter start per call). An
    exception escaping the command is what the user would see as a traceback: it fails here."""
    from click.testing import CliRunner

    from evidence_review.cli.main import main

    result = CliRunner().invoke(main, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"traceback for {args}") from result.exception
    return Ran(result.exit_code, result.stdout, result.stderr)


def shown(path: str) -> str:
    """A name as one-line messages print it (control characters escaped)."""
    return path.replace("\n", "\\n")


def assert_no_traceback(result: subprocess.CompletedProcess[str] | Ran) -> None:
    text = result.stdout + result.stderr
    assert "Traceback" not in text, text[-3000:]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    root = tmp_path_factory.mktemp("sweep") / "ส่ง"
    root.mkdir()
    return root, hostile_inputs(root)


@pytest.fixture(scope="module")
def screened(hostile, tmp_path_factory) -> tuple[subprocess.CompletedProcess[str], dict]:
    """``screen --json`` once over the whole hostile tree (a folder of agency folders)."""
    root, _ = hostile
    out = tmp_path_factory.mktemp("out")
    result = run_cli("screen", root, "--json", out / "screen.json", "--db", out / "s.db",
                     "--jobs", "2")
    data = json.loads((out / "screen.json").read_text(encoding="utf-8"))
    return result, data


def _document(data: dict, root: Path, path: Path) -> dict:
    rel = path.resolve().relative_to(root.resolve()).as_posix()
    found = [d for d in data["documents"] if d["path"] == rel]
    assert len(found) == 1, f"{rel}: {len(found)} results"
    return found[0]


def test_screen_of_hostile_tree_exits_1_without_traceback(screened) -> None:
    result, _ = screened
    assert result.returncode == 1, result.stderr[-3000:]
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("case", sorted(MUST_FAIL))
def test_each_bad_file_fails_with_one_line_naming_it(screened, hostile, case) -> None:
    result, data = screened
    root, cases = hostile
    doc = _document(data, root, cases[case])
    assert doc["status"] == "failure"
    assert MUST_FAIL[case] in doc["error"], doc["error"]
    assert REASON.fullmatch(doc["error"]), doc["error"]
    rel = shown(cases[case].relative_to(root).as_posix())
    lines = [ln for ln in result.stderr.splitlines() if ln.strip().startswith(f"{rel}: ")]
    assert len(lines) == 1, f"{rel!r} named {len(lines)} times:\n{result.stderr[-3000:]}"
    assert REASON.search(lines[0]) and MUST_FAIL[case] in lines[0]


@pytest.mark.parametrize("case", MUST_READ)
def test_the_other_files_are_still_screened(screened, hostile, case) -> None:
    _, data = screened
    root, cases = hostile
    doc = _document(data, root, cases[case])
    assert doc["status"] in ("success", "partial"), doc["error"]
    assert doc["pages"] >= 1 and len(doc["subissues"]) == 10


def test_every_line_of_the_failure_list_is_one_whole_line(screened) -> None:
    """A newline in a file name cannot split a message: every line after "could not be
    screened" names a file (or a skipped one) and ends with its reason."""
    result, _ = screened
    listed = result.stderr.split("could not be screened:\n", 1)[1].splitlines()
    body = [ln for ln in listed if ln.startswith("  ")]
    assert body and all(REASON.search(ln) for ln in body), "\n".join(body)


def test_links_and_loops_are_one_line_each(screened) -> None:
    result, _ = screened
    for name in ("loop-to-self-folder", "self-link", "dangling.pdf"):
        warned = [ln for ln in result.stderr.splitlines()
                  if ln.startswith("warning: ") and ln.split(": ")[1].endswith(name)]
        assert len(warned) == 1 and REASON.search(warned[0]), name


def test_the_text_encodings_are_read_as_thai(screened, hostile) -> None:
    _, data = screened
    root, cases = hostile
    for case in ("tis-620 text", "utf-16 text"):
        doc = _document(data, root, cases[case])
        assert doc["role"] == "plan", (case, doc["role"])  # "แผนปฏิบัติการ" read as Thai


def test_a_pdf_with_no_pages_after_an_encrypted_one_is_not_called_encrypted(tmp_path) -> None:
    """PDFium reports the process's last error: a PDF it cannot load, read in the worker that
    just read an encrypted one, was called password-protected."""
    folder = tmp_path / "หน่วยงาน"
    folder.mkdir()
    _pdf_encrypted(folder / "a-encrypted.pdf")
    _pdf_zero_pages(folder / "b-no-pages.pdf")
    result = run_cli("screen", folder, "--json", "-", "--db", tmp_path / "s.db", "--jobs", "1",
                     "--quiet", "--no-cache")
    assert result.returncode == 1
    errors = {d["path"]: d["error"] for d in json.loads(result.stdout)["documents"]}
    assert "password" in errors["a-encrypted.pdf"]
    assert "password" not in errors["b-no-pages.pdf"] and "PDFium" not in errors["b-no-pages.pdf"]


@pytest.mark.parametrize("case", ["zero-byte empty.pdf", "password xlsx", "zip named .docx",
                                  "0-page pdf", "damaged pdf named with a newline"])
def test_extract_of_a_bad_file_is_one_line_and_exit_1(hostile, case) -> None:
    _, cases = hostile
    result = invoke("extract", "--json", cases[case])
    assert result.returncode == 1
    assert json.loads(result.stdout)["status"] == "failure"  # README: the JSON says so too
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"error: {shown(str(cases[case]))}: ")
    assert REASON.search(result.stderr) and MUST_FAIL[case] in result.stderr


@pytest.mark.parametrize("target", ["folder", "loop", "dangling", "missing", "device"])
def test_extract_of_what_is_not_a_file_is_one_line(hostile, target) -> None:
    root, _ = hostile
    path = {"folder": root / "bad", "loop": root / "loops" / "self-link",
            "dangling": root / "loops" / "dangling.pdf", "missing": root / "ไม่มี.pdf",
            "device": Path("/dev/zero")}[target]
    result = invoke("extract", "--json", path)
    assert result.returncode == 1
    assert json.loads(result.stdout)["status"] == "failure"
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"error: {path}: ")
    assert REASON.search(result.stderr)


def test_a_folder_with_nothing_to_screen_is_one_line_and_exit_2(tmp_path) -> None:
    folder = tmp_path / "ว่าง"
    (folder / "ซ้อน" / "อีกชั้น").mkdir(parents=True)
    (folder / ".hidden.docx").write_bytes(b"x")
    (folder / "บันทึก.md").write_text("note", encoding="utf-8")
    make.symlink_loops(folder / "ลิงก์")
    result = run_cli("screen", folder, "--db", tmp_path / "s.db", "--quiet")
    assert result.returncode == 2
    assert_no_traceback(result)
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("Error: ")]
    assert len(errors) == 1 and str(folder) in errors[0] and REASON.search(errors[0])


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


# -- the slow part: every fixture and every real-world PDF, as they are --------------------------
def _every_file(*roots: Path) -> list[Path]:
    return sorted(p for root in roots for p in root.rglob("*") if p.is_file())


@pytest.mark.slow
def test_extract_json_of_every_fixture_and_real_world_file(monkeypatch) -> None:
    """``extract --json`` (in this process: one worker per file) on every file: the JSON is
    the README contract, exit 0 unless it says failure, then one line naming the file."""
    need_path(REALWORLD)
    monkeypatch.setenv("EVIDENCE_REVIEW_OCR", "0")  # screen below reads the scans with OCR
    from evidence_review.settings import get_settings

    get_settings.cache_clear()
    files = _every_file(FIXTURES, REALWORLD)
    assert len(files) > 200
    for path in files:
        result = invoke("extract", "--json", path)
        doc = json.loads(result.stdout)
        assert doc["status"] in ("success", "partial", "failure"), path
        if doc["status"] == "failure":
            assert result.returncode == 1, path
            assert result.stderr.count("\n") == 1, result.stderr
            assert result.stderr.startswith(f"error: {shown(str(path))}: "), result.stderr
            assert REASON.search(result.stderr), result.stderr
        else:
            assert result.returncode == 0, (path, result.stderr)
            assert "Traceback" not in result.stderr
    get_settings.cache_clear()


@pytest.mark.slow
@pytest.mark.ocr
def test_screen_json_of_every_fixture_and_real_world_pdf(tmp_path) -> None:
    need_path(REALWORLD)
    out = tmp_path / "screen.json"
    env_ocr = os.environ.get("SWEEP_OCR")
    os.environ["SWEEP_OCR"] = "1"
    try:
        result = run_cli("screen", FIXTURES, REALWORLD, "--json", out, "--db", tmp_path / "s.db",
                         timeout=3000)
    finally:
        if env_ocr is None:
            os.environ.pop("SWEEP_OCR")
        else:
            os.environ["SWEEP_OCR"] = env_ocr
    assert result.returncode in (0, 1), result.stderr[-3000:]
    assert_no_traceback(result)
    data = json.loads(out.read_text(encoding="utf-8"))
    failed = [d for d in data["documents"] if d["status"] == "failure"]
    assert (result.returncode == 1) == bool(failed)
    for doc in failed:
        assert REASON.fullmatch(doc["error"]), doc
        lines = [ln for ln in result.stderr.splitlines() if f"{shown(doc['path'])}: " in ln]
        assert len(lines) == 1, (doc["path"], result.stderr[-3000:])
    realworld = [d for d in data["documents"] if d["submission"] == "realworld"
                 and d["format"] == "pdf"]
    assert len(realworld) == 3 and all(d["status"] != "failure" for d in realworld)


@pytest.mark.slow
def test_a_huge_one_line_text_is_read_or_refused_in_one_line(tmp_path) -> None:
    path = make.text_one_line(tmp_path / "ยาวมาก.txt", mb=24)
    result = run_cli("extract", "--json", path, timeout=1200)
    assert_no_traceback(result)
    assert result.returncode in (0, 1)
    if result.returncode == 1:
        assert result.stderr.count("\n") == 1 and REASON.search(result.stderr)


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
