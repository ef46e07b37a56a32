"""Shared fixtures (the helpers they use are in support.py)."""

from __future__ import annotations

import os

import pytest
from support import need_tool


@pytest.fixture
def soffice() -> str:
    return need_tool("soffice", "libreoffice-writer-nogui")


@pytest.fixture
def tesseract() -> str:
    return need_tool("tesseract", "tesseract-ocr tesseract-ocr-tha")


@pytest.fixture(autouse=True)
def _private_store(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test gets its own store, so no test writes evidence-review.db into the working
    directory or sees another test's cache."""
    from evidence_review.settings import get_settings

    db = tmp_path_factory.mktemp("store") / "evidence-review.db"
    monkeypatch.setenv("EVIDENCE_REVIEW_DATABASE_URL", f"sqlite:///{db}")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def postgres_url():
    """The throw-away PostgreSQL server that ``.ci/postgres`` starts (``source .ci/postgres``);
    each test gets an empty schema of its own in that database (the URL sets its search_path),
    dropped afterwards."""
    import secrets

    from sqlalchemy import create_engine, text

    url = os.environ.get("EVIDENCE_REVIEW_TEST_POSTGRES_URL")
    if not url:
        msg = "no PostgreSQL server: run the tests after `source .ci/postgres`"
        if os.environ.get("EVIDENCE_REVIEW_REQUIRE_TOOLS") == "1":
            pytest.fail(msg)
        pytest.skip(msg)
    schema = f"t_{secrets.token_hex(6)}"
    admin = create_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    yield f"{url}?options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A new, empty store URL: an SQLite file, and (marked ``postgres``) an empty schema on the
    PostgreSQL server ``.ci/postgres`` starts. Tests taking it run against both."""
    if request.param == "postgres":
        return str(request.getfixturevalue("postgres_url"))
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'store.db'}"
