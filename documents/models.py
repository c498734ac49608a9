"""Official documents (văn bản): per-site lists of types and fields, the /van-ban/ section and its documents."""

import datetime
import json
import os
import re

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, PageChooserPanel
from wagtail.contrib.routable_page.models import path, re_path
from wagtail.models import Orderable, PageManager, Site
from wagtail.search import index

from core.content import ContentKind, SearchFields
from core.forms import PortalPageForm
from core.models import BasePage, PortalPageQuerySet, RoutableBasePage
from core.sections import ensure_section
from core.text import fold, normalize_text, vn_slugify
from documents import status as statuses
from documents.numbers import number_key

# Each ward site starts with these lists; its staff edit them (Snippets → Loại văn bản, Lĩnh vực).
STANDARD_TYPES = [
    "Nghị quyết",
    "Quyết định",
    "Chỉ thị",
    "Kế hoạch",
    "Thông báo",
    "Báo cáo",
    "Công văn",
    "Hướng dẫn",
    "Tờ trình",
]
STANDARD_FIELDS = [
    "Hành chính",
    "Đất đai – Xây dựng",
    "Tài chính – Ngân sách",
    "Văn hoá – Xã hội",
    "Y tế – Giáo dục",
    "An ninh – Quốc phòng",
    "Phòng chống thiên tai",
]
INDEX_SLUG = "van-ban"
_FOLDED_WORD = re.compile(r"[^\W_]+")
INDEX_TITLE = "Văn bản"

# JSON-LD sits inside a <script>; these characters must not close it.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


class SiteList(models.Model):
    """An entry of a per-site list edited by the ward's staff."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+", verbose_name=_("trang phường"))
    name = models.CharField(_("tên"), max_length=100)
    slug = models.SlugField(_("mã trên địa chỉ"), max_length=100, blank=True, help_text=_("Để trống: tạo từ tên."))
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        abstract = True
        ordering = ["site", "sort_order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = normalize_text(self.name)
        self.slug = vn_slugify(self.slug or self.name, 100)
        super().save(*args, **kwargs)

    @classmethod
    def ensure_standard(cls, site, names):
        for order, name in enumerate(names):
            cls.objects.get_or_create(
                site=site, slug=vn_slugify(name, 100), defaults={"name": name, "sort_order": order}
            )


class DocumentType(SiteList):
    class Meta(SiteList.Meta):
        verbose_name = _("loại văn bản")
        verbose_name_plural = _("loại văn bản")
        constraints = [models.UniqueConstraint(fields=["site", "slug"], name="documents_type_unique_slug")]


class DocumentField(SiteList):
    class Meta(SiteList.Meta):
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        constraints = [models.UniqueConstraint(fields=["site", "slug"], name="documents_field_unique_slug")]


def _set_up_documents(home):
    """A new ward site's lists and its /van-ban/ section (ContentKind.home_setup): idempotent."""
    site = home.sites_rooted_here.first()
    if site is not None:
        DocumentType.ensure_standard(site, STANDARD_TYPES)
        DocumentField.ensure_standard(site, STANDARD_FIELDS)
    ensure_section(home, DocumentIndexPage, INDEX_TITLE, INDEX_SLUG)


class DocumentIndexPage(RoutableBasePage):
    """The ward's documents (/van-ban/): newest first, with filters, and their RSS."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    normalised_fields = BasePage.normalised_fields + ("intro",)
    multiline_fields = BasePage.multiline_fields + ("intro",)

    parent_page_types = ["wards.HomePage"]
    subpage_types = ["documents.DocumentPage"]
    max_count_per_parent = 1
    content_kind = ContentKind(name="document_list", section=True, home_setup=_set_up_documents)

    class Meta:
        verbose_name = _("mục văn bản")
        verbose_name_plural = _("mục văn bản")

    def get_meta_description(self):
        return self.search_description or self.intro or _("Văn bản do chính quyền phường, xã ban hành.")

    @re_path(r"^$")
    def listing(self, request):
        from documents.listing import listing_context

        return self.render(request, context_overrides=listing_context(self, request))

    @path("rss/", name="rss")
    def rss(self, request):
        from documents.feeds import DocumentFeed

        return DocumentFeed()(request, section=self)


class DocumentPageQuerySet(PortalPageQuerySet):
    def in_section(self, page):
        """Published, public documents below `page`, newest first, ready to list."""
        return (
            self.live().public().descendant_of(page).select_related("doc_type", "doc_field").order_by("-issued", "-pk")
        )


def _locate(page_ids, words):
    """The first page of each document's files holding every one of the query's (folded) words."""
    found = {}
    files = DocumentFile.objects.filter(page_id__in=page_ids, document__file__iendswith=".pdf")
    for attached in files.order_by("page_id", "sort_order"):
        if attached.page_id in found:  # only PDFs have pages to point at
            continue
        for number, text in enumerate(attached.page_texts or [], start=1):
            if set(words) <= set(_FOLDED_WORD.findall(fold(text))):
                found[attached.page_id] = number
                break
    return found


def _issued_at(day):
    # Search orders and dates results by a moment: noon of the issue day, local time.
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def document_slug(doc_type, number, issued):
    """ "quyet-dinh-15-qd-ubnd-2025": unique under the section, as the number is per type and year."""
    return vn_slugify(f"{doc_type.name if doc_type else ''} {number or ''} {issued.year if issued else ''}", 80)


class DocumentPageForm(PortalPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:  # made from the type, number and year when left empty
            self.fields["slug"].required = False
        # Offer only this site's types and fields (the model's clean() refuses another site's anyway).
        parent = self.parent_page if getattr(self, "parent_page", None) is not None else None
        page = self.instance if self.instance.pk else parent
        site = page.get_site() if page is not None else None
        if site is not None:
            for name, model in (("doc_type", DocumentType), ("doc_field", DocumentField)):
                if name in self.fields:
                    self.fields[name].queryset = model.objects.filter(site=site)

    def clean(self):
        # A new page has no place in the tree yet; its site (for the number check) is its parent's.
        if not self.instance.path and getattr(self, "parent_page", None) is not None:
            self.instance._cached_parent_obj = self.parent_page
        data = self.cleaned_data
        if not data.get("slug"):
            data["slug"] = document_slug(data.get("doc_type"), data.get("number"), data.get("issued")) or "van-ban"
        return super().clean()


class DocumentPage(RoutableBasePage):
    """One official document: its number, dates, issuer, summary, files and relations to other documents."""

    base_form_class = DocumentPageForm

    number = models.CharField(_("số, ký hiệu"), max_length=60, help_text=_("Ví dụ: 15/QĐ-UBND."))
    number_key = models.CharField(max_length=80, editable=False, db_index=True)
    doc_type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("loại văn bản")
    )
    doc_field = models.ForeignKey(
        DocumentField, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("lĩnh vực")
    )
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, help_text=_("Ví dụ: UBND phường Hồng Gai."))
    signer = models.CharField(_("người ký"), max_length=120, blank=True)
    issued = models.DateField(_("ngày ban hành"), db_index=True)
    effective = models.DateField(
        _("ngày có hiệu lực"), null=True, blank=True, help_text=_("Để trống: như ngày ban hành.")
    )
    expires = models.DateField(
        _("ngày hết hiệu lực"), null=True, blank=True, help_text=_("Không bắt buộc. Hết hạn văn bản vẫn được đăng.")
    )
    summary = models.TextField(_("trích yếu"), help_text=_("Nội dung tóm tắt của văn bản, như ghi dưới số ký hiệu."))
    # Filled on save, never typed: the moment search dates it by, the text of its files, folded text for filters.
    issued_at = models.DateTimeField(editable=False, null=True)
    file_text = models.TextField(editable=False, blank=True)
    folded_text = models.TextField(editable=False, blank=True)
    # Kept by documents.status.refresh_acted_on, never typed: the earliest effective date of a live document
    # replacing or amending this one (the status compares it with today).
    replaced_on = models.DateField(editable=False, null=True)
    amended_on = models.DateField(editable=False, null=True)

    objects = PageManager.from_queryset(DocumentPageQuerySet)()

    content_panels = [
        FieldRowPanel([FieldPanel("doc_type"), FieldPanel("number")]),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("issuer"), FieldPanel("signer")]),
        FieldRowPanel([FieldPanel("issued"), FieldPanel("effective"), FieldPanel("expires")]),
        FieldPanel("doc_field"),
        InlinePanel("files", label=_("Tệp văn bản"), min_num=1),
        InlinePanel("relations", label=_("Liên quan đến văn bản khác")),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("number"),
        index.SearchField("summary"),
        index.SearchField("issuer"),
        index.FilterField("issued"),
    ]
    normalised_fields = BasePage.normalised_fields + ("number", "issuer", "signer", "summary")
    multiline_fields = BasePage.multiline_fields + ("summary",)

    parent_page_types = ["documents.DocumentIndexPage"]
    subpage_types = []
    content_kind = ContentKind(
        name="document",
        search=SearchFields(date="issued_at", lead="summary", body="file_text", locate=_locate),
        archive=True,
    )

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        # /van-ban/ filters by type, field or issuer, often with a year, and lists newest first.
        indexes = [
            models.Index(fields=["doc_type", "issued"], name="documents_type_issued"),
            models.Index(fields=["doc_field", "issued"], name="documents_field_issued"),
            models.Index(fields=["issuer", "issued"], name="documents_issuer_issued"),
        ]

    # --- what is derived on save ---------------------------------------------------------------------------

    def compose_title(self):
        """ "Quyết định 15/QĐ-UBND": the number alone in the title, so a search for it puts this document before
        those that only cite it (in their summary or files)."""
        kind = self.doc_type.name if self.doc_type_id else ""
        return normalize_text(f"{kind} {self.number or ''}")[:250]

    def _set_core_field_defaults(self):
        if self.number or self.summary:
            self.title = self.compose_title()
        if not self.slug and self.number:
            self.slug = document_slug(self.doc_type if self.doc_type_id else None, self.number, self.issued)
        super()._set_core_field_defaults()

    def full_clean(self, *args, **kwargs):
        if self.number or self.summary:
            self.title = self.compose_title()
        super().full_clean(*args, **kwargs)

    def derive_fields(self, page_texts=None):
        """Everything save() fills from the typed fields; `page_texts`: the files' text (None: read the files)."""
        self.normalise_text_fields()
        self.number_key = number_key(self.number)
        if self.number or self.summary:
            self.title = self.compose_title()
        self.issued_at = _issued_at(self.issued) if self.issued else None
        self.effective = self.effective or self.issued
        if page_texts is None:
            page_texts = []
            for attached in self.files.all():
                attached.read_text()
                page_texts.extend(attached.page_texts or [])
        self.file_text = "\n".join(page_texts)
        kind = self.doc_type.name if self.doc_type_id else ""
        field_name = self.doc_field.name if self.doc_field_id else ""
        spelled = " ".join(self.number_key.split("-"))
        self.folded_text = fold(" ".join([spelled, kind, field_name, self.summary or "", self.issuer, self.signer]))

    def save(self, *args, update_fields=None, **kwargs):
        self.derive_fields()
        acting = update_fields is None or bool(_ACTING_FIELDS & set(update_fields))
        # Going live or not, a new effective date or new relations change the documents this one acts on (those
        # it related to before included); a revision's copy of this document's own dates may be stale.
        before = set()
        if acting and self.pk:
            before = set(DocumentRelation.objects.filter(source_id=self.pk).values_list("target_id", flat=True))
        result = super().save(*args, update_fields=update_fields, **kwargs)
        if acting:
            statuses.refresh_acted_on(before | {self.pk}, source_id=self.pk)
        return result

    # --- checks --------------------------------------------------------------------------------------------

    def _site(self):
        parent = getattr(self, "_cached_parent_obj", None) or (self.get_parent() if self.path else None)
        return parent.get_site() if parent is not None else None

    def clean(self):
        super().clean()
        errors = {}
        if self.effective and self.issued and self.effective < self.issued:
            errors["effective"] = _("Ngày có hiệu lực không thể trước ngày ban hành.")
        if self.expires and self.issued and self.expires < self.issued:
            errors["expires"] = _("Ngày hết hiệu lực không thể trước ngày ban hành.")
        site = self._site()
        if site is not None and self.doc_type_id and self.doc_type.site_id != site.pk:
            errors["doc_type"] = _("Loại văn bản này thuộc trang phường khác.")
        if site is not None and self.doc_field_id and self.doc_field.site_id != site.pk:
            errors["doc_field"] = _("Lĩnh vực này thuộc trang phường khác.")
        clash = self.number_clash(site)
        if clash is not None:
            errors["number"] = _(
                "Số, ký hiệu “%(number)s” đã dùng cho một %(type)s năm %(year)s của phường: “%(title)s”. "
                "Mỗi số chỉ dùng một lần cho mỗi loại văn bản trong một năm."
            ) % {
                "number": self.number,
                "type": self.doc_type.name.lower(),
                "year": self.issued.year,
                "title": clash.title,
            }
        if errors:
            raise ValidationError(errors)

    def full_clean_for_import(self, section):
        """The checks staff get in the admin (number clash, dates, the site's lists), for the importer."""
        if not self.path:
            self._cached_parent_obj = section
        self.full_clean(exclude=["path", "depth", "content_type", "slug"] if not self.path else None)

    def number_clash(self, site):
        """Another document of the site with the same number, type and year, or None."""
        if site is None or not (self.number and self.doc_type_id and self.issued):
            return None
        # Types are the site's own list (clean() refuses another site's), so the type names the site: no tree
        # query, the number's index answers (this runs on every clean, four times a document on import).
        others = DocumentPage.objects.filter(
            doc_type_id=self.doc_type_id, issued__year=self.issued.year, number_key=number_key(self.number)
        )
        return others.exclude(pk=self.pk).first() if self.pk else others.first()

    # --- reading -------------------------------------------------------------------------------------------

    @property
    def in_force_from(self):
        return self.effective or self.issued

    def acted_on_by(self, day):
        """Relations of live documents in force on `day` that replace or amend this one."""
        return (
            DocumentRelation.objects.filter(
                target=self,
                kind__in=(statuses.REPLACES, statuses.AMENDS),
                source__live=True,
                source__effective__lte=day,
            )
            .select_related("source")
            .order_by("-source__issued")
        )

    def status(self, day=None):
        return statuses.status_of(self, day)

    def outgoing(self):
        """(label, document) of the relations this document declares, live targets only."""
        return [
            (relation.get_kind_display(), relation.target.specific)
            for relation in self.relations.all().select_related("target")
            if relation.target.live
        ]

    def incoming(self):
        """(label seen from this side, document) of live documents declaring a relation to this one."""
        found = DocumentRelation.objects.filter(target=self, source__live=True).select_related("source")
        return [(INCOMING_LABELS[relation.kind], relation.source) for relation in found]

    def get_meta_description(self):
        return self.search_description or self.summary

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["document_status"] = self.status()
        context["listed_files"] = list(self.files.all().select_related("document"))
        return context

    def json_ld(self, url, publisher=None):
        """schema.org Legislation for search engines, safe to put inside <script>."""
        data = {
            "@context": "https://schema.org",
            "@type": "Legislation",
            "name": self.title,
            "legislationIdentifier": self.number,
            "legislationType": self.doc_type.name,
            "abstract": self.summary,
            "legislationDate": self.issued,
            "legislationDateVersion": self.issued,
            "inLanguage": "vi",
            "url": url,
            "legislationLegalForce": _LEGAL_FORCE[self.status().code],
        }
        if publisher or self.issuer:
            data["legislationPassedBy"] = {"@type": "GovernmentOrganization", "name": self.issuer or publisher}
        if self.signer:
            data["legislationResponsible"] = {"@type": "Person", "name": self.signer}
        return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)

    @re_path(r"^$")
    def document(self, request):
        return self.render(request)

    # The file's name travels in Content-Disposition: Wagtail's page URLs allow no dot.
    @path("tep/<int:position>/", name="file")
    def download(self, request, position):
        from documents.downloads import serve_file

        return serve_file(request, self, position)


_ACTING_FIELDS = {"live", "effective", "issued", "relations"}

_LEGAL_FORCE = {
    statuses.VALID: "https://schema.org/InForce",
    statuses.PARTLY_EXPIRED: "https://schema.org/PartiallyInForce",
    statuses.EXPIRED: "https://schema.org/NotInForce",
    statuses.NOT_YET: "https://schema.org/NotInForce",
}


class DocumentFile(Orderable):
    """One file of a document (a Wagtail document), with what was read of it for search."""

    page = ParentalKey(DocumentPage, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.PROTECT, related_name="+", verbose_name=_("tệp")
    )
    label = models.CharField(_("tên hiển thị"), max_length=120, blank=True, help_text=_("Ví dụ: Phụ lục kèm theo."))
    # Filled from the file on save.
    page_count = models.PositiveIntegerField(_("số trang"), null=True, blank=True, editable=False)
    scanned = models.BooleanField(_("bản quét"), default=False, editable=False)
    page_texts = models.JSONField(default=list, blank=True, editable=False)
    read_hash = models.CharField(max_length=40, blank=True, editable=False)
    # A scan whose page_texts were read by OCR (documents/ocr.py): machine-read, it may hold mistakes.
    ocr = models.BooleanField(_("chữ nhận dạng tự động (OCR)"), default=False, editable=False)
    text_note = models.CharField(_("chữ trong tệp"), max_length=120, blank=True)

    panels = [FieldPanel("document"), FieldPanel("label"), FieldPanel("text_note", read_only=True)]

    def read_text(self, found=None):
        """Read the file's text once per file content (its hash), before the document is saved. `found`: its
        text already extracted (documents.extract.extract of these bytes; import_documents reads ahead)."""
        from documents.extract import extract

        document = self.document
        if document is None:
            return
        if not document.file_hash:
            document._set_document_file_metadata()
            document.save(update_fields=["file_hash", "file_size"])
        if self.read_hash == document.file_hash:
            if self.scanned and not self.ocr:  # its OCR text may have come since (or this is an older revision)
                self.use_ocr_text()
            return
        if found is None:
            with document.open_file() as handle:
                data = handle.read()
            found = extract(data, self.extension)
        self.page_texts, self.page_count, self.scanned = found.pages, found.page_count, found.scanned
        self.read_hash = document.file_hash
        self.ocr = False
        if found.scanned:
            self.text_note = _("Bản quét: không có lớp chữ, tìm kiếm không đọc được nội dung tệp.")
            self.use_ocr_text()
        elif not found.readable:
            self.text_note = _("Không đọc được chữ trong tệp.")
        elif self.page_texts:
            self.text_note = _("Có lớp chữ: tìm kiếm đọc được nội dung tệp.")
        else:
            self.text_note = ""

    def use_ocr_text(self):
        """A scan's text read by OCR, if `manage.py ocr_documents` has read this file's content already."""
        found = OcrText.objects.filter(file_hash=self.read_hash).first()
        if found is None or not any(text.strip() for text in found.pages):
            return
        self.page_texts, self.ocr = found.pages, True
        self.text_note = _("Bản quét, chữ nhận dạng tự động (OCR): tìm kiếm đọc được nhưng có thể sai chữ.")

    @property
    def extension(self):
        return os.path.splitext(self.document.file.name)[1].lower().lstrip(".")

    @property
    def format_label(self):
        return self.extension.upper()

    def download_name(self):
        """The name the reader's browser saves it under: the number, then the label."""
        stem = normalize_text(f"{self.page.number} {self.label}".replace("/", "-")) or "van-ban"
        return f"{stem}.{self.extension}"


class OcrText(models.Model):
    """What Tesseract read on a scan, by the file's content (Wagtail's file_hash), page by page; empty pages and
    an error when it could not (then the file is not tried again until its content changes)."""

    file_hash = models.CharField(max_length=40, unique=True)
    pages = models.JSONField(default=list)
    error = models.CharField(max_length=200, blank=True)
    read_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("chữ nhận dạng từ bản quét")
        verbose_name_plural = _("chữ nhận dạng từ bản quét")

    def __str__(self):
        return self.file_hash


class DocumentRelation(Orderable):
    """ "This document replaces / amends / guides / is based on that one", shown on both documents."""

    KINDS = [
        (statuses.REPLACES, _("Thay thế")),
        (statuses.AMENDS, _("Sửa đổi, bổ sung")),
        ("guides", _("Hướng dẫn")),
        ("based_on", _("Căn cứ")),
    ]
    source = ParentalKey(DocumentPage, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(_("quan hệ"), max_length=20, choices=KINDS)
    target = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("văn bản")
    )

    panels = [FieldPanel("kind"), PageChooserPanel("target", "documents.DocumentPage")]

    def clean(self):
        if self.target_id and self.source_id and self.target_id == self.source_id:
            raise ValidationError({"target": _("Văn bản không thể liên quan đến chính nó.")})


INCOMING_LABELS = {
    statuses.REPLACES: _("Bị thay thế bởi"),
    statuses.AMENDS: _("Được sửa đổi, bổ sung bởi"),
    "guides": _("Được hướng dẫn bởi"),
    "based_on": _("Là căn cứ của"),
}
