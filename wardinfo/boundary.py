"""The ward's boundary: a GeoJSON upload checked before it is stored, and drawn on the server as SVG.

No map tiles and no script: the drawing is a path in an equirectangular projection corrected for latitude,
good enough at the scale of a ward (a few kilometres) and readable offline.
"""

import json
import math
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_BYTES = 512 * 1024  # a ward boundary simplified for the web fits in far less
MAX_VERTICES = 20_000
MAX_DEPTH = 12  # a FeatureCollection of MultiPolygons nests 8 deep; anything deeper is not GeoJSON we use
SVG_WIDTH = 640
SVG_MAX_HEIGHT = 640
SVG_MARGIN = 16


def _depth_ok(text):
    """Reject deep nesting before json.loads recurses into it (a RecursionError is not a message)."""
    depth, in_string, escaped = 0, False, False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return False
        elif char in "]}":
            depth -= 1
    return True


def _is_number(value):
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _polygons_of(geometry):
    """The polygons (lists of rings) of a Polygon or MultiPolygon geometry object."""
    if not isinstance(geometry, dict):
        raise ValidationError(_("Dữ liệu không phải một đối tượng hình học GeoJSON."), code="not_geometry")
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        return [coordinates]
    if kind == "MultiPolygon" and isinstance(coordinates, list):
        return coordinates
    raise ValidationError(
        _("Ranh giới phải là vùng (Polygon hoặc MultiPolygon), không phải “%(kind)s”."),
        code="wrong_type",
        params={"kind": str(kind)[:40]},
    )


def _geometries_of(data):
    if not isinstance(data, dict):
        raise ValidationError(_("Tệp GeoJSON phải là một đối tượng JSON."), code="not_object")
    kind = data.get("type")
    if kind == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list) or not features:
            raise ValidationError(_("FeatureCollection không có đối tượng nào."), code="empty")
        return [feature.get("geometry") if isinstance(feature, dict) else None for feature in features]
    if kind == "Feature":
        return [data.get("geometry")]
    return [data]


def _check_ring(ring):
    if not isinstance(ring, list) or len(ring) < 4:
        raise ValidationError(_("Mỗi đường viền phải có ít nhất 4 điểm."), code="short_ring")
    for position in ring:
        if not isinstance(position, list) or len(position) not in (2, 3) or not all(map(_is_number, position)):
            raise ValidationError(_("Mỗi điểm phải là cặp số [kinh độ, vĩ độ]."), code="bad_position")
        lon, lat = position[0], position[1]
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise ValidationError(
                _("Toạ độ [%(lon)s, %(lat)s] nằm ngoài phạm vi WGS 84 (kinh độ −180…180, vĩ độ −90…90)."),
                code="out_of_range",
                params={"lon": lon, "lat": lat},
            )
    if ring[0][:2] != ring[-1][:2]:
        raise ValidationError(_("Đường viền phải khép kín (điểm cuối trùng điểm đầu)."), code="open_ring")


def parse_boundary(text):
    """The boundary as a list of polygons, each a list of rings of (lon, lat); ValidationError with a
    Vietnamese message for anything else. An empty text is no boundary."""
    if not text or not text.strip():
        return []
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise ValidationError(
            _("Tệp ranh giới quá lớn (tối đa %(limit)d KB). Hãy giản lược đường viền trước khi tải lên."),
            code="too_big",
            params={"limit": MAX_BYTES // 1024},
        )
    if not _depth_ok(text):
        raise ValidationError(_("Dữ liệu lồng nhau quá sâu, không phải GeoJSON hợp lệ."), code="too_deep")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise ValidationError(_("Không đọc được tệp: nội dung không phải JSON hợp lệ."), code="bad_json") from error
    polygons = []
    for geometry in _geometries_of(data):
        polygons.extend(_polygons_of(geometry))
    vertices = 0
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            raise ValidationError(_("Vùng không có đường viền nào."), code="empty_polygon")
        for ring in polygon:
            _check_ring(ring)
            vertices += len(ring)
            if vertices > MAX_VERTICES:
                raise ValidationError(
                    _("Ranh giới có quá nhiều điểm (tối đa %(limit)d). Hãy giản lược đường viền."),
                    code="too_many_vertices",
                    params={"limit": MAX_VERTICES},
                )
    return [[[(float(p[0]), float(p[1])) for p in ring] for ring in polygon] for polygon in polygons]


def validate_boundary(text):
    parse_boundary(text)


@dataclass
class MapPoint:
    number: int
    label: str
    x: float
    y: float


@dataclass
class BoundaryDrawing:
    width: int
    height: int
    path: str
    points: list
    bounds: tuple  # (west, south, east, north)

    @property
    def osm_url(self):
        west, south, east, north = self.bounds
        return f"https://www.openstreetmap.org/?minlon={west}&minlat={south}&maxlon={east}&maxlat={north}"


def draw(polygons, places=()):
    """An SVG drawing of `polygons` with the numbered `places` ((label, lon, lat), …) inside its frame;
    None when there is nothing to draw."""
    lons = [lon for polygon in polygons for ring in polygon for lon, _ in ring]
    lats = [lat for polygon in polygons for ring in polygon for _, lat in ring]
    located = [(label, float(lon), float(lat)) for label, lon, lat in places if lon is not None and lat is not None]
    lons += [lon for _, lon, _ in located]
    lats += [lat for _, _, lat in located]
    if not lons:
        return None
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    x_scale = math.cos(math.radians((south + north) / 2))  # a degree of longitude is shorter away from the equator
    span_x = max((east - west) * x_scale, 1e-6)
    span_y = max(north - south, 1e-6)
    inner = SVG_WIDTH - 2 * SVG_MARGIN
    scale = min(inner / span_x, (SVG_MAX_HEIGHT - 2 * SVG_MARGIN) / span_y)
    height = round(span_y * scale + 2 * SVG_MARGIN)
    left = SVG_MARGIN + (inner - span_x * scale) / 2

    def project(lon, lat):
        return round(left + (lon - west) * x_scale * scale, 1), round(SVG_MARGIN + (north - lat) * scale, 1)

    parts = []
    for polygon in polygons:
        for ring in polygon:
            coords = [project(lon, lat) for lon, lat in ring]
            parts.append("M" + " L".join(f"{x} {y}" for x, y in coords) + " Z")
    points = [MapPoint(number, label, *project(lon, lat)) for number, (label, lon, lat) in enumerate(located, 1)]
    return BoundaryDrawing(SVG_WIDTH, height, " ".join(parts), points, (west, south, east, north))
