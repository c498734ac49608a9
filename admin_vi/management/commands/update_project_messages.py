"""Extract the project's own strings into locale/vi and give each its Vietnamese.

Vietnamese is the source language of our code, so a string's translation is the string itself; the command
fills those in, so that `makemessages` never leaves a project string untranslated. Source strings without a
single Vietnamese letter are listed for a person to check: they may be English left in the code.
"""

import re

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

# Tests mention English msgids on purpose (to check their Vietnamese); they are not UI strings.
IGNORE = [
    ".venv",
    "venv",
    "node_modules",
    "media",
    "staticfiles",
    "locale_wagtail",
    "bench",
    "scripts",
    "*/tests/*",
    "conftest.py",
]
VIETNAMESE_LETTER = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)


def fill_source_translations(po):
    """Give every untranslated (or fuzzy) entry its own text; returns entries that look like English."""
    suspicious = []
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            if entry.fuzzy or not entry.msgstr_plural.get(0):
                entry.msgstr_plural = {0: entry.msgid_plural}
        elif entry.fuzzy or not entry.msgstr:
            entry.msgstr = entry.msgid
        if entry.fuzzy:
            entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        if not VIETNAMESE_LETTER.search(entry.msgid) and re.search(r"[A-Za-z]{3}", entry.msgid):
            suspicious.append(entry)
    po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    po.metadata["Language"] = "vi"
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    return suspicious


class Command(BaseCommand):
    help = "Trích chuỗi của dự án vào locale/vi (makemessages) và điền bản dịch tiếng Việt (chính chuỗi gốc)."

    def handle(self, *args, **options):
        call_command("makemessages", locale=["vi"], ignore_patterns=IGNORE, no_obsolete=True, verbosity=0)
        path = settings.LOCALE_PATHS[0] / "vi" / "LC_MESSAGES" / "django.po"
        po = polib.pofile(str(path), wrapwidth=0)
        suspicious = fill_source_translations(po)
        po.save(str(path))
        for entry in suspicious:
            where = ", ".join(f"{file}:{line}" for file, line in entry.occurrences)
            self.stderr.write(f"Chuỗi không có chữ tiếng Việt, hãy kiểm tra: {entry.msgid!r} ({where})")
        self.stdout.write(f"{len([e for e in po if not e.obsolete])} chuỗi của dự án trong {path}.")
        call_command("compilemessages", locale=["vi"], ignore_patterns=[".venv", "*/site-packages/*"], verbosity=0)
