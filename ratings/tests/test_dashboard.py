"""The statistics dashboard shows the ratings per site and per page for its period, and the CSV has them all."""

import csv
import datetime
import io
from collections import Counter
from statistics import mean

import pytest
from django.contrib.auth.models import Permission

from editorial.tests.fixtures import login_verified
from portal.tests.clock import freeze
from ratings.models import SCORES
from ratings.recording import record
from ratings.tests.conftest import READER_UA
from stats.pages import resolve

pytestmark = pytest.mark.django_db

VN = datetime.timezone(datetime.timedelta(hours=7))
RATED = [("/", 5), ("/", 4), ("/", 4), ("/tin-tuc-su-kien/", 1), ("/tin-tuc-su-kien/", 2)]


def test_results_per_site_and_page_in_the_dashboard_and_csv(monkeypatch, client, admin_user, ward_site):
    now = datetime.datetime(2026, 11, 26, 10, 0, tzinfo=VN)
    freeze(monkeypatch, now)
    for n, (path, score) in enumerate(RATED):
        record(ward_site.pk, path, resolve(ward_site.pk, path), f"192.0.2.{n}", READER_UA, score)
    # Forty days ago: outside the 30-day period, inside the 365-day one.
    old = now - datetime.timedelta(days=40)
    record(ward_site.pk, "/", ward_site.root_page_id, "192.0.2.99", READER_UA, 1, "Chữ quá nhỏ.", at=old)

    login_verified(client, admin_user)
    html = client.get("/admin/thong-ke/", {"site": ward_site.pk, "days": 30}, HTTP_HOST="localhost").content.decode()
    scores = [score for _path, score in RATED]
    average = f"{mean(scores):.2f}".replace(".", ",")
    assert f"<strong>{len(RATED)}</strong> lượt đánh giá, điểm trung bình <strong>{average}</strong>/5" in html
    assert "0 góp ý kèm theo" in html  # the comment came 40 days ago
    assert html.index("tin-tuc-su-kien") > html.index("<small>/</small>")  # more ratings first

    def exported(days):
        response = client.get("/admin/thong-ke/danh-gia.csv", {"site": ward_site.pk, "days": days})
        assert response["Content-Type"].startswith("text/csv") and response.content.startswith(b"\xef\xbb\xbf")
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))

    rows = exported(30)
    assert rows[0][:4] == ["Đường dẫn", "Trang", "Số lượt đánh giá", "Điểm trung bình"] and len(rows[0]) == 9
    by_path = {row[0]: row for row in rows[1:-1]}
    for path in {path for path, _score in RATED}:
        given = [score for p, score in RATED if p == path]
        counts = Counter(given)
        assert by_path[path][2:] == [str(len(given)), f"{mean(given):.2f}", *(str(counts[s]) for s in SCORES)]
    assert by_path["/"][1] == ward_site.root_page.title
    assert rows[-1][0].startswith("Toàn cổng") and rows[-1][2:4] == [str(len(RATED)), f"{mean(scores):.2f}"]
    assert exported(365)[-1][2] == str(len(RATED) + 1)

    # The same figures in the public API, per day and without paths (api: ratings/api_resources.py).
    client.logout()
    days = client.get("/api/ratings/", HTTP_HOST="localhost").json()["results"]
    assert [(d["day"], d["ratings"], d["average"]) for d in days] == [
        (now.date().isoformat(), len(RATED), round(mean(scores), 2)),
        (old.date().isoformat(), 1, 1.0),
    ]
    assert days[0]["by_score"] == {str(s): Counter(scores)[s] for s in SCORES}
    assert "/tin-tuc-su-kien/" not in client.get("/api/open-data/ratings.csv", HTTP_HOST="localhost").content.decode()

    # In the admin, but in no group naming the site: refused as the statistics page refuses (Wagtail's redirect).
    outsider = admin_user.__class__.objects.create_user("bientap", password="x")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    refused = client.get("/admin/thong-ke/danh-gia.csv", {"site": ward_site.pk})
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
