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
    folded = fold(text)
    hosts = hosts_in(text)
    flags = []
    for item in ScreenTerm.objects.all():
        term = unicodedata.normalize("NFC", item.term.strip()).lower()
        if not term:
            continue
        if item.kind == ScreenTerm.Kind.HOST:
            hit = any(host == term or host.endswith("." + term) for host in hosts)
        elif term.isascii():
            hit = bool(_words_pattern(term).search(folded))
        else:
            hit = bool(_words_pattern(term).search(text))
        if hit:
            flags.append(Flag(item.reason, item.term))
    if _LINK.search(text) or hosts:
        flags.append(Flag("link", ", ".join(sorted(hosts)) or "http"))
    return list(dict.fromkeys(flags))
