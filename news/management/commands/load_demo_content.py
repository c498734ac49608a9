import importlib
import importlib.util
import json
import secrets
from decimal import Decimal
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from news.importing import ArticleImporter
from news.models import ArticlePage
from wards.demo.images import emblem_bytes, illustration_bytes, save_image
from wards.sites import ensure_ward_site

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
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
ILLUSTRATION_CAPTION = "Ảnh minh hoạ của nội dung mẫu"


class Command(BaseCommand):
    help = _("Nạp nội dung mẫu: hai trang phường, chuyên mục, bài viết, ảnh minh hoạ và tài khoản quản trị.")

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

        records = [json.loads(line) for line in (DEMO_DIR / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
        # The newest article of each ward leads its home page.
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
            self.add_illustration(record, number)

        # Other content apps add their own demo content (a `demo_content.load(sites)` in the app), so this
        # command names none of them.
        for config in apps.get_app_configs():
            if config.name != "news" and importlib.util.find_spec(f"{config.name}.demo_content"):
                message = importlib.import_module(f"{config.name}.demo_content").load(sites)
                if message:
                    self.stdout.write(message)

        password = self.ensure_admin()
        self.stdout.write(
            _("Nội dung mẫu: %(sites)d trang phường, %(articles)d bài viết (%(created)d bài mới).")
            % {"sites": len(sites), "articles": ArticlePage.objects.count(), "created": created}
        )
        if password:
            self.stdout.write(
                _("Đăng nhập quản trị tại /%(path)s/ với tài khoản: admin / %(password)s")
                % {"path": settings.PORTAL_ADMIN_PATH, "password": password}
            )

    @staticmethod
    def add_illustration(record, number):
        article = ArticlePage.objects.filter(original_url=record["original_url"]).first()
        if article is None or article.featured_image_id:
            return
        image = save_image(
            record["title"], illustration_bytes(record["original_url"]), f"minh-hoa-{number}.jpg", ILLUSTRATION_CAPTION
        )
        with transaction.atomic():
            article.featured_image = image
            article.save_revision().publish()

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
