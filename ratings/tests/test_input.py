"""Bad input never gives a 500 and stores nothing: a form from another site, the honeypot, absurd scores, paths
that name no page, oversize bodies, a burst from one network; each refused with a Vietnamese message, and a
score left out re-renders the form with the error tied to its fieldset and the comment kept, as plain text."""

import pytest

from core.tests.hostile_corpus import HOSTILE_STRINGS, assert_inert_html
from ratings.forms import MAX_COMMENT
from ratings.models import Comment, DailyRater, PageRatingDay

pytestmark = pytest.mark.django_db

CROSS_SITE = "Không nhận đánh giá gửi từ trang web khác"
NO_SCORE = "Vui lòng chọn một mức từ 1 đến 5."
NO_PAGE = "Không rõ trang được đánh giá"

CASES = [
    ({"headers": {}}, 403, CROSS_SITE),  # neither Sec-Fetch-Site, Origin nor Referer
    ({"headers": {"HTTP_SEC_FETCH_SITE": "cross-site"}}, 403, CROSS_SITE),
    ({"headers": {"HTTP_SEC_FETCH_SITE": "same-site"}}, 403, CROSS_SITE),  # another ward's subdomain
    ({"headers": {"HTTP_ORIGIN": "https://evil.example"}}, 403, CROSS_SITE),
    ({"headers": {"HTTP_ORIGIN": "null"}}, 403, CROSS_SITE),
    ({"headers": {"HTTP_REFERER": "http://localhost.evil.example/"}}, 403, CROSS_SITE),
    ({"headers": {"HTTP_REFERER": "http://[::1"}}, 403, CROSS_SITE),  # unparsable
    ({"website": "http://spam.example/"}, 400, "Không gửi được biểu mẫu"),
    ({"score": ""}, 400, NO_SCORE),
    ({"score": "0"}, 400, NO_SCORE),
    ({"score": "6"}, 400, NO_SCORE),
    ({"score": "-1"}, 400, NO_SCORE),
    ({"score": "4.5"}, 400, NO_SCORE),
    ({"score": "9" * 4000}, 400, NO_SCORE),
    ({"score": "\x00"}, 400, NO_SCORE),
    ({"score": "năm"}, 400, NO_SCORE),
    ({"path": ""}, 400, NO_PAGE),
    ({"path": "//evil.example/"}, 400, NO_PAGE),
    ({"path": "/\\evil.example/"}, 400, NO_PAGE),
    ({"path": "https://evil.example/"}, 400, NO_PAGE),
    ({"path": "/tin-tuc-su-kien/\x00"}, 400, NO_PAGE),
    ({"path": "/" + "a" * 300 + "/"}, 400, NO_PAGE),
    ({"path": "/khong-co-trang-nay/"}, 404, "Không có trang này trên cổng thông tin"),
    ({"path": "/tin-tuc-su-kien/\u2028/"}, 404, "Không có trang này trên cổng thông tin"),
    ({"comment": "Rất dài. " * 200}, 400, "Góp ý dài quá 1.000 ký tự"),
]


def test_bad_input_is_refused_in_vietnamese_and_stores_nothing(settings, rate, client, ward_site):
    settings.PORTAL_RATING_RATE_PER_ADDRESS = 0  # the burst limit has its own check below
    for fields, status, message in CASES:
        answer = rate(**({"path": "/tin-tuc-su-kien/"} | fields))
        assert (answer.status_code, fields) == (status, fields)
        assert message in answer.content.decode(), fields
        assert "no-store" in answer["Cache-Control"]
    for body, content_type, status in [
        ("path=%2F&score=%ED%A0%80", "application/x-www-form-urlencoded", 400),  # a lone surrogate, encoded
        ("path=%2F&score=4&comment=" + "x" * 9000, "application/x-www-form-urlencoded", 413),
        ("\x00\xff{[", "application/json", 400),
        ("garbage", "multipart/form-data", 400),  # no boundary: unreadable
    ]:
        answer = client.post(
            "/danh-gia/", body, content_type=content_type, HTTP_HOST="localhost", HTTP_SEC_FETCH_SITE="same-origin"
        )
        assert answer.status_code == status, body[:40]
        assert "Vui lòng" in answer.content.decode(), body[:40]  # our page, in Vietnamese
    assert client.get("/danh-gia/", HTTP_HOST="localhost").status_code == 405
    assert (PageRatingDay.objects.count(), DailyRater.objects.count(), Comment.objects.count()) == (0, 0, 0)

    # A score left out: the form again, its error tied to the fieldset, the hostile comment kept as plain text.
    for hostile in [text for text in HOSTILE_STRINGS if len(text) <= MAX_COMMENT]:
        answer = rate("/tin-tuc-su-kien/", "", comment=hostile)
        html = answer.content.decode()
        assert answer.status_code == 400 and 'aria-describedby="rating-score-error"' in html
        assert_inert_html(html)
    # The thank-you page links back to a path of this site only.
    for target in ["javascript:alert(1)", "//evil.example/", "/\\evil.example", "https://evil.example/"]:
        html = client.get("/danh-gia/cam-on/", {"trang": target, "kq": "<b>"}, HTTP_HOST="localhost").content
        assert b'href="/"' in html and b"evil.example" not in html and b"javascript:" not in html

    # What a browser sends is accepted: Origin or Referer of this site when Sec-Fetch-Site is not sent.
    assert rate("/", headers={"HTTP_ORIGIN": "http://localhost"}).status_code == 303
    assert rate("/", headers={"HTTP_REFERER": "http://localhost/tin-tuc-su-kien/"}, ua="Other").status_code == 303
    # A burst from one network: refused with Retry-After once past the limit.
    settings.PORTAL_RATING_RATE_PER_ADDRESS = 3
    answers = [rate("/", ua=f"Bot {n}", ip="198.51.100.5") for n in range(5)]
    assert [a.status_code for a in answers] == [303, 303, 303, 429, 429]
    assert int(answers[3]["Retry-After"]) > 0 and "Vui lòng thử lại sau" in answers[3].content.decode()
    assert PageRatingDay.objects.get(path="/", score=4).count == 5
