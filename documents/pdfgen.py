"""A small PDF writer for the demo content and the tests: pages of Vietnamese text in an embedded TrueType
font (with a ToUnicode map, so text extraction reads it back), or pages with no text at all (a "scan").

Only what our own test data needs; not a general PDF library.
"""

import struct
import textwrap
import unicodedata
import zlib
from functools import cache
from pathlib import Path

# Debian's fonts-dejavu-core (a Chromium dependency, so on every machine that runs the browser tests).
FONT_CANDIDATES = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"]
PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
FONT_SIZE, LEADING, MARGIN = 12, 17, 60
LINE_CHARS, PAGE_LINES = 80, 40


class TrueType:
    """The parts of a TrueType font a PDF needs: glyph ids by character, advance widths, a few metrics."""

    def __init__(self, data):
        self.data = data
        count = struct.unpack_from(">H", data, 4)[0]
        self.tables = {}
        for i in range(count):
            tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
            self.tables[tag.decode("latin-1")] = (offset, length)
        head = self.tables["head"][0]
        self.units = struct.unpack_from(">H", data, head + 18)[0]
        self.bbox = struct.unpack_from(">hhhh", data, head + 36)
        hhea = self.tables["hhea"][0]
        self.ascent, self.descent = struct.unpack_from(">hh", data, hhea + 4)
        metrics = struct.unpack_from(">H", data, hhea + 34)[0]
        hmtx = self.tables["hmtx"][0]
        self.advances = [struct.unpack_from(">H", data, hmtx + 4 * i)[0] for i in range(metrics)]
        self.glyphs = self._cmap()

    def _cmap(self):
        data, base = self.data, self.tables["cmap"][0]
        count = struct.unpack_from(">H", data, base + 2)[0]
        for i in range(count):
            platform, encoding, offset = struct.unpack_from(">HHI", data, base + 4 + 8 * i)
            if (platform, encoding) == (3, 1) and struct.unpack_from(">H", data, base + offset)[0] == 4:
                return self._format4(base + offset)
        raise ValueError("no Unicode BMP cmap")

    def _format4(self, at):
        data = self.data
        segments = struct.unpack_from(">H", data, at + 6)[0] // 2
        ends = struct.unpack_from(f">{segments}H", data, at + 14)
        starts = struct.unpack_from(f">{segments}H", data, at + 16 + 2 * segments)
        deltas = struct.unpack_from(f">{segments}h", data, at + 16 + 4 * segments)
        ranges_at = at + 16 + 6 * segments
        ranges = struct.unpack_from(f">{segments}H", data, ranges_at)
        glyphs = {}
        for i in range(segments):
            for code in range(starts[i], ends[i] + 1):
                if code == 0xFFFF:
                    continue
                if ranges[i] == 0:
                    glyph = (code + deltas[i]) & 0xFFFF
                else:
                    where = ranges_at + 2 * i + ranges[i] + 2 * (code - starts[i])
                    glyph = struct.unpack_from(">H", data, where)[0]
                    glyph = (glyph + deltas[i]) & 0xFFFF if glyph else 0
                if glyph:
                    glyphs[code] = glyph
        return glyphs

    def width(self, glyph):
        advance = self.advances[min(glyph, len(self.advances) - 1)]
        return round(advance * 1000 / self.units)


@cache
def _font():
    for candidate in FONT_CANDIDATES:
        path = Path(candidate)
        if path.exists():
            return path.stem, TrueType(path.read_bytes())
    raise FileNotFoundError("no TrueType font with Vietnamese letters (fonts-liberation or fonts-dejavu-core)")


@cache
def _compressed(data):
    return zlib.compress(data)


def _lines(paragraphs):
    lines = []
    for paragraph in paragraphs:
        lines.extend(textwrap.wrap(paragraph, LINE_CHARS) or [""])
    return lines


def make_pdf(pages):
    """A PDF of `pages`, each a list of paragraphs; a page with no paragraphs has only a drawn frame, no
    text (as a scan without OCR: an image is not needed to have no text layer)."""
    name, font = _font() if any(pages) else ("", None)
    objects = []

    def add(body):
        objects.append(body)
        return len(objects)

    used = {}
    contents = []
    for paragraphs in pages:
        if not paragraphs:
            contents.append(b"0.5 w 40 40 515 762 re S")
            continue
        ops = [f"BT /F1 {FONT_SIZE} Tf {LEADING} TL {MARGIN} {PAGE_HEIGHT - MARGIN} Td".encode()]
        for line in _lines(paragraphs)[:PAGE_LINES]:
            codes = []
            for char in unicodedata.normalize("NFC", line):
                glyph = font.glyphs.get(ord(char))
                if glyph:
                    used[glyph] = char
                    codes.append(f"{glyph:04X}")
            ops.append(f"<{''.join(codes)}> Tj T*".encode())
        ops.append(b"ET")
        contents.append(b"\n".join(ops))

    catalog = add(None)
    page_tree = add(None)
    font_ref = None
    if font is not None:
        font_file = _compressed(font.data)
        file_ref = add(
            b"<< /Length %d /Length1 %d /Filter /FlateDecode >>\nstream\n" % (len(font_file), len(font.data))
            + font_file
            + b"\nendstream"
        )
        scale = 1000 / font.units
        box = " ".join(str(round(v * scale)) for v in font.bbox)
        descriptor = add(
            f"<< /Type /FontDescriptor /FontName /{name} /Flags 32 /FontBBox [{box}] /ItalicAngle 0 "
            f"/Ascent {round(font.ascent * scale)} /Descent {round(font.descent * scale)} /CapHeight 700 "
            f"/StemV 80 /FontFile2 {file_ref} 0 R >>".encode()
        )
        widths = " ".join(f"{glyph} [{font.width(glyph)}]" for glyph in sorted(used))
        cid_font = add(
            f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} "
            f"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
            f"/FontDescriptor {descriptor} 0 R /W [{widths}] /CIDToGIDMap /Identity >>".encode()
        )
        to_unicode = _to_unicode(used)
        unicode_ref = add(b"<< /Length %d >>\nstream\n" % len(to_unicode) + to_unicode + b"\nendstream")
        font_ref = add(
            f"<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H "
            f"/DescendantFonts [{cid_font} 0 R] /ToUnicode {unicode_ref} 0 R >>".encode()
        )
    kids = []
    for content in contents:
        stream = zlib.compress(content)
        content_ref = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream")
        resources = f"/Resources << /Font << /F1 {font_ref} 0 R >> >>" if font_ref else "/Resources << >>"
        kids.append(
            add(
                f"<< /Type /Page /Parent {page_tree} 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
                f"{resources} /Contents {content_ref} 0 R >>".encode()
            )
        )
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {page_tree} 0 R >>".encode()
    objects[page_tree - 1] = (
        f"<< /Type /Pages /Kids [{' '.join(f'{kid} 0 R' for kid in kids)}] /Count {len(kids)} >>".encode()
    )
    return _assemble(objects, catalog)


def _to_unicode(used):
    entries = [f"<{glyph:04X}> <{char.encode('utf-16-be').hex().upper()}>" for glyph, char in sorted(used.items())]
    blocks = []
    for start in range(0, len(entries), 100):
        chunk = entries[start : start + 100]
        blocks.append(f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar")
    return (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        + "\n".join(blocks)
        + "\nendcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode()


def _assemble(objects, root):
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)
