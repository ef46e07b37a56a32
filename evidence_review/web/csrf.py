"""CSRF protection for cookie-authenticated writes (the datasette ``csrf.py`` idea, small).

A logged-in session holds a random token (stored with the session on the server); every form
carries it as the ``csrf_token`` field and htmx/fetch calls send it as ``X-CSRF-Token``. A
write authenticated by the session cookie without the matching token is refused (403). Writes
with a bearer token need none: a browser never adds that header by itself. The login form,
before any session, uses a double-submit cookie (``er_login_csrf``).

>>> ok = new_token()
>>> matches(ok, ok), matches(ok, "forged"), matches(ok, None)
(True, False, False)
"""

from __future__ import annotations

import secrets

FIELD = "csrf_token"
HEADER = "x-csrf-token"
LOGIN_COOKIE = "er_login_csrf"


def new_token() -> str:
    return secrets.token_urlsafe(32)


def matches(expected: str | None, given: str | None) -> bool:
    """Constant-time comparison; a missing side never matches."""
    if not expected or not given:
        return False
    return secrets.compare_digest(expected.encode(), given.encode())


def given(headers: dict[str, str] | object, form: object | None) -> str | None:
    """The token a request carries: the header, else the form field."""
    value = headers.get(HEADER) if hasattr(headers, "get") else None
    if not value and form is not None and hasattr(form, "get"):
        field = form.get(FIELD)
        value = field if isinstance(field, str) else None
    return value
