import pytest

from intake.models import ScreenTerm
from intake.screen import hosts_in, screen

pytestmark = pytest.mark.django_db


def reasons(*texts):
    return {flag.reason for flag in screen(*texts)}


@pytest.mark.parametrize(
    "text",
    [
        "Vào nhà cái uy tín nhận thưởng",
        "NHA CAI so 1, nap tien ngay",
        "Chơi nổ hũ đổi thưởng",
        "Best online casino bonus",
        "Dang ky FB88 ngay",
    ],
)
def test_gambling_words_are_flagged(text):
    assert "gambling" in reasons(text)


@pytest.mark.parametrize("text", ["xem tại bit.ly/abc123", "https://www.tinyurl.com/x", "link: cutt.ly/z"])
def test_link_shorteners_are_flagged(text):
    assert {"shortener", "link"} <= reasons(text)


@pytest.mark.parametrize(
    "text",
    [
        "Tôi lo để hồ sơ quá hạn, xin hỏi thủ tục ở TP.HCM thế nào?",
        "Đề nghị phường sửa đường tổ 5, khu 3 (v.v.)",
        "Email của tôi là an@example.com",
    ],
)
def test_an_ordinary_question_raises_no_flag(text):
    assert screen(text) == []


def test_the_screen_is_data_an_added_term_takes_effect_at_once():
    assert screen("mua bán hàng giả") == []
    ScreenTerm.objects.create(term="hàng giả", kind=ScreenTerm.Kind.WORD, reason=ScreenTerm.Reason.SPAM)
    assert [str(flag) for flag in screen("mua bán hàng giả")] == ["quảng cáo rác: hàng giả"]


def test_hosts_are_read_with_or_without_a_scheme_but_not_from_emails():
    assert hosts_in("a@b.com, bit.ly/x, http://Example.ORG/p, TP.HCM") == {"bit.ly", "example.org"}
