"""What a search is narrowed to: the site, a section, a date range, and the pages under a view restriction."""

from dataclasses import dataclass, field

from wagtail.models import PageViewRestriction

from core import restrictions
from search.documents import STEP


@dataclass
class Filters:
    root_path: str
    root_id: int = 0
    section_path: str | None = None
    section_id: int | None = None
    date_from: object = None  # aware datetimes, inclusive
    date_to: object = None  # exclusive
    restricted_paths: list = field(default_factory=list)
    restricted_ids: list = field(default_factory=list)


def filters_for(root_page, section=None, date_from=None, date_to=None):
    # All restrictions of the install (a short table, known per process by core.restrictions), filtered here:
    # `path LIKE 'x%'` cannot use the path index on SQLite and would read every page row.
    everywhere = restrictions.restricted_pages()
    if everywhere is None:  # the shared cache cannot tell: ask the database
        everywhere = PageViewRestriction.objects.values_list("page__path", "page_id")
    restricted = [(path, pk) for path, pk in everywhere if path.startswith(root_page.path)]
    return Filters(
        root_path=root_page.path,
        root_id=root_page.pk,
        section_path=section.path if section is not None else None,
        section_id=section.pk if section is not None else None,
        date_from=date_from,
        date_to=date_to,
        restricted_paths=[path for path, _ in restricted],
        restricted_ids=[pk for _, pk in restricted],
    )


def scope_ids(filters, home_pages):
    """The scope tokens (page ids) a row must hold. The site's own token is left out where it cannot narrow
    anything, as its posting list then holds every entry (intersecting with it was 15% of a search's time):
    under one of its categories, or when the site's home page is the only one, so every article is in it."""
    if filters.section_id and filters.section_path.startswith(filters.root_path):
        return [filters.section_id]
    if home_pages == 1 and len(filters.root_path) == 2 * STEP:
        return []
    return [filters.root_id, *([filters.section_id] if filters.section_id else [])]
