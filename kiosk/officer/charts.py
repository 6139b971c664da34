"""Geometry and wording for the dashboard's charts, drawn as inline SVG by the templates.

No script draws anything: the page prints and reads the same without JavaScript.
"""

from dataclasses import dataclass

from flask_babel import gettext as _


@dataclass
class Column:
    x: float
    y: float
    width: float
    height: float
    value: int
    label: str
    middle: float


@dataclass
class ColumnChart:
    columns: list
    width: int
    height: int  # of the plot; labels sit below it
    peak: int

    @property
    def full_height(self):
        return self.height + 28


def column_chart(pairs, width=720, height=160, gap=0.2):
    """Columns for ``pairs`` of (label, value), scaled to the largest value."""
    peak = max((value for _, value in pairs), default=0)
    slot = width / max(len(pairs), 1)
    bar = slot * (1 - gap)
    columns = []
    for index, (label, value) in enumerate(pairs):
        # Room above the tallest column for its number.
        tall = (height - 22) * value / peak if peak else 0
        x = index * slot + (slot - bar) / 2
        columns.append(Column(round(x, 1), round(height - tall, 1), round(bar, 1),
                              round(tall, 1), value, label, round(x + bar / 2, 1)))
    return ColumnChart(columns, width, height, peak)


def trimmed(pairs):
    """The (label, value) pairs from the first to the last one that is not zero."""
    used = [i for i, (_, value) in enumerate(pairs) if value]
    return pairs[used[0]: used[-1] + 1] if used else []


def percent(part, whole):
    return round(100 * part / whole) if whole else 0


def duration(seconds):
    """'45 detik', '4 menit', '1 jam 5 menit' (short units, so no plural forms are needed)."""
    if seconds is None:
        return "–"
    if seconds < 60:
        return _("%(num)d detik", num=seconds)
    minutes = round(seconds / 60)
    if minutes < 60:
        return _("%(num)d menit", num=minutes)
    hours, rest = divmod(minutes, 60)
    text = _("%(num)d jam", num=hours)
    return f"{text} {_('%(num)d menit', num=rest)}" if rest else text


def bucket_label(bucket, buckets):
    """'1–2 mnt' for the bucket from 60 s; the first is '< 10 dtk', the last '≥ 2 jam'."""
    index = buckets.index(bucket)
    if index + 1 == len(buckets):
        return _("≥ %(length)s", length=_short(bucket))
    upper = buckets[index + 1]
    if index == 0:
        return _("< %(length)s", length=_short(upper))
    lower_number, lower_unit = _unit(bucket)
    upper_number, upper_unit = _unit(upper)
    if lower_unit == upper_unit:
        return f"{lower_number}–{_short(upper)}"
    return f"{_short(bucket)}–{_short(upper)}"


def _unit(seconds):
    if seconds < 60:
        return seconds, "s"
    if seconds < 3600:
        return seconds // 60, "m"
    return seconds // 3600, "h"


def _short(seconds):
    number, unit = _unit(seconds)
    if unit == "s":
        return _("%(num)d dtk", num=number)
    if unit == "m":
        return _("%(num)d mnt", num=number)
    return _("%(num)d jam", num=number)
