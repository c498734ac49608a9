"""The demo wards' articles (news/demo/articles.jsonl, our own writing) with drawn illustrations;
load_demo_content calls load."""

import json
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from news.importing import ArticleImporter
from news.models import ArticlePage
from wards.demo.images import illustration_bytes, save_image

ARTICLES = Path(__file__).resolve().parent / "demo" / "articles.jsonl"
ILLUSTRATION_CAPTION = "Ảnh minh hoạ của nội dung mẫu"


def load(sites):
    """Import the demo articles into the demo wards (`sites`: key in the file → Site); the newest of each ward
    leads its home page. Importing again changes nothing."""
    records = [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines()]
    newest = {}
    for record in records:
        if record["published"] > newest.get(record["site"], {}).get("published", ""):
            newest[record["site"]] = record
    importer = ArticleImporter()
    created = 0
    for number, record in enumerate(records, start=1):
        record["featured"] = record is newest[record["site"]]
        record["site"] = sites[record["site"]].hostname
        created += importer.import_record(record) == "created"
        _add_illustration(record, number)
    return _("Bài viết mẫu: %(articles)d bài viết (%(created)d bài mới).") % {
        "articles": ArticlePage.objects.count(),
        "created": created,
    }


def _add_illustration(record, number):
    article = ArticlePage.objects.filter(original_url=record["original_url"]).first()
    if article is None or article.featured_image_id:
        return
    image = save_image(
        record["title"], illustration_bytes(record["original_url"]), f"minh-hoa-{number}.jpg", ILLUSTRATION_CAPTION
    )
    with transaction.atomic():
        article.featured_image = image
        article.save_revision().publish()
