from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from wagtail.models import Site

from widgets.refresh import refresh_fx, refresh_weather


class Command(BaseCommand):
    help = _(
        "Lấy thời tiết và tỷ giá một lần, kiểm tra và lưu bản mới. "
        "Tỷ giá không hỏi nguồn quá một lần mỗi 5 phút (quy định của nguồn); "
        "lần không tới được nguồn thì không tính."
    )

    def add_arguments(self, parser):
        parser.add_argument("--site", metavar="HOST", help=_("chỉ lấy thời tiết cho trang có tên miền này"))
        parser.add_argument("--only", choices=["weather", "fx"], help=_("chỉ lấy thời tiết (weather) hoặc tỷ giá (fx)"))
        parser.add_argument(
            "--accept-jump",
            action="store_true",
            help=_("nhận bảng tỷ giá dù có tỷ giá thay đổi quá 50%% so với bản đã lưu (sau khi đã kiểm tra)"),
        )

    def handle(self, *args, site=None, only=None, accept_jump=False, **options):
        chosen = None
        if site:
            chosen = Site.objects.filter(hostname=site.strip().lower()).first()
            if chosen is None:
                known = ", ".join(Site.objects.order_by("hostname").values_list("hostname", flat=True))
                raise CommandError(
                    _("Không có trang nào với tên miền %(host)s. Các trang có: %(known)s.")
                    % {"host": site, "known": known or "–"}
                )
        outcomes = []
        if only in (None, "weather"):
            outcomes += refresh_weather(chosen)
            if not outcomes:
                self.stdout.write(_("Thời tiết: không trang nào bật thời tiết và có toạ độ."))
        if only in (None, "fx"):
            outcomes += refresh_fx(accept_jump=accept_jump)
        for outcome in outcomes:
            (self.stderr if outcome.failed else self.stdout).write(str(outcome))
        failed = sum(outcome.failed for outcome in outcomes)
        if failed:
            raise CommandError(_("%(count)d nguồn lỗi; trang vẫn hiện bản tốt gần nhất.") % {"count": failed})
