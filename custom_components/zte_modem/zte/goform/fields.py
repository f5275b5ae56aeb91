"""Where goform finds each fact of the catalogue: its fields, their parser, and which read brings them.

The catalogue (../catalogue) says what a value is; this table says which goform fields hold
it, in the order they are tried, and how they are parsed. A metric of the catalogue without a
row here is a test failure (tests/client/test_parse.py), not a silent None.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from ..catalogue import METRICS, MetricValue
from . import cell_identity, cells, locks, parse, plan, sms_format
from .parse import DEFAULT_FORMAT, Parser, ValueFormat


class ReadBy(StrEnum):
    """Which read brings a metric's fields (extra reads: goform/extra_reads.py)."""

    POLL = "poll"  # the one multi_data GET of every poll
    SETTINGS = "settings"  # locks and data plan: at setup, hourly, and in each control's read-back
    SMS_CAPACITY = "sms_capacity"  # the separate sms_capacity_info command, after the SMS list moved
    CLIENT_LISTS = "client_lists"  # station_list and lan_station_list, each alone (client_lists.py)


@dataclass(frozen=True, slots=True)
class Source:
    """The fields of one metric (tried in this order), their parser, and the read that brings them."""

    fields: tuple[str, ...]
    parser: Parser
    read_by: ReadBy = ReadBy.POLL

    def value(self, raw: Mapping[str, object], value_format: ValueFormat = DEFAULT_FORMAT) -> MetricValue:
        """Parse this metric out of a raw goform answer; never raises."""
        named = {
            name: value if isinstance(value, str) else ""
            for name in self.fields
            for value in (raw.get(name, ""),)
        }
        try:
            return self.parser(named, value_format)
        except (ValueError, ArithmeticError, IndexError):  # pragma: no cover - parsers guard
            return None


def _from_client_lists(named: Mapping[str, str], value_format: ValueFormat) -> MetricValue:
    """No field: the snapshot counts the clients of its ClientList (models.py)."""
    return None


def _derived(named: Mapping[str, str], value_format: ValueFormat) -> MetricValue:
    """No field: the snapshot scores the LTE and NR signal values (quality.py, models.py)."""
    return None


SOURCES: Mapping[str, Source] = {
    "connected_devices": Source((), _from_client_lists, read_by=ReadBy.CLIENT_LISTS),
    "provider": Source(("network_provider_fullname", "network_provider"), parse.text),
    "network_type": Source(("network_type",), parse.text),
    "signal_bars": Source(("signalbar",), parse.number),
    "lte_rsrp": Source(("lte_rsrp",), parse.signal),
    "lte_rsrq": Source(("lte_rsrq",), parse.signal),
    "lte_sinr": Source(("lte_snr",), parse.signal),
    "lte_rssi": Source(("lte_rssi",), parse.signal),
    "lte_band": Source(cells.LTE_PCELL_FIELDS, cells.lte_band_parser),
    "lte_earfcn": Source(cells.LTE_PCELL_FIELDS, cells.lte_earfcn_parser),
    "lte_pci": Source(("lte_pci",), parse.lte_pci),
    "cell_id": Source(("cell_id",), parse.first_of(parse.to_hex_int)),
    "lte_enodeb_id": Source(cell_identity.ECI_FIELDS, cell_identity.enodeb_id),
    "lte_sector": Source(cell_identity.ECI_FIELDS, cell_identity.sector),
    "neighbour_cells": Source(cell_identity.NEIGHBOUR_FIELDS, cell_identity.neighbour_count),
    "lte_bandwidth": Source(cells.LTE_PCELL_BANDWIDTH_FIELDS, cells.lte_bandwidth),
    "lte_ca_bands": Source(cells.LTE_CA_FIELDS, cells.lte_ca_bands_parser),
    "lte_ca_total_bandwidth": Source(cells.LTE_CA_FIELDS, cells.lte_ca_total_bandwidth_parser),
    "lte_frequency": Source(cells.LTE_PCELL_FIELDS, cells.lte_frequency_parser),
    "nr5g_rsrp": Source(("Z5g_rsrp", "nr5g_rsrp", "5g_rsrp"), parse.signal),
    "nr5g_rsrq": Source(("Z5g_rsrq", "nr5g_rsrq"), parse.signal),
    "nr5g_sinr": Source(("Z5g_SINR", "nr5g_sinr", "Z5g_snr"), parse.nr_sinr),
    "nr5g_band": Source(cells.NR_FIELDS, cells.nr_band_parser),
    "nr5g_pci": Source(("nr5g_pci",), parse.nr_pci),
    "nr5g_cell_id": Source(cell_identity.NR_CELL_ID_FIELDS, cell_identity.nr_cell_id),
    "nr5g_arfcn": Source(cells.NR_FIELDS, cells.nr_arfcn_parser),
    "nr5g_frequency": Source(cells.NR_FIELDS, cells.nr_frequency_parser),
    "nr5g_ca_bands": Source(cells.NR_CA_FIELDS, cells.nr_ca_bands_parser),
    "nr5g_rsrp_1": Source(("5g_rx0_rsrp",), parse.signal),
    "nr5g_rsrp_2": Source(("5g_rx1_rsrp",), parse.signal),
    "lte_rsrp_1": Source(("lte_rsrp_1",), parse.signal),
    "lte_sinr_1": Source(("lte_snr_1",), parse.signal),
    "lte_rsrp_2": Source(("lte_rsrp_2",), parse.signal),
    "lte_sinr_2": Source(("lte_snr_2",), parse.signal),
    "lte_rsrp_3": Source(("lte_rsrp_3",), parse.signal),
    "lte_sinr_3": Source(("lte_snr_3",), parse.signal),
    "lte_rsrp_4": Source(("lte_rsrp_4",), parse.signal),
    "lte_sinr_4": Source(("lte_snr_4",), parse.signal),
    "wan_ip": Source(("wan_ipaddr",), parse.text),
    "wan_ipv6": Source(("ipv6_wan_ipaddr",), parse.text),
    "rx_rate": Source(("realtime_rx_thrpt",), parse.number),
    "tx_rate": Source(("realtime_tx_thrpt",), parse.number),
    "monthly_rx": Source(("monthly_rx_bytes",), parse.number),
    "monthly_tx": Source(("monthly_tx_bytes",), parse.number),
    "session_rx": Source(("realtime_rx_bytes",), parse.number),
    "session_tx": Source(("realtime_tx_bytes",), parse.number),
    "session_duration": Source(("realtime_time",), parse.number),
    "connected": Source(("ppp_status",), parse.connected),
    "roaming": Source(("simcard_roam",), parse.roaming),
    "sms_unread": Source(("sms_dev_unread_num", "sms_unread_num"), parse.number),
    "sms_stored": Source(sms_format.CAPACITY_FIELDS, sms_format.stored_messages, read_by=ReadBy.SMS_CAPACITY),
    "sms_storage_full": Source(
        sms_format.CAPACITY_FIELDS, sms_format.storage_full, read_by=ReadBy.SMS_CAPACITY
    ),
    "sim_state": Source(("modem_main_state",), parse.text),
    "modem_temperature": Source(("pm_sensor_mdm",), parse.temperature),
    "modem_5g_temperature": Source(("pm_modem_5g",), parse.temperature),
    "ambient_temperature": Source(("pm_sensor_ambient",), parse.temperature),
    "pa_temperature": Source(("pm_sensor_pa1",), parse.temperature),
    "rf_5g_temperature": Source(("pm_sensor_5g",), parse.temperature),
    "wifi_temperature": Source(("wifi_chip_temp",), parse.temperature),
    "network_mode": Source(("net_select",), parse.text),
    "lte_band_lock": Source(locks.LTE_BAND_LOCK_FIELDS, locks.lte_band_lock_text, read_by=ReadBy.SETTINGS),
    "nr5g_band_lock": Source(locks.NR_BAND_LOCK_FIELDS, locks.nr_band_lock_text, read_by=ReadBy.SETTINGS),
    "lte_cell_lock": Source(locks.LTE_CELL_LOCK_FIELDS, locks.lte_cell_lock_text, read_by=ReadBy.SETTINGS),
    "nr5g_cell_lock": Source(locks.NR_CELL_LOCK_FIELDS, locks.nr_cell_lock_text, read_by=ReadBy.SETTINGS),
    "data_limit": Source(plan.PLAN_FIELDS, plan.data_limit, read_by=ReadBy.SETTINGS),
    "data_alert_percent": Source(plan.PLAN_FIELDS, plan.data_alert_percent, read_by=ReadBy.SETTINGS),
    "data_reset_day": Source(plan.PLAN_FIELDS, plan.data_reset_day, read_by=ReadBy.SETTINGS),
    "data_used_percent": Source(plan.PLAN_FIELDS, plan.data_used_percent, read_by=ReadBy.SETTINGS),
    "data_remaining": Source(plan.PLAN_FIELDS, plan.data_remaining, read_by=ReadBy.SETTINGS),
    "data_plan_at_risk": Source(plan.PLAN_FIELDS, plan.data_plan_at_risk, read_by=ReadBy.SETTINGS),
    "data_projected": Source(plan.PLAN_FIELDS, plan.data_projected, read_by=ReadBy.SETTINGS),
    "signal_quality": Source((), _derived),
}

# Modem fields read on every poll besides the metrics: identity and session state.
DEVICE_FIELDS: tuple[str, ...] = (
    "loginfo",
    # Empty without a session on MC888, MC7010 and MF79U: a second witness besides loginfo.
    "user_ip_addr",
    "imei",
    "wa_inner_version",
    "cr_version",
    "hardware_version",
    "model_name",
    "mac_address",
)


def fields_read_by(read: ReadBy) -> tuple[str, ...]:
    """Every field one kind of read asks for, each once, in catalogue order."""
    ordered: dict[str, None] = dict.fromkeys(DEVICE_FIELDS) if read is ReadBy.POLL else {}
    for metric in METRICS:
        source = SOURCES[metric.key]
        if source.read_by is read:
            ordered.update(dict.fromkeys(source.fields))
    return tuple(ordered)


def parse_values(
    raw: Mapping[str, object], value_format: ValueFormat = DEFAULT_FORMAT
) -> dict[str, MetricValue]:
    """Every catalogue metric parsed out of raw goform fields."""
    return {metric.key: SOURCES[metric.key].value(raw, value_format) for metric in METRICS}
