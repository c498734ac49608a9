"""One run of `check_integrity`: the checks, their findings stored (new ones logged and emailed to the
administrators of their site), earlier findings no longer seen marked as ended."""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
from editorial.models import Role
from editorial.roles import site_label
from integrity.checks import check_changed, check_rendered
from integrity.cloaking import check_cloaking
from integrity.files import check_files
from integrity.models import Check, Finding

FINDING_ACTION = "integrity.finding"
# Each check name of the command and the findings it produces.
CHECKS = {
    "rendered": (Check.LINKS, Check.HIDDEN, Check.GAMBLING),
    "changed": (Check.CHANGED,),
    "files": (Check.FILES,),
    "cloaking": (Check.CLOAKING,),
}


@dataclass
class RunResult:
    findings: list = field(default_factory=list)  # Finding rows seen in this run, confirmed ones included
    new: list = field(default_factory=list)  # first seen (or seen again after ending) in this run
    ended: int = 0

    @property
    def open(self):
        return [finding for finding in self.findings if finding.confirmed_at is None]


def run(sites, checks=tuple(CHECKS)):
    """Run `checks` over `sites` (the files check belongs to the whole install) and store what they find."""
    issues = []
    for site in sites:
        if "rendered" in checks:
            issues += check_rendered(site)
        if "changed" in checks:
            issues += check_changed(site)
        if "cloaking" in checks:
            issues += check_cloaking(site)
    if "files" in checks:
        issues += check_files()
    result = store(issues, sites, checks)
    notify([finding for finding in result.new if finding.confirmed_at is None])
    return result


@transaction.atomic
def store(issues, sites, checks):
    now = timezone.now()
    result = RunResult()
    seen_ids = []
    for issue in {issue.fingerprint(): issue for issue in issues}.values():
        finding = Finding.objects.filter(fingerprint=issue.fingerprint()).first()
        if finding is None:
            finding = Finding(fingerprint=issue.fingerprint(), first_seen=now)
            result.new.append(finding)
        elif finding.resolved_at is not None:
            finding.first_seen, finding.resolved_at = now, None
            result.new.append(finding)
        finding.site_id, finding.page_id, finding.check_name = issue.site_id, issue.page_id, issue.check
        finding.location, finding.evidence, finding.last_seen = issue.location[:500], issue.evidence, now
        finding.save()
        seen_ids.append(finding.pk)
        result.findings.append(finding)
    ran = [name for check in checks for name in CHECKS[check]]
    scope = Q(site__in=list(sites), check_name__in=ran)
    if "files" in checks:
        scope |= Q(site=None, check_name=Check.FILES)
    result.ended = Finding.objects.filter(scope, resolved_at=None).exclude(pk__in=seen_ids).update(resolved_at=now)
    for finding in result.new:
        audit.record(
            FINDING_ACTION,
            site=finding.site_id,
            object_type="integrity.finding",
            object_id=finding.pk,
            title=finding.location,
            details={"check": finding.check_name, "evidence": finding.evidence},
        )
    return result


def administrators(site):
    """Who is told about a site's findings: its Quản trị with an address; for the install's files, superusers."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    if site is None:
        return users.filter(Q(is_superuser=True) | Q(groups__site_role__role=Role.ADMIN)).distinct()
    return users.filter(groups__site_role__site=site, groups__site_role__role=Role.ADMIN).distinct()


def notify(findings):
    """One email per site listing its new findings; the install's (files) go to every administrator."""
    by_site = {}
    for finding in findings:
        by_site.setdefault(finding.site, []).append(finding)
    sent = 0
    for site, items in by_site.items():
        addresses = sorted({user.email for user in administrators(site)})
        if not addresses:
            continue
        label = site_label(site) if site else _("toàn hệ thống")
        subject = _("[Cổng thông tin] Kiểm tra toàn vẹn: %(count)d phát hiện mới (%(site)s)") % {
            "count": len(items),
            "site": label,
        }
        lines = [
            _("Kiểm tra toàn vẹn (manage.py check_integrity) vừa phát hiện:"),
            "",
            *(f"- {finding.get_check_name_display()} | {finding.location} | {finding.evidence}" for finding in items),
            "",
            _("Xem và xác nhận trong trang quản trị (bảng “Kiểm tra toàn vẹn” ở trang đầu)."),
        ]
        sent += send_mail(subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, addresses, fail_silently=True)
    return sent
