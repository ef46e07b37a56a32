"""The JSON API for scripts (README "Web API"): the same contracts as the CLI.

``Authorization: Bearer TOKEN`` (``evidence-review users token NAME``) or the browser's
session cookie; a cookie-authenticated write also needs the ``X-CSRF-Token`` header.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from evidence_review.messages import MessageKey, message
from evidence_review.review import team
from evidence_review.store.engine import TamperedError
from evidence_review.web import adjudication, auth, routes, score, service, submission_json


def _json(data: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(data, status_code=status)


def _sid(request: Request) -> str:
    sid = request.path_params["sid"]
    if not service.exists(request.app.state.store, sid):
        raise HTTPException(404, f"no submission {sid}")
    return sid


def _view(request: Request, who: auth.Actor, sid: str, *, write: bool = False) -> Any:
    try:
        return service.view_for(request.app.state.store, sid, who.user, write=write)
    except team.NotAssigned:
        raise auth.Refused(403, "forbidden") from None


async def list_submissions(request: Request) -> Response:
    who = auth.require(request)
    rows = await run_in_threadpool(service.summaries, request.app.state.store,
                                   request.app.state.rubric, who.user)
    return _json([r.model_dump() for r in rows])


async def get_submission(request: Request) -> Response:
    who = auth.require(request)
    sid = _sid(request)
    data = await run_in_threadpool(submission_json.submission_json, _view(request, who, sid), sid,
                                   request.app.state.rubric)
    return _json(data)


async def _body(request: Request) -> Any:
    """The request's JSON body, or the 422 answer when it is not JSON (or nested too deep)."""
    try:
        return json.loads(await request.body() or b"null")
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        return _json({"error": message(MessageKey.WEB_BODY_NOT_JSON,
                                        detail=exc.__class__.__name__)}, 422)


async def post_decisions(request: Request) -> Response:
    who = await auth.require_write(request)
    sid = _sid(request)
    body = await _body(request)
    if isinstance(body, Response):
        return body
    try:
        new = await run_in_threadpool(service.apply_json, _view(request, who, sid, write=True),
                                      sid, request.app.state.rubric, body, who.user.name, "api",
                                      request.app.state.extract_options)
    except service.StaleError as exc:
        return _json({"error": message(MessageKey.WEB_STALE),
                      "version": exc.current, "changes": exc.changes}, 409)
    except service.InputError as exc:
        return _json({"error": str(exc)}, 422)
    except TamperedError as exc:  # the trail was changed outside the tool: nothing written
        return _json({"error": str(exc), "tampered": True}, 409)
    return _json({"version": new})


async def get_score(request: Request) -> Response:
    who = auth.require(request)
    sid = _sid(request)
    store, rubric = _view(request, who, sid), request.app.state.rubric
    data = await run_in_threadpool(score.score_json, store, sid, rubric)
    if data is None:
        st = service.state(store, sid, rubric)
        return _json({"submission": sid, "status": "incomplete",
                      "missing": [m.model_dump() for m in service.missing(st)]}, 409)
    return _json(data)


async def get_differences(request: Request) -> Response:
    """A double review's differences with both reviewers' decisions and reasons (lead,
    admin), and the adjudicated value where there is one."""
    who = auth.require(request)
    if not who.user.role.can_adjudicate:
        raise auth.Refused(403, "forbidden")
    sid = _sid(request)
    data = await run_in_threadpool(adjudication.differences_json, request.app.state.store, sid,
                                   request.app.state.rubric)
    return _json(data)


async def post_adjudication(request: Request) -> Response:
    """Final decisions on a double review's differences: a decisions file plus
    ``base_version`` (the ``version`` of the differences), each with a reason."""
    who = await auth.require_write(request)
    if not who.user.role.can_adjudicate:
        raise auth.Refused(403, "forbidden")
    sid = _sid(request)
    body = await _body(request)
    if isinstance(body, Response):
        return body
    try:
        new = await run_in_threadpool(adjudication.adjudicate_json, request.app.state.store, sid,
                                      request.app.state.rubric, body, who.user.name,
                                      request.app.state.extract_options)
    except service.StaleError as exc:
        return _json({"error": message(MessageKey.WEB_STALE),
                      "version": exc.current, "changes": exc.changes}, 409)
    except service.InputError as exc:
        return _json({"error": str(exc)}, 422)
    return _json({"version": new})


ROUTES = [
    Route("/api/submissions", list_submissions, methods=["GET"]),
    Route("/api/submissions/{sid}", get_submission, methods=["GET"]),
    Route("/api/submissions/{sid}/decisions", post_decisions, methods=["POST"]),
    Route("/api/submissions/{sid}/score", get_score, methods=["GET"]),
    Route("/api/submissions/{sid}/differences", get_differences, methods=["GET"]),
    Route("/api/submissions/{sid}/adjudication", post_adjudication, methods=["POST"]),
    Route("/api/submissions/{sid}/report.{fmt}", routes.report_get, methods=["GET"]),
]
