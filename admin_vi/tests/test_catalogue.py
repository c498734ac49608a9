"""The Wagtail admin must read in Vietnamese: every message of the installed version, and all of ours."""

import shutil

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import trans_real

from admin_vi.catalogues import (
    admin_facing_apps,
    admin_locale_dir,
    collect_messages,
    has_new_tone_style,
    old_tone_style,
    placeholders,
    same_in_vietnamese,
)
from admin_vi.management.commands.update_project_messages import IGNORE, fill_source_translations

pytestmark = pytest.mark.usefixtures("compiled_catalogues")


def effective(message, domain):
    """What a Vietnamese user actually sees for this message, through Django's normal lookup."""
    if domain == "djangojs":
        catalogue = trans_real.DjangoTranslation("vi", domain="djangojs")
        if message.msgid_plural:
            if message.msgctxt:
                return catalogue.npgettext(message.msgctxt, message.msgid, message.msgid_plural, 5)
            return catalogue.ngettext(message.msgid, message.msgid_plural, 5)
        if message.msgctxt:
            return catalogue.pgettext(message.msgctxt, message.msgid)
        return catalogue.gettext(message.msgid)
    with translation.override("vi"):
        if message.msgid_plural:
            if message.msgctxt:
                return translation.npgettext(message.msgctxt, message.msgid, message.msgid_plural, 5)
            return translation.ngettext(message.msgid, message.msgid_plural, 5)
        if message.msgctxt:
            return translation.pgettext(message.msgctxt, message.msgid)
        return translation.gettext(message.msgid)


def test_the_collection_covers_the_admin_facing_apps():
    apps = admin_facing_apps()
    for name in ("wagtail", "wagtail.admin", "wagtail.images", "wagtail.contrib.settings", "django.contrib.auth"):
        assert name in apps
    messages = collect_messages()
    # Wagtail 8's admin alone has close to a thousand messages; a broken collection finds far fewer.
    assert len(messages) > 1500
    assert any("djangojs" in m.domains for m in messages.values())
    assert any(m.msgid_plural for m in messages.values())


def test_an_add_on_without_catalogues_is_read_from_its_source():
    # wagtail-modeltranslation ships no .po files: its messages are extracted from its code and templates.
    assert "wagtail_modeltranslation" in admin_facing_apps()
    sources = {m.msgid: m.sources for m in collect_messages().values()}
    assert "wagtail_modeltranslation" in sources["View / edit fields for"]
    assert "wagtail_modeltranslation" in sources["Copy this page"]


def test_every_admin_message_reads_in_vietnamese():
    missing = []
    for message in collect_messages().values():
        for domain in message.domains:
            text = effective(message, domain)
            english = message.msgid_plural or message.msgid
            if not text.strip() or (text in {message.msgid, english} and not same_in_vietnamese(message.msgid)):
                missing.append(f"[{domain}] {message.msgid!r}")
    assert missing == [], f"{len(missing)} thông điệp chưa có tiếng Việt:\n" + "\n".join(missing[:50])


def test_our_catalogue_wins_over_wagtails_own_vietnamese():
    # Wagtail ships "Thu hồi xuất bản" for Unpublish; our glossary says "Huỷ xuất bản".
    with translation.override("vi"):
        assert translation.gettext("Unpublish") == "Huỷ xuất bản"
        assert translation.gettext("Edit") == "Sửa"
    ours = {entry.msgid: entry.msgstr for entry in polib.pofile(str(admin_locale_dir() / "django.po"))}
    for message in list(collect_messages().values())[:400]:
        if "django" in message.domains and not message.msgid_plural and not message.msgctxt:
            assert effective(message, "django") == ours[message.msgid]


def test_placeholders_tags_and_plural_forms_are_kept():
    for domain in ("django", "djangojs"):
        po = polib.pofile(str(admin_locale_dir() / f"{domain}.po"))
        assert po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
        for entry in po:
            if entry.msgid_plural:
                assert set(entry.msgstr_plural) == {0}
                assert placeholders(entry.msgstr_plural[0]) == placeholders(entry.msgid_plural), entry.msgid
            else:
                assert placeholders(entry.msgstr) == placeholders(entry.msgid), entry.msgid
    # A plural message really formats with Vietnamese's single form.
    with translation.override("vi"):
        text = translation.ngettext("Delete 1 page", "Delete %(counter)s pages", 1) % {"counter": 1}
    assert text == "Xoá 1 trang"


def test_one_tone_placement_style_throughout():
    assert old_tone_style("Hóa đơn, khóa, hòa giải, ủy ban, tùy chọn, thủy lợi") == (
        "Hoá đơn, khoá, hoà giải, uỷ ban, tuỳ chọn, thuỷ lợi"
    )
    assert not has_new_tone_style("quý, hoàng, khuỷu, toán")
    catalogues = [admin_locale_dir() / "django.po", admin_locale_dir() / "djangojs.po"]
    catalogues.append(settings.LOCALE_PATHS[0] / "vi" / "LC_MESSAGES" / "django.po")
    for path in catalogues:
        for entry in polib.pofile(str(path)):
            for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                assert not has_new_tone_style(text), f"{path.name}: {text!r}"


def test_catalogue_is_built_from_the_tsv_sources(capsys):
    # Fails when a .tsv was edited (or Wagtail upgraded) without rebuilding the catalogue.
    call_command("build_admin_translations", check=True)
    assert "Đủ bản dịch" in capsys.readouterr().out


def test_makemessages_leaves_no_untranslated_project_string(tmp_path, settings):
    committed = settings.LOCALE_PATHS[0] / "vi" / "LC_MESSAGES" / "django.po"
    work = tmp_path / "locale" / "vi" / "LC_MESSAGES"
    work.mkdir(parents=True)
    shutil.copy(committed, work / "django.po")
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    call_command("makemessages", locale=["vi"], ignore_patterns=IGNORE, verbosity=0)
    po = polib.pofile(str(work / "django.po"))
    live = [entry for entry in po if not entry.obsolete]
    # Strings we know are marked in the code, so extraction really ran over the project.
    msgids = {entry.msgid for entry in live}
    assert {"sapo (tóm tắt)", "Bản nháp của bạn", "Tin bài mới nhất của %(ward)s", "Thứ Hai"} <= msgids
    untranslated = [entry.msgid for entry in live if entry.fuzzy or not (entry.msgstr or entry.msgstr_plural.get(0))]
    assert untranslated == [], "chạy `manage.py update_project_messages`: " + ", ".join(untranslated[:20])


def test_filling_source_translations_flags_english_left_in_code():
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Bản nháp của bạn", msgstr=""))
    po.append(polib.POEntry(msgid="Save draft", msgstr=""))
    suspicious = fill_source_translations(po)
    assert [entry.msgid for entry in suspicious] == ["Save draft"]
    assert po.find("Bản nháp của bạn").msgstr == "Bản nháp của bạn"
    assert po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"


def test_project_catalogue_does_not_shadow_admin_messages():
    # locale/ is read before locale_wagtail/: an English msgid of ours would hide the admin's Vietnamese.
    admin_msgids = {message.msgid for message in collect_messages().values()}
    ours = polib.pofile(str(settings.LOCALE_PATHS[0] / "vi" / "LC_MESSAGES" / "django.po"))
    assert [entry.msgid for entry in ours if entry.msgid in admin_msgids and entry.msgstr == entry.msgid] == []
