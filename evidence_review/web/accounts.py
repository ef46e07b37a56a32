"""Web accounts in the store: users with a role, bearer tokens, login sessions, failed logins.

Passwords are kept as argon2 hashes; tokens and session ids only as their sha256, so a copy of
the database lets nobody log in.

>>> from evidence_review.store.db import Store
>>> with Store.open("sqlite://") as s:
...     a = Accounts(s.engine)
...     _ = a.add_user("somchai", "reviewer", "correct horse")
...     a.verify_password("somchai", "correct horse").role.value, a.verify_password("somchai", "x")
('reviewer', None)
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import BaseModel
from sqlalchemy import Engine, delete, func, select

from evidence_review.messages import MessageKey, message
from evidence_review.store import schema

#: How long a login session lasts.
SESSION_HOURS = 12
#: Failed logins allowed per user name (and per client) within LOGIN_WINDOW.
LOGIN_LIMIT = 5
LOGIN_WINDOW = timedelta(minutes=15)

_hasher = PasswordHasher()


class UserRole(StrEnum):
    ADMIN = "admin"
    REVIEWER = "reviewer"
    LEAD = "lead"  # reviews, and adjudicates double reviews
    VIEWER = "viewer"

    @property
    def can_write(self) -> bool:
        return self is not UserRole.VIEWER

    @property
    def can_adjudicate(self) -> bool:
        return self in (UserRole.LEAD, UserRole.ADMIN)


class AccountError(Exception):
    """A user mistake with accounts (unknown user, bad name); one line."""


class User(BaseModel):
    name: str
    role: UserRole


class Session(BaseModel):
    user: User
    csrf_token: str


def _now() -> datetime:
    return datetime.now(UTC)


def _stamp(when: datetime) -> str:
    return when.isoformat(timespec="seconds")


def _sha(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Accounts:
    """Account queries on the store's engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- users ----------------------------------------------------------------------------

    def add_user(self, name: str, role: str, password: str) -> User:
        """Create the user, or reset the role and password of an existing one."""
        name = name.strip()
        if not name or len(name) > 255 or any(c.isspace() for c in name):
            raise AccountError(message(MessageKey.USER_NAME_INVALID, name=repr(name)))
        if not password:
            raise AccountError(message(MessageKey.USER_PASSWORD_EMPTY, name=name))
        user = User(name=name, role=UserRole(role))
        t = schema.users
        values = {"role": user.role.value, "password_hash": _hasher.hash(password)}
        with self.engine.begin() as c:
            if c.execute(select(t.c.name).where(t.c.name == name)).first() is None:
                c.execute(t.insert().values(name=name, created_at=_stamp(_now()), **values))
            else:
                c.execute(t.update().where(t.c.name == name).values(**values))
        return user

    def user(self, name: str) -> User | None:
        t = schema.users
        with self.engine.connect() as c:
            row = c.execute(select(t.c.name, t.c.role).where(t.c.name == name)).first()
        return None if row is None else User(name=row[0], role=UserRole(row[1]))

    def users(self) -> list[User]:
        t = schema.users
        with self.engine.connect() as c:
            rows = c.execute(select(t.c.name, t.c.role).order_by(t.c.name)).all()
        return [User(name=r[0], role=UserRole(r[1])) for r in rows]

    def verify_password(self, name: str, password: str) -> User | None:
        t = schema.users
        with self.engine.connect() as c:
            row = c.execute(select(t.c.role, t.c.password_hash).where(t.c.name == name)).first()
        if row is None:
            _hasher.hash(password)  # same work as a real check: no timing hint of who exists
            return None
        try:
            _hasher.verify(row[1], password)
        except (VerificationError, InvalidHashError):
            return None
        return User(name=name, role=UserRole(row[0]))

    # -- bearer tokens --------------------------------------------------------------------

    def new_token(self, name: str) -> str:
        """A new bearer token for ``name`` (shown once; only its hash is kept)."""
        if self.user(name) is None:
            raise AccountError(message(MessageKey.USER_NOT_FOUND, name=name))
        token = secrets.token_urlsafe(32)
        with self.engine.begin() as c:
            c.execute(schema.api_tokens.insert().values(
                token_sha256=_sha(token), user_name=name, created_at=_stamp(_now())))
        return token

    def token_user(self, token: str) -> User | None:
        t, u = schema.api_tokens, schema.users
        with self.engine.connect() as c:
            row = c.execute(select(u.c.name, u.c.role).select_from(
                t.join(u, t.c.user_name == u.c.name)).where(
                t.c.token_sha256 == _sha(token))).first()
        return None if row is None else User(name=row[0], role=UserRole(row[1]))

    # -- sessions -------------------------------------------------------------------------

    def new_session(self, user: User) -> tuple[str, str]:
        """(session id for the cookie, CSRF token) for a user who just logged in."""
        sid, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        now = _now()
        t = schema.web_sessions
        with self.engine.begin() as c:
            c.execute(t.delete().where(t.c.expires_at < _stamp(now)))
            c.execute(t.insert().values(
                id_sha256=_sha(sid), user_name=user.name, csrf_token=csrf,
                created_at=_stamp(now), expires_at=_stamp(now + timedelta(hours=SESSION_HOURS))))
        return sid, csrf

    def session(self, sid: str) -> Session | None:
        t, u = schema.web_sessions, schema.users
        with self.engine.connect() as c:
            row = c.execute(select(u.c.name, u.c.role, t.c.csrf_token).select_from(
                t.join(u, t.c.user_name == u.c.name)).where(
                t.c.id_sha256 == _sha(sid), t.c.expires_at > _stamp(_now()))).first()
        if row is None:
            return None
        return Session(user=User(name=row[0], role=UserRole(row[1])), csrf_token=row[2])

    def end_session(self, sid: str) -> None:
        t = schema.web_sessions
        with self.engine.begin() as c:
            c.execute(t.delete().where(t.c.id_sha256 == _sha(sid)))

    # -- login rate limit -----------------------------------------------------------------

    def login_blocked(self, name: str, client: str) -> bool:
        """True when ``name`` or ``client`` failed LOGIN_LIMIT times within LOGIN_WINDOW."""
        t = schema.login_failures
        since = _stamp(_now() - LOGIN_WINDOW)
        with self.engine.connect() as c:
            by_name = c.execute(select(func.count()).where(
                t.c.user_name == name, t.c.failed_at > since)).scalar_one()
            by_client = c.execute(select(func.count()).where(
                t.c.client == client, t.c.failed_at > since)).scalar_one()
        return by_name >= LOGIN_LIMIT or by_client >= 4 * LOGIN_LIMIT

    def login_failed(self, name: str, client: str) -> None:
        t = schema.login_failures
        now = _now()
        with self.engine.begin() as c:
            c.execute(delete(t).where(t.c.failed_at < _stamp(now - LOGIN_WINDOW)))
            c.execute(t.insert().values(user_name=name[:255], client=client[:64],
                                        failed_at=_stamp(now)))
