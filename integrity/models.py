"""What the integrity checks keep: each site's allowed link domains, the findings of `check_integrity`, and the
links a site's administrator confirmed in the approval step (docs/integrity.md)."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import AbstractGroupApprovalTask, Page, Revision, Site

# Government, Party and official press domains, and the players and map the portal's own pages embed.
DEFAULT_ALLOWED_DOMAINS = "\n".join(
    [
        "gov.vn",
        "chinhphu.vn",
        "baochinhphu.vn",
        "dangcongsan.vn",
        "quochoi.vn",
        "mattran.org.vn",
        "nhandan.vn",
        "qdnd.vn",
        "vtv.vn",
        "vov.vn",
        "vietnamplus.vn",
        "vbpl.vn",
        "openstreetmap.org",
        "youtube.com",
        "youtube-nocookie.com",
        "vimeo.com",
    ]
)
_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def parse_domains(text):
    """The domains of an allowlist, one a line, lower case, without a scheme, `www.` or a trailing dot."""
    domains = []
    for line in (text or "").splitlines():
        domain = line.strip().lower().removeprefix("http://").removeprefix("https://").split("/")[0].rstrip(".")
        domain = domain.removeprefix("www.")
        if domain and domain not in domains:
            domains.append(domain)
    return domains


def validate_domains(text):
    bad = [domain for domain in parse_domains(text) if not _DOMAIN.match(domain)]
    if bad:
        raise ValidationError(_("Không phải tên miền: %(bad)s") % {"bad": ", ".join(bad[:5])})


@register_setting(icon="link")
class IntegritySettings(BaseSiteSetting):
    """The domains a site's pages may link to without an administrator's confirmation."""

    allowed_domains = models.TextField(
        _("tên miền được phép liên kết"),
        default=DEFAULT_ALLOWED_DOMAINS,
        validators=[validate_domains],
        help_text=_(
            "Mỗi dòng một tên miền; tên miền con cũng được phép (gov.vn gồm cả quangninh.gov.vn). Liên kết đến tên "
            "miền khác cần Quản trị xác nhận khi duyệt bài, và bị báo trong kiểm tra toàn vẹn."
        ),
    )

    panels = [FieldPanel("allowed_domains")]

    class Meta:
        verbose_name = _("tên miền được phép liên kết")
        verbose_name_plural = _("tên miền được phép liên kết")

    def domains(self):
        return parse_domains(self.allowed_domains)


class Check(models.TextChoices):
    LINKS = "links", _("liên kết đến tên miền ngoài danh sách")
    HIDDEN = "hidden", _("khối ẩn chứa liên kết")
    GAMBLING = "gambling", _("từ ngữ cờ bạc, cá cược")
    CHANGED = "changed", _("nội dung bị sửa ngoài hệ thống quản trị")
    FILES = "files", _("tệp mã nguồn, giao diện bị thay đổi")
    CLOAKING = "cloaking", _("nội dung khác nhau theo người xem")


class FindingQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at=None, confirmed_at=None)

    def for_sites(self, sites):
        """Findings of these sites, and those of the whole install (files) when any site is given."""
        site_ids = list(sites.values_list("pk", flat=True)) if hasattr(sites, "values_list") else list(sites)
        if not site_ids:
            return self.none()
        return self.filter(models.Q(site_id__in=site_ids) | models.Q(site=None))


class Finding(models.Model):
    """One thing a check found: the page (or file), the check, the evidence. Kept while later runs still find it;
    `resolved_at` once a run no longer does; `confirmed_at` when an administrator said it is wanted."""

    site = models.ForeignKey(Site, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey(Page, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    check_name = models.CharField(_("kiểm tra"), max_length=16, choices=Check.choices)
    location = models.CharField(_("trang hoặc tệp"), max_length=500)
    evidence = models.TextField(_("bằng chứng"))
    fingerprint = models.CharField(max_length=64, unique=True)
    first_seen = models.DateTimeField(_("phát hiện lúc"))
    last_seen = models.DateTimeField(_("thấy lần cuối"))
    resolved_at = models.DateTimeField(_("hết lúc"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)
    confirmed_by = models.CharField(_("người xác nhận"), max_length=150, blank=True)

    objects = FindingQuerySet.as_manager()

    class Meta:
        verbose_name = _("phát hiện kiểm tra toàn vẹn")
        verbose_name_plural = _("phát hiện kiểm tra toàn vẹn")
        ordering = ["-last_seen", "-pk"]
        indexes = [models.Index(fields=["site", "resolved_at"])]

    def __str__(self):
        return f"{self.get_check_name_display()}: {self.location}"


class LinkConfirmation(models.Model):
    """The outside hosts (linked or in hidden blocks) of a revision that a site's administrator confirmed in the
    approval step; the rendered-page check does not report them on that page."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(Revision, null=True, on_delete=models.SET_NULL, related_name="+")
    hosts = models.JSONField(default=list)
    hidden = models.BooleanField(default=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField()

    class Meta:
        verbose_name = _("xác nhận liên kết")
        verbose_name_plural = _("xác nhận liên kết")

    def __str__(self):
        return f"{self.page_id}: {', '.join(self.hosts)}"


class LinkConfirmationTask(AbstractGroupApprovalTask):
    """The approval step after "Duyệt": content with hidden blocks or links outside the site's allowed domains
    waits for a site administrator, who sees those links and confirms them; other content passes at once."""

    class Meta:
        verbose_name = _("xác nhận liên kết ra ngoài")
        verbose_name_plural = _("xác nhận liên kết ra ngoài")

    # The behaviour is in integrity.gate, beside the scan it relies on.
    def start(self, workflow_state, user=None):
        from integrity.gate import start_task

        return start_task(self, super().start, workflow_state, user)

    def get_actions(self, obj, user):
        from integrity.gate import task_actions

        return task_actions(self, obj, user, super().get_actions(obj, user))

    def get_form_for_action(self, action):
        from integrity.gate import form_for_action

        return form_for_action(action) or super().get_form_for_action(action)

    def get_template_for_action(self, action):
        return "integrity/confirm_links_modal.html" if action == "approve" else ""

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        from integrity.gate import on_action

        on_action(self, task_state, user, action_name, kwargs)  # takes the confirmation out of kwargs
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("Quản trị của trang xác nhận các liên kết ra ngoài danh sách và khối ẩn trước khi xuất bản")
