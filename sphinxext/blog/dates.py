"""Dates: reading them from frontmatter and directives, "now", and showing them.

A post's date is an aware UTC datetime (midnight for date-only posts), so
posts compare and sort the same way whatever zone the build machine is in.
"""

from __future__ import annotations

import datetime as dt
import os
import re

from babel.dates import format_date as babel_format_date
from sphinx.util.i18n import format_date

from .i18n import babel_locale

_DATE_ONLY = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
# ABlog and Jekyll users also write dates like "Mar 12, 2024" or "12 March 2024"
_WORDY_DATES = ("%b %d, %Y", "%B %d, %Y", "%d %b %Y", "%d %B %Y")


def utc_now() -> dt.datetime:
    """Now, or ``SOURCE_DATE_EPOCH`` when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC)


def parse_date(value: object) -> tuple[dt.datetime, bool] | None:
    """(moment, date only) of a date or ISO datetime; naive values are UTC, never the local zone."""
    if isinstance(value, dt.datetime):
        moment, date_only = value, False
    elif isinstance(value, dt.date):
        moment, date_only = dt.datetime(value.year, value.month, value.day), True
    elif isinstance(value, str):
        parsed = _parse_text(value.strip())
        if parsed is None:
            return None
        moment, date_only = parsed
    else:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC), date_only


def _parse_text(text: str) -> tuple[dt.datetime, bool] | None:
    if _DATE_ONLY.match(text):
        try:
            year, month, day = (int(part) for part in text.split("-"))
            return dt.datetime(year, month, day), True
        except ValueError:
            return None
    try:
        return dt.datetime.fromisoformat(text.replace(" ", "T", 1)), False
    except ValueError:
        pass
    for pattern in _WORDY_DATES:
        try:
            return dt.datetime.strptime(text, pattern), True
        except ValueError:
            continue
    return None


class DateTexts:
    """Dates as readers see them, in the site's language: with ``blog_date_format``
    (``strftime`` codes, month names translated), else the language's own long
    date (``May 2, 2024``, ``2. Mai 2024``, ``2 mai 2024``, ``2024年5月2日``).

    Babel's formatting costs about half a millisecond, and a post's date is shown on
    its page, in list entries and in sidebars: each date is formatted once per build.
    """

    def __init__(self, form: str | None, language: str | None) -> None:
        self.form = form
        self.language = language
        self._texts: dict[dt.datetime, str] = {}

    def __call__(self, date: dt.datetime | None) -> str:
        if date is None:
            return ""
        text = self._texts.get(date)
        if text is None:
            text = self._texts[date] = self._format(date)
        return text

    def _format(self, date: dt.datetime) -> str:
        if self.form:
            return format_date(self.form, date=date, language=self.language or "en")
        return str(babel_format_date(date.date(), "long", locale=babel_locale(self.language)))
