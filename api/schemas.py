"""The shapes every resource shares: the query of a list call, a page of results, a problem."""

import datetime
from typing import Literal

from ninja import Field, Schema
from pydantic import create_model

MAX_PAGE = 10_000
MAX_PAGE_SIZE = 100
FIRST_DAY = datetime.date(1900, 1, 1)
LAST_DAY = datetime.date(2999, 12, 31)
MAX_ID = 2**31 - 1


class InvalidParam(Schema):
    name: str
    reason: str


class Problem(Schema):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[InvalidParam] | None = None


class ListQuery(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1.")
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE, description="Items per page (at most 100).")


class DatedListQuery(ListQuery):
    since: datetime.date | None = Field(None, description="Only items dated on or after this day (Vietnam time).")
    until: datetime.date | None = Field(None, description="Only items dated on or before this day (Vietnam time).")


def query_model(resource):
    """The query parameters of `resource`'s list call: the shared ones and its own filters."""
    fields = {}
    for item in resource.filters:
        constraints = {"description": item.description}
        annotation = item.type
        if item.choices:
            annotation = Literal[item.choices]
        elif item.type is str and item.pattern:
            constraints["pattern"] = item.pattern
        fields[item.name] = (annotation | None, Field(None, **constraints))
    base = DatedListQuery if resource.date_field else ListQuery
    return create_model(f"{_camel(resource.name)}Query", __base__=base, **fields)


def page_model(resource):
    return create_model(
        f"{_camel(resource.name)}Page",
        __base__=Schema,
        count=(int, ...),
        page=(int, ...),
        num_pages=(int, ...),
        next=(str | None, None),
        previous=(str | None, None),
        results=(list[resource.schema], ...),
    )


def _camel(name):
    return "".join(part.capitalize() for part in name.replace("_", "-").split("-"))


_pages = {}


def page_model_for(resource):
    """One model per resource, so the OpenAPI description names each once."""
    if resource.name not in _pages:
        _pages[resource.name] = page_model(resource)
    return _pages[resource.name]


class Created(Schema):
    """What a write made: never public until an editor publishes it."""

    id: int
    title: str
    live: bool
