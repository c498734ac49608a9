"""Loading procedures into a ward site from records (dicts), whatever read them: the catalogue file today
(procedures.catalogue), a feed of the national database later.

A procedure is known again by its code within the site, so loading the same records twice updates instead of
duplicating. Each record is checked, then saved in its own transaction: a bad one is reported with its
position and reason and leaves nothing behind, the others land.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from core.text import normalize_text, remove_controls, vn_slugify
from procedures.models import (
    CODE_MAX_LENGTH,
    ProcedureIndexPage,
    ProcedurePage,
    code_key,
    validate_code,
    validate_service_url,
)

MAX_LIST_ITEMS = 100
LEVELS = {"toan-trinh": "toan-trinh", "toàn trình": "toan-trinh", "mot-phan": "mot-phan", "một phần": "mot-phan"}
# key in the record: (page field, longest value, required)
TEXTS = {
    "code": ("code", CODE_MAX_LENGTH, True),
    "name": ("title", 255, True),
    "field": ("field", 120, True),
    "summary": ("summary", 2000, False),
    "processing_time": ("processing_time", 200, False),
    "fees": ("fees", 300, False),
    "url": ("service_url", 500, False),
}
LISTS = {"papers": ("papers", 500), "steps": ("steps", 1000)}
KNOWN_KEYS = {*TEXTS, *LISTS, "level"}


class RecordError(ValueError):
    pass


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)  # (position, reason)

    @property
    def ok(self):
        return not self.errors


def _clean_text(value, key, limit):
    if remove_controls(value) != value or "\n" in value or "\r" in value:
        raise RecordError(f"“{key}” chứa ký tự điều khiển hoặc xuống dòng")
    value = normalize_text(value)
    if len(value) > limit:
        raise RecordError(f"“{key}” dài quá {limit} ký tự")
    return value


def clean_record(record):
    """The page's field values from one record, or RecordError naming the first fault."""
    if not isinstance(record, dict):
        raise RecordError("bản ghi phải là một đối tượng JSON")
    unknown = sorted(str(key)[:30] for key in record if key not in KNOWN_KEYS)
    if unknown:
        raise RecordError(f"khoá không dùng được: {', '.join(unknown[:3])}")
    values = {}
    for key, (name, limit, required) in TEXTS.items():
        value = record.get(key)
        if value is None or value == "":
            if required:
                raise RecordError(f"thiếu “{key}”")
            values[name] = ""
            continue
        if not isinstance(value, str):
            raise RecordError(f"“{key}” phải là chuỗi")
        values[name] = _clean_text(value, key, limit)
        if required and not values[name]:
            raise RecordError(f"thiếu “{key}”")
    for key, (name, limit) in LISTS.items():
        items = record.get(key) or []
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            raise RecordError(f"“{key}” phải là danh sách chuỗi")
        if len(items) > MAX_LIST_ITEMS:
            raise RecordError(f"“{key}” có quá {MAX_LIST_ITEMS} mục")
        cleaned = [_clean_text(item, key, limit) for item in items]
        values[name] = "\n".join(item for item in cleaned if item)
    for key in ("name", "field"):
        if not vn_slugify(values[TEXTS[key][0]]):
            raise RecordError(f"“{key}” phải có chữ hoặc số")
    level = record.get("level") or ""
    if not isinstance(level, str) or (level and normalize_text(level).lower() not in LEVELS):
        raise RecordError("“level” phải là “toàn trình” hoặc “một phần”")
    values["level"] = LEVELS.get(normalize_text(level).lower(), "")
    for name, check in (("code", validate_code), ("service_url", validate_service_url)):
        if values[name]:
            try:
                check(values[name])
            except ValidationError as exc:
                raise RecordError(f"“{'url' if name == 'service_url' else name}”: {exc.messages[0]}") from exc
    return values


class ProcedureLoader:
    def __init__(self, site):
        self.site = site
        self.section = ProcedureIndexPage.objects.child_of(site.root_page).first()

    def load(self, records, progress=None):
        """`records`: dicts, or an exception for one a reader could not make (its message is the reason);
        each is reported by its 1-based position."""
        report = Report()
        if self.section is None:
            report.errors.append((0, "trang phường chưa có mục Thủ tục hành chính"))
            return report
        seen = {}
        for position, record in enumerate(records, start=1):
            try:
                if isinstance(record, Exception):
                    raise RecordError(str(record))
                values = clean_record(record)
                key = code_key(values["code"])
                if key in seen:
                    raise RecordError(f"mã “{values['code']}” đã có ở bản ghi {seen[key]}")
                seen[key] = position
                with transaction.atomic():
                    outcome = self.save(values)
            except RecordError as exc:
                report.errors.append((position, str(exc)))
            except ValidationError as exc:
                report.errors.append((position, "; ".join(exc.messages)))
            else:
                setattr(report, outcome, getattr(report, outcome) + 1)
            if progress is not None:
                progress.update(1)
        return report

    def save(self, values):
        page = (
            ProcedurePage.objects.descendant_of(self.site.root_page).filter(code_key=code_key(values["code"])).first()
        )
        if page is not None and page.live and all(getattr(page, name) == value for name, value in values.items()):
            return "unchanged"
        created = page is None
        page = page or ProcedurePage()
        for name, value in values.items():
            setattr(page, name, value)
        if created:
            page._cached_parent_obj = self.section
            page.full_clean(exclude=["path", "depth", "content_type", "slug", "url_path"])
            self.section.add_child(instance=page)
        else:
            page.full_clean()
        page.save_revision().publish()
        return "created" if created else "updated"
