"""Reading HTML and stored content for what the integrity checks look for: links outside a site's allowed
domains, hidden blocks carrying links, gambling terms (intake's screen words, kept as data).

Nothing here writes: `checks.py` turns what is found into findings, `gate.py` into what an administrator
confirms."""

import json
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from wagtail.models import Site

from core.hidden import describe, hidden_elements
from intake.models import ScreenTerm
from intake.screen import Screen

# Elements whose address a reader's browser follows or loads as part of the page.
LINKING = {"a": "href", "area": "href", "iframe": "src", "script": "src", "form": "action", "embed": "src"}
LINKING |= {"object": "data", "frame": "src"}
# Attributes whose text a search engine reads though the page does not show it.
READ_ATTRIBUTES = (("meta", "content"), ("img", "alt"), ("a", "title"))


@dataclass(frozen=True)
class Allowlist:
    domains: tuple  # a domain allows its subdomains
    own_hosts: frozenset  # every site of the install

    def allows(self, host):
        host = host.lower().rstrip(".")
        if host in self.own_hosts:
            return True
        return any(host == domain or host.endswith("." + domain) for domain in self.domains)


def allowlist_for(site):
    from integrity.models import IntegritySettings  # models import this module for the gate

    domains = tuple(IntegritySettings.for_site(site).domains())
    return Allowlist(domains, frozenset(host.lower() for host in Site.objects.values_list("hostname", flat=True)))


def host_of(url):
    """The host an address leads to, or None for a path on the same site, a mailto:, tel: or a broken one."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https", "") or not parts.hostname:
        return None
    return parts.hostname.lower().rstrip(".")


@dataclass
class Scan:
    """What one page (or one revision's content) holds."""

    links: dict = field(default_factory=dict)  # host -> addresses, hosts the allowlist does not allow
    hidden: list = field(default_factory=list)  # core.hidden.HiddenBlock
    terms: list = field(default_factory=list)  # gambling terms, as the screen lists them

    def outside_hosts(self):
        """Every host needing a confirmation: linked outside the allowlist or linked from a hidden block."""
        return sorted(set(self.links) | {host for block in self.hidden for host in block.link_hosts})


def _parse(html):
    return BeautifulSoup(html, "lxml")


def _links(soup, allow, into):
    for name, attribute in LINKING.items():
        for element in soup.find_all(name):
            address = element.get(attribute)
            host = host_of(address) if isinstance(address, str) else None
            if host and not allow.allows(host):
                addresses = into.setdefault(host, [])
                if address.strip() not in addresses:
                    addresses.append(address.strip())


def _text(soup):
    words = [soup.get_text(" ")]
    for name, attribute in READ_ATTRIBUTES:
        words += [element.get(attribute) or "" for element in soup.find_all(name)]
    return " ".join(words)


class Scanner:
    """One per site and run: the allowlist and the screen's gambling words read once."""

    def __init__(self, allow):
        self.allow = allow
        self.screen = Screen(reasons=[ScreenTerm.Reason.GAMBLING], plain_matches_marked=False)

    @classmethod
    def for_site(cls, site):
        return cls(allowlist_for(site))

    def _outside(self, block):
        return [host for host in block.link_hosts if host.lower() not in self.allow.own_hosts]

    def page(self, html):
        """A rendered page: outside links, hidden blocks linking off the install, gambling terms anywhere (a
        hidden block's text and the meta description included: search engines read them)."""
        soup = _parse(html)
        scan = Scan()
        _links(soup, self.allow, scan.links)
        for element, how in hidden_elements(soup):
            block = describe(element, how)
            block.link_hosts = self._outside(block)
            if block.link_hosts:
                scan.hidden.append(block)
        scan.terms = [item.term for item in self.screen.terms_in(_text(soup), hosts=())]
        return scan

    def content(self, data):
        """A revision's stored content (its JSON): every HTML fragment and address in it, at any depth of
        StreamField or inline objects; hidden blocks count whether they link or not."""
        scan = Scan()
        for text in _strings(data):
            if "<" in text:
                soup = BeautifulSoup(text, "html.parser")
                _links(soup, self.allow, scan.links)
                scan.hidden += [describe(element, how) for element, how in hidden_elements(soup)]
            elif text.lstrip().lower().startswith(("http://", "https://", "//")):
                host = host_of(text)
                if host and not self.allow.allows(host):
                    scan.links.setdefault(host, []).append(text.strip())
        return scan


def _strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        stripped = value.lstrip()
        if stripped[:1] in ("[", "{"):  # a StreamField's JSON inside the revision's JSON
            try:
                yield from _strings(json.loads(value))
                return
            except ValueError:
                pass
        yield value
