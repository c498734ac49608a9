from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.http.request import validate_host
from django.utils.translation import gettext as _

from wards.sites import ensure_ward_site


class Command(BaseCommand):
    help = _(
        "Tạo (hoặc hoàn thiện) trang của một phường, xã: trang chủ, các chuyên mục chuẩn, thông tin đơn vị. "
        "Chạy lại không thay đổi gì."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hostname", required=True, help=_("tên miền, ví dụ honggai.quangninh.gov.vn"))
        parser.add_argument("--name", required=True, help=_('tên đơn vị, ví dụ "Phường Hồng Gai"'))
        parser.add_argument("--province", help=_('ví dụ "Tỉnh Quảng Ninh"'))
        parser.add_argument("--port", type=int, default=80)
        parser.add_argument("--default", action="store_true", help=_("trang mặc định cho tên miền chưa khai báo"))
        parser.add_argument("--address")
        parser.add_argument("--phone")
        parser.add_argument("--email")

    def handle(self, *args, hostname, name, province=None, port=80, default=False, **options):
        hostname = hostname.strip().lower()
        if not hostname or "/" in hostname or " " in hostname or ":" in hostname:
            raise CommandError(_("Tên miền không hợp lệ: %(host)s") % {"host": hostname})
        if not name.strip():
            raise CommandError(_("Thiếu tên phường, xã (--name)."))
        if options.get("email"):
            try:
                validate_email(options["email"])
            except Exception as exc:
                raise CommandError(_("Thư điện tử không hợp lệ: %(email)s") % {"email": options["email"]}) from exc
        site = ensure_ward_site(
            hostname,
            name.strip(),
            port=port,
            is_default=default,
            province=province,
            address=options.get("address"),
            phone=options.get("phone"),
            email=options.get("email"),
        )
        self.stdout.write(
            _("Trang %(name)s sẵn sàng tại http://%(host)s/ (mã trang %(id)d).")
            % {"name": name.strip(), "host": hostname, "id": site.pk}
        )
        if not validate_host(hostname, settings.ALLOWED_HOSTS):
            self.stderr.write(
                _("Lưu ý: %(host)s chưa có trong ALLOWED_HOSTS, trang sẽ trả lời lỗi 400 cho đến khi được thêm vào.")
                % {"host": hostname}
            )
