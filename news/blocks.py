"""StreamField blocks of an article body; each renders through its own template."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageChooserBlock

from core.text import normalize_html, normalize_text

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h2", "h3", "h4", "hr", "superscript", "subscript"]


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    def get_prep_value(self, value):
        return normalize_html(super().get_prep_value(value))

    class Meta:
        icon = "pilcrow"
        label = _("Đoạn văn")
        template = "news/blocks/paragraph.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Ảnh"))
    caption = blocks.CharBlock(label=_("Chú thích"), required=False, max_length=255)

    def get_prep_value(self, value):
        prep = super().get_prep_value(value)
        prep["caption"] = normalize_text(prep.get("caption") or "")
        return prep

    class Meta:
        icon = "image"
        label = _("Ảnh có chú thích")
        template = "news/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Trích dẫn"))
    attribution = blocks.CharBlock(label=_("Người phát biểu"), required=False, max_length=255)

    def get_prep_value(self, value):
        prep = super().get_prep_value(value)
        prep["text"] = normalize_text(prep.get("text") or "", multiline=True)
        prep["attribution"] = normalize_text(prep.get("attribution") or "")
        return prep

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn")
        template = "news/blocks/quote.html"


class ArticleTableBlock(TableBlock):
    class Meta:
        icon = "table"
        label = _("Bảng")
        template = "news/blocks/table.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    table = ArticleTableBlock()
