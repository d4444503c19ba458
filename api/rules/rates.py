"""Rate limits: "<requests>/<period>" with the period in s, min, h or day ("120/min")."""

from __future__ import annotations

from dataclasses import dataclass

PERIODS = {"s": 1, "sec": 1, "min": 60, "m": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}


@dataclass(frozen=True)
class Rate:
    requests: int
    seconds: int

    def window(self, now: float) -> int:
        """The number of the fixed window `now` (seconds since the epoch) falls in."""
        return int(now // self.seconds)

    def retry_after(self, now: float) -> int:
        """Whole seconds until the next window opens (at least 1)."""
        return max(1, int((self.window(now) + 1) * self.seconds - now + 0.999))


def parse_rate(text: str) -> Rate | None:
    """Rate("120/min") -> Rate(120, 60); "" or "off" -> None (no limit). ValueError on anything else."""
    text = (text or "").strip().lower()
    if text in ("", "off", "none"):
        return None
    count, _, period = text.partition("/")
    if not count.strip().isdigit() or int(count) < 1:
        raise ValueError(f"Invalid rate {text!r}: expected '<requests>/<period>', e.g. '120/min'.")
    period = period.strip()
    digits = "".join(ch for ch in period if ch.isdigit())
    unit = period[len(digits):]
    if unit not in PERIODS or (digits and int(digits) < 1):
        raise ValueError(f"Invalid rate {text!r}: the period is one of {', '.join(sorted(set(PERIODS)))}.")
    return Rate(int(count), (int(digits) if digits else 1) * PERIODS[unit])
