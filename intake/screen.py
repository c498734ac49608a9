"""The screen: words and addresses (ScreenTerm rows, editable in the admin, seeded by a migration) that hold a
submission for a moderator with a flag. Nothing is public before a moderator approves it anyway; a flag tells
the moderator what to look at, and puts the item at the top of the queue."""

import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from core.text import fold
from intake.models import ScreenTerm

# An address written in a text, with or without its scheme: the host is what is compared.
_HOST = re.compile(
    r"(?:\b[a-z][a-z0-9+.-]*://)?(?<![\w.@-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})(?![\w-])",
    re.I,
)
_LINK = re.compile(r"\b(?:https?://|www\.)", re.I)
# A bare name counts as an address only under a top-level domain seen in links (TP.HCM is a city, not a site).
_BARE_TLDS = frozenset(
    ("com", "net", "org", "info", "biz", "vn", "ly", "me", "io", "co", "cc", "tk", "gl", "gd", "gy", "at", "id")
    + ("to", "ws", "su", "ru", "cn", "xyz", "top", "club", "link", "site", "online", "live", "vip", "win", "bet")
    + ("fun", "pro", "app", "dev", "asia", "shop", "store", "click", "one", "icu")
)


@dataclass(frozen=True)
class Flag:
    reason: str  # ScreenTerm.Reason, or "link"
    term: str

    def __str__(self):
        label = LINK_LABEL if self.reason == "link" else ScreenTerm.Reason(self.reason).label
        return f"{label}: {self.term}"


LINK_LABEL = _("có liên kết")


def _words_pattern(term):
    return re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)")


def _any_of(terms):
    """One pattern finding every term at every place a word starts (longest first, so a term inside another one
    at the same place is found through `Screen._inside`)."""
    if not terms:
        return None
    alternatives = "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True))
    return re.compile(r"(?<!\w)(?=(" + alternatives + r")(?!\w))")


class Screen:
    """The screen's terms, read and compiled once: a submission builds one (`screen`), integrity's scan of every
    page of a site one per run. `reasons` narrows it to some `ScreenTerm.Reason`s."""

    def __init__(self, reasons=None, plain_matches_marked=True):
        # A term written without marks matches marked text too ("nha cai" in "nhà cái"): right for what citizens
        # type. Our own pages are written with marks, where that would read "đời thường" as "doi thuong";
        # integrity passes False, and its marked terms ("đổi thưởng") catch marked spam.
        self._fold_plain = plain_matches_marked
        items = ScreenTerm.objects.all()
        if reasons is not None:
            items = items.filter(reason__in=list(reasons))
        self._items, self._hosts = {}, []  # term -> (place in the list, ScreenTerm); host terms
        plain, marked = [], []
        for place, item in enumerate(items):
            term = unicodedata.normalize("NFC", item.term.strip()).lower()
            if not term or term in self._items:
                continue
            self._items[term] = (place, item)
            if item.kind == ScreenTerm.Kind.HOST:
                self._hosts.append(term)
            else:
                (plain if term.isascii() else marked).append(term)
        self._plain, self._marked = _any_of(plain), _any_of(marked)
        # Terms found where another starts: "cá độ" inside "cá độ bóng đá".
        self._inside = {
            term: [other for other in group if other != term and _words_pattern(other).search(term)]
            for group in (plain, marked)
            for term in group
        }

    def _words(self, pattern, text):
        found = set()
        for match in pattern.finditer(text) if pattern else ():
            found.add(match[1])
            found.update(self._inside[match[1]])
        return found

    def terms_in(self, text, hosts=None):
        """The ScreenTerms `text` (and `hosts`, else the hosts named in it) hit, each once, in the list's order."""
        text = unicodedata.normalize("NFC", text or "").lower()
        hosts = hosts_in(text) if hosts is None else hosts
        hit = self._words(self._plain, fold(text) if self._fold_plain else text) | self._words(self._marked, text)
        hit |= {term for term in self._hosts if any(host == term or host.endswith("." + term) for host in hosts)}
        return [self._items[term][1] for term in sorted(hit, key=lambda term: self._items[term][0])]


def hosts_in(text):
    """The hosts named in a text: after a scheme, or bare under a known top-level domain."""
    hosts = set()
    for match in _HOST.finditer(text or ""):
        host = match[1].lower().rstrip(".")
        if "://" in match[0] or host.rsplit(".", 1)[-1] in _BARE_TLDS:
            hosts.add(host)
    return hosts


def screen(*texts):
    """The flags a submission's texts raise, each once, in a stable order."""
    text = unicodedata.normalize("NFC", " ".join(t for t in texts if t)).lower()
    hosts = hosts_in(text)
    flags = [Flag(item.reason, item.term) for item in Screen().terms_in(text, hosts)]
    if _LINK.search(text) or hosts:
        flags.append(Flag("link", ", ".join(sorted(hosts)) or "http"))
    return list(dict.fromkeys(flags))
