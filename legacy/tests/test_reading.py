import datetime

import pytest

from legacy.dates import VIETNAM, parse_vietnamese_date
from legacy.oldurls import split_url
from legacy.profile import ProfileError, load_profile, normalize_category


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thứ Ba, 28/03/2023 - 15:20", (2023, 3, 28, 15, 20)),
        ("Cập nhật lúc 08:15 ngày 7/1/2023", (2023, 1, 7, 8, 15)),
        ("ngày 12 tháng 3 năm 2024", (2024, 3, 12, 0, 0)),
        ("05/04/2025", (2025, 4, 5, 0, 0)),  # day first, never month first
        ("Đăng lúc 3:45 PM 12/12/2021", (2021, 12, 12, 15, 45)),
        ("Ngày 1 tháng 6, năm 2022 lúc 7g30", (2022, 6, 1, 7, 30)),
        ("31/02/2020 rồi 02/03/2020", (2020, 3, 2, 0, 0)),  # an impossible date is passed over
    ],
)
def test_vietnamese_dates_are_day_first_in_vietnam_time(text, expected):
    assert parse_vietnamese_date(text) == datetime.datetime(*expected, tzinfo=VIETNAM)


def test_no_date_and_hostile_text():
    latest = datetime.datetime(2026, 1, 1, tzinfo=VIETNAM)
    assert parse_vietnamese_date("12/12/2099", latest=latest) is None
    assert parse_vietnamese_date("Liên hệ: 0203 3000 111\x00\u2028\ud800") is None
    assert parse_vietnamese_date("1/1/1" * 100_000) is None


def test_old_urls_ignore_portlet_noise_and_order():
    one = split_url("http://THD.example.gov.vn/web/thd/chi-tiet-tin/?p_p_id=101&p_p_lifecycle=0&articleId=12&b=2")
    other = split_url("http://thd.example.gov.vn/web/thd/chi-tiet-tin?b=2&articleId=12&p_p_state=maximized")
    assert one == other == ("thd.example.gov.vn", "/web/thd/chi-tiet-tin?articleId=12&b=2")
    assert split_url("javascript:alert(1)") == ("", "")
    assert split_url("http://[::1") == ("", "")


def test_profile_reads_and_refuses(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text(
        '[hosts."a.example"]\nbody = ".noi-dung"\ndrop_urls = ["/tim-kiem"]\n'
        '[categories]\n"TIN TỨC – SỰ KIỆN" = "tin-tuc"\n[links]\nallowed_domains = ["baoquangninh.vn"]\n',
        encoding="utf-8",
    )
    profile = load_profile(path)
    assert profile.for_host("a.example").selectors == {"body": ".noi-dung"}
    assert profile.for_host("a.example").matches("drop_urls", "/tim-kiem?q=1")
    assert profile.category_for("Tin tức - Sự kiện") == "tin-tuc"
    assert profile.allows_link_to("www.baoquangninh.vn") and not profile.allows_link_to("evilbaoquangninh.vn")
    assert normalize_category("Tin tức  –  Sự kiện") == normalize_category("Tin tức-Sự kiện") == "Tin tức - Sự kiện"
    for bad in (
        '[hosts."a"]\ntitle = 3\n',
        '[hosts."a"]\nlisting_urls = ["("]\n',
        "[hosts\n",
        '[hosts."a"]\nx = "y"\n',
    ):
        path.write_text(bad, encoding="utf-8")
        with pytest.raises(ProfileError):
            load_profile(path)
