"""Write the Vietnamese catalogue of the Wagtail admin from admin_vi/translations/*.tsv.

Run after a Wagtail upgrade: it lists every admin message still lacking Vietnamese (with its key, to add to
a .tsv file) and refuses to write a catalogue whose placeholders or HTML tags differ from the English.
"""

import datetime

import polib
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from admin_vi.catalogues import (
    admin_locale_dir,
    collect_messages,
    load_authored,
    old_tone_style,
    placeholders,
)

HEADER = {
    "Project-Id-Version": "ward-portal admin (Wagtail)",
    "Language": "vi",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=1; plural=0;",
}


def _texts(po):
    return {
        (entry.msgctxt, entry.msgid, entry.msgid_plural): entry.msgstr_plural.get(0)
        if entry.msgid_plural
        else entry.msgstr
        for entry in po
        if not entry.obsolete
    }


class Command(BaseCommand):
    help = "Ghi bản dịch tiếng Việt của trang quản trị Wagtail (locale_wagtail/vi) từ admin_vi/translations/*.tsv."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Chỉ kiểm tra, không ghi tệp.")
        parser.add_argument("--no-compile", action="store_true", help="Không chạy compilemessages sau khi ghi.")

    def handle(self, *args, check=False, no_compile=False, **options):
        messages = collect_messages()
        authored = load_authored()
        problems = []
        catalogues = {domain: polib.POFile(wrapwidth=0) for domain in ("django", "djangojs")}
        for po in catalogues.values():
            po.metadata = dict(HEADER, **{"PO-Revision-Date": datetime.date.today().isoformat()})
        for key, message in sorted(messages.items(), key=lambda item: (item[1].msgctxt, item[1].msgid)):
            if key not in authored:
                problems.append(f"thiếu bản dịch: {key}\t{message.msgid!r}")
                continue
            text, where = authored[key]
            if text == "=":
                if not message.upstream:
                    problems.append(f"{where}: '=' nhưng Wagtail không có bản dịch cho {message.msgid!r}")
                    continue
                text = message.upstream
            text = old_tone_style(text)
            english = message.msgid_plural or message.msgid
            if placeholders(text) != placeholders(english):
                problems.append(
                    f"{where}: biến/thẻ khác bản gốc: {placeholders(english)} ≠ {placeholders(text)} ({english!r})"
                )
                continue
            for domain in message.domains:
                entry = polib.POEntry(msgid=message.msgid, msgctxt=message.msgctxt or None)
                if message.msgid_plural:
                    entry.msgid_plural = message.msgid_plural
                    entry.msgstr_plural = {0: text}
                else:
                    entry.msgstr = text
                entry.occurrences = [(source, "") for source in sorted(message.sources)]
                catalogues[domain].append(entry)
        stale = sorted(set(authored) - set(messages))
        for key in stale:
            self.stderr.write(f"{authored[key][1]}: khoá {key} không còn trong Wagtail đang cài (có thể xoá)")
        if problems:
            raise CommandError("\n".join(problems))
        total = sum(len(po) for po in catalogues.values())
        directory = admin_locale_dir()
        if check:
            for domain, po in catalogues.items():
                if _texts(po) != _texts(polib.pofile(str(directory / f"{domain}.po"))):
                    raise CommandError(f"{directory / domain}.po khác nguồn .tsv: hãy chạy build_admin_translations.")
            self.stdout.write(f"Đủ bản dịch: {len(messages)} thông điệp ({total} mục trong các catalogue).")
            return
        directory.mkdir(parents=True, exist_ok=True)
        for domain, po in catalogues.items():
            po.save(str(directory / f"{domain}.po"))
        self.stdout.write(f"Đã ghi {total} mục cho {len(messages)} thông điệp vào {directory}.")
        if not no_compile:
            call_command("compilemessages", locale=["vi"], ignore_patterns=[".venv", "*/site-packages/*"], verbosity=0)
