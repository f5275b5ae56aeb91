"""The router's own data-plan settings and counters, whichever spelling the build uses.

`data_volume_limit_switch`, `data_volume_limit_unit` (data/time), `data_volume_limit_size`
("100_1024" = 100 x 1024 MB, the stock page multiplies the two parts),
`data_volume_alert_percent`, `wan_auto_clear_flow_data_switch` and the reset day
`traffic_clear_date`; newer builds (F50/U30 Air class, 5G CPEs with the "flux" page) spell
them `flux_data_volume_limit_*`, `flux_auto_clear_flow_data_switch`, `flux_clear_date` and
count in `flux_monthly_rx_bytes` / `flux_monthly_tx_bytes`. Older builds have no reset-day
field: their monthly counters follow the calendar month.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from ..plan import GB, MB, PlanChange, PlanSettings, projected_bytes
from .parse import ValueFormat, clean, to_float, to_int

# Not a modem field: the client writes the local time here so the projection stays pure.
CLOCK_FIELD = "zte_modem_local_time"
# Old spelling first, the flux_ spelling second; the first that carries a value wins.
PLAN_FIELDS: tuple[str, ...] = (
    "data_volume_limit_switch",
    "flux_data_volume_limit_switch",
    "data_volume_limit_unit",
    "flux_data_volume_limit_unit",
    "data_volume_limit_size",
    "flux_data_volume_limit_size",
    "data_volume_alert_percent",
    "flux_data_volume_alert_percent",
    "traffic_clear_date",
    "flux_clear_date",
    "wan_auto_clear_flow_data_switch",
    "flux_auto_clear_flow_data_switch",
    "monthly_rx_bytes",
    "flux_monthly_rx_bytes",
    "monthly_tx_bytes",
    "flux_monthly_tx_bytes",
    "notify_deviceui_enable",
    "flux_notify_deviceui_enable",
    CLOCK_FIELD,
)


@dataclass(frozen=True, slots=True)
class DataPlan:
    """The router's own data-plan settings and counters, whichever spelling the build uses."""

    enabled: bool
    by_data: bool
    limit_mb: float | None
    alert_percent: int | None
    reset_day: int | None
    used_bytes: int | None
    now: datetime | None

    @classmethod
    def from_values(cls, values: Mapping[str, str]) -> DataPlan:
        """From the values of PLAN_FIELDS by name; of two spellings, the first with a value wins."""

        def pick(name: str, flux_name: str | None = None) -> str | None:
            return clean(values.get(name)) or clean(values.get(flux_name or f"flux_{name}"))

        auto_clear = (
            pick("wan_auto_clear_flow_data_switch", "flux_auto_clear_flow_data_switch") or ""
        ).lower()
        reset_day = to_int(pick("traffic_clear_date", "flux_clear_date"))
        if reset_day is not None and not 1 <= reset_day <= 31:
            reset_day = None
        if auto_clear in ("off", "0"):
            reset_day = None
        rx, tx = to_int(pick("monthly_rx_bytes")), to_int(pick("monthly_tx_bytes"))
        alert = to_int(pick("data_volume_alert_percent"))
        return cls(
            enabled=(pick("data_volume_limit_switch") or "") == "1",
            by_data=(pick("data_volume_limit_unit") or "").lower() == "data",
            limit_mb=_limit_mb(pick("data_volume_limit_size")),
            alert_percent=alert if alert is not None and 0 <= alert <= 100 else None,
            reset_day=reset_day,
            used_bytes=rx + tx if rx is not None and tx is not None and rx >= 0 and tx >= 0 else None,
            now=_parse_time(values.get(CLOCK_FIELD, "")),
        )

    @property
    def limit_bytes(self) -> float | None:
        """The data limit, when one is set and counts data (not connection time)."""
        if not self.enabled or not self.by_data or not self.limit_mb:
            return None
        return self.limit_mb * MB


def _limit_mb(raw: str | None) -> float | None:
    """'100_1024' -> 102400.0 (value x unit, in MB, as the stock page multiplies them)."""
    if raw is None:
        return None
    value, _, unit = raw.partition("_")
    amount, factor = to_float(value), to_float(unit) if unit else 1.0
    if amount is None or factor is None or amount < 0 or factor <= 0:
        return None
    return amount * factor


def _parse_time(raw: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(raw)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo is not None else None


def data_limit(values: Mapping[str, str], value_format: ValueFormat) -> float | None:
    """The plan's data limit in GB (1024 MB, as the router counts), when one is switched on."""
    limit = DataPlan.from_values(values).limit_bytes
    return round(limit / GB, 3) if limit is not None else None


def data_alert_percent(values: Mapping[str, str], value_format: ValueFormat) -> int | None:
    """The alert threshold in percent of the limit, when a limit is switched on."""
    plan = DataPlan.from_values(values)
    return plan.alert_percent if plan.enabled else None


def data_reset_day(values: Mapping[str, str], value_format: ValueFormat) -> int | None:
    """Day of month the router zeroes its monthly counters (None: not reported or auto-clear off)."""
    return DataPlan.from_values(values).reset_day


def data_used_percent(values: Mapping[str, str], value_format: ValueFormat) -> float | None:
    """Used this period in percent of the limit (may pass 100)."""
    plan = DataPlan.from_values(values)
    limit = plan.limit_bytes
    if limit is None or plan.used_bytes is None:
        return None
    return round(plan.used_bytes / limit * 100, 1)


def data_projected(values: Mapping[str, str], value_format: ValueFormat) -> float | None:
    """Projected total use at the end of the period in GB (see `projected_bytes` for the rule)."""
    plan = DataPlan.from_values(values)
    if plan.used_bytes is None or plan.now is None:
        return None
    projected = projected_bytes(plan.used_bytes, now=plan.now, reset_day=plan.reset_day)
    return round(projected / GB, 2) if projected is not None else None


def plan_settings(values: Mapping[str, str]) -> PlanSettings | None:
    """The writable settings; None when the router reports no limit switch in either spelling."""
    if clean(values.get("data_volume_limit_switch")) is None and (
        clean(values.get("flux_data_volume_limit_switch")) is None
    ):
        return None
    plan = DataPlan.from_values(values)
    return PlanSettings(
        enabled=plan.enabled,
        limit_gb=plan.limit_mb / 1024 if plan.by_data and plan.limit_mb else None,
        alert_percent=plan.alert_percent,
        reset_day=plan.reset_day,
    )


def size_text(limit_gb: float) -> str:
    """The composite size: whole GB as "<GB>_1024" (a real capture: 472_1024), else "<MB>_1"."""
    if float(limit_gb).is_integer():
        return f"{int(limit_gb)}_1024"
    return f"{round(limit_gb * 1024)}_1"


# DATA_LIMIT_SETTING: the stock page's names, each also under its flux_ twin (§5.3, ids
# 67046988050, 55053262215, 69206561864): a form missing any of them is refused.
LIMIT_FORM_TWINS: dict[str, str] = {
    "data_volume_limit_switch": "flux_data_volume_limit_switch",
    "data_volume_limit_unit": "flux_data_volume_limit_unit",
    "data_volume_limit_size": "flux_data_volume_limit_size",
    "data_volume_alert_percent": "flux_data_volume_alert_percent",
    "wan_auto_clear_flow_data_switch": "flux_auto_clear_flow_data_switch",
    "traffic_clear_date": "flux_clear_date",
    "notify_deviceui_enable": "flux_notify_deviceui_enable",
}


def limit_form(values: Mapping[str, str], change: PlanChange) -> dict[str, str]:
    """The whole DATA_LIMIT_SETTING form: every field as read, with `change` applied."""

    def pick(name: str) -> str:
        return clean(values.get(name)) or clean(values.get(LIMIT_FORM_TWINS[name])) or ""

    switch = pick("data_volume_limit_switch") == "1" if change.enabled is None else change.enabled
    auto_clear = pick("wan_auto_clear_flow_data_switch").lower()
    if change.reset_day is not None:
        auto_clear = "on"
    form = {
        "data_volume_limit_switch": "1" if switch else "0",
        "data_volume_limit_unit": "data"
        if change.limit_gb is not None
        else pick("data_volume_limit_unit") or "data",
        "data_volume_limit_size": (
            size_text(change.limit_gb)
            if change.limit_gb is not None
            else pick("data_volume_limit_size") or "0_1024"
        ),
        "data_volume_alert_percent": (
            str(change.alert_percent)
            if change.alert_percent is not None
            else pick("data_volume_alert_percent")
        )
        or "90",
        "wan_auto_clear_flow_data_switch": "off" if auto_clear in ("off", "0") else "on",
        "traffic_clear_date": (
            str(change.reset_day) if change.reset_day is not None else pick("traffic_clear_date")
        )
        or "1",
        "notify_deviceui_enable": pick("notify_deviceui_enable") or "0",
    }
    return form | {LIMIT_FORM_TWINS[name]: value for name, value in form.items()}


def data_remaining(values: Mapping[str, str], value_format: ValueFormat) -> float | None:
    """GB left of the limit this period; 0 once it is used up (the limit switched on)."""
    plan = DataPlan.from_values(values)
    limit = plan.limit_bytes
    if limit is None or plan.used_bytes is None:
        return None
    return round(max(limit - plan.used_bytes, 0) / GB, 2)


def data_plan_at_risk(values: Mapping[str, str], value_format: ValueFormat) -> bool | None:
    """The projection for this period passes the limit, or use reached the alert threshold."""
    plan = DataPlan.from_values(values)
    limit = plan.limit_bytes
    if limit is None or plan.used_bytes is None:
        return None
    if plan.alert_percent is not None and plan.used_bytes >= limit * plan.alert_percent / 100:
        return True
    if plan.now is None:
        return None
    projected = projected_bytes(plan.used_bytes, now=plan.now, reset_day=plan.reset_day)
    return projected is not None and projected > limit
