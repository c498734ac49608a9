"""What the citizen forms share: the screen's words and addresses, the proof-of-work challenges already used,
the per-site moderator groups, and the log of every moderation action."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site


class ScreenTerm(models.Model):
    """A word or an address that holds a submission for a moderator with a flag (intake.screen)."""

    class Kind(models.TextChoices):
        WORD = "word", _("từ ngữ")
        HOST = "host", _("tên miền")

    class Reason(models.TextChoices):
        GAMBLING = "gambling", _("cờ bạc, cá cược")
        SHORTENER = "shortener", _("dịch vụ rút gọn liên kết")
        SPAM = "spam", _("quảng cáo rác")

    term = models.CharField(
        _("từ ngữ hoặc tên miền"),
        max_length=100,
        help_text=_(
            "Từ ngữ viết có dấu chỉ khớp với chữ có dấu; viết không dấu thì khớp cả chữ có dấu và không dấu. "
            "Tên miền khớp cả các tên miền con."
        ),
    )
    kind = models.CharField(_("loại"), max_length=8, choices=Kind.choices, default=Kind.WORD)
    reason = models.CharField(_("lý do"), max_length=16, choices=Reason.choices, default=Reason.GAMBLING)

    class Meta:
        verbose_name = _("từ ngữ cần kiểm duyệt")
        verbose_name_plural = _("từ ngữ cần kiểm duyệt")
        ordering = ["kind", "term"]
        constraints = [models.UniqueConstraint(fields=["kind", "term"], name="intake_screen_term_unique")]

    def __str__(self):
        return self.term


class UsedChallenge(models.Model):
    """A proof-of-work challenge that has been spent: sending the same solution again is refused until it expires
    (and then the challenge itself is refused as expired)."""

    signature = models.CharField(max_length=128, unique=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("thử thách đã dùng")
        verbose_name_plural = _("thử thách đã dùng")

    def __str__(self):
        return self.signature[:12]


class ModeratorGroup(models.Model):
    """The group whose members moderate a site's citizen input (and nothing else: least privilege)."""

    site = models.OneToOneField(Site, on_delete=models.CASCADE, related_name="moderator_group")
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="moderated_site")

    class Meta:
        verbose_name = _("nhóm kiểm duyệt")
        verbose_name_plural = _("nhóm kiểm duyệt")

    def __str__(self):
        return self.group.name


class ModerationLog(models.Model):
    """Who did what to which item, and when; kept after the item's contact details are purged."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(_("người thực hiện"), max_length=150, blank=True)
    item_type = models.CharField(_("loại mục"), max_length=40)
    item_id = models.PositiveBigIntegerField(_("mã mục"))
    action = models.CharField(_("thao tác"), max_length=40)
    note = models.TextField(_("ghi chú"), blank=True)
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("nhật ký kiểm duyệt")
        verbose_name_plural = _("nhật ký kiểm duyệt")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["item_type", "item_id"])]

    def __str__(self):
        return f"{self.username or '–'} {self.action} {self.item_type}#{self.item_id}"
