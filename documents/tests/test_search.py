"""Documents in the portal's Vietnamese search: their summary, the text of their PDF and DOCX files, their number."""

import datetime
import io

import pytest

from documents.extract import extract
from documents.tests.conftest import sample_pdf

pytestmark = pytest.mark.django_db


def _api(client, q):
    response = client.get("/api/search/", {"q": q})
    assert response.status_code == 200
    return response.json()["results"]


def _docx(*paragraphs):
    import docx

    document, buffer = docx.Document(), io.BytesIO()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(buffer)
    return buffer.getvalue()


PDF = sample_pdf(
    ("Uỷ ban nhân dân phường Hồng Gai", "Kế hoạch phòng chống thiên tai năm 2025"),
    ("Điều 2. Các tổ dân phố chuẩn bị bao cát, đèn pin và nhà tránh bão.",),
)


@pytest.fixture
def documents(ward_site, make_document, make_article):
    make_article(ward_site, "Phường ra quân dọn vệ sinh", lead="Tổ dân phố số 15 cùng ra quân.")
    return {
        "target": make_document(
            ward_site,
            "15/QĐ-UBND",
            "Về việc ban hành kế hoạch phòng chống thiên tai",
            issued=datetime.date(2025, 1, 5),
            files=[("ke-hoach.pdf", PDF)],
        ),
        "citing": make_document(
            ward_site,
            "16/QĐ-UBND",
            "Sửa đổi Quyết định số 15/QĐ-UBND về phòng chống thiên tai",
            issued=datetime.date(2025, 5, 5),
        ),
        "other": make_document(
            ward_site,
            "15/KH-UBND",
            "Kế hoạch tiêm chủng mở rộng",
            doc_type="ke-hoach",
            issued=datetime.date(2025, 6, 5),
            files=[("tiem-chung.docx", _docx("Tiêm chủng cho trẻ em dưới 5 tuổi tại trạm y tế phường."))],
        ),
    }


@pytest.mark.parametrize("q", ["15/QĐ-UBND", "15/QD-UBND", "15 qđ ubnd", "15/qd-ubnd", "QĐ 15/QĐ-UBND"])
def test_a_number_in_any_usual_spelling_puts_its_document_first(documents, client, q):
    results = _api(client, q)
    assert results[0]["title"] == "Quyết định 15/QĐ-UBND"
    assert results[0]["kind"] == "document"
    assert results[0]["category"] == "Văn bản"


def test_words_inside_a_pdf_are_found_with_the_page_they_are_on(documents, client):
    [result] = _api(client, "bao cat den pin")
    assert result["title"] == "Quyết định 15/QĐ-UBND"
    assert result["page"] == 2
    [result] = _api(client, "kế hoạch phòng chống thiên tai 2025")
    assert result["page"] == 1


def test_words_inside_a_docx_are_found_and_articles_stay_beside_documents(documents, client):
    [result] = _api(client, "tre em duoi 5 tuoi")
    assert result["kind"] == "document" and result["title"] == "Kế hoạch 15/KH-UBND"
    assert "page" not in result  # a DOCX has no fixed pages
    kinds = {result["kind"] for result in _api(client, "to dan pho")}
    assert kinds == {"article", "document"}
    article = next(r for r in _api(client, "ra quan don ve sinh") if r["kind"] == "article")
    assert "page" not in article


def test_a_scan_gives_no_text_and_says_so():
    found = extract(sample_pdf((), ()), "pdf")
    assert found.scanned and found.page_count == 2
    assert not extract(PDF, "pdf").scanned


def test_a_damaged_file_does_not_stop_the_document(ward_site, make_document, client):
    document = make_document(
        ward_site, "9/TB-UBND", "Thông báo lịch tiếp dân", doc_type="thong-bao", files=[("hong.pdf", b"%PDF-1.7\nhong")]
    )
    assert client.get(document.url).status_code == 200
    assert _api(client, "lich tiep dan")[0]["title"] == "Thông báo 9/TB-UBND"


def test_a_rebuilt_index_still_finds_documents_inside_their_files(documents, client):
    from search.index import rebuild

    rebuild()
    [result] = _api(client, "bao cat den pin")
    assert result["kind"] == "document" and result["page"] == 2
