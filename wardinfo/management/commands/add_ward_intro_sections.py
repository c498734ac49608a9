from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Site

from wardinfo.setup import ensure_intro_section


class Command(BaseCommand):
    help = _(
        "Thêm mục Giới thiệu (còn trống) cho các trang phường tạo trước khi có mục này; chạy lại không thay đổi gì."
    )

    def handle(self, *args, **options):
        count = 0
        for site in Site.objects.select_related("root_page").order_by("pk"):
            home = site.root_page.specific
            if home._meta.label != "wards.HomePage":
                continue
            with transaction.atomic():
                ensure_intro_section(home)
            count += 1
        self.stdout.write(_("Đã kiểm tra mục Giới thiệu của %(count)d trang phường.") % {"count": count})
