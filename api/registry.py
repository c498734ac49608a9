"""The resources of the public API, declared by the apps that own their data.

A content app lists its resources in an `api_resources.py` module (`RESOURCES = [Resource(...), ...]`); the
api app finds those modules by name, as `load_demo_content` finds each app's `demo_content`, so it imports
no content app (portal/tests/test_app_imports.py) and a new type plugs in on its own side.
"""

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from django.apps import apps
from django.utils.module_loading import module_has_submodule

MODULE = "api_resources"


@dataclass(frozen=True)
class Filter:
    """A query parameter of a list call beyond the shared ones (page, page_size, since, until)."""

    name: str  # ASCII, as in the URL
    description: str  # English, for the OpenAPI description
    apply: Callable  # (queryset, value, site) -> queryset
    type: type = str
    pattern: str | None = r"^[-a-z0-9_]{1,100}$"  # for str: slugs and codes only (no NUL, no surrogates)
    choices: tuple[str, ...] = ()  # a closed list instead of a pattern


@dataclass(frozen=True)
class Resource:
    """One read-only resource: GET /api/<name>/ (a page of the list) and GET /api/<name>/{id}/ (one item)."""

    name: str  # URL segment, ASCII ("articles")
    description: str  # English, for the OpenAPI description
    schema: type  # a ninja Schema describing one item
    queryset: Callable  # (site) -> QuerySet of what the site publishes, in list order
    item: Callable  # (obj, request) -> dict matching `schema`
    date_field: str | None = None  # `since`/`until` filter this date or datetime field
    modified_field: str | None = "last_published_at"  # the list's and item's Last-Modified
    filters: tuple[Filter, ...] = ()
    prepare: Callable | None = None  # (list of objects on one page) -> None: bulk reads for `item`
    detail: bool = True  # also GET /api/<name>/{id}/
    # Writes: POST /api/<name>/ with a per-site token holding `write_scope` (api.tokens); `create(site, data)`
    # takes the validated `input_schema` and returns what it made (never published: editors approve it).
    input_schema: type | None = None
    create: Callable | None = None
    write_scope: str = ""
    open_data: bool = False  # also offered whole as CSV and JSON under /api/open-data/
    tags: tuple[str, ...] = field(default_factory=tuple)


@cache
def resources():
    """Every app's resources, in INSTALLED_APPS order; names must be unique."""
    found = []
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, MODULE):
            module = importlib.import_module(f"{config.name}.{MODULE}")
            found.extend(module.RESOURCES)
    names = [resource.name for resource in found]
    duplicated = {name for name in names if names.count(name) > 1}
    if duplicated:
        raise ValueError(f"API resources named twice: {sorted(duplicated)}")
    return tuple(found)


def get(name):
    return next((resource for resource in resources() if resource.name == name), None)
