"""The admin's side of the integrity checks: the dashboard panel of open findings and confirming one."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.ui.components import Component

import audit
from editorial.models import Role
from editorial.roles import sites_for_user
from integrity.models import Finding

PANEL_LIMIT = 20
CONFIRM_FINDING_ACTION = "integrity.confirm_finding"


def visible_findings(user):
    """Open findings of the sites `user` administers (superusers: all); None for anyone else."""
    if user.is_superuser:
        return Finding.objects.open()
    sites = sites_for_user(user, roles=(Role.ADMIN,))
    if not sites.exists():
        return None
    return Finding.objects.open().for_sites(sites)


class IntegrityPanel(Component):
    name = "integrity_findings"
    template_name = "integrity/panel.html"
    order = 90  # above "awaiting your review": a finding may mean the site is serving spam now

    def render_html(self, parent_context):
        if visible_findings(parent_context["request"].user) is None:
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        findings = visible_findings(parent_context["request"].user)
        context["findings"] = list(findings.select_related("site")[:PANEL_LIMIT])
        context["count"] = findings.count()
        context["request"] = parent_context["request"]
        return context


@require_POST
def confirm_finding(request, finding_id):
    """An administrator says a finding is wanted (a link they chose, a news item about gambling): later runs keep
    seeing it but no longer report it."""
    finding = get_object_or_404(Finding, pk=finding_id)
    allowed = visible_findings(request.user)
    if (
        allowed is None
        or not allowed.filter(pk=finding.pk).exists()
        or (finding.site_id is None and not request.user.is_superuser)
    ):
        raise PermissionDenied
    with transaction.atomic():
        finding.confirmed_at, finding.confirmed_by = timezone.now(), request.user.get_username()
        finding.save(update_fields=["confirmed_at", "confirmed_by"])
        audit.record(
            CONFIRM_FINDING_ACTION,
            actor=request.user,
            site=finding.site_id,
            object_type="integrity.finding",
            object_id=finding.pk,
            title=finding.location,
            details={"check": finding.check_name, "evidence": finding.evidence},
        )
    messages.success(request, _("Đã xác nhận: phát hiện này không còn được báo."))
    return redirect("wagtailadmin_home")
