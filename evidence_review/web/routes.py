"""The pages: login, submissions list with upload, review page, score page."""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from evidence_review.messages import MessageKey, message
from evidence_review.review import team
from evidence_review.store.engine import TamperedError
from evidence_review.web import auth, csrf, review_page, score, service, submission_json
from evidence_review.web.app import language, render, safe_next
from evidence_review.web.messages import say


def _store(request: Request) -> Any:
    """The store, as the caller sees the submission of this request (:func:`_submission`):
    a double review's reviewer their own stream, others its final decisions."""
    return request.scope.get("store_view") or request.app.state.store


def _rubric(request: Request) -> Any:
    return request.app.state.rubric


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def _client(request: Request) -> str:
    return request.client.host if request.client else "-"


# -- login --------------------------------------------------------------------------------

def login_get(request: Request, error: str | None = None, status: int = 200) -> Response:
    token = csrf.new_token()
    response = render(request, "login.html", code=status, login_csrf=token, error=error,
                      next=safe_next(request.query_params.get("next")))
    response.set_cookie(csrf.LOGIN_COOKIE, token, httponly=True, samesite="strict",
                        secure=_secure(request), path="/login")
    return response


async def login_post(request: Request) -> Response:
    form = await request.form()
    lang = language(request)
    if not csrf.matches(request.cookies.get(csrf.LOGIN_COOKIE), csrf.given({}, form)):
        return login_get(request, say("csrf", lang), 403)
    name, password = str(form.get("username", "")).strip(), str(form.get("password", ""))
    accounts = auth.accounts(request)
    if accounts.login_blocked(name, _client(request)):
        return login_get(request, say("login_blocked", lang), 429)
    user = await run_in_threadpool(accounts.verify_password, name, password)
    if user is None:
        accounts.login_failed(name, _client(request))
        return login_get(request, say("login_failed", lang), 401)
    sid, _ = accounts.new_session(user)
    response = RedirectResponse(safe_next(str(form.get("next", ""))), status_code=303)
    response.set_cookie(auth.SESSION_COOKIE, sid, httponly=True, samesite="strict",
                        secure=_secure(request), max_age=12 * 3600)
    response.delete_cookie(csrf.LOGIN_COOKIE, path="/login")
    return response


async def logout_post(request: Request) -> Response:
    who = auth.require(request)
    form = await request.form()
    if who.session_id and csrf.matches(who.csrf_token, csrf.given(request.headers, form)):
        auth.accounts(request).end_session(who.session_id)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(auth.SESSION_COOKIE)
    return response


# -- submissions --------------------------------------------------------------------------

def submissions_get(request: Request) -> Response:
    who = auth.require(request)
    rows = service.summaries(_store(request), _rubric(request), who.user)
    q = request.query_params.get("q", "").strip()
    status = request.query_params.get("status", "")
    if q:
        rows = [r for r in rows if r.matches(q)]
    if status in service.STATUSES:
        rows = [r for r in rows if r.status == status]
    return render(request, "submissions.html", rows=rows, q=request.query_params.get("q", ""),
                  status=status, statuses=service.STATUSES,
                  jobs=request.app.state.uploads.recent())


async def upload_post(request: Request) -> Response:
    who = await auth.require_write(request)
    form = await request.form(max_files=2000, max_fields=50)
    files = [f for f in form.getlist("files") if hasattr(f, "filename") and f.filename]
    job = await request.app.state.uploads.start(
        files, str(form.get("agency", "")), _store(request), _rubric(request), who.user.name)
    if request.headers.get("hx-request"):
        return render(request, "_jobs.html", jobs=request.app.state.uploads.recent())
    return RedirectResponse(f"/submissions?job={job.id}", status_code=303)


def jobs_get(request: Request) -> Response:
    auth.require(request)
    return render(request, "_jobs.html", jobs=request.app.state.uploads.recent())


# -- review page --------------------------------------------------------------------------

def _submission(request: Request, *, write: bool = False) -> str:
    """The submission of the path (404 if none); a reviewer not assigned to it is refused
    (403), and the request sees it through the caller's view (``write``: a decision)."""
    sid = request.path_params["sid"]
    store = request.app.state.store
    if not service.exists(store, sid):
        raise HTTPException(404, f"no submission {sid}")
    who = auth.actor(request)
    if who is not None:
        try:
            request.scope["store_view"] = service.view_for(store, sid, who.user, write=write)
        except team.NotAssigned:
            raise auth.Refused(403, "forbidden") from None
    return sid


def _int(value: Any) -> int | None:
    try:
        return int(str(value))
    except ValueError:
        return None


def _review_context(request: Request, sid: str) -> dict[str, Any]:
    store, rubric = _store(request), _rubric(request)
    current = service.version(store, sid)  # before the state: see submission_json.submission_json
    st = service.state(store, sid, rubric)
    d, item = review_page.choose(st, rubric, _int(request.query_params.get("doc", "")),
                                 request.query_params.get("item"))
    ctx: dict[str, Any] = {"sid": sid, "st": st, "version": current,
                           "doc": None, "item": item}
    if d is None:
        return ctx
    stale = _int(request.query_params.get("stale", ""))
    figures, figures_confirmed = review_page.progress_rows(st)
    ctx.update(
        doc=review_page.document_view(d, item),
        items=review_page.items(d, rubric, submission_json.selections(store, sid)),
        docs=[(x.doc.id, x.doc.path, review_page.unconfirmed(x)) for x in st.documents],
        next_doc=review_page.neighbours(st, d),
        findings=service.findings(store, st).get(d.doc.path),
        figures=figures, figures_confirmed=figures_confirmed,
        figures_source=st.progress_source.doc.path if st.progress_source else None,
        changes=service.changes_since(store, sid, stale) if stale is not None else None,
        roles=[r.value for r in review_page.Role],
        missing=len(st.missing))
    return ctx


async def review_get(request: Request) -> Response:
    auth.require(request)
    sid = _submission(request)
    ctx = await run_in_threadpool(_review_context, request, sid)
    return render(request, "review.html", **ctx)


def _reply(request: Request, sid: str, doc: int | None, item: str | None,
           action: Any) -> Response:
    """Run a write; JSON for scripts in the page, a redirect back for plain forms."""
    wants_json = "application/json" in request.headers.get("accept", "")
    lang = language(request)
    back = f"/submissions/{sid}?doc={doc or ''}&item={item or ''}"
    try:
        new = action()
    except service.StaleError as exc:
        who = exc.changes[-1]["reviewer"] if exc.changes else "?"
        message = say("stale", lang, reviewer=who)
        if wants_json:
            return JSONResponse({"error": message, "version": exc.current,
                                 "changes": exc.changes}, status_code=409)
        return RedirectResponse(f"{back}&stale={_stale_base(request)}", status_code=303)
    except service.InputError as exc:
        if wants_json:
            return JSONResponse({"error": str(exc)}, status_code=422)
        return render(request, "error.html", code=422, message=str(exc))
    except TamperedError as exc:  # the trail was changed outside the tool: nothing written
        if wants_json:
            return JSONResponse({"error": str(exc), "tampered": True}, status_code=409)
        return render(request, "error.html", code=409, message=str(exc))
    if wants_json:
        return JSONResponse({"version": new})
    return RedirectResponse(back, status_code=303)


def _stale_base(request: Request) -> int:
    return int(request.scope.get("base_version") or 0)


async def _review_form(request: Request) -> tuple[Any, str, Any, int | None, int | None]:
    """What every review save starts with: the writing user, the submission, the form, its
    document id and the ``base_version`` the page was built on (kept for the 409 reply)."""
    who = await auth.require_write(request)
    sid = _submission(request, write=True)
    form = await request.form()
    base = _int(form.get("base_version", ""))
    request.scope["base_version"] = base
    return who, sid, form, _int(form.get("doc", "")), base


async def decide_post(request: Request) -> Response:
    who, sid, form, doc, base = await _review_form(request)
    item = str(form.get("item", ""))
    raw = str(form.get("value", ""))
    value: Any = {"true": True, "false": False}.get(raw, raw)

    def action() -> int:
        if doc is None:
            raise service.InputError(message(MessageKey.WEB_DOC_ID))
        return service.decide(
            _store(request), sid, _rubric(request), document_id=doc, item=item, value=value,
            reason=str(form.get("reason", "")), reviewer=who.user.name, base_version=base,
            selection=str(form.get("selection", "")), page=_int(form.get("page", "")),
            options=request.app.state.extract_options)

    return await run_in_threadpool(_reply, request, sid, doc, item, action)


async def bulk_post(request: Request) -> Response:
    who, sid, form, doc, base = await _review_form(request)
    try:
        threshold = float(str(form.get("threshold", "")))
    except ValueError:
        threshold = -1.0
    scope = doc if form.get("scope") == "document" else None

    def action() -> int:
        return service.accept_above(_store(request), sid, _rubric(request), threshold,
                                    who.user.name, base, scope)

    return await run_in_threadpool(_reply, request, sid, doc, None, action)


async def progress_post(request: Request) -> Response:
    who, sid, form, doc, base = await _review_form(request)
    names, weights = form.getlist("name"), form.getlist("weight")
    percents, achieved = form.getlist("percent"), form.getlist("achieved")
    rows: list[dict[str, Any]] = []
    for i, name in enumerate(names):
        if not str(name).strip():
            continue
        rows.append({"name": str(name).strip(),
                     "weight": _figure(weights, i), "percent": _figure(percents, i),
                     "achieved": _choice(achieved, i)})

    def action() -> int:
        return service.save_progress(_store(request), sid, _rubric(request), rows,
                                     str(form.get("reason", "")) or None, who.user.name, base,
                                     options=request.app.state.extract_options)

    return await run_in_threadpool(_reply, request, sid, doc, None, action)


def _choice(values: list[Any], i: int) -> bool | None:
    text = str(values[i]) if i < len(values) else ""
    return {"true": True, "false": False}.get(text)


def _figure(values: list[Any], i: int) -> str | None:
    text = str(values[i]).strip().replace(",", "") if i < len(values) else ""
    return text or None


def _document(request: Request, sid: str) -> Any:
    doc_id = _int(request.path_params["doc"])
    doc = next((d for d in _store(request).documents(sid) if d.id == doc_id), None)
    if doc is None:
        raise HTTPException(404, "no such document")
    return doc


async def page_png_get(request: Request) -> Response:
    from evidence_review.web import pages

    auth.require(request)
    doc = _document(request, _submission(request))
    if doc.format != "pdf":
        raise HTTPException(404, "no page images for this format")
    try:
        png = await run_in_threadpool(pages.page_png, doc.abs_path, doc.sha256,
                                      int(request.path_params["n"]))
    except (IndexError, OSError, ValueError) as exc:
        raise HTTPException(404, "no such page") from exc
    return Response(png, media_type="image/png",
                    headers={"Cache-Control": "private, max-age=3600"})


async def page_text_get(request: Request) -> Response:
    from evidence_review.web import pages

    auth.require(request)
    doc = _document(request, _submission(request))
    try:
        text = await run_in_threadpool(pages.page_text, doc.abs_path, doc.sha256,
                                       int(request.path_params["n"]))
    except (IndexError, OSError, ValueError) as exc:
        raise HTTPException(404, "no such page") from exc
    return render(request, "_page_text.html", text=text)


# -- score --------------------------------------------------------------------------------

async def score_get(request: Request) -> Response:
    auth.require(request)
    sid = _submission(request)
    store, rubric = _store(request), _rubric(request)
    data = await run_in_threadpool(score.score_json, store, sid, rubric)
    st = service.state(store, sid, rubric)
    docs = {f"{sid}/{d.doc.path}": d.doc.id for d in st.documents}
    lang = language(request)
    missing = [(m, _missing_label(m, lang)) for m in service.missing(st)]
    return render(request, "score.html", sid=sid, score=data, missing=missing,
                  docs=docs, formats=list(score.REPORT_TYPES),
                  agency=service.agency_name(store, sid))


def _missing_label(m: service.Missing, lang: str) -> str:
    """What is missing, in the page's language (the API keeps the store's own line)."""
    if m.item == "role":
        what = say("role", lang)
    elif m.item == "improvement_vs_2549":
        what = say("improvement", lang)
    elif m.item == "progress":
        what = say("progress", lang)
    elif m.item == "changed":
        what = say("doc_changed", lang)
    else:
        what = f"{say('subissues', lang)} {m.item}"
    return f"{m.document.split('/', 1)[-1]}: {what}" if m.document else what


async def agency_post(request: Request) -> Response:
    who = await auth.require_write(request)
    sid = _submission(request)
    form = await request.form()
    try:
        service.set_agency_name(_store(request), sid, str(form.get("agency", "")),
                                who.user.name)
    except service.InputError as exc:
        return render(request, "error.html", code=422, message=str(exc))
    return RedirectResponse(f"/submissions/{sid}/score", status_code=303)


async def report_get(request: Request) -> Response:
    """A report download, for the page (session) or a script (bearer token)."""
    auth.require(request)
    sid = _submission(request)
    fmt = request.path_params["fmt"]
    if fmt not in score.REPORT_TYPES:
        raise HTTPException(404, f"no report format {fmt}")
    data = await run_in_threadpool(score.report_bytes, _store(request), sid,
                                   _rubric(request), fmt)
    if data is None:
        st = service.state(_store(request), sid, _rubric(request))
        return JSONResponse({"status": "incomplete",
                             "missing": [m.model_dump() for m in service.missing(st)]},
                            status_code=409)
    disposition = "inline" if fmt in ("html", "json", "md") else "attachment"
    return Response(data, media_type=score.REPORT_TYPES[fmt], headers={
        "Content-Disposition": f'{disposition}; filename="{_ascii(sid)}.{fmt}"'})


def _ascii(name: str) -> str:
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "_" for c in name)


ROUTES = [
    Route("/login", login_get, methods=["GET"]),
    Route("/login", login_post, methods=["POST"]),
    Route("/logout", logout_post, methods=["POST"]),
    Route("/submissions", submissions_get, methods=["GET"]),
    Route("/submissions/upload", upload_post, methods=["POST"]),
    Route("/submissions/jobs", jobs_get, methods=["GET"]),
    Route("/submissions/{sid}", review_get, methods=["GET"]),
    Route("/submissions/{sid}/decide", decide_post, methods=["POST"]),
    Route("/submissions/{sid}/accept", bulk_post, methods=["POST"]),
    Route("/submissions/{sid}/progress", progress_post, methods=["POST"]),
    Route("/submissions/{sid}/documents/{doc}/pages/{n:int}.png", page_png_get),
    Route("/submissions/{sid}/documents/{doc}/pages/{n:int}/text", page_text_get),
    Route("/submissions/{sid}/score", score_get, methods=["GET"]),
    Route("/submissions/{sid}/agency", agency_post, methods=["POST"]),
    Route("/submissions/{sid}/report.{fmt}", report_get, methods=["GET"]),
]
