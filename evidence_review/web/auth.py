"""Who is asking, and may they: the bearer token or the session cookie, the role, and CSRF.

Every route calls :func:`require` (reads) or :func:`require_write` (writes) itself, so a
viewer's write is refused on the server whatever the page shows.
"""

from __future__ import annotations

from pydantic import BaseModel
from starlette.requests import Request

from evidence_review.web import csrf
from evidence_review.web.accounts import Accounts, User

SESSION_COOKIE = "er_session"


class Actor(BaseModel):
    user: User
    via: str  # "session" or "token"
    csrf_token: str | None = None
    session_id: str | None = None


class Refused(Exception):
    """401 (who are you?) or 403 (not allowed); ``key`` names the message."""

    def __init__(self, status: int, key: str) -> None:
        super().__init__(key)
        self.status = status
        self.key = key


def accounts(request: Request) -> Accounts:
    return request.app.state.accounts


def actor(request: Request) -> Actor | None:
    """The authenticated caller, if any (cached on the request)."""
    if "actor" in request.scope:
        return request.scope["actor"]
    found: Actor | None = None
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        user = accounts(request).token_user(header[7:].strip())
        found = Actor(user=user, via="token") if user else None
    elif SESSION_COOKIE in request.cookies:
        sid = request.cookies[SESSION_COOKIE]
        session = accounts(request).session(sid)
        if session is not None:
            found = Actor(user=session.user, via="session", csrf_token=session.csrf_token,
                          session_id=sid)
    request.scope["actor"] = found
    return found


def require(request: Request) -> Actor:
    """The caller, or :class:`Refused` 401."""
    who = actor(request)
    if who is None:
        raise Refused(401, "login")
    return who


async def require_write(request: Request) -> Actor:
    """A caller allowed to change the review: not a viewer, and, when authenticated by the
    session cookie, carrying the session's CSRF token."""
    who = require(request)
    if not who.user.role.can_write:
        raise Refused(403, "forbidden")
    if who.via == "session":
        form = None
        if not request.headers.get(csrf.HEADER) and request.headers.get(
                "content-type", "").startswith(("application/x-www-form-urlencoded",
                                                "multipart/form-data")):
            form = await request.form()
        if not csrf.matches(who.csrf_token, csrf.given(request.headers, form)):
            raise Refused(403, "csrf")
    return who
