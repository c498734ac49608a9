"""One Content-Security-Policy for public pages, a looser one for the Wagtail admin."""

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings


class PortalCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        if request.path_info.startswith(f"/{settings.PORTAL_ADMIN_PATH}/"):
            # Wagtail's admin uses inline scripts and styles; it is behind a login and never shows
            # unsanitised visitor content.
            config = default_config(settings.PORTAL_ADMIN_CSP_DIRECTIVES)
            return PolicyParts(config, parts.update, parts.replace, parts.nonce)
        return parts
