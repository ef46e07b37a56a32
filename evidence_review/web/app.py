"""The web workspace: one ASGI app (Starlette) over the store, Jinja2 templates, vendored htmx.

``create_app(db)`` builds it; ``evidence-review serve`` runs it with uvicorn.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from evidence_review.rubric.model import Rubric, load_rubric
from evidence_review.settings import get_settings
from evidence_review.store.db import Store
from evidence_review.web import auth
from evidence_review.web.accounts import Accounts
from evidence_review.web.messages import LANGS, say

STATIC = Path(__file__).parent / "static"
LANG_COOKIE = "er_lang"


def language(request: Request) -> str:
    lang = request.cookies.get(LANG_COOKIE, "th")
    return lang if lang in LANGS else "th"


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("evidence_review.web", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["pct"] = lambda x: f"{100 * float(x):.0f}%"
    return env


def render(request: Request, template: str, code: int = 200, **context: Any) -> HTMLResponse:
    """A page in the request's language, with the caller and their CSRF token."""
    lang = language(request)
    who = auth.actor(request)
    html = request.app.state.templates.get_template(template).render(
        request=request, lang=lang, t=lambda key, **f: say(key, lang, **f), actor=who,
        csrf_token=who.csrf_token if who else None, **context)
    return HTMLResponse(html, status_code=code)


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def safe_next(target: str | None) -> str:
    """A local path to go back to (never another site).

    >>> safe_next("/submissions/s01"), safe_next("//evil.example"), safe_next("https://x")
    ('/submissions/s01', '/submissions', '/submissions')
    """
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/submissions"
    return target


async def refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, auth.Refused)
    lang = language(request)
    if is_api(request):
        error = "authentication required" if exc.status == 401 else {
            "csrf": "missing or wrong CSRF token", "forbidden": "this role may not write"}.get(
            exc.key, exc.key)
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return JSONResponse({"error": error}, status_code=exc.status, headers=headers)
    if exc.status == 401:
        if request.method == "GET":
            return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
        return HTMLResponse(say("login", lang), status_code=401)
    if request.headers.get("hx-request") or request.headers.get("x-requested-with"):
        return HTMLResponse(say(exc.key, lang), status_code=403)
    return render(request, "error.html", code=403, message=say(exc.key, lang))


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if is_api(request):
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
    message = say("not_found", language(request)) if exc.status_code == 404 else exc.detail
    return render(request, "error.html", code=exc.status_code, message=message)


def lang_switch(request: Request) -> Response:
    to = request.query_params.get("to", "th")
    response = RedirectResponse(safe_next(request.query_params.get("next")), status_code=303)
    response.set_cookie(LANG_COOKIE, to if to in LANGS else "th", max_age=365 * 86400,
                        httponly=True, samesite="strict")
    return response


def home(request: Request) -> Response:
    return RedirectResponse("/submissions", status_code=303)


CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
       "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")


class SecurityHeaders:
    """Every response: a strict Content-Security-Policy (no inline script runs even if some
    text escaped escaping), no framing, no type sniffing."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] += [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-frame-options", b"DENY"),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                ]
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(db: str | Path | None = None, *, rubric: Rubric | None = None,
               uploads: Path | None = None) -> Starlette:
    """The app over the store at ``db`` (created and migrated on first use)."""
    from evidence_review.web import api, routes, team_pages
    from evidence_review.web import uploads as uploads_mod

    store = Store.open(db)
    app = Starlette(
        routes=[
            Route("/", home),
            Route("/lang", lang_switch),
            *routes.ROUTES,
            *team_pages.ROUTES,
            *api.ROUTES,
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ],
        exception_handlers={auth.Refused: refused, HTTPException: http_error},
        middleware=[Middleware(SecurityHeaders)],
    )
    app.state.store = store
    app.state.accounts = Accounts(store.engine)
    app.state.rubric = rubric or load_rubric(None)
    # what a save reads again (a role change may need the activity table) is read under the
    # batch runner's limits: the settings are read here, at the edge, once
    app.state.extract_options = get_settings().extract_options()
    app.state.templates = _environment()
    app.state.uploads = uploads_mod.Uploads(uploads or Path("evidence-review-uploads"))
    return app
