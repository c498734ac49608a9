"""Checking uploaded files by their content, and removing image metadata.

Extensions prove nothing: an HTML page renamed photo.jpg, an SVG with scripts, or a macro workbook
renamed .xlsx must all be refused. Images are decoded by Pillow, documents recognised by their
signature (PDF) or their package structure (DOCX, XLSX, ODT). Active content is refused with its reason:
PDFs with JavaScript or launch actions, office files with macros or links that fetch content from elsewhere.
"""

import os
import re
import zipfile
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

IMAGE_FORMATS = {"JPEG": {"jpg", "jpeg"}, "PNG": {"png"}, "WEBP": {"webp"}}
IMAGE_MAX_PIXELS = 60_000_000
DOCUMENT_KINDS = {
    "pdf": "pdf",
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "odt": "content.xml",
}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# PDF names may spell letters as #xx ("/J#61vaScript"); read them as the viewer will.
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch)(?![A-Za-z0-9])")
# Relationships an office file follows to fetch content from elsewhere (a template, an OLE object, a frame);
# a plain hyperlink is only followed when the reader clicks it.
_EXTERNAL_TARGET = re.compile(rb'<Relationship\b[^>]*TargetMode="External"[^>]*>', re.IGNORECASE)
_HYPERLINK_TYPE = re.compile(rb'Type="[^"]*/hyperlink"', re.IGNORECASE)
# A small DOCX/XLSX that unpacks to gigabytes is an attack, not a document.
ZIP_MAX_UNCOMPRESSED = 200 * 1024 * 1024
ZIP_MAX_ENTRIES = 5000


def _extension(name):
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def _read(fileobj):
    fileobj.seek(0)
    data = fileobj.read()
    fileobj.seek(0)
    return data


def check_size(fileobj, limit):
    if fileobj.size > limit:
        raise ValidationError(
            _("Tệp quá lớn (%(size)s MB); giới hạn là %(limit)s MB.")
            % {"size": round(fileobj.size / 1048576, 1), "limit": round(limit / 1048576)},
            code="file_too_large",
        )


def validate_image(fileobj):
    """Refuse anything that is not a decodable JPEG, PNG or WebP whose extension matches its content."""
    data = _read(fileobj)
    try:
        with Image.open(BytesIO(data)) as probe:
            image_format = probe.format
            width, height = probe.size
            probe.verify()
        # verify() catches truncation and bad checksums; decoding catches the rest.
        with Image.open(BytesIO(data)) as image:
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            _("Tệp không phải ảnh JPEG, PNG hoặc WebP hợp lệ."), code="invalid_image_content"
        ) from exc
    if image_format not in IMAGE_FORMATS:
        raise ValidationError(
            _("Chỉ nhận ảnh JPEG, PNG hoặc WebP (tệp này là %(format)s).") % {"format": image_format},
            code="invalid_image_format",
        )
    if _extension(fileobj.name) not in IMAGE_FORMATS[image_format]:
        raise ValidationError(
            _("Phần mở rộng của tệp không khớp với nội dung (ảnh %(format)s).") % {"format": image_format},
            code="image_extension_mismatch",
        )
    if width * height > IMAGE_MAX_PIXELS:
        raise ValidationError(_("Ảnh quá lớn về kích thước điểm ảnh."), code="image_too_many_pixels")
    return image_format


def validate_document(fileobj):
    """Refuse anything that is not a PDF, DOCX, XLSX or ODT matching its extension, or that carries active
    content."""
    extension = _extension(fileobj.name)
    if extension not in DOCUMENT_KINDS:
        raise ValidationError(_("Chỉ nhận tài liệu PDF, DOCX, XLSX hoặc ODT."), code="invalid_document_extension")
    data = _read(fileobj)
    if extension == "pdf":
        if not data.startswith(b"%PDF-"):
            raise ValidationError(_("Tệp không phải tài liệu PDF hợp lệ."), code="invalid_pdf")
        _check_pdf_actions(data)
        return extension
    _check_office_package(data, DOCUMENT_KINDS[extension], extension)
    return extension


def _pdf_is_active(value, depth=0):
    """A pypdf object holding a JavaScript or launch action, at any depth of its dictionaries and arrays."""
    from pypdf.generic import ArrayObject, DictionaryObject

    if depth > 20:
        return False
    if isinstance(value, DictionaryObject):
        if value.get("/S") in ("/JavaScript", "/Launch") or "/JS" in value or "/JavaScript" in value:
            return True
        return any(_pdf_is_active(item, depth + 1) for key, item in value.items() if not hasattr(item, "idnum"))
    if isinstance(value, ArrayObject):
        return any(_pdf_is_active(item, depth + 1) for item in value if not hasattr(item, "idnum"))
    return False


def _check_pdf_actions(data):
    refused = ValidationError(
        _("Không nhận tệp PDF có mã JavaScript hoặc lệnh mở chương trình (Launch)."), code="pdf_active_content"
    )
    # Plain objects, names spelled with #xx escapes included...
    if _PDF_ACTIVE.search(_PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), data)):
        raise refused
    # ...and objects packed in compressed object streams, as pypdf reads them.
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(BytesIO(data))
        numbers = {number for entries in reader.xref.values() for number in entries} | set(reader.xref_objStm)
        for number in numbers:
            if _pdf_is_active(reader.get_object(number)):
                raise refused
    except ValidationError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as exc:
        raise ValidationError(_("Tệp PDF bị hỏng, không đọc được."), code="invalid_pdf") from exc


def _check_office_package(data, main_part, extension):
    refused = ValidationError(
        _("Tệp không phải tài liệu %(kind)s hợp lệ.") % {"kind": extension.upper()}, code="invalid_office_document"
    )
    try:
        with zipfile.ZipFile(BytesIO(data)) as package:
            entries = package.infolist()
            names = {entry.filename for entry in entries}
            if len(entries) > ZIP_MAX_ENTRIES or sum(e.file_size for e in entries) > ZIP_MAX_UNCOMPRESSED:
                raise ValidationError(_("Tài liệu nén bất thường (quá nhiều hoặc quá lớn khi giải nén)."))
            if main_part not in names:
                raise refused
            if extension == "odt":
                if package.read("mimetype").strip() != ODT_MIMETYPE:
                    raise refused
                content_types = ""
            else:
                if "[Content_Types].xml" not in names:
                    raise refused
                content_types = package.read("[Content_Types].xml").decode("utf-8", "replace").lower()
            relationships = [package.read(name) for name in names if name.lower().endswith(".rels")]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, EOFError) as exc:
        raise refused from exc
    lowered = [name.lower() for name in names]
    if (
        "macroenabled" in content_types
        or any(name.endswith("vbaproject.bin") for name in lowered)
        or any(name.startswith(("basic/", "scripts/")) for name in lowered)
    ):
        raise ValidationError(_("Không nhận tài liệu có macro."), code="office_macro")
    for part in relationships:
        if any(not _HYPERLINK_TYPE.search(link) for link in _EXTERNAL_TARGET.findall(part)):
            raise ValidationError(
                _("Không nhận tài liệu có liên kết tải nội dung từ bên ngoài (mẫu, đối tượng nhúng)."),
                code="office_external_link",
            )


def has_metadata(image):
    return bool(image.getexif()) or any(key in image.info for key in ("exif", "xmp", "XML:com.adobe.xmp", "comment"))


def strip_image_metadata(fileobj):
    """A copy of the image without EXIF/XMP/comments (GPS!), turned upright; None when already clean."""
    data = _read(fileobj)
    with Image.open(BytesIO(data)) as image:
        image_format = image.format
        if not has_metadata(image):
            return None
        icc_profile = image.info.get("icc_profile")
        upright = ImageOps.exif_transpose(image)
        upright.info.pop("exif", None)
        options = {"icc_profile": icc_profile} if icc_profile else {}
        if image_format == "JPEG":
            if upright.mode not in ("RGB", "L", "CMYK"):
                upright = upright.convert("RGB")
            options.update(quality=92, optimize=True)
        elif image_format == "WEBP":
            options.update(quality=90)
        buffer = BytesIO()
        upright.save(buffer, format=image_format, **options)
    return SimpleUploadedFile(os.path.basename(fileobj.name), buffer.getvalue())


def image_size(fileobj):
    with Image.open(BytesIO(_read(fileobj))) as image:
        return image.size
