"""The hostile corpus (core/tests/hostile_corpus.py) through every way content gets in: each comes out inert
or is refused with a clear message, never a server error."""

import contextlib
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from PIL import Image
from wagtail.images import get_image_model
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text, streamfield

from core.tests.hostile_corpus import HOSTILE_STRINGS, assert_inert_html
from editorial.roles import site_collection
from editorial.tests.fixtures import login_verified
from news.models import ArticlePage, CategoryPage


@pytest.fixture
def admin_client(client, ward_site, django_user_model):
    admin = django_user_model.objects.create_superuser("sieu-quan-tri", "sq@example.org", "Tre-Xanh-Ven-Bien-9")
    return login_verified(client, admin)


HOSTILE_URLS = ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x"]


def _contentstate(text, url):
    """What Draftail posts: raw editor state, as an attacker could forge it, with a link entity."""
    text = text[:2000] or "x"
    block = {
        "key": "h0st1",
        "text": text,
        "type": "unstyled",
        "depth": 0,
        "inlineStyleRanges": [{"offset": 0, "length": min(4, len(text)), "style": "BOLD"}],
        "entityRanges": [{"offset": 0, "length": min(5, len(text)), "key": 0}],
        "data": {},
    }
    entity = {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}
    return json.dumps({"blocks": [block], "entityMap": {"0": entity}})


def _paragraphs(hostile, number):
    """Hostile markup as pasted into the editor (converted like Draftail does) and as forged editor state."""
    items = [("paragraph", _contentstate(hostile, HOSTILE_URLS[number % len(HOSTILE_URLS)]))]
    # Wagtail's HTML→editor converter (used only here, to mimic a paste) gives up on some markup.
    with contextlib.suppress(AssertionError):
        items.append(("paragraph", rich_text(hostile)))
    return items


def _add_form_data(client, category):
    url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", category.pk])
    response = client.get(url)
    assert response.status_code == 200
    return url, querydict_from_html(response.content.decode(), form_id="page-edit-form")


def test_corpus_through_the_admin_editor(admin_client, ward_site):
    category = CategoryPage.objects.child_of(ward_site.root_page).get(slug="tin-tuc-su-kien")
    url, base = _add_form_data(admin_client, category)
    published = refused = 0
    for number, hostile in enumerate(HOSTILE_STRINGS):
        data = base.copy()
        fields = nested_form_data(
            {
                "title": hostile[:255],
                "slug": f"bai-thu-{number}",
                "lead": hostile,
                "source": hostile[:255],
                "author": hostile[:255],
                "body": streamfield(
                    [*_paragraphs(hostile, number), ("quote", {"text": hostile, "attribution": hostile[:255]})]
                ),
                "seo_title": hostile[:255],
                "search_description": hostile,
                "action-publish": "action-publish",
            }
        )
        for key, value in fields.items():
            data[key] = value
        # ISO input: Django's Vietnamese locale has no day-first input formats (the admin-vi branch adds them).
        data["published_at"] = "2026-03-01 08:00"
        response = admin_client.post(url, data)
        assert response.status_code in (200, 302), (hostile[:60], response.status_code)
        if response.status_code == 200:
            # Refused: the form comes back with a Vietnamese explanation, nothing is saved.
            refused += 1
            assert not ArticlePage.objects.filter(slug=f"bai-thu-{number}").exists()
            continue
        published += 1
        page = ArticlePage.objects.get(slug=f"bai-thu-{number}")
        assert page.live
        assert "\u202e" not in page.title and "\u200b" not in page.title
        public = admin_client.get(page.url)
        assert public.status_code == 200
        assert_inert_html(public.content.decode())
        # The edit form shows the stored values back without running them.
        edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert edit.status_code == 200
    assert published >= len(HOSTILE_STRINGS) - 5, (published, refused)
    # Listings and the home page show all these titles together.
    assert_inert_html(admin_client.get(category.url).content.decode())
    assert_inert_html(admin_client.get("/").content.decode())


def test_corpus_through_the_import_command(ward_site, tmp_path, client):
    lines = []
    for number, hostile in enumerate(HOSTILE_STRINGS):
        lines.append(
            json.dumps(
                {
                    "title": hostile[:200] or "trống",
                    "published": "2026-03-01T08:00:00+07:00",
                    "lead": hostile,
                    "body": f"<p>{hostile}</p>{hostile}",
                    "category": "tin-tuc-su-kien",
                    "source": hostile[:200],
                    # A hostile link refuses the whole line (odd lines); even lines carry none.
                    **({"source_url": HOSTILE_URLS[number % len(HOSTILE_URLS)]} if number % 2 else {}),
                    "tags": [hostile[:50]],
                    "original_url": f"https://cong-cu.example/bai/{number}",
                },
                ensure_ascii=False,
            )
        )
    lines += ["{không phải json", json.dumps({"title": "<script>x</script>"}), json.dumps([1, 2])]
    source = tmp_path / "hostile.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")

    stderr = io.StringIO()
    with pytest.raises(CommandError):  # some lines are refused, each reported with its number
        call_command("import_articles", str(source), stderr=stderr, stdout=io.StringIO())
    for line in stderr.getvalue().splitlines():
        assert line.startswith("Dòng "), line
    assert f"Dòng {len(HOSTILE_STRINGS) + 1}:" in stderr.getvalue()

    imported = ArticlePage.objects.live()
    assert imported.count() >= len(HOSTILE_STRINGS) // 2 - 2, stderr.getvalue()
    for number in range(1, len(HOSTILE_STRINGS), 2):
        assert f"Dòng {number + 1}:" in stderr.getvalue()
    for page in imported:
        assert not page.source_url.startswith("javascript:")
        response = client.get(page.url)
        assert response.status_code == 200
        assert_inert_html(response.content.decode())


def test_corpus_in_query_strings_of_public_urls(client, ward_site, make_article):
    """The search box (/tim-kiem/ once the search app is merged) and any other public URL."""
    article = make_article(ward_site, "Bài để thử đường dẫn")
    for hostile in HOSTILE_STRINGS:
        for path in ("/tim-kiem/", "/", article.url, "/tin-tuc-su-kien/"):
            response = client.get(path, {"q": hostile, "page": hostile, "trang": hostile})
            assert response.status_code < 500, (path, hostile[:40])
            assert_inert_html(response.content.decode())


def test_corpus_as_upload_file_names(client, ward_site, django_user_model, settings):
    admin = django_user_model.objects.create_superuser("quan-tri-anh", "qa@example.org", "Tre-Xanh-Ven-Bien-9")
    login_verified(client, admin)
    names = [
        "../../../etc/passwd.png",
        "..\\..\\windows\\anh.png",
        "anh\u202egnp.exe.png",
        "a" * 300 + ".png",
        "<script>alert(1)</script>.png",
        "\x00nul.png",
        ".htaccess.png",
    ]
    for number, name in enumerate(names):
        buffer = io.BytesIO()
        Image.new("RGB", (20, 20), (number * 30, 0, 0)).save(buffer, format="PNG")
        buffer.seek(0)
        buffer.name = name
        response = client.post(
            reverse("wagtailimages:add"),
            {"title": f"Ảnh {number}", "file": buffer, "collection": site_collection(ward_site).pk, "tags": ""},
        )
        assert response.status_code in (200, 302), name
    from pathlib import Path

    media = Path(settings.MEDIA_ROOT).resolve()
    for image in get_image_model().objects.all():
        stored = Path(image.file.path).resolve()
        assert stored.is_relative_to(media / "original_images"), stored
        assert ".." not in image.file.name and "\u202e" not in image.file.name and "<" not in image.file.name
    assert get_image_model().objects.count() >= len(names) - 2
