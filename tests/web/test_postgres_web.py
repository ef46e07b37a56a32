"""The web workspace on PostgreSQL: accounts (migrations 10-11), the API's versions and stale
saves, and the login form, against the throw-away server of ``.ci/postgres``."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient
from web_support import PASSWORDS, SUBMISSIONS, confirm_all_body, login

pytestmark = pytest.mark.postgres


def test_web_on_postgresql(postgres_url: str, tmp_path) -> None:
    from evidence_review.pipeline import run_batch
    from evidence_review.web.accounts import Accounts
    from evidence_review.web.app import create_app

    app = create_app(postgres_url, uploads=tmp_path / "uploads")
    store = app.state.store
    try:
        run_batch([SUBMISSIONS / "s01-fisheries"], app.state.rubric, quiet=True, register=True,
                  database_url=postgres_url)
        accounts = Accounts(store.engine)
        accounts.add_user("rev", "reviewer", PASSWORDS["rev"])
        headers = {"Authorization": f"Bearer {accounts.new_token('rev')}"}
        with TestClient(app) as client:
            data = client.get("/api/submissions/s01-fisheries", headers=headers).json()
            assert data["version"] == 0
            r = client.post("/api/submissions/s01-fisheries/decisions",
                            json=confirm_all_body(data), headers=headers)
            assert r.status_code == 200 and r.json()["version"] > 0
            r = client.post("/api/submissions/s01-fisheries/decisions",
                            json=confirm_all_body(data), headers=headers)
            assert r.status_code == 409
            assert client.get("/api/submissions/s01-fisheries/score",
                              headers=headers).status_code == 200
            login(client, "rev")
            assert "s01-fisheries" in client.get("/submissions").text
    finally:
        store.close()
