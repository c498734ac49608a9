import json

import pytest
from django.core.exceptions import ValidationError

from wardinfo import boundary
from wardinfo.models import PlacePage, PlacesPage

SQUARE = [[107.0, 20.9], [107.1, 20.9], [107.1, 21.0], [107.0, 21.0], [107.0, 20.9]]


def polygon(ring=SQUARE):
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


def message(text):
    with pytest.raises(ValidationError) as caught:
        boundary.parse_boundary(text)
    return " ".join(caught.value.messages)


@pytest.mark.parametrize(
    "text",
    [
        polygon(),
        json.dumps({"type": "MultiPolygon", "coordinates": [[SQUARE], [SQUARE]]}),
        json.dumps({"type": "Feature", "properties": {}, "geometry": json.loads(polygon())}),
        json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": json.loads(polygon())}]}),
    ],
)
def test_polygons_in_wgs84_are_taken(text):
    polygons = boundary.parse_boundary(text)
    assert polygons and polygons[0][0][1] == (107.1, 20.9)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{không phải json", "không phải JSON hợp lệ"),
        ("[" * 100_000 + "]" * 100_000, "lồng nhau quá sâu"),
        ('"chuỗi"', "phải là một đối tượng JSON"),
        (json.dumps({"type": "Point", "coordinates": [107, 21]}), "Polygon hoặc MultiPolygon"),
        (json.dumps({"type": "LineString", "coordinates": SQUARE}), "Polygon hoặc MultiPolygon"),
        (polygon([[20.9, 107.0], [20.9, 107.1], [21.0, 107.1], [20.9, 107.0]]), "ngoài phạm vi WGS 84"),
        (polygon([[107.0, 20.9], [107.1, 20.9], [107.1, 21.0], [107.0, 21.0]]), "khép kín"),
        (polygon([[107.0, 20.9], [107.1, 20.9], [107.0, 20.9]]), "ít nhất 4 điểm"),
        (polygon([[107.0, 20.9], [True, 20.9], [107.1, 21.0], [107.0, 20.9]]), "cặp số"),
        ('{"type": "Polygon", "coordinates": [[[1e999, 0], [0, 0], [0, 1], [1e999, 0]]]}', "cặp số"),
        (json.dumps({"type": "FeatureCollection", "features": []}), "không có đối tượng nào"),
        (json.dumps({"type": "Feature", "geometry": None}), "không phải một đối tượng hình học"),
        (" " * (boundary.MAX_BYTES + 1) + polygon(), "quá lớn"),
    ],
)
def test_anything_else_is_refused_with_a_vietnamese_message(text, expected):
    assert expected in message(text)


def test_too_many_vertices_are_refused():
    count = boundary.MAX_VERTICES + 1
    ring = [[round(107 + i / count / 10, 5), 20.9 + (i % 2) / 100] for i in range(count)]
    ring.append(ring[0])
    text = json.dumps({"type": "Polygon", "coordinates": [ring]}, separators=(",", ":"))
    assert len(text.encode()) <= boundary.MAX_BYTES  # the vertex limit, not the size limit, is what stops it
    assert "quá nhiều điểm" in message(text)


def test_drawing_keeps_north_up_and_the_shape_in_proportion():
    drawing = boundary.draw(boundary.parse_boundary(polygon()), [("Đền", 107.05, 20.95)])
    # At 21° N a degree of longitude is cos(21°) ≈ 0.93 of a degree of latitude: the square is a bit taller.
    assert drawing.height > drawing.width * 0.99
    point = drawing.points[0]
    assert point.number == 1 and abs(point.x - drawing.width / 2) < 1 and abs(point.y - drawing.height / 2) < 1
    vertices = [pair.split() for pair in drawing.path.removeprefix("M").removesuffix(" Z").split(" L")]
    (west, north) = map(float, vertices[3])  # [107.0, 21.0]
    (east, south) = map(float, vertices[1])  # [107.1, 20.9]
    assert north == boundary.SVG_MARGIN and south == drawing.height - boundary.SVG_MARGIN and east > west


def test_the_overview_draws_the_boundary_and_its_places_as_accessible_svg(section, publish_under, client):
    section.boundary_geojson = polygon()
    section.boundary_note = "Hình minh hoạ."
    section.save_revision().publish()
    places = PlacesPage.objects.child_of(section).get()
    publish_under(places, PlacePage(title="Đền Thử", address="Tổ 1", latitude="20.95", longitude="107.05"))
    html = client.get("/gioi-thieu/").content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and 'role="img"' in html
    assert 'aria-labelledby="map-title map-desc"' in html and '<title id="map-title">' in html
    assert '<circle cx="320.0" cy="320.0"' in html  # SVG numbers never take the Vietnamese decimal comma
    assert "Đền Thử</a> – Tổ 1 (vĩ độ 20,9500, kinh độ 107,0500)" in html
    assert "openstreetmap.org" in html and "tile" not in html.lower()


def test_an_upload_that_is_not_a_boundary_gives_a_message_not_an_error(section, staff, client):
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile

    from editorial.models import Role
    from editorial.tests.fixtures import login_verified

    login_verified(client, staff[Role.ADMIN])
    url = f"/{settings.PORTAL_ADMIN_PATH}/pages/{section.pk}/edit/"
    form = client.get(url).context["form"]
    # What the browser would send back unchanged (the rich text editor's fields in its own JSON).
    data = {
        name: field.widget.format_value(form[name].value()) or ""
        for name, field in form.fields.items()
        if name != "boundary_file" and form[name].value() is not None
    }
    data.update({"title": section.title, "slug": section.slug, "former_wards-TOTAL_FORMS": "0"})
    data.update({"former_wards-INITIAL_FORMS": "0", "former_wards-MIN_NUM_FORMS": "0"})
    data.update({"former_wards-MAX_NUM_FORMS": "1000"})
    for content, expected in (
        (b"\xff\xfe not utf-8", "UTF-8"),
        (b'{"type": "Point", "coordinates": [1, 2]}', "Polygon hoặc MultiPolygon"),
        (polygon().encode(), None),
    ):
        upload = SimpleUploadedFile("ranh-gioi.geojson", content, content_type="application/geo+json")
        response = client.post(url, {**data, "boundary_file": upload})
        assert response.status_code in (200, 302)
        section.refresh_from_db()
        if expected:
            assert expected in response.content.decode()
            assert section.get_latest_revision_as_object().boundary_geojson == ""
        else:
            assert response.status_code == 302, response.context["form"].errors
            assert section.get_latest_revision_as_object().boundary_geojson == polygon()
