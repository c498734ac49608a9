import datetime
import unicodedata

import pytest
from django.utils import timezone

from news.models import ArticlePage

pytestmark = pytest.mark.django_db


def test_slug_is_ascii_and_keeps_d(ward_site, make_article):
    page = make_article(ward_site, "Đảng uỷ phường Hồng Gai tổ chức hội nghị")
    assert page.slug == "dang-uy-phuong-hong-gai-to-chuc-hoi-nghi"


def test_slug_is_unique_per_parent_only(ward_site, other_site, make_article):
    first = make_article(ward_site, "Họp dân khu 5")
    second = make_article(ward_site, "Họp dân khu 5")
    elsewhere = make_article(ward_site, "Họp dân khu 5", category="chinh-quyen")
    other_ward = make_article(other_site, "Họp dân khu 5")
    assert first.slug == "hop-dan-khu-5"
    assert second.slug == "hop-dan-khu-5-2"
    assert elsewhere.slug == other_ward.slug == "hop-dan-khu-5"


def test_long_title_gives_a_slug_of_at_most_80_characters_even_with_suffix(ward_site, make_article):
    title = "Ủy ban nhân dân phường triển khai kế hoạch " + "chỉnh trang đô thị và vệ sinh môi trường " * 3
    first = make_article(ward_site, title)
    second = make_article(ward_site, title)
    assert len(first.slug) <= 80 and len(second.slug) <= 80
    assert second.slug.endswith("-2") and second.slug != first.slug
    assert first.slug.isascii()


def test_text_is_normalised_on_save(ward_site, make_article):
    decomposed = unicodedata.normalize("NFD", "Hoà  giải\u200b ở   cơ sở")
    page = make_article(
        ward_site, decomposed, lead="  Tóm\u00a0tắt   có\ufeff khoảng trắng  ", source=" Ban  biên tập "
    )
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.title == "Hoà giải ở cơ sở"
    assert unicodedata.is_normalized("NFC", page.title)
    assert page.lead == "Tóm tắt có khoảng trắng"
    assert page.source == "Ban biên tập"


def test_body_text_is_stored_nfc(ward_site, make_article):
    page = make_article(ward_site, "Bài có thân bài NFD", body=unicodedata.normalize("NFD", "<p>Khoẻ  mạnh</p>"))
    stored = ArticlePage.objects.get(pk=page.pk).body.raw_data[0]["value"]
    assert stored == "<p>Khoẻ mạnh</p>"


def test_times_are_stored_in_utc(ward_site, make_article):
    local = datetime.datetime(2023, 3, 28, 8, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
    page = make_article(ward_site, "Hội nghị sơ kết", published=local)
    stored = ArticlePage.objects.get(pk=page.pk).published_at
    assert stored.utcoffset() == datetime.timedelta(0)
    assert stored.hour == 1 and stored.minute == 30


def test_in_section_lists_only_live_articles_newest_first(ward_site, make_article):
    now = timezone.now()
    old = make_article(ward_site, "Tin cũ", published=now - datetime.timedelta(days=3))
    new = make_article(ward_site, "Tin mới", published=now - datetime.timedelta(days=1))
    draft = make_article(ward_site, "Bản nháp")
    draft.unpublish()
    assert list(ArticlePage.objects.in_section(ward_site.root_page)) == [new, old]
