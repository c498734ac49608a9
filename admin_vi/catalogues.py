"""Which admin messages must read in Vietnamese, and where the project's Vietnamese for them lives.

The same collection feeds the command that writes locale/vi/LC_MESSAGES/*.po and the test that keeps the
translation complete, so a Wagtail upgrade that adds messages makes the test fail until they are translated.
"""

import contextlib
import functools
import hashlib
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import django
import polib
from django.apps import apps
from django.conf import settings
from django.core.management import call_command

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
DOMAINS = ("django", "djangojs")

# Django's own catalogues whose messages the Wagtail admin shows: core (form validation, "3 days" in "3 days
# ago"), auth (login, passwords and their validators) and humanize (Wagtail's workflow status uses naturaltime).
DJANGO_ADMIN_FACING = {
    "django": "django/conf/locale",
    "django.contrib.auth": "django/contrib/auth/locale",
    "django.contrib.humanize": "django/contrib/humanize/locale",
}
# Language names: the admin offers only the languages named in settings, with our own labels.
NOT_ADMIN_FACING_SOURCES = ("conf/global_settings.py",)

# Messages that are correctly the same in Vietnamese: names, abbreviations, technical tokens.
SAME_IN_VIETNAMESE = {
    "Email",
    "email",
    "URL",
    "ID",
    "CSV",
    "TSV",
    "JSON",
    "XLSX",
    "HTML",
    "Draftail",
    "Wagtail",
    "OK",
    "oEmbed",
    "Alt",
    "Emoji",
    "GIF",
    "SVG",
    "PDF",
    "Google",
    "Facebook",
    "Avatar",
    "Logo",
    "Wagtail API v2",
    "Wagtail API v3",
    "IPv4",
    "IPv6",
    # Units and the googol keep their international names.
    "%(size)d byte",
    "%s KB",
    "%s MB",
    "%s GB",
    "%s TB",
    "%s PB",
    "%(value)s googol",
}


def same_in_vietnamese(msgid):
    """Allow-listed words, and messages made only of placeholders and punctuation ("%(a)s - %(b)s")."""
    return msgid in SAME_IN_VIETNAMESE or not re.search(r"[A-Za-z]", PLACEHOLDER.sub("", msgid))


@dataclass
class Message:
    msgid: str
    msgid_plural: str = ""
    msgctxt: str = ""
    domains: set = field(default_factory=set)
    sources: set = field(default_factory=set)
    upstream: str = ""

    @property
    def key(self):
        return message_key(self.msgctxt, self.msgid, self.msgid_plural)


def message_key(msgctxt, msgid, msgid_plural=""):
    raw = f"{msgctxt}\x04{msgid}\x00{msgid_plural}".encode()
    return hashlib.sha1(raw, usedforsecurity=False).hexdigest()[:8]


# Other installed apps whose messages the admin shows: taggit names and explains the tag field of every
# article ("A comma-separated list of tags.").
OTHER_ADMIN_FACING = ("taggit",)


def admin_facing_apps():
    """The installed Wagtail apps (all of them face the admin), the other apps the admin shows, and Django's
    catalogues it shows."""
    names = [config.name for config in apps.get_app_configs()]
    # wagtail.*, and Wagtail's add-ons (wagtail_modeltranslation and its parts).
    wagtail = [name for name in names if name == "wagtail" or name.startswith(("wagtail.", "wagtail_"))]
    return wagtail + [name for name in OTHER_ADMIN_FACING if name in names] + list(DJANGO_ADMIN_FACING)


def _app_locale_dirs():
    by_name = {config.name: Path(config.path) / "locale" for config in apps.get_app_configs()}
    django_root = Path(django.__file__).resolve().parent.parent
    by_name.update({name: django_root / path for name, path in DJANGO_ADMIN_FACING.items()})
    return [(name, by_name[name]) for name in admin_facing_apps()]


@functools.cache
def extracted_english(app_name):
    """The English catalogues of an app that ships none (wagtail-modeltranslation): its messages extracted from
    its source with makemessages, as {domain: POFile}."""
    source = next(Path(config.path) for config in apps.get_app_configs() if config.name == app_name)
    with tempfile.TemporaryDirectory() as work:
        copy = Path(work) / source.name
        shutil.copytree(source, copy, ignore=shutil.ignore_patterns("tests", "__pycache__", "locale"))
        (copy / "locale").mkdir()
        with contextlib.chdir(copy):
            for domain in DOMAINS:
                call_command("makemessages", locale=["en"], domain=domain, verbosity=0, no_obsolete=True)
        return {
            domain: polib.pofile(str(path))
            for domain in DOMAINS
            if (path := copy / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po").exists()
        }


def _english_catalogue(app_name, locale_dir, domain):
    english = locale_dir / "en" / "LC_MESSAGES" / f"{domain}.po"
    if english.exists():
        return polib.pofile(str(english))
    if not locale_dir.exists() and app_name not in DJANGO_ADMIN_FACING:
        return extracted_english(app_name).get(domain)
    return None


def _translated(entry):
    if entry.msgid_plural:
        return entry.msgstr_plural.get(0, "") if not entry.fuzzy else ""
    return entry.msgstr if not entry.fuzzy else ""


def collect_messages():
    """Every msgid (with plural and context) of the admin-facing catalogues, keyed by message_key."""
    messages = {}
    for app_name, locale_dir in _app_locale_dirs():
        for domain in DOMAINS:
            english = _english_catalogue(app_name, locale_dir, domain)
            if english is None:
                continue
            upstream = {}
            vietnamese = locale_dir / "vi" / "LC_MESSAGES" / f"{domain}.po"
            if vietnamese.exists():
                for entry in polib.pofile(str(vietnamese)):
                    if not entry.obsolete and _translated(entry):
                        upstream[message_key(entry.msgctxt or "", entry.msgid, entry.msgid_plural)] = _translated(entry)
            for entry in english:
                if entry.obsolete or not entry.msgid:
                    continue
                if entry.occurrences and all(
                    file.endswith(NOT_ADMIN_FACING_SOURCES) for file, _line in entry.occurrences
                ):
                    continue
                key = message_key(entry.msgctxt or "", entry.msgid, entry.msgid_plural)
                message = messages.setdefault(key, Message(entry.msgid, entry.msgid_plural or "", entry.msgctxt or ""))
                message.domains.add(domain)
                message.sources.add(app_name)
                if not message.upstream and key in upstream:
                    message.upstream = upstream[key]
    return messages


def load_authored():
    """Our Vietnamese, from translations/*.tsv: `key<TAB>text` with \\n escapes; "=" keeps upstream's text."""
    authored = {}
    for path in sorted(TRANSLATIONS_DIR.glob("*.tsv")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            key, sep, text = line.partition("\t")
            if not sep or not re.fullmatch(r"[0-9a-f]{8}", key):
                raise ValueError(f"{path.name}:{number}: expected 'key<TAB>translation'")
            authored[key] = (text.replace("\\n", "\n").replace("\\t", "\t"), f"{path.name}:{number}")
    return authored


PLACEHOLDER = re.compile(r"%\([^)]+\)[sdifr]|%[sdifr]|\{[a-zA-Z_0-9]*\}|</?[a-zA-Z][^>]*>|&[a-z]+;")


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


# Old-style tone placement ("hoá", "uỷ"): the tone mark sits on the last vowel of oa/oe/uy at a syllable's end.
_NEW_STYLE = re.compile(r"([óòỏõọÓÒỎÕỌ])([aeAE])(?![a-zA-ZÀ-ỹ])|([úùủũụÚÙỦŨỤ])([yY])(?![a-zA-ZÀ-ỹ])")
_TONES = {
    "ó": ("o", "á", "é"),
    "ò": ("o", "à", "è"),
    "ỏ": ("o", "ả", "ẻ"),
    "õ": ("o", "ã", "ẽ"),
    "ọ": ("o", "ạ", "ẹ"),
    "ú": ("u", "ý"),
    "ù": ("u", "ỳ"),
    "ủ": ("u", "ỷ"),
    "ũ": ("u", "ỹ"),
    "ụ": ("u", "ỵ"),
}


def _old_style(match):
    if match.group(1):
        toned, vowel = match.group(1), match.group(2)
        base, a, e = _TONES[toned.lower()]
        result_vowel = a if vowel.lower() == "a" else e
        base = base.upper() if toned.isupper() else base
        return base + (result_vowel.upper() if vowel.isupper() else result_vowel)
    toned, vowel = match.group(3), match.group(4)
    base, y = _TONES[toned.lower()]
    base = base.upper() if toned.isupper() else base
    return base + (y.upper() if vowel.isupper() else y)


def old_tone_style(text):
    return _NEW_STYLE.sub(_old_style, text)


def has_new_tone_style(text):
    return bool(_NEW_STYLE.search(text))


def admin_locale_dir():
    """The LOCALE_PATHS entry holding the admin's Vietnamese (see ADMIN_LOCALE_DIR in settings)."""
    return Path(settings.ADMIN_LOCALE_DIR) / "vi" / "LC_MESSAGES"
