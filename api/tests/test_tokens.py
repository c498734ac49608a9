"""Writes through the API: only with a live token of the site holding the scope; made in the admin, shown
once, kept as a keyed hash, revocable; every use in the audit log; what is written waits for an editor."""

import json
import re

from django.contrib.auth import get_user_model
from django.urls import reverse

from api.models import ApiToken
from audit.models import AuditEntry
from editorial.tests.fixtures import login_verified
from news.models import ArticlePage

ARTICLE = {
    "title": "Đối tác gửi: lịch tiêm chủng",
    "category": "tin-tuc-su-kien",
    "lead": "Tóm tắt.",
    "body": "Đoạn 1.\n\nĐoạn 2.",
}


def post(client, data, token=None, host="localhost"):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post("/api/articles/", json.dumps(data), content_type="application/json", HTTP_HOST=host, **headers)


def test_tokens_are_made_once_scoped_per_site_revocable_and_audited(ward_site, other_site, client):
    admin = get_user_model().objects.create_superuser("quantri", "quantri@example.org", "mat-khau-quan-tri-dai")
    login_verified(client, admin)
    add = client.post(
        reverse("api_tokens:add"), {"site": ward_site.pk, "name": "Hệ thống tỉnh", "scope": "articles:write"}
    )
    assert add.status_code == 200
    token = re.search(r'<code id="api-token">([^<]+)</code>', add.content.decode()).group(1)
    row = ApiToken.objects.get()
    assert row.prefix == token[:10] and token not in row.key_hash and row.created_by == admin
    # Shown once: neither the list nor the edit page carries it again.
    for url in (reverse("api_tokens:index"), reverse("api_tokens:edit", args=[row.pk])):
        assert token not in client.get(url).content.decode()
    other_row = ApiToken.objects.create(site=other_site, name="Bãi Cháy", prefix="x", key_hash="y")
    client.logout()

    assert post(client, ARTICLE).status_code == 401
    unknown = post(client, ARTICLE, token="pt_" + "a" * 43)
    assert unknown.status_code == 401 and unknown["WWW-Authenticate"] == 'Bearer realm="api"'
    assert unknown["Content-Type"].startswith("application/problem+json")
    # The token of one site cannot write to another.
    refused = post(client, ARTICLE, token=token, host="baichay.localhost")
    assert refused.status_code == 403 and refused.json()["type"] == "/api/problems/forbidden"
    assert post(client, ARTICLE | {"title": "a\x00b"}, token=token).status_code == 400
    assert post(client, ARTICLE | {"category": "khong-co"}, token=token).status_code == 404

    made = post(client, ARTICLE, token=token)
    assert made.status_code == 201
    page = ArticlePage.objects.get(pk=made.json()["id"])
    assert not page.live and page.get_parent().slug == "tin-tuc-su-kien" and made.json()["live"] is False
    assert client.get("/api/articles/", HTTP_HOST="localhost").json()["count"] == 0  # nothing public before review
    entries = {e.action: e for e in AuditEntry.objects.all()}
    assert entries["api_write"].details["token"] == token[:10] and entries["api_write"].object_id == str(page.pk)
    assert entries["api_token_refused"].details["token"] == token[:10]
    assert entries["api_token_created"].actor_id == admin.pk

    login_verified(client, admin)
    client.post(reverse("api_tokens:edit", args=[row.pk]), {"name": "Hệ thống tỉnh", "revoke": "on"})
    client.logout()
    row.refresh_from_db()
    assert row.revoked_at is not None and "api_token_revoked" in set(
        AuditEntry.objects.values_list("action", flat=True)
    )
    assert post(client, ARTICLE, token=token).status_code == 401
    assert other_row.revoked_at is None
