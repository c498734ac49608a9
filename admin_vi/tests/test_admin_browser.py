"""A ward editor's round of the admin in Chromium: no screen may show English the catalogue translates."""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from admin_vi.catalogues import PLACEHOLDER, collect_messages, same_in_vietnamese

pytestmark = [
    pytest.mark.browser,
    # A live server needs a transactional database; the Editors group a flush removes is made again by the
    # ward_editor fixture.
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("compiled_catalogues"),
]

# Every text node a person can see, plus the words on inputs and the placeholders of empty fields.
VISIBLE_TEXT_JS = """
() => {
  const out = [];
  const shown = (el) => {
    if (!el) return false;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') return false;
    if (el.closest('[hidden], [aria-hidden="true"], .w-sr-only, template, script, style, noscript')) return false;
    return el.getClientRects().length > 0;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode.nodeValue.replace(/\\s+/g, ' ').trim();
    if (text && shown(walker.currentNode.parentElement)) out.push(text);
  }
  for (const el of document.querySelectorAll('input[placeholder], textarea[placeholder], input[type=submit]')) {
    if (!shown(el)) continue;
    if (el.placeholder) out.push(el.placeholder.trim());
    if (el.type === 'submit' && el.value) out.push(el.value.trim());
  }
  return out;
}
"""


def _clean(text):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text)).strip()


@pytest.fixture(scope="module")
def english_catalogue():
    """The English text of every admin message that has Vietnamese: exact strings and, for messages with
    placeholders, patterns with the placeholders as wildcards."""
    exact, patterns = set(), []
    with translation.override("vi"):
        for message in collect_messages().values():
            for english in filter(None, (message.msgid, message.msgid_plural)):
                if same_in_vietnamese(english):
                    continue
                if PLACEHOLDER.search(english.replace("<", "").replace(">", "")):
                    literal = _clean(PLACEHOLDER.sub(" ", english))
                    if len(literal.split()) >= 2:
                        parts = [re.escape(_clean(part)) for part in PLACEHOLDER.split(english)]
                        patterns.append(r"\s*.+?\s*".join(part for part in parts if part) or literal)
                else:
                    exact.add(_clean(english))
    exact.discard("")
    return exact, re.compile("|".join(f"(?:{p})" for p in patterns if p))


def untranslated(tab, english_catalogue):
    exact, pattern = english_catalogue
    found = []
    for text in tab.evaluate(VISIBLE_TEXT_JS):
        candidate = text.strip(" :…")
        if text in exact or candidate in exact or pattern.fullmatch(text):
            found.append(text)
    return sorted(set(found))


def check(tab, english_catalogue, screen):
    tab.wait_for_load_state("networkidle")
    assert tab.locator("html").get_attribute("lang") == "vi", screen
    assert "Wagtail" not in tab.title(), f"tiêu đề thẻ trình duyệt của màn hình {screen}: {tab.title()}"
    assert untranslated(tab, english_catalogue) == [], f"chữ tiếng Anh còn trên màn hình {screen}"


def test_ward_editor_sees_the_admin_in_vietnamese(serial_live_server, page, ward_site, ward_editor, english_catalogue):
    from wagtail.rich_text import RichText

    from news.models import ArticlePage, CategoryPage

    category = CategoryPage.objects.child_of(ward_site.root_page).first()
    article = ArticlePage(
        title="Lịch tiếp công dân tháng 12",
        lead="Chủ tịch UBND phường tiếp dân.",
        body=[("paragraph", RichText("<p>Tiếp dân sáng thứ Năm hằng tuần tại trụ sở.</p>"))],
        live=False,
    )
    article.owner = ward_editor
    category.add_child(instance=article)
    article.save_revision(user=ward_editor)

    page.set_viewport_size({"width": 1280, "height": 900})
    base = serial_live_server.url + "/admin"

    page.goto(base + "/login/")
    check(page, english_catalogue, "đăng nhập")
    page.fill("input[name=username]", "bientap")
    page.fill("input[name=password]", "mat-khau-bien-tap")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(base + "/")
    assert page.get_by_role("heading", name="Bản nháp của bạn").is_visible()
    check(page, english_catalogue, "trang tổng quan")

    page.goto(f"{base}/pages/{category.pk}/")
    assert page.get_by_text("Lịch tiếp công dân tháng 12").first.is_visible()
    check(page, english_catalogue, "cây trang")

    page.goto(f"{base}/pages/{article.pk}/edit/")
    assert page.get_by_text("Tiêu đề bài viết, ngắn gọn và đủ ý").first.is_visible()
    check(page, english_catalogue, "sửa bài viết")

    # The date picker's apply button is written in English by the picker itself, hidden or not.
    page.locator("#id_published_at").click()
    expect(page.locator(".xdsoft_datetimepicker:visible").first).to_be_visible()
    labels = page.eval_on_selector_all(".xdsoft_save_selected", "buttons => buttons.map(b => b.textContent)")
    assert labels and set(labels) == {"Lưu lựa chọn"}
    check(page, english_catalogue, "lịch chọn ngày")
    page.keyboard.press("Escape")

    # Wagtail's default workflow (renamed "Quy trình duyệt bài") covers the tree: the editor submits it.
    page.locator("footer .w-dropdown__toggle, [data-w-dropdown-target='toggle']").last.click()
    # Each ward's own approval workflow names the button (editorial.roles).
    submit = page.get_by_role("button", name=re.compile(r"^Gửi duyệt"))
    assert submit.first.is_visible()
    check(page, english_catalogue, "menu thao tác của bài viết")
    submit.first.click()
    expect(page.get_by_text("Đã gửi duyệt trang").first).to_be_visible()
    check(page, english_catalogue, "cây trang sau khi gửi duyệt")

    # Back in the editor the status side panel tells where the article is in the workflow; its
    # "view details" opens the workflow progress dialog.
    page.goto(f"{base}/pages/{article.pk}/edit/")
    page.get_by_role("button", name=re.compile("trạng thái", re.IGNORECASE)).first.click()
    details = page.locator("button:visible", has_text="Xem chi tiết")
    expect(details.first).to_be_visible()
    check(page, english_catalogue, "bảng trạng thái của bài viết")
    details.first.click()
    dialog = page.get_by_role("dialog").filter(has_text=re.compile("Quy trình duyệt bài|Biên tập → Duyệt"))
    expect(dialog.first).to_be_visible()
    expect(dialog.first).to_contain_text(re.compile("Kiểm duyệt|Biên tập"))
    check(page, english_catalogue, "hộp thoại quy trình duyệt")

    page.goto(f"{base}/images/")
    check(page, english_catalogue, "thư viện ảnh")

    page.goto(f"{base}/settings/wards/wardsettings/{ward_site.pk}/")
    assert page.get_by_label("Tên phường, xã").first.is_visible()
    check(page, english_catalogue, "cài đặt phường")
