import datetime
import re

import pytest

from documents import status as statuses

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2025, 6, 1)


@pytest.fixture(autouse=True)
def _today(frozen_today):
    frozen_today(TODAY)


def _numbers(response):
    return re.findall(r'<td><a href="[^"]+">([^<]+)</a>', response.content.decode())


@pytest.fixture
def documents(ward_site, make_document):
    made = {
        "qd": make_document(
            ward_site,
            "15/QĐ-UBND",
            "Về phòng chống thiên tai",
            field="phong-chong-thien-tai",
            issued=datetime.date(2025, 3, 10),
        ),
        "kh": make_document(
            ward_site,
            "7/KH-UBND",
            "Kế hoạch dọn vệ sinh môi trường",
            doc_type="ke-hoach",
            issued=datetime.date(2024, 5, 2),
            expires=datetime.date(2024, 12, 31),
        ),
        "nq": make_document(
            ward_site,
            "2/NQ-HĐND",
            "Nghị quyết về ngân sách",
            doc_type="nghi-quyet",
            issuer="HĐND phường Hồng Gai",
            field="tai-chinh-ngan-sach",
            issued=datetime.date(2025, 1, 20),
        ),
    }
    return made


def test_listing_is_newest_first_with_number_type_date_summary_and_status(documents, client):
    response = client.get("/van-ban/")
    html = response.content.decode()
    assert _numbers(response) == ["15/QĐ-UBND", "2/NQ-HĐND", "7/KH-UBND"]
    assert "10/03/2025" in html and "Về phòng chống thiên tai" in html and "Quyết định" in html
    assert "Hết hiệu lực toàn bộ" in html and "Còn hiệu lực" in html


@pytest.mark.parametrize(
    "query,expected",
    [
        ("loai=ke-hoach", ["7/KH-UBND"]),
        ("linh-vuc=tai-chinh-ngan-sach", ["2/NQ-HĐND"]),
        ("co-quan=HĐND phường Hồng Gai", ["2/NQ-HĐND"]),
        ("nam=2025", ["15/QĐ-UBND", "2/NQ-HĐND"]),
        ("tinh-trang=het-hieu-luc", ["7/KH-UBND"]),
        ("tinh-trang=con-hieu-luc&nam=2025", ["15/QĐ-UBND", "2/NQ-HĐND"]),
        ("q=thien tai&nam=2025", ["15/QĐ-UBND"]),
        ("q=15 qd ubnd", ["15/QĐ-UBND"]),
        ("q=ngan sach&loai=quyet-dinh", []),
    ],
)
def test_filters_combine_with_each_other_and_with_text(documents, client, query, expected):
    assert _numbers(client.get("/van-ban/?" + query)) == expected


@pytest.mark.parametrize(
    "query",
    [
        "loai=khong-co",
        "nam=99999999999999999999",
        "nam=-1",
        "tinh-trang=%00",
        "page=-5",
        "page=abc",
        "page=99999999999",
        "q=" + "x" * 5000,
        "co-quan=%ff%fe",
        "linh-vuc[]=1",
        "nam=2025&nam=abc",
    ],
)
def test_absurd_values_never_fail(documents, client, query):
    response = client.get("/van-ban/?" + query)
    assert response.status_code == 200
    assert _numbers(response) or query.startswith("q=")  # an unusable filter is dropped, not the listing


def test_twenty_a_page_and_the_filters_follow_the_pages(ward_site, make_document, client):
    for number in range(1, 23):
        make_document(
            ward_site, f"{number}/TB-UBND", doc_type="thong-bao", issued=datetime.date(2025, 1, number), files=[]
        )
    first = client.get("/van-ban/?loai=thong-bao")
    assert len(_numbers(first)) == 20
    assert _numbers(first)[0] == "22/TB-UBND"
    assert 'href="?loai=thong-bao&amp;page=2"' in first.content.decode()
    assert _numbers(client.get("/van-ban/?loai=thong-bao&page=2")) == ["2/TB-UBND", "1/TB-UBND"]


def test_status_filter_matches_the_status_shown(documents, client, make_document, ward_site):
    make_document(
        ward_site,
        "30/QĐ-UBND",
        "Sửa quy định",
        issued=datetime.date(2025, 4, 1),
        relations=[(statuses.AMENDS, documents["qd"])],
    )
    assert _numbers(client.get("/van-ban/?tinh-trang=het-hieu-luc-mot-phan")) == ["15/QĐ-UBND"]


def test_a_new_issuer_and_year_are_offered_once_their_document_is_published(documents, client, make_document):
    offered = 'value="Công an phường Hồng Gai"'
    first = client.get("/van-ban/", {"co-quan": "Công an phường Hồng Gai", "nam": "2019"})
    assert offered not in first.content.decode()  # the filters' lists are kept between requests from here
    assert "không có giá trị" in first.content.decode()
    ward_site = documents["qd"].get_site()
    made = make_document(
        ward_site,
        "3/KH-CAP",
        "Kế hoạch tuần tra",
        doc_type="ke-hoach",
        issuer="Công an phường Hồng Gai",
        issued=datetime.date(2019, 2, 1),
        publish=False,
    )
    assert offered not in client.get("/van-ban/").content.decode()  # a draft is not listed
    made.save_revision().publish()
    response = client.get("/van-ban/", {"co-quan": "Công an phường Hồng Gai", "nam": "2019"})
    assert _numbers(response) == ["3/KH-CAP"]
    assert "không có giá trị" not in response.content.decode() and offered in response.content.decode()
    made.unpublish()
    assert offered not in client.get("/van-ban/").content.decode()


def test_rss_lists_new_documents(documents, client):
    response = client.get("/van-ban/rss/")
    body = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    assert body.count("<item>") == 3
    assert "15/QĐ-UBND" in body


def test_hostile_strings_in_every_parameter_give_an_inert_page(documents, client):
    from core.tests.hostile_corpus import HOSTILE_STRINGS, assert_inert_html

    names = ("q", "loai", "linh-vuc", "co-quan", "nam", "tinh-trang", "page")
    for value in HOSTILE_STRINGS:
        response = client.get("/van-ban/", dict.fromkeys(names, value))
        assert response.status_code == 200, value
        assert_inert_html(response.content.decode())
