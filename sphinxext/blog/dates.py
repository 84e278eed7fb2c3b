"""Dates: reading them from frontmatter and directives, "now", the site's time zone, and showing them.

A post's date is an aware UTC datetime, so posts compare and sort the same way
whatever zone the build machine is in.  A date or date-time written without an
offset is a moment of the site's zone (:confval:`blog_timezone`, UTC by default):
a date-only post is published at midnight there, and dates are shown, archived by
year and month, and written into feeds and meta tags as they are there.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections.abc import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton
from sphinx.util.i18n import format_date

from .i18n import babel_locale

_DATE_ONLY = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
# ABlog and Jekyll users also write dates like "Mar 12, 2024" or "12 March 2024"
_WORDY_DATES = ("%b %d, %Y", "%B %d, %Y", "%d %b %Y", "%d %B %Y")
_MONTH_KEY = re.compile(r"^(\d{4})-(\d{1,2})$")

Zone = dt.tzinfo


def utc_now() -> dt.datetime:
    """Now, or ``SOURCE_DATE_EPOCH`` when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC)


# -- the site's time zone ----------------------------------------------------------------


@functools.cache
def zone_named(name: str | None) -> Zone:
    """The IANA zone ``name`` (``Europe/Berlin``); UTC for '' or an unknown name."""
    if not name or name.upper() == "UTC":
        return dt.UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        return dt.UTC


def is_zone_name(name: object) -> bool:
    """Whether ``name`` names a zone of the IANA database (``UTC`` too)."""
    if not isinstance(name, str) or not name.strip():
        return False
    if name.upper() == "UTC":
        return True
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        return False
    return True


def local(moment: dt.datetime, zone: Zone) -> dt.datetime:
    """``moment`` as the clocks of ``zone`` show it."""
    return moment.astimezone(zone)


def iso_date(moment: dt.datetime, date_only: bool, zone: Zone) -> str:
    """A post's date as machine-readable text in the site's zone: ``2024-05-02`` for a
    date-only post, else ``2024-05-02T10:00:00+02:00``."""
    shown = local(moment, zone)
    return shown.date().isoformat() if date_only else shown.isoformat()


# -- reading dates ------------------------------------------------------------------------


def parse_date(
    value: object, zone: Zone | None = None, warn: Callable[[str], None] | None = None
) -> tuple[dt.datetime, bool] | None:
    """(moment in UTC, date only) of a date or ISO date-time; None if it is not one.

    A value without an offset is read in ``zone`` (UTC by default, never the build
    machine's zone).  A local time that does not exist (the clocks go forward) or exists
    twice (they go back) is read the first way Python reads it (``fold=0``: shifted
    forward past a gap, the earlier of two), and ``warn`` is told both readings."""
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
        zone = zone or dt.UTC
        moment = moment.replace(tzinfo=zone)
        problem = daylight_saving_problem(moment.replace(tzinfo=None), zone)
        if problem and warn is not None and not date_only:
            warn(problem)
    return moment.astimezone(dt.UTC), date_only


def daylight_saving_problem(naive: dt.datetime, zone: Zone) -> str:
    """Why ``naive`` is not one moment in ``zone`` ('' when it is): it falls in the hour
    skipped or repeated at a daylight-saving change.  Names both readings."""
    first, second = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return ""
    readings = [moment.astimezone(dt.UTC).astimezone(zone).isoformat() for moment in (first, second)]
    shown = naive.isoformat(sep=" ", timespec="minutes" if not naive.second else "seconds")
    skipped = first.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) != naive
    what = "does not exist" if skipped else "is ambiguous"
    why = "the clocks go forward" if skipped else "the clocks go back"
    offsets = [_offset(moment) for moment in (first, second)]
    return (f"{shown} {what} in {zone} ({why} that night): read as {readings[0]}, not {readings[1]}; "
            f"write its offset to choose ({offsets[0]} for the first, {offsets[1]} for the second)")


def _offset(moment: dt.datetime) -> str:
    """``+01:00``: the offset of an aware moment as ISO 8601 writes it."""
    minutes = int((moment.utcoffset() or dt.timedelta()).total_seconds()) // 60
    return f"{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


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


# -- months --------------------------------------------------------------------------------


def month_key(moment: dt.datetime, zone: Zone) -> str:
    """The archive month of a moment in the site's zone: ``2024-05``."""
    shown = local(moment, zone)
    return f"{shown.year:04d}-{shown.month:02d}"


def parse_month(text: str) -> str | None:
    """``2024-05`` (or ``2024-5``) as a month key; None for anything else."""
    found = _MONTH_KEY.match(text.strip())
    if found is None or not 1 <= int(found[2]) <= 12:
        return None
    return f"{found[1]}-{int(found[2]):02d}"


@functools.cache
def month_title(key: str, language: str | None) -> str:
    """A month with its year as the language writes it: "May 2024", "Mai 2024", "2024年5月"."""
    year, month = (int(part) for part in key.split("-"))
    return str(format_skeleton("yMMMM", dt.date(year, month, 1), locale=babel_locale(language)))


@functools.cache
def month_name(key: str, language: str | None) -> str:
    """A month's name on its own, as a list under its year shows it ("May", "Mai", "5月")."""
    year, month = (int(part) for part in key.split("-"))
    name = str(babel_format_date(dt.date(year, month, 1), "LLLL", locale=babel_locale(language)))
    return name[:1].upper() + name[1:]  # menus capitalise it ("mai" -> "Mai"), as CLDR says for lists


# -- showing dates -------------------------------------------------------------------------


class DateTexts:
    """Dates as readers see them, in the site's language and zone: with ``blog_date_format``
    (``strftime`` codes, month names translated), else the language's own long
    date (``May 2, 2024``, ``2. Mai 2024``, ``2 mai 2024``, ``2024年5月2日``).

    Babel's formatting costs about half a millisecond, and a post's date is shown on
    its page, in list entries and in sidebars: each date is formatted once per build.
    """

    def __init__(self, form: str | None, language: str | None, zone: Zone = dt.UTC) -> None:
        self.form = form
        self.language = language
        self.zone = zone
        self._texts: dict[dt.datetime, str] = {}

    def __call__(self, date: dt.datetime | None) -> str:
        if date is None:
            return ""
        text = self._texts.get(date)
        if text is None:
            text = self._texts[date] = self._format(local(date, self.zone))
        return text

    def _format(self, date: dt.datetime) -> str:
        if self.form:
            return format_date(self.form, date=date, language=self.language or "en")
        return str(babel_format_date(date.date(), "long", locale=babel_locale(self.language)))
