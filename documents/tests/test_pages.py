import datetime
import json
import re

import pytest

from documents import status as statuses
from documents.tests.conftest import sample_pdf

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2025, 6, 1)
PDF = [("van-ban.pdf", sample_pdf(("Quyết định về kế hoạch phòng chống thiên tai.",)))]


@pytest.fixture(autouse=True)
def _today(frozen_today):
    frozen_today(TODAY)


def test_every_ward_site_gets_its_documents_section(ward_site, other_site, client):
    from documents.models import DocumentIndexPage, DocumentType

    for site in (ward_site, other_site):
        assert DocumentIndexPage.objects.child_of(site.root_page).live().count() == 1
        assert DocumentType.objects.filter(site=site, name="Quyết định").exists()
    response = client.get("/van-ban/")
    assert response.status_code == 200
    assert "Không có văn bản nào" in response.content.decode()


def test_document_page_shows_its_facts_files_and_legislation_json_ld(ward_site, make_document, client):
    document = make_document(
        ward_site, "15/QĐ-UBND", "Về kế hoạch phòng chống thiên tai năm 2025", signer="Nguyễn Văn An", files=PDF
    )
    response = client.get(document.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Quyết định số 15/QĐ-UBND" in html
    assert "Còn hiệu lực" in html
    assert "Nguyễn Văn An" in html
    assert re.search(r"PDF, \d+ KB, 1 trang", html)
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "Legislation"
    assert data["legislationIdentifier"] == "15/QĐ-UBND"
    assert data["legislationDate"] == "2025-03-10"
    assert data["legislationLegalForce"] == "https://schema.org/InForce"


def test_download_names_the_file_in_ascii_and_utf8_and_never_renders_as_html(ward_site, make_document, client):
    document = make_document(ward_site, "15/QĐ-UBND", files=PDF)
    html = client.get(document.url).content.decode()
    link = re.search(r'href="([^"]*/tep/1/[^"]*)"', html).group(1)
    response = client.get(link)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    disposition = response["Content-Disposition"]
    assert disposition.startswith('inline; filename="15-QD-UBND.pdf"')
    assert "filename*=UTF-8''15-Q%C4%90-UBND.pdf" in disposition
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert client.get(document.url + "tep/9/").status_code == 404


def test_replacing_and_amending_end_or_change_the_older_document_on_both_pages(ward_site, make_document, client):
    old = make_document(ward_site, "3/QĐ-UBND", "Quy chế cũ", issued=datetime.date(2024, 1, 5))
    amended = make_document(ward_site, "4/QĐ-UBND", "Quy chế được sửa", issued=datetime.date(2024, 1, 6))
    new = make_document(
        ward_site,
        "20/QĐ-UBND",
        "Quy chế mới",
        issued=datetime.date(2025, 4, 1),
        relations=[(statuses.REPLACES, old), (statuses.AMENDS, amended)],
    )
    assert old.status().code == statuses.EXPIRED and old.status().by.pk == new.pk
    assert amended.status().code == statuses.PARTLY_EXPIRED
    old_html = client.get(old.url).content.decode()
    assert "Hết hiệu lực toàn bộ" in old_html
    assert f'href="{new.url}"' in old_html
    assert "Bị thay thế bởi" in old_html
    new_html = client.get(new.url).content.decode()
    assert f'href="{old.url}"' in new_html and "Thay thế:" in new_html
    assert "Hết hiệu lực một phần" in client.get(amended.url).content.decode()


def test_a_replacement_not_yet_in_force_leaves_the_old_document_in_force(ward_site, make_document):
    old = make_document(ward_site, "3/QĐ-UBND", issued=datetime.date(2024, 1, 5))
    make_document(
        ward_site,
        "21/QĐ-UBND",
        issued=datetime.date(2025, 5, 20),
        effective=datetime.date(2025, 7, 1),
        relations=[(statuses.REPLACES, old)],
    )
    assert old.status().code == statuses.VALID
    assert old.status(datetime.date(2025, 7, 1)).code == statuses.EXPIRED


def test_past_expiry_stays_online_with_its_status(ward_site, make_document, client):
    document = make_document(
        ward_site,
        "7/KH-UBND",
        doc_type="ke-hoach",
        issued=datetime.date(2024, 2, 1),
        expires=datetime.date(2024, 12, 31),
    )
    future = make_document(
        ward_site,
        "8/KH-UBND",
        doc_type="ke-hoach",
        issued=datetime.date(2025, 5, 1),
        effective=datetime.date(2025, 9, 1),
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert "Hết hiệu lực toàn bộ" in response.content.decode()
    assert "Chưa có hiệu lực" in client.get(future.url).content.decode()


def _hit(response):
    return response.get("X-Page-Cache") == "HIT"


def test_publishing_a_document_refreshes_the_cached_listing_and_the_document_it_replaces(
    ward_site, make_document, client
):
    old = make_document(ward_site, "3/QĐ-UBND", "Quy chế cũ", issued=datetime.date(2024, 1, 5))
    for url in ("/van-ban/", old.url, "/van-ban/rss/"):
        client.get(url)
        assert _hit(client.get(url))
    new = make_document(ward_site, "20/QĐ-UBND", "Quy chế mới", relations=[(statuses.REPLACES, old)])
    listing, old_page, feed = (client.get(url) for url in ("/van-ban/", old.url, "/van-ban/rss/"))
    assert not any(_hit(response) for response in (listing, old_page, feed))
    assert "20/QĐ-UBND" in listing.content.decode() and "20/QĐ-UBND" in feed.content.decode()
    assert f'href="{new.url}"' in old_page.content.decode()
