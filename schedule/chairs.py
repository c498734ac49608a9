"""Who chairs an entry: a leader of the ward's "Giới thiệu" section (a `wardinfo.LeaderPage` of the same site)
or free text, and the key the leader filter and the per-leader feed use for them.

A linked leader's key is `<page id>-<slug of the name>`: only the id counts, so a link or a subscribed feed
keeps working when the leader's name is edited. Free text keeps the slug of the name (the keys used before
leaders could be linked); such a slug still finds a leader since linked under that name."""

import re
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from core.text import fold, vn_slugify

_LEADER_KEY = re.compile(r"(\d{1,12})(?:-[a-z0-9-]*)?")
# What offices write before a name in the "Chủ trì" column, folded: "Đ/c", "Đồng chí".
_HONORIFIC = re.compile(r"^(?:d\s*/\s*c|dong chi)\.?\s+")
# What may follow the name: ", Chủ tịch UBND", " – Bí thư", " (Chủ tịch)".
_AFTER_NAME = re.compile(r"\s*[-–—,;(/]")


def leader_label(name, position):
    """The name shown for a linked leader: name and position."""
    return f"{name} – {position}" if position else name


def leader_key(leader_id, name):
    return f"{leader_id}-{vn_slugify(name)}".rstrip("-")


def site_leaders(site_root):
    """The leaders a week of this site may link to: those under the site's home page, and no other site's."""
    from wardinfo.models import LeaderPage

    return LeaderPage.objects.descendant_of(site_root).order_by("title", "pk")


def _folded_name(text):
    return _HONORIFIC.sub("", re.sub(r"\s+", " ", fold(text)).strip())


def leader_named(text, leaders):
    """The one leader among `leaders` whose name the "Chủ trì" text gives (case, accents, tone placement and
    "Đ/c" aside; a position after a dash or comma allowed), or None when none or several do."""
    folded = _folded_name(text)
    if not folded:
        return None
    found = []
    for leader in leaders:
        name = _folded_name(leader.title)
        rest = folded[len(name) :]
        if name and folded.startswith(name) and (not rest or _AFTER_NAME.match(rest)):
            found.append(leader)
    return found[0] if len(found) == 1 else None


def current_leaders(site_root, today=None):
    """Leaders of the site in office today, published."""
    today = today or timezone.localdate()
    return [leader for leader in site_leaders(site_root).live() if leader.in_office(today)]


@dataclass(frozen=True)
class Chairs:
    """The entries one key selects: linked to these leaders, or unlinked with one of these chair texts."""

    leader_ids: frozenset
    names: frozenset

    def __bool__(self):
        return bool(self.leader_ids or self.names)

    def q(self):
        return Q(chair_leader_id__in=self.leader_ids) | Q(chair_leader__isnull=True, chair__in=self.names)

    def holds(self, snapshot):
        """Whether a removed entry's snapshot (the history's `after`) belongs to the selection."""
        leader_id = snapshot.get("chair_leader_id")
        if leader_id is not None:
            return leader_id in self.leader_ids
        return snapshot.get("chair", "") in self.names


def chairs_for_key(entries, key, snapshots=()):
    """What `key` selects among `entries` (and the snapshots of removed ones): a leader by id; else unlinked
    chairs whose text slugifies to it, with the leaders linked under that name (so a free-text key keeps
    working once its entries are linked)."""
    key = (key or "")[:200]
    if not key:
        return Chairs(frozenset(), frozenset())
    removed = [(s.get("chair") or "", s.get("chair_leader_id"), None) for s in snapshots]
    match = _LEADER_KEY.fullmatch(key)
    if match:
        leader_id = int(match[1])
        if entries.filter(chair_leader_id=leader_id).exists() or any(row[1] == leader_id for row in removed):
            return Chairs(frozenset([leader_id]), frozenset())
    names, leader_ids = set(), set()
    rows = entries.values_list("chair", "chair_leader_id", "chair_leader__title").order_by().distinct()
    for chair, leader_id, title in [*rows, *removed]:
        if leader_id is None:
            if vn_slugify(chair) == key:
                names.add(chair)
        elif key in (vn_slugify(chair), vn_slugify(title or "")):
            leader_ids.add(leader_id)
    return Chairs(frozenset(leader_ids), frozenset(names))
