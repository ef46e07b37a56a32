"""The workspace's team-review page: the assignment (an admin's form), a double review's
differences with both decisions and reasons and the lead's adjudication form, the agreement
table, and the evidence pack's download."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from evidence_review.review import team
from evidence_review.web import adjudication, auth, service
from evidence_review.web.app import render


def _sid(request: Request) -> str:
    sid = request.path_params["sid"]
    if not service.exists(request.app.state.store, sid):
        raise HTTPException(404, f"no submission {sid}")
    return sid


def _context(request: Request, who: auth.Actor, sid: str) -> dict[str, Any]:
    from evidence_review.review.agreement import agreement
    from evidence_review.store.db import ROLE

    store, rubric = request.app.state.store, request.app.state.rubric
    assigned = store.assignees(sid)
    if who.user.role.value == "reviewer" and who.user.name not in assigned and assigned:
        raise auth.Refused(403, "forbidden")
    double = len(assigned) == 2
    can = who.user.role.can_adjudicate and who.user.name not in assigned
    diff = adjudication.differences_json(store, sid, rubric) if double and can else None
    table = None
    if double and can:
        a = agreement(sid, team.agreement_pairs(store, sid, {ROLE, *rubric.subissue_ids}),
                      rubric.subissue_ids)
        table = [("overall", a), ("role", a.role), *a.per_subissue.items()]
    final = service.state(team.final_view(store, sid), sid, rubric)
    return {"sid": sid, "assigned": assigned, "can_adjudicate": can,
            "status": team.double_status(store, sid, rubric) if double else None,
            "differences": diff["differences"] if diff else None,
            "version": diff["version"] if diff else None, "agreement": table,
            "roles": [r.value for r in team_roles()], "confirmed": not final.missing,
            "users": [u.name for u in request.app.state.accounts.users()
                      if u.role.can_write]}


def team_roles() -> list[Any]:
    from evidence_review.classifiers.model import Role

    return list(Role)


async def team_get(request: Request) -> Response:
    who = auth.require(request)
    sid = _sid(request)
    ctx = await run_in_threadpool(_context, request, who, sid)
    return render(request, "team.html", **ctx)


async def assign_post(request: Request) -> Response:
    who = await auth.require_write(request)
    if who.user.role.value != "admin":
        raise auth.Refused(403, "forbidden")
    sid = _sid(request)
    form = await request.form()
    names = [str(n) for n in form.getlist("reviewer") if str(n).strip()]
    try:
        request.app.state.store.assign(sid, names, who.user.name)
    except team.DecisionError as exc:
        return render(request, "error.html", code=422, message=str(exc))
    return RedirectResponse(f"/submissions/{sid}/team", status_code=303)


async def adjudicate_post(request: Request) -> Response:
    who = await auth.require_write(request)
    if not who.user.role.can_adjudicate:
        raise auth.Refused(403, "forbidden")
    sid = _sid(request)
    form = await request.form()
    item, raw = str(form.get("item", "")), str(form.get("value", ""))
    value: Any = {"true": True, "false": False}.get(raw, raw)
    entry: dict[str, Any] = ({"role": value, "role_reason": form.get("reason")} if item == "role"
                             else {"subissues": {item: {"covered": value,
                                                        "reason": form.get("reason")}}})
    base = str(form.get("base_version", ""))
    body = {"base_version": int(base) if base.isdigit() else None,
            "documents": {str(form.get("document", "")): entry}}
    try:
        await run_in_threadpool(adjudication.adjudicate_json, request.app.state.store, sid,
                                request.app.state.rubric, body, who.user.name,
                                request.app.state.extract_options)
    except service.StaleError:
        pass  # the page shows the state as it now is
    except service.InputError as exc:
        return render(request, "error.html", code=422, message=str(exc))
    return RedirectResponse(f"/submissions/{sid}/team", status_code=303)


async def pack_get(request: Request) -> Response:
    """The evidence pack of a confirmed submission (lead, admin or viewer: final decisions)."""
    from evidence_review import __version__
    from evidence_review.pipeline.cache import rubric_hash
    from evidence_review.reports.evidence_pack import members
    from evidence_review.reports.pack import write_pack

    who = auth.require(request)
    sid = _sid(request)
    store, rubric = request.app.state.store, request.app.state.rubric
    if who.user.role.value == "reviewer" and store.assignees(sid):
        raise auth.Refused(403, "forbidden")

    def build() -> bytes:
        from evidence_review.settings import get_settings

        data = members(store, sid, rubric, get_settings().extract_options())
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "pack.zip"
            write_pack(out, data, submission=sid, tool_version=__version__,
                       rubric_sha256=rubric_hash(rubric))
            return out.read_bytes()

    try:
        body = await run_in_threadpool(build)
    except ValueError as exc:  # not confirmed
        raise HTTPException(409, str(exc)) from None
    from evidence_review.web.routes import _ascii

    return Response(body, media_type="application/zip", headers={
        "Content-Disposition": f'attachment; filename="{_ascii(sid)}-pack.zip"'})


ROUTES = [
    Route("/submissions/{sid}/team", team_get, methods=["GET"]),
    Route("/submissions/{sid}/assign", assign_post, methods=["POST"]),
    Route("/submissions/{sid}/adjudicate", adjudicate_post, methods=["POST"]),
    Route("/submissions/{sid}/pack.zip", pack_get, methods=["GET"]),
]
