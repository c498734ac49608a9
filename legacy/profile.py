"""The optional profile of an import: CSS selectors per old host where a vendor's template fools the automatic
extraction, URL patterns, the category map and the link domains kept. A small TOML file; docs/legacy.md
describes every key. Without a profile every page is read automatically."""

import re
import tomllib
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.text import fold, normalize_text

SELECTORS = ("article", "title", "date", "lead", "body", "category", "source")
URL_PATTERNS = ("article_urls", "listing_urls", "drop_urls", "skip_urls")


class ProfileError(ValueError):
    """A profile that cannot be used; the message says why, in Vietnamese."""


@dataclass
class HostProfile:
    selectors: dict = field(default_factory=dict)  # name in SELECTORS -> CSS selector
    patterns: dict = field(default_factory=dict)  # name in URL_PATTERNS -> [compiled regex on "/path?query"]
    min_text: int = 200

    def matches(self, name, path):
        return any(pattern.search(path) for pattern in self.patterns.get(name, ()))


@dataclass
class Profile:
    hosts: dict = field(default_factory=dict)  # old hostname -> HostProfile
    categories: dict = field(default_factory=dict)  # folded old category name -> new category (slug or title)
    allowed_domains: tuple = ("gov.vn",)
    default: HostProfile = field(default_factory=HostProfile)

    def for_host(self, hostname):
        return self.hosts.get(hostname, self.default)

    def category_for(self, name):
        """The new category an old one maps to: the profile's choice, else the old name itself (cleaned)."""
        name = normalize_category(name)
        return self.categories.get(fold(name), name)

    def allows_link_to(self, host):
        return any(host == domain or host.endswith("." + domain) for domain in self.allowed_domains)


_DASHES = re.compile(r"\s*[-–—‒―|/»>]+\s*")


def normalize_category(name):
    """One spelling of an old category name: "Tin tức - Sự kiện", "Tin tức – Sự kiện" and "TIN TỨC-SỰ KIỆN" alike
    become "Tin tức - Sự kiện" (the dashes, spaces and capitals of the first spelling met)."""
    name = normalize_text(name or "").strip(" -–—:|»>")
    name = _DASHES.sub(" - ", name)
    if name.isupper():
        name = name.capitalize()
    return name[:255]


def _compile(patterns, where):
    if isinstance(patterns, str):
        patterns = [patterns]
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise ProfileError(_("%(where)s phải là danh sách biểu thức chính quy") % {"where": where})
    try:
        return [re.compile(p) for p in patterns]
    except re.error as exc:
        raise ProfileError(
            _("%(where)s: biểu thức không hợp lệ (%(error)s)") % {"where": where, "error": exc}
        ) from None


def _host_profile(values, where):
    if not isinstance(values, dict):
        raise ProfileError(_("%(where)s phải là một bảng") % {"where": where})
    profile = HostProfile()
    for name, value in values.items():
        if name in SELECTORS:
            if not isinstance(value, str) or not value.strip():
                raise ProfileError(_("%(where)s.%(name)s phải là bộ chọn CSS") % {"where": where, "name": name})
            profile.selectors[name] = value
        elif name in URL_PATTERNS:
            profile.patterns[name] = _compile(value, f"{where}.{name}")
        elif name == "min_text" and isinstance(value, int) and 0 <= value < 100_000:
            profile.min_text = value
        elif name != "vendor":
            raise ProfileError(_("%(where)s: khoá không biết “%(name)s”") % {"where": where, "name": name})
    return profile


def load_profile(path=None):
    """The profile in a TOML file (or the empty profile); ProfileError saying what is wrong with it."""
    if not path:
        return Profile()
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise ProfileError(
            _("không đọc được tệp cấu hình %(file)s: %(error)s") % {"file": path, "error": exc}
        ) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ProfileError(_("tệp cấu hình không phải TOML hợp lệ: %(error)s") % {"error": exc}) from None
    profile = Profile()
    hosts = data.get("hosts", {})
    if not isinstance(hosts, dict):
        raise ProfileError(_("[hosts] phải là một bảng"))
    for hostname, values in hosts.items():
        profile.hosts[hostname.lower()] = _host_profile(values, f"hosts.{hostname}")
    if "default" in data:
        profile.default = _host_profile(data["default"], "default")
    categories = data.get("categories", {})
    if not isinstance(categories, dict) or not all(isinstance(v, str) for v in categories.values()):
        raise ProfileError(_("[categories] phải ánh xạ tên chuyên mục cũ sang chuyên mục mới"))
    profile.categories = {fold(normalize_category(old)): new for old, new in categories.items()}
    domains = data.get("links", {}).get("allowed_domains", [])
    if not isinstance(domains, list) or not all(isinstance(d, str) for d in domains):
        raise ProfileError(_("links.allowed_domains phải là danh sách tên miền"))
    profile.allowed_domains = (*profile.allowed_domains, *(d.lower().strip(".") for d in domains))
    return profile
