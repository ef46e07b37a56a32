"""The workspace in a real browser: Debian's chromium driven by Playwright, against
``evidence-review serve`` started as README says (never ``playwright install``).

The walk-through is README's: ``users add``, ``serve``, log in, upload the bundled sample,
review it with the keyboard, override with a reason, bulk-accept, edit a progress figure,
see the score and download the PDF report.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from web_support import SUBMISSIONS, XSS

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
DOCS = Path(__file__).resolve().parents[2] / "docs"
CLI = [sys.executable, "-m", "evidence_review"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not Path(CHROMIUM).exists():
        message = "chromium not installed (Debian package chromium)"
        if os.environ.get("EVIDENCE_REVIEW_REQUIRE_TOOLS") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": CHROMIUM,
            "args": ["--no-sandbox", "--disable-gpu"]}


#: Generous waits: CI and this machine are shared, and an upload starts the batch workers.
WAIT_MS = 90_000


@pytest.fixture(autouse=True)
def _patient(context: Any) -> None:
    context.set_default_timeout(WAIT_MS)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _users_add(db: Path, name: str, role: str, password: str) -> None:
    subprocess.run([*CLI, "users", "add", name, "--role", role, "--password-stdin",
                    "--db", str(db)], input=password + "\n", text=True, check=True,
                   capture_output=True)


@contextmanager
def serving(db: Path, uploads: Path) -> Iterator[str]:
    """``evidence-review serve`` over ``db`` on a free port; yields its base URL."""
    port = _free_port()
    proc = subprocess.Popen([*CLI, "serve", "--db", str(db), "--port", str(port),
                             "--uploads", str(uploads)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(900):  # a loaded machine imports slowly
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("serve did not start")
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``evidence-review serve`` on a free port, with three users."""
    root = tmp_path_factory.mktemp("serve")
    db = root / "review.db"
    _users_add(db, "somchai", "reviewer", "somchai-pass")
    _users_add(db, "malee", "reviewer", "malee-pass1")
    _users_add(db, "viewer", "viewer", "viewer-pass")
    with serving(db, root / "uploads") as base:
        yield base


def _login(page: Any, base: str, name: str, password: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", password)
    page.click("form.login button[type=submit]")
    page.wait_for_url(f"{base}/submissions")


def _upload(page: Any, base: str, agency: str, files: list[Path]) -> None:
    page.goto(f"{base}/submissions")
    page.fill("input[name=agency]", agency)
    page.set_input_files("input[name=files]", [str(f) for f in files])
    page.click("section.upload button[type=submit]")
    page.locator(f"#jobs p.job-done a[href='/submissions/{agency}']").wait_for(timeout=3 * WAIT_MS)


def _save_of(page: Any, action: Any) -> Any:
    with page.expect_response(lambda r: r.request.method == "POST", timeout=WAIT_MS) as info:
        action()
    return info.value


def _shot(page: Any, name: str) -> None:
    if os.environ.get("EVIDENCE_REVIEW_UPDATE_SCREENSHOTS") == "1":
        DOCS.mkdir(exist_ok=True)
        page.screenshot(path=str(DOCS / name))


def test_readme_walkthrough(server: str, page: Any, tmp_path: Path) -> None:
    page.set_viewport_size({"width": 1400, "height": 900})
    _login(page, server, "somchai", "somchai-pass")
    sample = sorted((SUBMISSIONS / "s01-fisheries").iterdir())
    _upload(page, server, "s01-fisheries", sample)
    page.click("a[href='/submissions/s01-fisheries']")
    page.wait_for_selector("#review")
    # the review summary, item by item with the keyboard
    page.click("nav.doclist a:has-text('สรุปผลการทบทวน')")
    page.wait_for_selector("li.item.selected[data-item='1.1']")
    for expected in ("1.2", "2.1"):
        response = _save_of(page, lambda: page.keyboard.press("a"))
        assert response.status == 200
        page.wait_for_selector(f"li.item.selected[data-item='{expected}']")
    page.keyboard.press("k")
    page.wait_for_selector("li.item.selected[data-item='1.2']")
    page.keyboard.press("5")
    page.wait_for_selector("li.item.selected[data-item='2.3']")
    # override with a reason
    page.keyboard.press("o")
    page.fill("#override textarea[name=reason]", "ดูหัวข้อ 2.3 ในหน้า 1")
    response = _save_of(page, lambda: page.click("#override button[type=submit]"))
    assert response.status == 200
    page.wait_for_selector("li.item.selected[data-item='3.1']")
    assert "ดูหัวข้อ 2.3 ในหน้า 1" in page.inner_text("li.item[data-item='2.3']")
    _shot(page, "review-keyboard.png")
    # bulk accept above a threshold, for every document
    page.fill("#bulk-form input[name=threshold]", "0")
    page.select_option("#bulk-form select[name=scope]", "all")
    response = _save_of(page, lambda: page.click("#bulk-form button[type=submit]"))
    assert response.status == 200
    page.wait_for_load_state("load")
    # edit a progress figure (an override: it needs a reason)
    page.fill("#progress-form input[aria-label='ร้อยละที่ดำเนินการ 1']", "90")
    page.fill("#progress-form input[name=reason]", "ตรวจกับรายงานฉบับลงนาม")
    with page.expect_navigation(timeout=WAIT_MS):  # the save reloads the review page
        response = _save_of(page, lambda: page.click("#progress-form button[type=submit]"))
    assert response.status == 200, response.text()
    page.wait_for_load_state("load")
    # plans need the FY 2549 flag when the classifier had no proposal for it
    page.goto(f"{server}/submissions/s01-fisheries/score")
    for link in page.locator("ul.missing a").all()[:5]:
        assert "item=improvement_vs_2549" in (link.get_attribute("href") or ""), link.inner_text()
    if page.locator("ul.missing a").count():
        page.click("ul.missing a")
        page.keyboard.press("o")
        page.check("#override input[name=value][value=true]")
        page.fill("#override textarea[name=reason]", "ระบุการพัฒนาจากปี 2549")
        _save_of(page, lambda: page.click("#override button[type=submit]"))
        page.goto(f"{server}/submissions/s01-fisheries/score")
    page.wait_for_selector("#score-table")
    assert page.inner_text("#indicator-score").strip()
    page.fill("form.agency input[name=agency]", "กรมส่งเสริมการประมงพื้นบ้าน")
    page.click("form.agency button[type=submit]")
    page.wait_for_selector("h1:has-text('กรมส่งเสริมการประมงพื้นบ้าน')")
    _shot(page, "score-page.png")
    with page.expect_download(timeout=120000) as info:
        page.click("#download-pdf")
    pdf = tmp_path / "s01.pdf"
    info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")


def test_viewer_is_refused(server: str, page: Any) -> None:
    _login(page, server, "viewer", "viewer-pass")
    page.goto(f"{server}/submissions/s01-fisheries")
    assert page.locator("section.upload").count() == 0
    status = page.evaluate("""async () => {
        const r = await fetch(location.pathname + '/decide', {method: 'POST',
          headers: {'X-CSRF-Token': document.body.dataset.csrf},
          body: new URLSearchParams({doc: '1', item: '1.1', value: 'true', base_version: '0'})});
        return r.status; }""")
    assert status == 403


def test_forged_csrf_is_refused(server: str, page: Any) -> None:
    _login(page, server, "somchai", "somchai-pass")
    page.goto(f"{server}/submissions/s01-fisheries")
    status = page.evaluate("""async () => {
        const r = await fetch(location.pathname + '/accept', {method: 'POST',
          headers: {'X-CSRF-Token': 'forged'},
          body: new URLSearchParams({threshold: '0', base_version: '0'})});
        return r.status; }""")
    assert status == 403
    page.eval_on_selector("#bulk-form input[name=csrf_token]", "e => e.value = 'forged'")
    with page.expect_navigation(timeout=WAIT_MS):
        page.eval_on_selector("#bulk-form", "f => HTMLFormElement.prototype.submit.call(f)")
    page.wait_for_load_state("load")
    assert "แบบฟอร์มหมดอายุ" in page.content()


def test_stale_save_is_refused(server: str, browser: Any, tmp_path: Path) -> None:
    hostile = tmp_path / "stale"
    hostile.mkdir()
    shutil.copy(SUBMISSIONS / "s01-fisheries" / "สรุปผลการทบทวน.docx", hostile / "a.docx")
    first, second = browser.new_page(), browser.new_page()
    for p in (first, second):
        p.set_default_timeout(WAIT_MS)
    _login(first, server, "somchai", "somchai-pass")
    _upload(first, server, "stale-check", [hostile / "a.docx"])
    _login(second, server, "malee", "malee-pass1")
    url = f"{server}/submissions/stale-check?item=1.1"
    first.goto(url)
    second.goto(url)
    assert _save_of(first, lambda: first.keyboard.press("a")).status == 200
    assert _save_of(second, lambda: second.keyboard.press("a")).status == 409
    second.wait_for_selector("div.stale")
    assert "somchai" in second.inner_text("div.stale")


def test_document_text_with_script_is_shown_not_run(server: str, page: Any,
                                                    tmp_path: Path) -> None:
    alerts: list[str] = []
    page.on("dialog", lambda d: (alerts.append(d.message), d.dismiss()))
    evil = tmp_path / "<img src=x onerror=alert(1)>.txt"
    evil.write_text(f"สรุปผลการทบทวนระบบฐานข้อมูลสารสนเทศ\n{XSS}\n", encoding="utf-8")
    _login(page, server, "somchai", "somchai-pass")
    _upload(page, server, "hostile", [evil])
    page.goto(f"{server}/submissions/hostile")
    page.wait_for_selector("article.textpage")
    assert "<script>alert('xss')</script>" in page.inner_text("article.textpage")
    assert "<img src=x onerror=alert(1)>.txt" in page.inner_text("nav.doclist")
    page.goto(f"{server}/submissions")
    assert alerts == []


def test_pdf_evidence_is_marked_on_the_page_image(server: str, page: Any) -> None:
    page.set_viewport_size({"width": 1400, "height": 900})
    _login(page, server, "somchai", "somchai-pass")
    pdf = SUBMISSIONS / "s02-nakhonsawan" / "สรุปผลการทบทวนระบบฐานข้อมูล จ.นครสวรรค์.pdf"
    _upload(page, server, "s02-nakhonsawan", [pdf])
    page.goto(f"{server}/submissions/s02-nakhonsawan?item=1.1#p1")
    page.wait_for_selector("figure.page img")
    boxes = page.locator("figure.has-evidence .hl")
    assert boxes.count() > 0
    box = boxes.first.bounding_box()
    assert box is not None and box["width"] > 5 and box["height"] > 5
    page.wait_for_load_state("networkidle")
    _shot(page, "review-page.png")
