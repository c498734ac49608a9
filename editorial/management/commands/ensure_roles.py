from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from wagtail.models import Site

from editorial.roles import ensure_editorial_groups


class Command(BaseCommand):
    help = _("Tạo (hoặc bổ sung) các nhóm biên tập, quyền và quy trình duyệt bài cho từng trang phường, xã.")

    def add_arguments(self, parser):
        parser.add_argument("--site", dest="hostname", help=_("chỉ xử lý trang có tên miền này"))

    def handle(self, *args, hostname=None, **options):
        sites = Site.objects.all()
        if hostname:
            sites = sites.filter(hostname=hostname)
            if not sites.exists():
                raise CommandError(_("Không có trang nào với tên miền %(host)s.") % {"host": hostname})
        for site in sites:
            groups = ensure_editorial_groups(site)
            self.stdout.write(
                _("%(site)s: %(groups)s")
                % {"site": site.hostname, "groups": ", ".join(g.name for g in groups.values())}
            )
