import datetime
import time

import pytest

from intake.tests.forms import protection_fields
from portal.tests.clock import freeze

VN = datetime.timezone(datetime.timedelta(hours=7))
OPENS = datetime.datetime(2026, 5, 4, 8, 0, tzinfo=VN)
CLOSES = datetime.datetime(2026, 5, 20, 17, 0, tzinfo=VN)
URL = "/lay-y-kien/quy-che-via-he/"
FORM = URL + "gop-y/"


@pytest.fixture(autouse=True)
def _small_challenges(settings):
    settings.PORTAL_INTAKE_POW_MAX_NUMBER = 2000
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


class Clocks:
    """timezone.now() (the window, the pages) and time.time() (the form's signed start, the challenge's expiry)
    frozen together and moved together."""

    def __init__(self, monkeypatch, moment):
        self.frozen = freeze(monkeypatch, moment)
        monkeypatch.setattr(time, "time", lambda: self.frozen.moment.timestamp())

    def set(self, moment):
        self.frozen.set(moment)

    def advance(self, **delta):
        self.frozen.advance(**delta)


@pytest.fixture
def clock(monkeypatch):
    return Clocks(monkeypatch, datetime.datetime(2026, 5, 10, 10, 0, tzinfo=VN))


def make_consultation(site, opens_at, closes_at):
    """A published draft under the site's /lay-y-kien/ (at URL), with two articles a comment may refer to."""
    from consultations.models import ConsultationIndexPage, ConsultationPage

    section = ConsultationIndexPage.objects.child_of(site.root_page).get()
    page = ConsultationPage(
        title="Dự thảo Quy chế quản lý vỉa hè",
        slug="quy-che-via-he",
        summary="Dự thảo quy định việc sử dụng tạm thời vỉa hè.",
        opens_at=opens_at,
        closes_at=closes_at,
        parts="Điều 1. Phạm vi điều chỉnh\nĐiều 3. Phần vỉa hè dành cho người đi bộ",
    )
    section.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def consultation(ward_site, clock):
    return make_consultation(ward_site, OPENS, CLOSES)


def person_data(**changes):
    return {
        "full_name": "Nguyễn Thị Lan",
        "organisation": "",
        "email": "lan@example.org",
        "phone": "",
        "reference": "Điều 3. Phần vỉa hè dành cho người đi bộ",
        "text": "Đề nghị ghi rõ phần vỉa hè 1,5 mét tính từ mép bó vỉa.",
        "consent": "on",
    } | changes


@pytest.fixture
def send(client, clock, consultation):
    """GET the form, wait like a person, POST it (the page's hidden fields solved), return the response."""

    def send_(wait=20, extra=None, **changes):
        page = client.get(FORM, HTTP_HOST="localhost")
        assert page.status_code == 200
        data = protection_fields(page.content.decode()) | person_data(**changes) | (extra or {})
        clock.advance(seconds=wait)
        return client.post(FORM, data, HTTP_HOST="localhost")

    return send_
