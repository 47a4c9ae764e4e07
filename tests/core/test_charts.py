"""The SVG charts the reports share: what a reader, a screen reader and the CSP see.

The figures are realistic: hospital admissions caused by injuries in children aged 0 to
14, crude rate per 10,000, England 2023/24 72.71 (OHID Fingertips, Child and Maternal
Health profile); the county and its neighbours are illustrative.
"""

import itertools
import math
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import trustboard
from trustboard.core.charts import (
    Bar,
    ChartInputError,
    Series,
    SpineRow,
    compare,
    comparison_chart,
    format_number,
    format_value,
    nice_ticks,
    spine_chart,
    to_png,
    trend_chart,
    trend_key,
)

SVG = "{http://www.w3.org/2000/svg}"
TITLE = "Hospital admissions caused by injuries in children aged 0 to 14"
UNIT = "Crude rate per 10,000"
PERIODS = ["2019/20", "2020/21", "2021/22", "2022/23", "2023/24"]


def _trend(county=(95.2, 90.1, None, 83.1, 80.4)):
    return trend_chart(
        TITLE,
        PERIODS,
        [
            Series("Nottinghamshire", list(county), "area",
                   lower=[None if v is None else v - 4.2 for v in county],
                   upper=[None if v is None else v + 4.3 for v in county]),
            Series("England", [87.1, 75.7, 75.4, 74.0, 72.71], "benchmark"),
            Series("Statistical neighbours (average)", [91.5, 78.2, 79.8, 77.6, 76.9],
                   "comparator"),
        ],
        UNIT,
        lower_is_better=True,
    )


def _comparison():
    return comparison_chart(
        f"{TITLE}, 2023/24",
        [
            Bar("Derbyshire", 85.9, 81.8, 90.0),
            Bar("Nottinghamshire", 80.4, 76.2, 84.8, is_area=True),
            Bar("Leicestershire", 61.8, 58.3, 65.3),
            Bar("North Yorkshire", 104.6, 99.6, 109.6),
            Bar("Staffordshire", 72.3, 68.7, 75.9),
        ],
        72.71,
        "England",
        UNIT,
        lower_is_better=True,
    )


def _spine_row(**changes):
    figures = dict(
        name="Hospital admissions caused by injuries in children (0 to 14 years)",
        area_value=60.0, england_value=72.7, lowest=38.9, lower_quartile=60.1,
        upper_quartile=85.2, highest=156.3, lower_is_better=True, period="2023/24",
        area_lower=56.0, area_upper=64.0,
    )
    return SpineRow(**{**figures, **changes})


def _spine(*rows):
    return spine_chart("Child health profile", list(rows) or [_spine_row()],
                       area_name="Nottinghamshire")


CHARTS = {"trend": _trend, "comparison": _comparison, "spine": _spine}


def _root(chart):
    return ET.fromstring(chart.svg)


def _classed(root, name):
    return [node for node in root.iter() if name in node.get("class", "").split()]


def _translate(node):
    x, y = re.fullmatch(r"translate\(([-\d.]+) ([-\d.]+)\)", node.get("transform")).groups()
    return float(x), float(y)


def _text(node):
    return "".join(node.itertext())


@pytest.mark.parametrize("build", CHARTS.values(), ids=CHARTS.keys())
def test_each_chart_parses_as_xml_with_the_svg_namespace(build):
    assert _root(build()).tag == f"{SVG}svg"


@pytest.mark.parametrize("build", CHARTS.values(), ids=CHARTS.keys())
def test_each_chart_is_an_image_named_by_its_title_and_described_by_its_desc(build):
    chart = build()
    root = _root(chart)
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("role") == "img"
    assert title.text == chart.title
    assert desc.text == chart.alt
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id")


@pytest.mark.parametrize("build", CHARTS.values(), ids=CHARTS.keys())
def test_no_chart_has_inline_styles_scripts_or_links(build):
    root = _root(build())
    for node in root.iter():
        assert node.tag not in (f"{SVG}script", f"{SVG}style", f"{SVG}a", f"{SVG}image")
        assert "style" not in node.attrib
        assert not any(name.startswith("on") or "href" in name for name in node.attrib)


@pytest.mark.parametrize("build", CHARTS.values(), ids=CHARTS.keys())
def test_each_chart_fills_its_container_keeping_its_proportions(build):
    chart = build()
    root = _root(chart)
    assert root.get("width") == "100%"
    assert root.get("height") is None
    assert root.get("viewBox") == f"0 0 {chart.width} {chart.height}"


def test_two_different_charts_on_one_page_do_not_share_ids():
    first, second = _root(_trend()), _root(_trend(county=(95.2, 90.1, 84.9, 83.1, 80.4)))
    assert first.find(f"{SVG}title").get("id") != second.find(f"{SVG}title").get("id")


def test_markup_characters_in_names_are_escaped():
    chart = comparison_chart("Admissions <0-14> & more", [Bar("Area \"A\" & <B>", 1.0,
                                                                is_area=True)],
                             2.0, "England", "per 10,000")
    root = _root(chart)
    assert root.find(f"{SVG}title").text == "Admissions <0-14> & more"
    assert any(_text(row).startswith('Area "A" & <B>')
               for row in _classed(root, "trustboard-chart__row"))


def test_the_bar_for_the_area_is_highlighted_and_no_other():
    root = _root(_comparison())
    highlighted = _classed(root, "trustboard-chart__row--area")
    assert len(highlighted) == 1
    assert _text(highlighted[0]).startswith("Nottinghamshire")
    assert highlighted[0].find(f"{SVG}rect").get("fill") == "#f3f2f1"
    bar = _classed(highlighted[0], "trustboard-chart__bar")[0]
    others = [node for node in _classed(root, "trustboard-chart__bar") if node is not bar]
    assert all(float(bar.get("stroke-width")) > float(other.get("stroke-width"))
               for other in others)
    name = highlighted[0].find(f"{SVG}text")
    assert name.get("font-weight") == "bold"


def test_bars_are_sorted_highest_first_with_england_last_in_the_table():
    names = [row[0] for row in _comparison().table.rows]
    assert names == ["North Yorkshire", "Derbyshire", "Nottinghamshire", "Staffordshire",
                     "Leicestershire", "England"]


def test_a_whisker_spans_the_lower_to_the_upper_limit_on_the_axis_scale():
    root = _root(_comparison())
    axis = _classed(root, "trustboard-chart__x-axis")[0]
    ticks = [(float(node.text.replace(",", "")), float(node.get("x")))
             for node in axis.iter(f"{SVG}text") if re.fullmatch(r"[\d,.]+", node.text)]
    (first_value, first_x), (last_value, last_x) = ticks[0], ticks[-1]

    def x_at(value):
        return first_x + (value - first_value) / (last_value - first_value) * (last_x - first_x)

    area = _classed(root, "trustboard-chart__row--area")[0]
    whisker = _classed(area, "trustboard-chart__interval")[0].find(f"{SVG}line")
    assert float(whisker.get("x1")) == pytest.approx(x_at(76.2), abs=0.01)
    assert float(whisker.get("x2")) == pytest.approx(x_at(84.8), abs=0.01)
    bar = _classed(area, "trustboard-chart__bar")[0]
    assert float(bar.get("x")) + float(bar.get("width")) == pytest.approx(x_at(80.4), abs=0.02)


def test_the_england_line_stands_at_englands_value_on_the_axis_scale():
    root = _root(_comparison())
    axis = _classed(root, "trustboard-chart__x-axis")[0]
    ticks = {node.text: float(node.get("x")) for node in axis.iter(f"{SVG}text")}
    benchmark = _classed(root, "trustboard-chart__benchmark")[0]
    line = benchmark.find(f"{SVG}line")
    expected = ticks["0"] + 72.71 / 25 * (ticks["25"] - ticks["0"])
    assert float(line.get("x1")) == pytest.approx(expected, abs=0.01)
    assert "England: 72.7" in _text(benchmark)


def test_a_missing_value_breaks_the_trend_line_in_two():
    root = _root(_trend())
    segments = _classed(root, "trustboard-chart__line--area")
    assert len(segments) == 2
    assert [segment.get("d").count("L") for segment in segments] == [1, 1]
    assert len(_classed(root, "trustboard-chart__marker")) == 4 + 1  # points + legend


def test_an_unbroken_trend_is_one_line():
    root = _root(_trend(county=(95.2, 90.1, 84.9, 83.1, 80.4)))
    assert len(_classed(root, "trustboard-chart__line--area")) == 1


def test_a_trend_interval_spans_lower_to_upper_on_the_y_scale():
    root = _root(_trend())
    axis = _classed(root, "trustboard-chart__y-axis")[0]
    children = list(axis)
    grid = {float(label.text.replace(",", "")): float(line.get("y1"))
            for line, label in zip(children[::2], children[1::2], strict=True)}
    values = sorted(grid)

    def y_at(value):
        low, high = values[0], values[-1]
        return grid[low] + (value - low) / (high - low) * (grid[high] - grid[low])

    latest = _classed(_classed(root, "trustboard-chart__intervals")[0],
                      "trustboard-chart__interval")[-1]
    stem = latest.find(f"{SVG}line")
    assert float(stem.get("y1")) == pytest.approx(y_at(80.4 - 4.2), abs=0.01)
    assert float(stem.get("y2")) == pytest.approx(y_at(80.4 + 4.3), abs=0.01)


def test_trend_markers_are_coloured_and_shaped_by_comparison_with_england():
    root = _root(_trend())
    markers = _classed(_classed(root, "trustboard-chart__markers")[0],
                       "trustboard-chart__marker")
    # Lower is better: 80.4 (76.2 to 84.7) is above England's 72.71, so worse.
    assert markers[-1].get("class").endswith("--worse")
    assert markers[-1][0].tag == f"{SVG}rect"
    assert markers[-1][0].get("fill") == "#d4351c"


def test_each_comparison_has_its_own_shape_as_well_as_its_colour():
    rows = [_spine_row(name=word, comparison=word) for word in
            ("better", "similar", "worse", "higher", "lower", "not compared")]
    root = _root(_spine(*rows))
    markers = _classed(_classed(root, "trustboard-chart__markers")[0],
                       "trustboard-chart__marker")
    shapes = {
        (tuple(child.tag for child in node), tuple(child.get("d") for child in node))
        for node in markers
    }
    fills = {node[0].get("fill") for node in markers}
    assert len(shapes) == len(fills) == 6


def test_the_trend_table_has_one_row_per_period_with_no_data_for_the_gap():
    table = _trend().table
    assert [row[0] for row in table.rows] == PERIODS
    assert table.headers[:5] == ("Period", "Nottinghamshire", "Lower 95% limit",
                                 "Upper 95% limit", "Compared with England")
    assert table.rows[2][1] == "No data"
    assert table.rows[-1] == ("2023/24", "80.4", "76.2", "84.7", "Worse", "72.7", "76.9")
    assert table.caption == f"{TITLE} ({UNIT})"


def test_the_alternative_text_gives_the_latest_value_and_its_comparison():
    assert ("Nottinghamshire: 80.4 in 2023/24, worse than England (72.7)."
            in _trend().alt)


def test_series_of_the_wrong_length_are_refused():
    with pytest.raises(ChartInputError, match="4 values for 5 periods"):
        trend_chart(TITLE, PERIODS, [Series("Nottinghamshire", [1.0, 2.0, 3.0, 4.0])], UNIT,
                    lower_is_better=True)


def test_the_spine_puts_better_to_the_right_for_a_lower_is_better_indicator():
    root = _root(_spine(_spine_row(area_value=60.0, lower_is_better=True)))
    centre = float(_classed(root, "trustboard-chart__benchmark")[0].get("x1"))
    area_x, _ = _translate(_classed(root, "trustboard-chart__marker")[0])
    assert area_x > centre
    spread = _classed(root, "trustboard-chart__range")[0]
    # 156.3, the worst, is 83.6 from England; 38.9, the best, only 33.8: the left end
    # touches the spine's end and the right end falls short of it.
    left, right = float(spread.get("x")), float(spread.get("x")) + float(spread.get("width"))
    assert centre - left == pytest.approx((right - centre) * 83.6 / 33.8, rel=1e-3)


def test_the_spine_puts_worse_to_the_left_for_a_higher_is_better_indicator():
    root = _root(_spine(_spine_row(area_value=60.0, lower_is_better=False)))
    centre = float(_classed(root, "trustboard-chart__benchmark")[0].get("x1"))
    area_x, _ = _translate(_classed(root, "trustboard-chart__marker")[0])
    assert area_x < centre


def test_the_spine_lists_worst_and_best_by_polarity():
    chart = _spine(_spine_row(lower_is_better=True), _spine_row(name="Readiness",
                                                                lower_is_better=False))
    worst, best = chart.table.headers.index("Worst or lowest"), chart.table.headers.index(
        "Best or highest")
    assert (chart.table.rows[0][worst], chart.table.rows[0][best]) == ("156.3", "38.9")
    assert (chart.table.rows[1][worst], chart.table.rows[1][best]) == ("38.9", "156.3")
    assert chart.table.rows[0][3] == "Better"


def test_a_spine_row_without_england_or_a_range_draws_no_spine_but_keeps_its_text():
    root = _root(_spine(_spine_row(england_value=None, lowest=None, highest=None)))
    assert not _classed(root, "trustboard-chart__range")
    assert "No data" in _text(_classed(root, "trustboard-chart__row")[0])


@pytest.mark.parametrize(
    ("minimum", "maximum", "expected"),
    [
        (0, 83.4, [0, 20, 40, 60, 80, 100]),
        (61.2, 108.9, [60, 70, 80, 90, 100, 110]),
        (0.13, 0.57, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]),
        (0, 12_345, [0, 2_500, 5_000, 7_500, 10_000, 12_500]),
        (-3.2, 4.1, [-4, -2, 0, 2, 4, 6]),
    ],
)
def test_nice_ticks_gives_round_numbers_covering_the_range(minimum, maximum, expected):
    assert nice_ticks(minimum, maximum, 6) == expected


def test_nice_ticks_widens_a_range_of_one_value():
    assert nice_ticks(0, 0) == [0, 0.25, 0.5, 0.75, 1]
    assert nice_ticks(50, 50)[0] <= 45 and nice_ticks(50, 50)[-1] >= 55


@given(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    st.floats(min_value=1e-3, max_value=1e6, allow_nan=False),
    st.integers(min_value=2, max_value=10),
)
def test_nice_ticks_cover_the_range_in_equal_round_steps(minimum, extent, count):
    maximum = minimum + extent
    ticks = nice_ticks(minimum, maximum, count)
    step = ticks[1] - ticks[0]
    # Within a thousandth of a step: a tiny step on a large number carries float noise.
    assert ticks[0] <= minimum + step * 1e-3 and ticks[-1] >= maximum - step * 1e-3
    steps = [b - a for a, b in itertools.pairwise(ticks)]
    assert max(steps) - min(steps) <= step * 1e-3
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert any(abs(mantissa - nice) < 1e-3 for nice in (1, 2, 2.5, 5, 10))
    assert len(ticks) <= count + 2


def test_numbers_are_written_the_uk_way():
    assert format_number(12345.678) == "12,345.7"
    assert format_number(72.71, 2) == "72.71"
    assert format_number(1_234_567, 0) == "1,234,567"
    assert format_number(-0.04) == "0.0"
    assert format_number(None) == "No data"
    assert format_value(18.62, 1, "%") == "18.6%"


@pytest.mark.parametrize(
    ("interval", "lower_is_better", "expected"),
    [
        ((76.2, 84.8), True, "worse"),
        ((76.2, 84.8), False, "better"),
        ((76.2, 84.8), None, "higher"),
        ((58.3, 65.3), True, "better"),
        ((68.7, 72.71), True, "similar"),
        ((None, 84.8), True, "not compared"),
    ],
)
def test_comparisons_not_given_follow_the_fingertips_interval_rule(interval, lower_is_better,
                                                                   expected):
    assert compare(80.0, *interval, 72.71, lower_is_better) == expected


def test_to_png_returns_png_bytes_of_the_asked_width():
    chart = _comparison()
    png = to_png(chart.svg, 1200)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width == 1200
    assert height == pytest.approx(1200 * chart.height / chart.width, abs=1)


def test_the_charts_import_without_django():
    code = "import sys, trustboard.core.charts; sys.exit('django' in sys.modules)"
    source = Path(trustboard.__file__).parents[1]
    run = subprocess.run([sys.executable, "-c", code], check=False,
                         env={**os.environ, "PYTHONPATH": str(source)})
    assert run.returncode == 0


def test_trend_without_legend_leaves_the_key_to_the_document():
    series = [Series("Nottinghamshire", [40.1, 44.9], role="area",
                     comparisons=["not compared", "similar"]),
              Series("England", [39.0, 44.7], role="benchmark")]
    with_key = trend_chart("Absence", ["2010/11", "2011/12"], series, "%", True)
    bare = trend_chart("Absence", ["2010/11", "2011/12"], series, "%", True, legend=False)
    assert "trustboard-chart__legend" in with_key.svg
    assert "trustboard-chart__legend" not in bare.svg
    assert bare.height < with_key.height  # the plot moves up into the legend's room
    assert bare.table == with_key.table and bare.alt == with_key.alt


def test_trend_key_shows_each_line_and_only_the_markers_asked_for():
    key = trend_key([Series("Nottinghamshire", [], role="area"),
                     Series("England", [], role="benchmark"),
                     Series("Statistical neighbours' average", [], role="comparator")],
                    ["worse", "not compared"])
    labels = [row[0] for row in key.table.rows]
    assert labels == ["Nottinghamshire", "England", "Statistical neighbours' average",
                      "Worse than England", "Not compared"]
    assert "Better than England" not in key.svg
    assert key.alt.startswith("Key to the charts: Nottinghamshire, solid black line; "
                              "England, dashed black line")
