"""A schedule entry, and the history of what changed in it once published."""

import datetime
import uuid

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from core.text import normalize_text
from schedule.chairs import chairs_for_key, leader_label
from schedule.weeks import VIETNAM

# The fields whose change a reader must learn of ("Điều chỉnh", a new SEQUENCE in the calendar feeds).
TRACKED_FIELDS = (
    "date",
    "start_time",
    "end_time",
    "content",
    "chair",
    "chair_leader_id",
    "participants",
    "location",
    "preparing_unit",
    "notes",
    "status",
)
DEFAULT_DURATION = datetime.timedelta(hours=1)


class EntryStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Theo lịch")
    CANCELLED = "cancelled", _("Hoãn")


class ScheduleEntryQuerySet(models.QuerySet):
    def published(self, schedule):
        """Entries of the live weeks of `schedule`, in the order of the day."""
        return self.filter(week__live=True, week__path__startswith=schedule.path).order_by(
            "date", "start_time", "sort_order", "pk"
        )

    def between(self, first_day, last_day):
        return self.filter(date__gte=first_day, date__lte=last_day)

    def chaired_by(self, key):
        """Entries chaired by the leader `key` names (schedule.chairs: a linked leader's id, or a name's slug)."""
        return self.filter(chairs_for_key(self, key).q())


class ScheduleEntry(Orderable):
    """One meeting or activity of a week: the row offices keep in their Excel table."""

    week = ParentalKey("schedule.ScheduleWeekPage", on_delete=models.CASCADE, related_name="entries")
    # One identity across every edit and publication: the calendar event's UID.
    uid = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    date = models.DateField(_("ngày"))
    start_time = models.TimeField(_("giờ bắt đầu"))
    end_time = models.TimeField(_("giờ kết thúc"), null=True, blank=True, help_text=_("Không bắt buộc."))
    content = models.TextField(_("nội dung"))
    # A leader of the site's "Giới thiệu" section when the chair is one (the name shown then comes from the
    # leader, and the filter and feeds key on the link); the text otherwise, and as the name kept when the
    # leader's page is deleted.
    chair_leader = models.ForeignKey(
        "wardinfo.LeaderPage",
        verbose_name=_("lãnh đạo chủ trì"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Chọn khi người chủ trì có trong mục Giới thiệu của phường, xã."),
    )
    chair = models.CharField(
        _("chủ trì (ghi tên)"),
        max_length=255,
        blank=True,
        help_text=_("Ghi tên khi người chủ trì không có trong danh sách lãnh đạo. Ví dụ: Đ/c Nguyễn Văn A."),
    )
    participants = models.TextField(_("thành phần"), blank=True)
    location = models.CharField(_("địa điểm"), max_length=255, blank=True)
    preparing_unit = models.CharField(_("đơn vị chuẩn bị"), max_length=255, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=EntryStatus.choices,
        default=EntryStatus.SCHEDULED,
        help_text=_("Chọn “Hoãn” thay vì xoá một lịch đã đăng: người dân và lịch đã đăng ký sẽ thấy lịch bị hoãn."),
    )
    recurring = models.BooleanField(
        _("lặp lại hằng tuần"),
        default=False,
        help_text=_("Được chép sang tuần mới khi bấm “Chép lịch lặp lại sang tuần mới”."),
    )
    # Kept by save(), never by the editor: how many times the published entry changed, and when it last did.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    first_published_at = models.DateTimeField(null=True, editable=False)
    # Set while the entry's week is unpublished: the feeds show it cancelled until the week is published again.
    withdrawn_at = models.DateTimeField(null=True, editable=False)
    changed_at = models.DateTimeField(null=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScheduleEntryQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("content"),
        FieldRowPanel([FieldPanel("chair_leader", widget=forms.Select), FieldPanel("chair")]),
        FieldPanel("location"),
        FieldPanel("participants"),
        FieldRowPanel([FieldPanel("preparing_unit"), FieldPanel("status"), FieldPanel("recurring")]),
        FieldPanel("notes"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("lịch công tác")
        verbose_name_plural = _("lịch công tác")

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.start_time:%H:%M} {self.content[:60]}"

    @property
    def starts_at(self):
        return datetime.datetime.combine(self.date, self.start_time, tzinfo=VIETNAM)

    @property
    def ends_at(self):
        if self.end_time and self.end_time > self.start_time:
            return datetime.datetime.combine(self.date, self.end_time, tzinfo=VIETNAM)
        return self.starts_at + DEFAULT_DURATION

    @property
    def chair_name(self):
        """The chair as readers see it: the linked leader's name and position, else the text."""
        if self.chair_leader_id is not None and self.chair_leader is not None:
            return leader_label(self.chair_leader.title, self.chair_leader.position)
        return self.chair

    @property
    def cancelled(self):
        return self.status == EntryStatus.CANCELLED

    @property
    def adjusted(self):
        return self.changed_at is not None and not self.cancelled

    def tracked_values(self):
        return {name: getattr(self, name) for name in TRACKED_FIELDS}

    def snapshot(self):
        """The tracked values as JSON can hold them, for the history."""
        return {
            name: (value.isoformat() if hasattr(value, "isoformat") else value)
            for name, value in self.tracked_values().items()
        }

    def normalise(self):
        for name in ("content", "chair", "participants", "location", "preparing_unit", "notes"):
            multiline = name in ("content", "participants", "notes")
            setattr(self, name, normalize_text(getattr(self, name) or "", multiline=multiline))
        if self.chair_leader_id is not None and not self.chair and self.chair_leader is not None:
            self.chair = self.chair_leader.title  # the name kept if the leader's page is ever deleted

    def save(self, *args, **kwargs):
        # Called for each row when its week is saved live (a publication): a row already published that now
        # differs is an adjustment — its sequence grows and the history keeps what it was.
        self.normalise()
        previous = type(self).objects.filter(pk=self.pk).first() if self.pk else None
        week_live = self.week_id is not None and self.week.live
        change = None
        if week_live:
            now = timezone.now()
            if previous is None or previous.first_published_at is None:
                self.first_published_at = now
                self.sequence = previous.sequence if previous else 0
                self.changed_at = previous.changed_at if previous else None
            elif previous.withdrawn_at is not None:
                # Its week is published again after an unpublication: the event comes back, newer than the
                # cancellation the feeds showed meanwhile.
                self.first_published_at = previous.first_published_at
                self.sequence, self.changed_at, self.withdrawn_at = previous.sequence + 1, now, None
                change = ScheduleChange(
                    uid=self.uid, at=now, sequence=self.sequence, before=previous.snapshot(), after=self.snapshot()
                )
                change.kind = ScheduleChange.Kind.RESTORED
            else:
                self.first_published_at = previous.first_published_at
                self.sequence, self.changed_at = previous.sequence, previous.changed_at
                if previous.tracked_values() != self.tracked_values():
                    self.sequence += 1
                    self.changed_at = now
                    change = ScheduleChange(
                        uid=self.uid, at=now, sequence=self.sequence, before=previous.snapshot(), after=self.snapshot()
                    )
        elif previous is not None:
            self.sequence, self.changed_at = previous.sequence, previous.changed_at
            self.first_published_at, self.withdrawn_at = previous.first_published_at, previous.withdrawn_at
        super().save(*args, **kwargs)
        if change is not None:
            change.schedule_id = self.week.get_parent().pk
            if not change.kind:
                change.kind = ScheduleChange.Kind.CANCELLED if self.cancelled else ScheduleChange.Kind.CHANGED
            change.save()

    @property
    def shown_in_feeds(self):
        """Published once and not yet withdrawn: removing it must leave a cancelled event in the feeds."""
        return self.first_published_at is not None and self.withdrawn_at is None

    def withdrawal(self, schedule_id, now):
        """The history's record of this entry leaving the published schedule (removed, or its week
        unpublished or deleted): the feeds show it as cancelled, one sequence later."""
        return ScheduleChange(
            schedule_id=schedule_id,
            uid=self.uid,
            at=now,
            sequence=self.sequence + 1,
            kind=ScheduleChange.Kind.REMOVED,
            before=self.snapshot(),
            after={**self.snapshot(), "status": EntryStatus.CANCELLED},
        )


class ScheduleChange(models.Model):
    """What a published entry was before a change: the schedule's history, never edited."""

    class Kind(models.TextChoices):
        CHANGED = "changed", _("Điều chỉnh")
        CANCELLED = "cancelled", _("Hoãn")
        REMOVED = "removed", _("Xoá khỏi lịch")
        RESTORED = "restored", _("Đăng lại")

    schedule = models.ForeignKey("schedule.SchedulePage", on_delete=models.CASCADE, related_name="changes")
    uid = models.UUIDField(db_index=True)
    at = models.DateTimeField(_("thời điểm"))
    sequence = models.PositiveIntegerField()
    kind = models.CharField(_("loại thay đổi"), max_length=16, choices=Kind.choices)
    before = models.JSONField(_("trước"))
    after = models.JSONField(_("sau"))

    class Meta:
        verbose_name = _("thay đổi lịch công tác")
        verbose_name_plural = _("thay đổi lịch công tác")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.at:%d/%m/%Y %H:%M}"
