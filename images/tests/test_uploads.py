"""Uploads through the admin: content decides, not the extension; photos lose their EXIF/GPS."""

import io
import zipfile

import pytest
from django.urls import reverse
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from editorial.roles import site_collection
from editorial.tests.fixtures import login_verified


def _named(data, name):
    buffer = io.BytesIO(data)
    buffer.name = name
    return buffer


def _jpeg_with_gps(size=(40, 20), orientation=6):
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation: rotate 90° clockwise to display
    exif[0x010F] = "MayAnhThu"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (20.0, 57.0, 3.0), "E", (107.0, 4.0, 50.0)
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def _image(fmt, size=(30, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 200, 20)).save(buffer, format=fmt)
    return buffer.getvalue()


def _office(main_part, content_types='<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", content_types)
        package.writestr(main_part, "<root/>")
    return buffer.getvalue()


def _xlsx():
    from openpyxl import Workbook

    buffer = io.BytesIO()
    book = Workbook()
    book.active["A1"] = "Danh sách hộ nghèo"
    book.save(buffer)
    return buffer.getvalue()


def _pdf():
    from pypdf import PdfWriter

    writer, buffer = PdfWriter(), io.BytesIO()
    writer.add_blank_page(200, 200)
    writer.write(buffer)
    return buffer.getvalue()


PDF = _pdf()
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'


@pytest.fixture
def editor_client(client, ward_site, django_user_model):
    admin = django_user_model.objects.create_superuser("sieu-quan-tri", "sq@example.org", "Tre-Xanh-Ven-Bien-9")
    return login_verified(client, admin)


def _upload_image(client, site, data, name, title="Ảnh thử"):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": title, "file": _named(data, name), "collection": site_collection(site).pk, "tags": ""},
    )


def _upload_document(client, site, data, name, title="Tài liệu thử"):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": title, "file": _named(data, name), "collection": site_collection(site).pk, "tags": ""},
    )


def test_exif_and_gps_are_stripped_and_orientation_kept(editor_client, ward_site):
    response = _upload_image(editor_client, ward_site, _jpeg_with_gps(), "anh-hien-truong.jpg")
    assert response.status_code == 302
    image = get_image_model().objects.get(title="Ảnh thử")
    with image.open_file() as handle, Image.open(handle) as stored:
        assert not stored.getexif()
        assert "exif" not in stored.info
        assert stored.size == (20, 40)  # turned upright, so no Orientation tag is needed
    assert (image.width, image.height) == (20, 40)


@pytest.mark.parametrize("fmt,name", [("PNG", "so-do.png"), ("WEBP", "ban-do.webp"), ("JPEG", "anh.jpeg")])
def test_real_images_are_accepted(editor_client, ward_site, fmt, name):
    assert _upload_image(editor_client, ward_site, _image(fmt), name).status_code == 302
    assert get_image_model().objects.filter(title="Ảnh thử").count() == 1


@pytest.mark.parametrize(
    "data,name",
    [
        (HTML, "trang.jpg"),  # HTML pretending to be a photo
        (SVG, "logo.svg"),
        (SVG, "logo.png"),
        (_image("GIF"), "dong.gif"),
        (_image("PNG"), "anh.jpg"),  # content and extension disagree
        (_image("JPEG")[:200], "cat-cut.jpg"),  # truncated
        (b"", "rong.png"),
    ],
)
def test_non_images_are_refused_with_a_message(editor_client, ward_site, data, name):
    response = _upload_image(editor_client, ward_site, data, name)
    assert response.status_code == 200
    assert not get_image_model().objects.filter(title="Ảnh thử").exists()
    assert 'class="error-message"' in response.content.decode() or "error" in response.content.decode()


def test_oversized_images_are_refused(editor_client, ward_site, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 500
    response = _upload_image(editor_client, ward_site, _image("PNG", (300, 300)), "lon.png")
    assert response.status_code == 200
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize(
    "data,name",
    [
        (PDF, "nghi-quyet.pdf"),
        (_office("word/document.xml"), "ke-hoach.docx"),
        (_xlsx(), "danh-sach.xlsx"),
    ],
)
def test_real_documents_are_accepted(editor_client, ward_site, data, name):
    assert _upload_document(editor_client, ward_site, data, name).status_code == 302
    assert get_document_model().objects.filter(title="Tài liệu thử").count() == 1


MACRO_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>'
)


@pytest.mark.parametrize(
    "data,name",
    [
        (HTML, "thong-bao.pdf"),
        (SVG, "hinh.svg"),
        (HTML, "trang.html"),
        (b"MZ\x90\x00\x03", "cai-dat.exe"),
        (_office("xl/workbook.xml"), "nham.docx"),  # a workbook renamed as a Word file
        (b"PK\x03\x04 not really a zip", "hong.docx"),
        (_office("xl/workbook.xml", MACRO_TYPES), "co-macro.xlsx"),
        (PDF, "nghi-quyet.pdf.html"),
    ],
)
def test_other_documents_are_refused(editor_client, ward_site, data, name):
    response = _upload_document(editor_client, ward_site, data, name)
    assert response.status_code == 200
    assert not get_document_model().objects.exists()


def test_images_saved_outside_the_admin_lose_their_exif_too(ward_site):
    from django.core.files.uploadedfile import SimpleUploadedFile

    image = get_image_model()(title="Ảnh nhập", file=SimpleUploadedFile("nhap.jpg", _jpeg_with_gps()))
    image.save()
    with image.open_file() as handle, Image.open(handle) as stored:
        assert not stored.getexif()
        assert stored.size == (image.width, image.height) == (20, 40)
