"""Numbers, dates and durations the French way (Babel), for pages, charts and exports."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = "fr_FR"
DISPLAY_TIMEZONE = ZoneInfo("Europe/Paris")  # learners read clock times in French time
_UNIT_WORDS = {
    "billion": ("milliard", "milliards"),
    "million": ("million", "millions"),
    "thousand": ("millier", "milliers"),
    "people": ("personne", "personnes"),
}


def format_number(value: float, decimals: int = 2) -> str:
    """« 1 234,5 »: comma decimal, narrow no-break space between thousands."""
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return str(format_decimal(value, format=pattern, locale=LOCALE))


def format_percent(value: float, decimals: int = 0) -> str:
    """« 70 % », « 33,3 % »: a narrow no-break space before the sign."""
    return f"{format_number(value, decimals)}\u202f%"


def format_stat_value(value: float, unit: str) -> str:
    """« 610,7 millions », « 2 milliards », « 62 % », « 52 000 personnes » (units of data/stats.csv)."""
    if unit == "percent":
        return format_percent(value, 2)
    singular, plural = _UNIT_WORDS[unit]
    return f"{format_number(value)} {singular if value < 2 else plural}"


def parse_stat_date(text: str) -> date:
    """First day of the period a stats date names (`2011` → 1 January 2011)."""
    parts = [int(part) for part in text.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def format_stat_date(text: str) -> str:
    """« 2011 », « janvier 2011 », « 1er janvier 2011 »: as precise as the source."""
    day = parse_stat_date(text)
    precision = text.count("-")
    if precision == 0:
        return str(day.year)
    if precision == 1:
        return str(format_date(day, "MMMM y", locale=LOCALE))
    prefix = "1er" if day.day == 1 else str(day.day)
    return f"{prefix} {format_date(day, 'MMMM y', locale=LOCALE)}"


def format_minutes(minutes: int) -> str:
    """« 20 min », « 1 h 05 »."""
    if minutes < 60:
        return f"{minutes}\u00a0min"
    return f"{minutes // 60}\u00a0h\u00a0{minutes % 60:02d}"


def format_clock(moment: datetime) -> str:
    """« 14 h 05 », in French time: when a timed quiz must be finished."""
    local = moment.astimezone(DISPLAY_TIMEZONE)
    return f"{local.hour}\u00a0h\u00a0{local.minute:02d}"


def format_time_left(left: timedelta) -> str:
    """« 12 min », « 1 h 05 », « moins d'une minute »: whole minutes, rounded down."""
    minutes = int(left.total_seconds() // 60)
    return "moins d'une minute" if minutes < 1 else format_minutes(minutes)


def format_long_date(day: date) -> str:
    """« 23 novembre 2026 », « 1er mars 2026 »: a date written out, as on a certificate."""
    prefix = "1er" if day.day == 1 else str(day.day)
    return f"{prefix} {format_date(day, 'MMMM y', locale=LOCALE)}"
