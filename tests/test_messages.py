"""The file-problem message table (intake/messages.py): every message renders in both
languages, and every place that asks for one passes exactly the fields it takes."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from evidence_review.messages import (
    MAX_FIELD_CHARS,
    TABLE,
    MessageFieldError,
    MessageKey,
    message,
    template_fields,
    text,
)

ROOT = Path(__file__).resolve().parent.parent
#: The packages whose user-facing file messages come from the table.
CALLERS = ("intake", "extractors", "pipeline")
THAI = re.compile(r"[\u0e01-\u0e5b]")


def test_every_key_has_a_template() -> None:
    assert set(TABLE) == set(MessageKey)


@pytest.mark.parametrize("key", list(MessageKey), ids=lambda k: k.value)
def test_both_wordings_take_the_same_fields_and_render(key: MessageKey) -> None:
    template = TABLE[key]
    assert template_fields(template.th) == template_fields(template.en) == set(template.example)
    rendered = message(key, **template.example)
    th, en = text(key, **template.example).th, text(key, **template.example).en
    assert rendered == f"{th} [{en}]"
    assert "\n" not in rendered and "{" not in rendered and "}" not in rendered
    assert THAI.search(th), f"{key}: the first part must be Thai: {th!r}"
    # the English gloss is English (Thai only where a field value is Thai)
    assert not THAI.search(template.en), template.en


@pytest.mark.parametrize("key", [k for k in MessageKey if TABLE[k].example],
                         ids=lambda k: k.value)
def test_a_missing_or_unknown_field_is_refused(key: MessageKey) -> None:
    fields = dict(TABLE[key].example)
    fields.popitem()
    with pytest.raises(MessageFieldError, match=key.value):
        message(key, **fields)
    with pytest.raises(MessageFieldError, match="nonsense"):
        message(key, **TABLE[key].example, nonsense=1)


def test_long_library_text_is_cut_so_the_english_gloss_survives() -> None:
    detail = "x" * 1000 + "\nsecond line"
    rendered = message(MessageKey.READER_CRASHED, error_type="ValueError", detail=detail)
    assert rendered.endswith(")]") and "\n" not in rendered
    assert "[could not read this file (ValueError: " in rendered
    assert len(rendered) < 2 * MAX_FIELD_CHARS + 150


def test_a_page_problem_and_its_cause_join_language_by_language() -> None:
    why = text(MessageKey.GARBLED_PAGE, quality=0.31)
    joined = str(why.then(text(MessageKey.OCR_TIMEOUT, seconds=180.0)))
    assert joined == ("ข้อความในหน้านี้ผิดเพี้ยน (คุณภาพ 0.31): OCR ใช้เวลาเกิน 180 วินาที "
                      "[text layer is garbled (quality 0.31): OCR took longer than 180 s]")


def _calls(path: Path) -> list[tuple[int, str, set[str]]]:
    """(line, key name, keyword names) of every message(...)/text(...) call naming a key."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        first = node.args[0]
        if (isinstance(first, ast.Attribute) and isinstance(first.value, ast.Name)
                and first.value.id == "MessageKey"):
            assert not any(k.arg is None for k in node.keywords), f"{path}:{node.lineno}: **"
            found.append((node.lineno, first.attr, {k.arg for k in node.keywords if k.arg}))
    return found


def test_every_caller_passes_exactly_the_fields_its_message_takes() -> None:
    checked = 0
    for package in CALLERS:
        for path in sorted((ROOT / "evidence_review" / package).glob("*.py")):
            if path.name == "messages.py":
                continue
            for line, name, given in _calls(path):
                key = MessageKey[name]
                assert given == set(TABLE[key].example), (
                    f"{path.relative_to(ROOT)}:{line}: {name} takes "
                    f"{sorted(TABLE[key].example)}, given {sorted(given)}")
                checked += 1
    assert checked >= 60  # the scan found the call sites (a rename would leave it empty)


def test_no_caller_writes_a_file_problem_in_english_only() -> None:
    """The phrases the table replaced do not come back as string literals in the callers."""
    old = ("file is empty", "password-protected", "not a valid ", "over the limit",
           "timed out after", "used more than", "worker crashed", "cannot read file",
           "zip bomb", "zip-slip", "OCR found no text", "scanned page")
    for package in CALLERS:
        for path in sorted((ROOT / "evidence_review" / package).glob("*.py")):
            if path.name == "messages.py":
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                          if isinstance(n, ast.FunctionDef | ast.ClassDef | ast.Module
                                        | ast.AsyncFunctionDef)
                          and n.body and isinstance(n.body[0], ast.Expr)}
            for node in ast.walk(tree):
                if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                        and id(node) not in docstrings):
                    hit = [p for p in old if p in node.value]
                    assert not hit, f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}"
