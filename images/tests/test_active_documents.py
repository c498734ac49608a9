"""Documents that act on their own when opened are refused, with the reason in Vietnamese."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from images.uploads import validate_document


def _named(data, name):
    buffer = io.BytesIO(data)
    buffer.name = name
    return buffer


def _pdf(change=None):
    writer, buffer = PdfWriter(), io.BytesIO()
    writer.add_blank_page(200, 200)
    if change:
        change(writer)
    writer.write(buffer)
    return buffer.getvalue()


def _open_action(kind, key, value):
    def change(writer):
        action = DictionaryObject({NameObject("/S"): NameObject(kind), NameObject(key): TextStringObject(value)})
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)

    return change


_with_javascript = _open_action("/JavaScript", "/JS", "app.alert('xin chao');")
_with_launch = _open_action("/Launch", "/F", "cmd.exe")


def _package(parts, odt=False):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        if odt:
            package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
            package.writestr("content.xml", "<office:document-content/>")
        else:
            package.writestr("[Content_Types].xml", "<Types/>")
            package.writestr("word/document.xml", "<w:document/>")
        for name, text in parts.items():
            package.writestr(name, text)
    return buffer.getvalue()


def _relationship(kind, target):
    return (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" '
        f'Target="{target}" TargetMode="External"/></Relationships>'
    )


@pytest.mark.parametrize(
    "data,name",
    [
        (_pdf(), "van-ban.pdf"),
        (_package({"word/_rels/document.xml.rels": _relationship("hyperlink", "https://dichvucong.gov.vn")}), "a.docx"),
        (_package({}, odt=True), "van-ban.odt"),
    ],
)
def test_plain_documents_pass(data, name):
    assert validate_document(_named(data, name)) == name.rsplit(".", 1)[1]


@pytest.mark.parametrize(
    "data,name,reason",
    [
        (_pdf(_with_javascript), "co-js.pdf", "JavaScript"),
        (_pdf(_with_launch), "mo-chuong-trinh.pdf", "Launch"),
        (_pdf(_with_javascript).replace(b"/JavaScript", b"/J#61vaScript"), "an-ten.pdf", "JavaScript"),
        (_package({"word/vbaProject.bin": "macro"}), "co-macro.docx", "macro"),
        (
            _package({"word/_rels/settings.xml.rels": _relationship("attachedTemplate", "http://x.example/t.dotm")}),
            "mau-ngoai.docx",
            "bên ngoài",
        ),
        (_package({"Basic/Standard/Module1.xml": "macro"}, odt=True), "co-macro.odt", "macro"),
        (b"%PDF-1.7\nkhong phai pdf", "hong.pdf", "hỏng"),
    ],
)
def test_active_or_broken_documents_are_refused_with_a_reason(data, name, reason):
    with pytest.raises(ValidationError) as refused:
        validate_document(_named(data, name))
    assert reason in refused.value.messages[0]
