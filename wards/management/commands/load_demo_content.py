import importlib
import importlib.util
import secrets
from decimal import Decimal
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from wards.demo.images import emblem_bytes, save_image
from wards.sites import ensure_ward_site

DEMO_WARDS = {
    "honggai": {
        "hostname": "localhost",
        "is_default": True,
        "ward_name": "Phường Hồng Gai",
        "province": "Tỉnh Quảng Ninh",
        "agency_name": "Uỷ ban nhân dân phường Hồng Gai",
        "address": "Phường Hồng Gai, tỉnh Quảng Ninh",
        "latitude": Decimal("20.95000"),
        "longitude": Decimal("107.07000"),
    },
    "baichay": {
        "hostname": "baichay.localhost",
        "is_default": False,
        "ward_name": "Phường Bãi Cháy",
        "province": "Tỉnh Quảng Ninh",
        "agency_name": "Uỷ ban nhân dân phường Bãi Cháy",
        "address": "Phường Bãi Cháy, tỉnh Quảng Ninh",
        "latitude": Decimal("20.95700"),
        "longitude": Decimal("107.04500"),
    },
}


def demo_modules():
    """Each installed app's `demo_content` module, in INSTALLED_APPS order: the one way demo content loads."""
    for config in apps.get_app_configs():
        if importlib.util.find_spec(f"{config.name}.demo_content"):
            yield importlib.import_module(f"{config.name}.demo_content")


class Command(BaseCommand):
    help = _(
        "Nạp nội dung mẫu: hai trang phường với biểu trưng, nội dung mẫu của từng ứng dụng (bài viết, mục Giới "
        "thiệu, lịch công tác, văn bản) và tài khoản quản trị. Chạy lại không tạo trùng."
    )

    def handle(self, *args, **options):
        sites = {}
        for key, ward in DEMO_WARDS.items():
            fields = dict(ward)
            hostname, is_default = fields.pop("hostname"), fields.pop("is_default")
            site = ensure_ward_site(hostname, fields.pop("ward_name"), is_default=is_default, **fields)
            sites[key] = site
            logo = save_image(f"Biểu trưng {site.site_name}", emblem_bytes(), f"logo-{key}.png")
            ward_settings = site.wardsettings if hasattr(site, "wardsettings") else None
            if ward_settings is not None and ward_settings.logo_id is None:
                ward_settings.logo = logo
                ward_settings.save()
        self.stdout.write(_("Nội dung mẫu: %(sites)d trang phường.") % {"sites": len(sites)})

        # Each app brings its own demo content (`<app>/demo_content.py` with `load(sites)`, idempotent,
        # returning a line to print), so this command names none of them.
        for module in demo_modules():
            message = module.load(sites)
            if message:
                self.stdout.write(message)

        password = self.ensure_admin()
        if password:
            self.stdout.write(
                _("Đăng nhập quản trị tại /%(path)s/ với tài khoản: admin / %(password)s")
                % {"path": settings.PORTAL_ADMIN_PATH, "password": password}
            )

    @staticmethod
    def ensure_admin():
        """Create the demo administrator once; its password is kept in .admin-password (git-ignored)."""
        password_file = Path(settings.BASE_DIR) / ".admin-password"
        User = get_user_model()
        if User.objects.filter(username="admin").exists():
            return password_file.read_text().strip() if password_file.exists() else None
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", "admin@localhost", password)
        password_file.write_text(password + "\n")
        password_file.chmod(0o600)
        return password
