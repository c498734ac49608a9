import pytest

from intake.tests.forms import protection_fields


@pytest.fixture(autouse=True)
def _small_challenges(settings):
    settings.PORTAL_INTAKE_POW_MAX_NUMBER = 2000
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def clock(monkeypatch):
    """The wall clock, frozen and movable: how long a form stays open."""
    import time

    now = [time.time()]
    monkeypatch.setattr(time, "time", lambda: now[0])
    return now


ASK = "/hoi-dap/gui-cau-hoi/"


def person_data(ward_site, **changes):
    from questions.models import Topic

    return {
        "full_name": "Nguyễn Thị Lan",
        "email": "lan@example.org",
        "phone": "",
        "topic": Topic.objects.filter(site=ward_site).first().pk,
        "text": "Xin hỏi thủ tục đăng ký tạm trú cho con mới sinh cần giấy tờ gì?",
        "consent": "on",
    } | changes


@pytest.fixture
def send(client, clock, ward_site):
    """GET the form, wait like a person, POST it (the page's hidden fields solved), return the response."""

    def send_(host="localhost", wait=20, extra=None, **changes):
        page = client.get(ASK, HTTP_HOST=host)
        assert page.status_code == 200
        data = protection_fields(page.content.decode()) | person_data(ward_site, **changes)
        data |= extra or {}
        clock[0] += wait
        return client.post(ASK, data, HTTP_HOST=host)

    return send_
