"""The JSON API: `POST /api/v1/roadmap`, schema at `/api/v1/openapi.json`.

django-ninja gives typed request schemas, 422 field errors and the OpenAPI document from
the same declarations; the planning itself is planner.requests, shared with the command.
"""

from datetime import date
from typing import Annotated, Literal

from django.http import HttpRequest
from ninja import Field, NinjaAPI, Schema
from ninja.errors import ValidationError as NinjaValidationError

from .engine import InputError
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
    full_time: bool = Field(True, description="Part-time accrues experience at half rate")


class RoadmapRequest(Schema):
    education: str = Field("none", description="none, high-school, associate, bachelor, ...")
    completed: list[str] = Field([], description="Program slugs, optionally slug@YYYY-MM-DD")
    credentials: list[str] = Field([], description="Credential slugs, optionally slug@YYYY-MM-DD")
    licences: list[str] = Field([], description="rn, md, do")
    experience: dict[str, Annotated[int, Field(ge=0)]] = Field(
        {}, description="Months by kind, e.g. {'coding': 12}"
    )
    role: str | None = Field(None, description="The role held now")
    positions: list[PositionIn] = Field([], description="Dated work history")
    start: date | None = Field(None, description="Default: today")
    readiness: Literal["required", "recommended"] = "recommended"
    study_while_working: bool = False
    avoid: list[str] = Field([], description="Programs (or credential:/role: refs) never to use")
    via: list[str] = Field([], description="Waypoints the roadmap must pass through")
    target: str | None = Field(None, description="A role slug (or give target_credential)")
    target_credential: str | None = None
    check: list[str] = Field([], description="More credentials for the eligibility report")


class FieldError(Schema):
    loc: list[str]
    msg: str


class ErrorOut(Schema):
    detail: list[FieldError]


@api.exception_handler(InputError)
def input_error(request: HttpRequest, error: InputError):
    return api.create_response(
        request, {"detail": [{"loc": ["body", error.field], "msg": error.message}]}, status=422
    )


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


@api.post("/roadmap", response={200: dict, 422: ErrorOut}, summary="Plan a roadmap")
def roadmap(request: HttpRequest, body: RoadmapRequest):
    """The earliest dated roadmap to a role or credential, with eligibility reports."""
    return roadmap_document(current_catalog(), body.dict(), today=date.today())
