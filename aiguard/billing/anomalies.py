"""Cost anomalies in a daily series: rolling median with a robust z-score.

For each day, the expected cost is the median of the same weekday in the preceding
window (a weekly rhythm is normal: batch jobs on Mondays), or of the whole window
when it holds too few such days. The spread is the median absolute deviation of the
window, so one earlier spike does not hide the next. A day is an anomaly only when its
robust z-score is high AND the increase clears an absolute and a percentage floor, so
a quiet account does not alarm on cents.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median
from typing import Any

_MAD_TO_SIGMA = 0.6745  # the robust z-score scale (Iglewicz and Hoaglin)


@dataclass(frozen=True)
class AnomalySettings:
    """`anomaly:` in rules/billing.yaml."""

    window_days: int = 28
    min_history_days: int = 7
    z_score: float = 3.5
    min_increase: float = 100.0
    min_increase_percent: float = 50.0

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> AnomalySettings:
        fields = cls.__dataclass_fields__
        return cls(**{k: type(getattr(cls(), k))(v) for k, v in data.items() if k in fields})


@dataclass(frozen=True)
class DayVerdict:
    """One day of the series with what was expected and whether it is an anomaly."""

    day: date
    cost: float
    expected: float | None
    z_score: float | None
    anomaly: bool


def daily_series(costs: dict[date, float]) -> list[tuple[date, float]]:
    """Every day from the first to the last, days without rows at 0."""
    if not costs:
        return []
    first, last = min(costs), max(costs)
    return [
        (first + timedelta(n), costs.get(first + timedelta(n), 0.0))
        for n in range((last - first).days + 1)
    ]


def detect(series: list[tuple[date, float]], settings: AnomalySettings) -> list[DayVerdict]:
    """A verdict for every day; days with too little history have no expectation."""
    verdicts = []
    for index, (day, cost) in enumerate(series):
        window = series[max(0, index - settings.window_days) : index]
        if len(window) < settings.min_history_days:
            verdicts.append(DayVerdict(day, cost, None, None, False))
            continue
        values = [c for _, c in window]
        same_weekday = [c for d, c in window if d.weekday() == day.weekday()]
        expected = median(same_weekday) if len(same_weekday) >= 3 else median(values)
        centre = median(values)
        spread = median(abs(v - centre) for v in values)
        increase = cost - expected
        if spread > 0:
            z = _MAD_TO_SIGMA * increase / spread
        else:
            z = float("inf") if increase > 0 else 0.0
        percent = increase / expected * 100 if expected > 0 else float("inf")
        anomaly = (
            z >= settings.z_score
            and increase >= settings.min_increase
            and percent >= settings.min_increase_percent
        )
        z_shown = round(z, 2) if z != float("inf") else 999.0
        verdicts.append(DayVerdict(day, cost, round(expected, 2), z_shown, anomaly))
    return verdicts
