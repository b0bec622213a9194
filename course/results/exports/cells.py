"""Spreadsheet cells made safe and French: text that a spreadsheet would run as a formula is
neutralised (OWASP « CSV injection »), and dates are written in French time.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pandas as pd

from course.formatting import DISPLAY_TIMEZONE
from course.text import neutralise  # defined low, so every domain neutralises alike

__all__ = ["french_datetime", "local_time", "neutralise", "neutralised"]


def neutralised(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of the table with every text cell (and column name) neutralised."""
    safe = table.map(neutralise)
    safe.columns = [neutralise(str(column)) for column in table.columns]
    return safe


def local_time(moment: datetime) -> datetime:
    """The moment in French time, without time zone (what spreadsheets store)."""
    return moment.astimezone(DISPLAY_TIMEZONE).replace(tzinfo=None)


def french_datetime(moment: Any) -> Any:
    """« 23/11/2026 11:00 » in French time; other values (empty cells) unchanged."""
    if isinstance(moment, datetime):
        return moment.astimezone(DISPLAY_TIMEZONE).strftime("%d/%m/%Y %H:%M")
    return moment
