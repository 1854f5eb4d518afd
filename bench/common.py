"""What every benchmark module shares (kept apart from run.py, whose import has effects)."""

from __future__ import annotations

Result = dict[str, object]


def result(name, value, unit, baseline=None, notes="") -> Result:
    ratio = round(value / baseline, 2) if baseline else None
    return {
        "name": name,
        "value": round(value, 3),
        "unit": unit,
        "baseline": None if baseline is None else round(baseline, 3),
        "ratio": ratio,
        "notes": notes,
    }
