"""core.charts, the one SVG chart builder: what assistive technology reads, and where the values land."""

from defusedxml import ElementTree as ET
from hypothesis import given, settings
from hypothesis import strategies as st

from core.charts import Frame, Plot, line_path
from core.tests.chart_checks import y_axis_labels

SVG = "{http://www.w3.org/2000/svg}"
FRAME = Frame(width=400, height=200, left=40, right=10, top=10, bottom=30)


def draw(values, **extra):
    plot = Plot(FRAME, min(values), max(values))
    last = max(len(values) - 1, 1)
    points = [(plot.x(i / last), plot.y(value)) for i, value in enumerate(values)]
    svg = plot.svg(
        css_class="chart",
        name="thu",
        title="Tiêu đề <biểu đồ>",
        lines=[("line", line_path(points))],
        dots=points,
        x_labels=[(plot.x(0), "01/12", "start"), (plot.x(1), "06/12", "end")],
        **extra,
    )
    return plot, points, svg


def test_an_image_named_by_its_title_and_described_by_its_desc():
    _, _, svg = draw([3, 8], desc="Thấp nhất 3, cao nhất 8.")
    root = ET.fromstring(str(svg))
    assert root.get("role") == "img"
    named = [root.find(f".//*[@id='{ref}']") for ref in root.get("aria-labelledby").split()]
    assert [element.tag for element in named] == [SVG + "title", SVG + "desc"]
    assert named[0].text == "Tiêu đề <biểu đồ>"  # escaped in the markup, read back whole
    assert named[1].text == "Thấp nhất 3, cao nhất 8."


def test_without_a_description_only_the_title_names_it():
    _, _, svg = draw([3, 8])
    root = ET.fromstring(str(svg))
    assert root.find(SVG + "desc") is None
    assert root.find(f".//*[@id='{root.get('aria-labelledby')}']").tag == SVG + "title"


@settings(max_examples=100, deadline=None)
@given(values=st.lists(st.integers(0, 10**6), min_size=1, max_size=20))
def test_values_land_between_the_axis_ends_in_order(values):
    plot, points, svg = draw(values)
    labels = y_axis_labels(svg)
    assert labels == plot.ticks
    bottom, top = float(plot.y(labels[0])), float(plot.y(labels[-1]))
    assert (bottom, top) == (FRAME.height - FRAME.bottom, FRAME.top)
    assert all(top <= float(y) <= bottom for _, y in points)
    ordered = sorted(range(len(values)), key=values.__getitem__)
    ys = [float(points[i][1]) for i in ordered]
    assert ys == sorted(ys, reverse=True)  # a larger value is drawn higher (or level)
    xs = [float(x) for x, _ in points]
    assert xs == sorted(xs) and xs[0] == FRAME.left
    root = ET.fromstring(str(svg))
    assert len(root.findall(f"{SVG}circle")) == len(values)
