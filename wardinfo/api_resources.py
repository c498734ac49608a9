"""Ward information and contacts in the public API (api.registry): /api/ward/, /api/units/, /api/leaders/."""

import datetime

from django.utils import timezone
from django.utils.html import strip_tags
from ninja import Schema

from api.items import PageItem, page_fields
from api.registry import Filter, Resource
from wardinfo.models import IntroPage, LeaderPage, UnitPage


class FormerWardItem(Schema):
    name: str
    merged_on: datetime.date | None
    resolution: str


class Ward(PageItem):
    summary: str
    area_km2: float | None
    population: int | None
    population_year: int | None
    residential_groups: int | None
    former_wards: list[FormerWardItem]


class Unit(PageItem):
    parent_unit_id: int | None
    address: str
    phone: str
    email: str
    functions: str  # plain text


class Leader(PageItem):
    position: str
    unit_id: int | None
    phone: str
    email: str
    term_start: datetime.date | None
    term_end: datetime.date | None
    in_office: bool


def _pages(model):
    return lambda site: model.objects.live().public().descendant_of(site.root_page).order_by("path")


def _ward(page, request):
    return page_fields(page, request) | {
        "summary": page.summary,
        "area_km2": float(page.area_km2) if page.area_km2 is not None else None,
        "population": page.population,
        "population_year": page.population_year,
        "residential_groups": page.residential_groups,
        "former_wards": [
            {"name": item.name, "merged_on": item.merged_on, "resolution": item.resolution}
            for item in page.former_wards.all()
        ],
    }


def _unit(page, request):
    return page_fields(page, request) | {
        "parent_unit_id": page.parent_unit_id,
        "address": page.address,
        "phone": page.phone,
        "email": page.email,
        "functions": strip_tags(page.functions or "").strip(),
    }


def _leader(page, request):
    return page_fields(page, request) | {
        "position": page.position,
        "unit_id": page.unit_id,
        "phone": page.phone,
        "email": page.email,
        "term_start": page.term_start,
        "term_end": page.term_end,
        "in_office": page.in_office(timezone.localdate()),
    }


def _in_office(queryset, value, site):
    today = timezone.localdate()
    holding = queryset.filter(term_start__isnull=True) | queryset.filter(term_start__lte=today)
    holding = holding.filter(term_end__isnull=True) | holding.filter(term_end__gte=today)
    return queryset.filter(pk__in=holding.values("pk")) if value else queryset.exclude(pk__in=holding.values("pk"))


def _with_contact(queryset, value, site):
    reachable = queryset.exclude(phone="", email="")
    return queryset.filter(pk__in=reachable.values("pk")) if value else queryset.exclude(pk__in=reachable.values("pk"))


CONTACT = Filter("contact", "Only those with a phone or email (true), or without (false).", _with_contact, type=bool)

RESOURCES = [
    Resource(
        name="ward",
        description='The ward at a glance (its "Giới thiệu" section): area, population, former wards merged in.',
        schema=Ward,
        queryset=_pages(IntroPage),
        item=_ward,
        tags=("ward information",),
    ),
    Resource(
        name="units",
        description="Bodies and offices of the ward with their contacts, in the editors' order.",
        schema=Unit,
        queryset=_pages(UnitPage),
        item=_unit,
        filters=(CONTACT,),
        tags=("ward information",),
    ),
    Resource(
        name="leaders",
        description="Leaders of the ward with their posts, terms and official contacts, in the editors' order.",
        schema=Leader,
        queryset=_pages(LeaderPage),
        item=_leader,
        filters=(
            Filter("in_office", "Only those in office today (true), or former (false).", _in_office, type=bool),
            CONTACT,
        ),
        tags=("ward information",),
    ),
]
