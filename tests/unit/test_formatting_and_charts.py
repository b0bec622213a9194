"""French number and date formats, and charts that never mix metrics unlabelled."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from course.content.charts import build_figure, chart_rows, data_table
from course.content.models import ChartSpec, SeriesFilter, Stat
from course.formatting import (
    format_clock,
    format_minutes,
    format_number,
    format_stat_date,
    format_stat_value,
    format_time_left,
)
from tests.helpers import shipped_course, valid_course

NNBSP = "\u202f"


@pytest.mark.parametrize(
    ("value", "text"),
    [(1234.5, f"1{NNBSP}234,5"), (610.7, "610,7"), (2, "2"), (52000, f"52{NNBSP}000")],
)
def test_numbers_use_a_decimal_comma_and_thin_spaces(value: float, text: str) -> None:
    assert format_number(value) == text


@pytest.mark.parametrize(
    ("date", "text"),
    [
        ("2011", "2011"),
        ("2011-01", "janvier 2011"),
        ("2011-01-01", "1er janvier 2011"),
        ("2023-08-24", "24 août 2023"),
    ],
)
def test_dates_are_as_precise_as_their_source(date: str, text: str) -> None:
    assert format_stat_date(date) == text


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (610.7, "million", "610,7 millions"),
        (2, "billion", "2 milliards"),
        (1, "billion", "1 milliard"),
        (62, "percent", f"62{NNBSP}%"),
        (52000, "people", f"52{NNBSP}000 personnes"),
    ],
)
def test_stat_values_read_as_french(value: float, unit: str, text: str) -> None:
    stat = Stat(scope="x", metric="m", value=value, unit=unit, date="2011", source="s")  # type: ignore[arg-type]
    assert format_stat_value(stat.value, stat.unit) == text


def test_durations() -> None:
    assert (format_minutes(20), format_minutes(65)) == ("20\u00a0min", "1\u00a0h\u00a005")


def stat(scope: str, metric: str, value: float, date: str, unit: str = "million") -> Stat:
    return Stat(scope=scope, metric=metric, value=value, unit=unit, date=date, source="s")  # type: ignore[arg-type]


STATS = [
    stat("Twitter", "comptes inscrits", 200, "2011-01"),
    stat("Twitter", "utilisateurs actifs mensuels", 100, "2011-09"),
    stat("Twitter", "utilisateurs actifs mensuels", 0.2, "2012-12", unit="billion"),
    stat("Facebook", "utilisateurs actifs mensuels", 845, "2011-12"),
]


def line_chart(**select: object) -> ChartSpec:
    return ChartSpec(
        id="c",
        title="T",
        kind="line",
        alt="a",
        select=SeriesFilter(
            **{
                "scopes": ["Twitter", "Facebook"],
                "metrics": ["comptes inscrits", "utilisateurs actifs mensuels"],
                **select,
            }
        ),
    )  # type: ignore[arg-type]


def test_each_scope_and_metric_is_its_own_named_series() -> None:
    figure = build_figure(line_chart(), STATS)
    assert [trace.name for trace in figure.data] == [
        "Twitter — comptes inscrits",
        "Twitter — utilisateurs actifs mensuels",
        "Facebook — utilisateurs actifs mensuels",
    ]


def test_billions_are_plotted_in_millions_and_axes_use_french_separators() -> None:
    figure = build_figure(line_chart(), STATS)
    twitter_mau = figure.data[1]
    assert list(twitter_mau.y) == [100, 200]
    assert figure.layout.separators == ", "
    assert figure.layout.yaxis.title.text == "millions"


def test_date_window_selects_rows() -> None:
    rows = chart_rows(line_chart(date_from="2011-06", date_to="2011-12"), STATS)
    assert [(r.scope, r.date) for r in rows] == [("Twitter", "2011-09"), ("Facebook", "2011-12")]


def test_data_table_is_in_french_and_flags_unconfirmed_figures() -> None:
    course = valid_course()
    spec = course.chart("inscrits-2011")
    assert spec is not None
    table = data_table(chart_rows(spec, course.stats))
    assert list(table.columns) == ["Périmètre", "Mesure", "Valeur", "Date", "Source", "Statut"]
    assert table.iloc[2].to_dict() == {
        "Périmètre": "LinkedIn",
        "Mesure": "membres inscrits",
        "Valeur": "90 millions",
        "Date": "janvier 2011",
        "Source": "Presse",
        "Statut": "non confirmé",
    }


def test_clock_times_are_french_time_and_time_left_is_whole_minutes() -> None:
    winter, summer = (
        datetime(2026, 11, 23, 13, 5, tzinfo=UTC),
        datetime(2026, 7, 1, 13, 5, tzinfo=UTC),
    )
    assert (format_clock(winter), format_clock(summer)) == (
        "14\u00a0h\u00a005",
        "15\u00a0h\u00a005",
    )
    assert format_time_left(timedelta(minutes=12, seconds=59)) == "12\u00a0min"
    assert format_time_left(timedelta(minutes=65)) == "1\u00a0h\u00a005"
    assert format_time_left(timedelta(seconds=59)) == "moins d'une minute"
    assert format_time_left(timedelta(seconds=-5)) == "moins d'une minute"


SHIPPED = shipped_course()


@pytest.mark.parametrize("spec", SHIPPED.charts, ids=lambda spec: spec.id)
def test_every_shipped_chart_reads_on_a_phone(spec: ChartSpec) -> None:
    """No title inside the figure (a phone cuts it; the page writes it as text); bars lie flat,
    so their labels are never turned sideways, and their values keep a readable size."""
    figure = build_figure(spec, SHIPPED.stats)
    assert figure.layout.title.text is None
    if spec.kind == "bar":
        assert {trace.orientation for trace in figure.data} == {"h"}
        assert figure.layout.yaxis.automargin is True
        assert figure.layout.uniformtext.minsize >= 12
