"""Documents in the public API: status on the day, files, relations both ways, filters, and the open data."""

import csv
import datetime
import io

from documents.tests.conftest import sample_pdf


def test_documents_with_status_files_relations_and_open_data(ward_site, make_document, frozen_today, client):
    frozen_today(datetime.date(2026, 3, 1))
    old = make_document(ward_site, "10/QĐ-UBND", "Quy chế cũ", issued=datetime.date(2024, 1, 5))
    new = make_document(
        ward_site,
        "15/QĐ-UBND",
        "=Quy chế mới",
        issued=datetime.date(2026, 2, 1),
        effective=datetime.date(2026, 2, 10),
        files=[("quy-che.pdf", sample_pdf(("Điều 1",)))],
        relations=[("replaces", old)],
    )

    listing = client.get("/api/documents/", HTTP_HOST="localhost").json()
    assert [d["number"] for d in listing["results"]] == ["15/QĐ-UBND", "10/QĐ-UBND"]
    latest, replaced = listing["results"]
    assert latest["status"] == {"code": "con-hieu-luc", "label": "Còn hiệu lực"}
    assert replaced["status"]["code"] == "het-hieu-luc"
    assert latest["relations"] == [{"kind": "replaces", "label": "Thay thế", "document_id": old.pk, "title": old.title}]
    assert replaced["relations"] == [
        {"kind": "replaces_by", "label": "Bị thay thế bởi", "document_id": new.pk, "title": new.title}
    ]
    (attached,) = latest["files"]
    assert attached["format"] == "pdf" and attached["url"] == latest["url"] + "tep/1/"
    assert client.get(attached["url"].removeprefix("http://localhost"), HTTP_HOST="localhost").status_code == 200
    filtered = client.get(
        "/api/documents/?status=het-hieu-luc&since=2024-01-01&until=2024-12-31", HTTP_HOST="localhost"
    )
    assert [d["id"] for d in filtered.json()["results"]] == [old.pk]
    assert client.get(f"/api/documents/{new.pk}/", HTTP_HOST="localhost").json() == latest

    export = client.get("/api/open-data/documents.csv", HTTP_HOST="localhost")
    rows = list(csv.DictReader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert [row["number"] for row in rows] == ["15/QĐ-UBND", "10/QĐ-UBND"]
    assert rows[0]["summary"] == "'=Quy chế mới"  # never a formula in a spreadsheet
    assert '"con-hieu-luc"' in rows[0]["status"]
    assert export["Link"] == '<https://creativecommons.org/licenses/by/4.0/deed.vi>; rel="license"'
