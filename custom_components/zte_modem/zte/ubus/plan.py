"""The router's own data plan on ubus, as goform's plan fields (goform/plan.py reads them).

`zwrt_data.get_wwandst_monthlimit` answers `enable`, `type` ("2" a data limit, "1" a time
limit), `value` and `ratio` (the alert threshold in percent: the G5TS web page's own JS reads
it as such); `get_wwandst_clearday` answers `enable` and `clearday`. The unit of a data
`value` is in no shipped JS we could read: bytes, as two U60 Pro tools store it (their
values are whole GiB: 322122547200 = 300 GiB); a time limit is in seconds (the web page
divides it by 3600). Read with the settings' hourly schedule, inside the poll's one POST.

Writes (§2.5 [F]): `set_wwandst_monthlimit {source_module, cid, enable, type, value (a string),
ratio}` and `set_wwandst_clearday {source_module, cid, enable, clearday}`, each sending every
argument: what the change leaves alone is re-sent as read.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..goform.parse import to_int
from ..plan import GB, PlanChange
from .fields import WEB, text
from .rpc import Call, Reply

MONTH_LIMIT = Call("zwrt_data", "get_wwandst_monthlimit", WEB)
CLEAR_DAY = Call("zwrt_data", "get_wwandst_clearday", WEB)
PLAN_CALLS = (MONTH_LIMIT, CLEAR_DAY)
PLAN_EVERY = 3600.0  # seconds, as goform's settings
MB = 1024 * 1024
DATA_TYPE = 2  # `type`: 2 a data limit, 1 a time limit


def plan_view(answers: Mapping[str, Reply]) -> dict[str, str]:
    """The plan under goform's field names; {} when the router answered neither call."""
    limit = _data(answers, MONTH_LIMIT)
    clear = _data(answers, CLEAR_DAY)
    view: dict[str, str] = {}
    if limit:
        by_data = text(limit.get("type")) == "2"
        amount = to_int(text(limit.get("value")))
        view |= {
            "data_volume_limit_switch": "1" if text(limit.get("enable")) == "1" else "0",
            "data_volume_limit_unit": "data" if by_data else "time",
            # goform's "amount_unit" in MB: bytes / MB, unit 1.
            "data_volume_limit_size": f"{amount / MB:g}_1" if by_data and amount is not None else "",
            "data_volume_alert_percent": text(limit.get("ratio")),
        }
    if clear:
        view |= {
            "wan_auto_clear_flow_data_switch": "1" if text(clear.get("enable")) == "1" else "0",
            "traffic_clear_date": text(clear.get("clearday")),
        }
    return view


def _data(answers: Mapping[str, Reply], call: Call) -> dict[str, Any]:
    reply = answers.get(call.key)
    return reply.data if reply is not None and reply.ok else {}


def plan_write_calls(answers: Mapping[str, Reply], change: PlanChange) -> tuple[Call, ...]:
    """The writes for `change`, from the current answers of PLAN_CALLS (every argument sent)."""
    limit = _data(answers, MONTH_LIMIT)
    calls: list[Call] = []
    if change.enabled is not None or change.limit_gb is not None or change.alert_percent is not None:
        enabled = text(limit.get("enable")) == "1" if change.enabled is None else change.enabled
        value = str(round(change.limit_gb * GB)) if change.limit_gb is not None else text(limit.get("value"))
        limit_type = (
            DATA_TYPE if change.limit_gb is not None else to_int(text(limit.get("type"))) or DATA_TYPE
        )
        ratio = change.alert_percent if change.alert_percent is not None else to_int(text(limit.get("ratio")))
        args = {
            **WEB,
            "enable": 1 if enabled else 0,
            "type": limit_type,
            "value": value or "0",
            "ratio": ratio or 90,
        }
        calls.append(Call("zwrt_data", "set_wwandst_monthlimit", args, write=True))
    if change.reset_day is not None:
        args = {**WEB, "enable": 1, "clearday": change.reset_day}
        calls.append(Call("zwrt_data", "set_wwandst_clearday", args, write=True))
    return tuple(calls)
