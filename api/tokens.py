"""Per-site write tokens: made in the admin, shown once, stored as a keyed hash, revocable; every use of one
is in the audit log (audit.record)."""

import secrets

from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from api import http
from api.models import ApiToken

PREFIX = "pt_"
SALT = "api.tokens"


def digest(token):
    return salted_hmac(SALT, token, algorithm="sha256").hexdigest()


def new_token():
    return PREFIX + secrets.token_urlsafe(32)


def issue(site, name, scope, user=None):
    """A new token for `site`: (the saved ApiToken, the token itself, which is not kept anywhere)."""
    token = new_token()
    row = ApiToken.objects.create(
        site=site, name=name, scope=scope, prefix=token[:10], key_hash=digest(token), created_by=user
    )
    return row, token


def revoke(row):
    if row.revoked_at is None:
        row.revoked_at = timezone.now()
        row.save(update_fields=["revoked_at"])


def _bearer(request):
    header = request.META.get("HTTP_AUTHORIZATION", "")
    kind, _, value = header.partition(" ")
    value = value.strip()
    if kind.lower() != "bearer" or not value.startswith(PREFIX) or len(value) > 100 or not value.isascii():
        return None
    return value


def authorise(request, site, scope):
    """(the token, None) when the request carries a live token of `site` with `scope`; else (None, a 401 or
    403 problem). A token's refusal on another site is recorded too."""
    from audit import record

    value = _bearer(request)
    row = ApiToken.objects.active().select_related("site").filter(key_hash=digest(value)).first() if value else None
    if row is None or not constant_time_compare(row.key_hash, digest(value)):
        response = http.problem(request, "unauthorized")
        response["WWW-Authenticate"] = 'Bearer realm="api"'
        return None, response
    if row.site_id != site.pk or row.scope != scope:
        record(
            "api_token_refused",
            site=site,
            obj=row,
            details={"token": row.prefix, "scope": scope, "path": request.path[:200], "token_site": row.site_id},
        )
        return None, http.problem(request, "forbidden")
    ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
    return row, None
