"""What a ubus router's entry stores so the next start needs no detection."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

TRANSPORT = "ubus"


class FailCount(StrEnum):
    """What `login_fail_num` counts on this firmware."""

    LEFT = "left"  # attempts left (the G5TS web page's own reading)
    FAILURES = "failures"  # failed attempts so far (U60 Pro and MC7500 documents)


@dataclass(frozen=True, slots=True)
class UbusProfile:
    """The transport, and what a login showed of this firmware."""

    firmware: str = ""
    fail_count: FailCount | None = None

    def as_dict(self) -> dict[str, Any]:
        """Plain data for storage in a config entry; `transport` says which client reads it."""
        return {"transport": TRANSPORT, **asdict(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> UbusProfile:
        """Restore a stored profile; raises ValueError on unknown values."""
        if data.get("transport") != TRANSPORT:
            raise ValueError("not a ubus profile")
        fail_count = data.get("fail_count")
        return cls(
            firmware=str(data.get("firmware", "")),
            fail_count=FailCount(fail_count) if fail_count is not None else None,
        )
