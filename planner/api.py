"""The JSON API: `POST /api/v1/roadmap`, schema at `/api/v1/openapi.json`.

django-ninja gives typed request schemas, 422 field errors and the OpenAPI document from
the same declarations; the planning itself is planner.requests, shared with the command.
"""

from datetime import date
from typing import Annotated, Literal

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest
from ninja import Field, NinjaAPI, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import StrictBool, StrictInt

from .engine import MAX_CHECKS, MAX_POSITIONS, MAX_WAYPOINTS, InputError
from .requests import roadmap_document
from .snapshot import current_catalog

api = NinjaAPI(
    title="Career Planner API",
    version="1",
    description="Dated roadmaps and credential eligibility for hospital coding and HIM careers.",
    urls_namespace="api",
)


class PositionIn(Schema):
    role: str = Field(description="Role slug, e.g. inpatient-coder")
    start: date
    end: date | None = Field(None, description="Blank while the job goes on")
    full_time: StrictBool = Field(True, description="Part-time accrues experience at half rate")


class RoadmapRequest(Schema):
    education: str = Field("none", description="none, high-school, associate, bachelor, ...")
    completed: list[str] = Field([], description="Program slugs, optionally slug@YYYY-MM-DD")
    credentials: list[str] = Field([], description="Credential slugs, optionally slug@YYYY-MM-DD")
    licences: list[str] = Field([], description="rn, md, do")
    experience: dict[str, Annotated[StrictInt, Field(ge=0)]] = Field(
        {}, description="Months by kind, e.g. {'coding': 12}"
    )
    role: str | None = Field(None, description="The role held now")
    positions: list[PositionIn] = Field(
        [],
        description=f"Dated work history: at most {MAX_POSITIONS} different positions "
        "(identical ones count once)",
    )
    start: date | None = Field(None, description="Default: today")
    readiness: Literal["required", "recommended"] = "recommended"
    study_while_working: StrictBool = False
    avoid: list[str] = Field([], description="Programs (or credential:/role: refs) never to use")
    via: list[str] = Field(
        [], description=f"Waypoints the roadmap must pass through, at most {MAX_WAYPOINTS}"
    )
    target: str | None = Field(None, description="A role slug (or give target_credential)")
    target_credential: str | None = None
    check: list[str] = Field(
        [], description=f"More credentials for the eligibility report, at most {MAX_CHECKS}"
    )


class FieldError(Schema):
    loc: list[str]
    msg: str


class ErrorOut(Schema):
    detail: list[FieldError]


def errors(status: int, msg: str, loc: tuple[str, ...] = ("body",)):
    """Every error answer has one shape: {"detail": [{"loc": [...], "msg": "..."}]}."""
    return status, {"detail": [{"loc": list(loc), "msg": msg}]}


@api.exception_handler(InputError)
def input_error(request: HttpRequest, error: InputError):
    status, body = errors(422, error.message, ("body", error.field))
    return api.create_response(request, body, status=status)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, error: HttpError):
    """A body that is not JSON (400), and any other error django-ninja raises."""
    status, body = errors(error.status_code, str(error))
    return api.create_response(request, body, status=status)


@api.exception_handler(RequestDataTooBig)
def too_big(request: HttpRequest, error: RequestDataTooBig):
    status, body = errors(413, "the request body is too large")
    return api.create_response(request, body, status=status)


@api.exception_handler(NinjaValidationError)
def validation_error(request: HttpRequest, error: NinjaValidationError):
    detail = [
        # ninja prefixes the parameter's name ("body"); the client only sent its fields.
        {"loc": ["body", *map(str, item["loc"][2:])], "msg": item["msg"]}
        if tuple(item["loc"][:2]) == ("body", "body")
        else {"loc": list(map(str, item["loc"])), "msg": item["msg"]}
        for item in error.errors
    ]
    return api.create_response(request, {"detail": detail}, status=422)


ERRORS = {400: ErrorOut, 405: ErrorOut, 413: ErrorOut, 422: ErrorOut}


@api.post("/roadmap", response={200: dict, **ERRORS}, summary="Plan a roadmap")
def roadmap(request: HttpRequest, body: RoadmapRequest):
    """The earliest dated roadmap to a role or credential, with eligibility reports.

    A plan whose search passes the effort limit answers 200 with `"too_complex": true`
    and `"reachable": false`: narrow the target or the waypoints. A body that is not JSON
    is a 400, one over the size limit a 413, bad fields a 422; every error has the shape
    `{"detail": [{"loc": [...], "msg": "..."}]}`."""
    return roadmap_document(current_catalog(), body.dict(), today=date.today())


@api.api_operation(["GET", "PUT", "PATCH", "DELETE"], "/roadmap", include_in_schema=False)
def roadmap_other_methods(request: HttpRequest):
    status, body = errors(405, "use POST", ())
    response = api.create_response(request, body, status=status)
    response["Allow"] = "POST"
    return response
