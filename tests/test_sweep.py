"""A new user's robustness sweep: every command, run through the CLI's own entry (a subprocess of
``python -m evidence_review``), over the fixtures, the real-world PDFs in ``../shared/realworld``
and a seeded set of hostile inputs made here. Whatever goes in, the user sees the documented
exit status, one line per bad file naming it and the reason, never a traceback, and the good
files beside the bad ones are still screened.

The hostile inputs are written into the test's tmp folder (nothing in the repository changes).
The commands after screen (decisions files, stores) and the web workspace's uploads and API are
swept in tests/test_sweep_commands.py; the helpers that run the tool are in tests/support.py.
"""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import zipfile
from pathlib import Path

import pytest
from hostile import make
from support import (
    FIXTURES,
    REALWORLD,
    REASON,
    assert_no_traceback,
    invoke,
    need_path,
    run_cli,
    shown,
)

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
    result = run_cli("screen", FIXTURES, REALWORLD, "--json", out, "--db", tmp_path / "s.db",
                     timeout=3000, ocr=True)
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
