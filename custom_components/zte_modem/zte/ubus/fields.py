"""The poll's calls, and their answers as the goform field names the router's own web page uses.

The NG web page itself turns the ubus answers into goform's field names (`login_fail_num` ->
`psw_fail_num_str`, the radio fields under their goform names); so does this module, and the
goform field table (goform/fields.py) then reads them: one parser per fact, whichever transport
brought it. What differs is translated here: names (`nr5g_snr`, traffic, temperature), the
session state, and SINR, which some firmware reports in tenths of a dB (an MC7500 document:
`150` for 15.0 dB), as an int or as a string ("22.5" on a U60 Pro).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..controls import default_scs
from ..goform.locks import format_lte_mask, lte_mask
from .locks import bands_shown, lte_cell_shown, nr_cell_shown
from .rpc import Call, Reply

WEB = {"source_module": "web", "cid": 1}
NETINFO = Call("zte_nwinfo_api", "nwinfo_get_netinfo")
TRAFFIC = Call("zwrt_data", "get_wwandst", {**WEB, "type": 4})  # 4: all counters, today included
WAN = Call("zwrt_data", "get_wwaniface", WEB)
TEMPERATURE = Call("zwrt_bsp.thermal", "get_cpu_temp")
COMMON_INFO = Call("uci", "get", {"config": "zwrt_common_info", "section": "common_config"})
DEVICE_INFO = Call("uci", "get", {"config": "zwrt_zte_mdm", "section": "device_info"})
SMS_CAPACITY = Call("zwrt_wms", "zwrt_wms_get_wms_capacity")
# The traffic call first: it needs the session on every firmware (the radio call answers without
# one on a U60 Pro), so a denied first reply means the session is gone (session.py).
POLL_CALLS = (TRAFFIC, NETINFO, WAN, TEMPERATURE, SMS_CAPACITY)
IDENTITY_CALLS = (COMMON_INFO, DEVICE_INFO)

# Radio fields the netinfo answer names as goform does (identifiers are decimal on ubus:
# PCI 259 on an MC7510 would be out of range read as hex; lte_pci is read in decimal).
SAME_NAMES = (
    "network_type",
    "signalbar",
    "network_provider",
    "network_provider_fullname",
    "simcard_roam",
    "lte_pci",
    "wan_active_band",
    "wan_active_channel",
    "nr5g_action_band",
    "nr5g_action_channel",
    "net_select",
    "nr5g_sa_band_lock",
    "nr5g_nsa_band_lock",
)
# Levels a radio that is not in use reports as int 0 (a U60 Pro on SA: lte_rsrp = 0).
LEVELS = ("lte_rsrp", "lte_rsrq", "lte_rssi", "nr5g_rsrp", "nr5g_rsrq")
# Identifiers goform writes in hex and ubus in decimal (the eNodeB and sector are derived from
# cell_id by goform's field table, so both notations end in one parser).
HEX_IN_GOFORM = ("cell_id", "nr5g_pci", "nr5g_cell_id")
TRAFFIC_NAMES = {
    "real_rx_speed": "realtime_rx_thrpt",
    "real_tx_speed": "realtime_tx_thrpt",
    "real_rx_bytes": "realtime_rx_bytes",
    "real_tx_bytes": "realtime_tx_bytes",
    "real_time": "realtime_time",
    "month_rx_bytes": "monthly_rx_bytes",
    "month_tx_bytes": "monthly_tx_bytes",
}
WAN_STATES = {
    "connected": "ppp_connected",
    "connecting": "ppp_connecting",
    "disconnecting": "ppp_disconnecting",
    "disconnected": "ppp_disconnected",
}


def text(value: Any) -> str:
    """A value as goform would write it: ints and floats as text, nothing as ""."""
    if value is None or isinstance(value, dict | list):
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value).strip()


def sinr_db(value: Any) -> str:
    """SINR in dB: a string is dB ("7.0" on an MC7510, "22.5" on a U60 Pro), an int tenths of a dB."""
    if isinstance(value, bool):
        return ""
    if isinstance(value, int):
        # Every recorded answer writes SINR as a string in dB; an int is the MC7500 document's
        # tenths (150 = 15.0 dB), and 0 the value of a radio not in use.
        return "" if value == 0 else f"{value / 10:g}"
    return text(value)


def lte_carriers(lteca: str) -> dict[str, str]:
    """`lteca` (`PCI,band,LAC,EARFCN,bandwidth;` per carrier, the primary first; an MC7510's
    "259,1,53711,75,15.0;259,3,2,1725,15.0;") as goform's primary-cell fields and
    `lte_multi_ca_scell_info` rows (`idx,PCI,state,band,EARFCN,bandwidth;`)."""
    rows = [[part.strip() for part in row.split(",")] for row in lteca.split(";")]
    carriers = [row for row in rows if len(row) >= 5]
    if not carriers:
        return {}
    pci, band, _, channel, bandwidth = carriers[0][:5]
    secondary = "".join(
        f"{index},{row[0]},2,{row[1]},{row[3]},{row[4]};" for index, row in enumerate(carriers[1:], start=1)
    )
    return {
        "lte_ca_pcell_band": band,
        "lte_ca_pcell_arfcn": channel,
        "lte_ca_pcell_bandwidth": bandwidth,
        "lte_multi_ca_scell_info": secondary,
    }


def nr_secondary_rows(nrca: str) -> str:
    """`nrca` rows (`idx,PCI,state,band,ARFCN,bandwidth,...;`, goform's own layout) without the
    primary's (idx 0), which the NR band and channel fields describe already."""
    rows = [row for row in nrca.split(";") if row.strip()]
    return "".join(f"{row};" for row in rows if row.split(",")[0].strip() not in ("0", ""))


def goform_view(answers: Mapping[str, Reply]) -> dict[str, str]:
    """The answers of a poll (and of the identity calls, when made) under goform's field names."""
    netinfo = _data(answers, NETINFO)
    raw = {name: text(netinfo.get(name)) for name in SAME_NAMES}
    raw |= {name: _level(netinfo.get(name)) for name in LEVELS}
    raw |= {name: _hex(netinfo.get(name)) for name in HEX_IN_GOFORM}
    raw["lte_snr"] = sinr_db(netinfo.get("lte_snr"))
    raw["Z5g_snr"] = sinr_db(netinfo.get("nr5g_snr"))
    raw |= lte_carriers(text(netinfo.get("lteca")))
    raw |= lock_view(netinfo)
    raw["nr_multi_ca_scell_info"] = nr_secondary_rows(text(netinfo.get("nrca")))
    traffic = _data(answers, TRAFFIC)
    raw |= {goform: text(traffic.get(ubus)) for ubus, goform in TRAFFIC_NAMES.items()}
    state = text(_data(answers, WAN).get("connect_status")).lower()
    raw["ppp_status"] = WAN_STATES.get(state, state)
    raw["pm_sensor_mdm"] = text(_data(answers, TEMPERATURE).get("cpuss_temp"))
    return raw


def lock_view(netinfo: Mapping[str, Any]) -> dict[str, str]:
    """The locks as goform's fields: `lte_band` (the allowed bands, "1,3,8,20,38") as a hex mask,
    `lock_lte_cell` "pci,earfcn" and `lock_nr_cell` "pci,arfcn,band" split and completed."""
    view: dict[str, str] = {}
    if allowed := bands_shown(text(netinfo.get("lte_band"))):
        view["lte_band_lock"] = format_lte_mask(lte_mask(allowed))
    if (lte_cell := lte_cell_shown(text(netinfo.get("lock_lte_cell")))) is not None:
        view["lte_pci_lock"], view["lte_earfcn_lock"] = (str(number) for number in lte_cell)
    if (nr_cell := nr_cell_shown(text(netinfo.get("lock_nr_cell")))) is not None:
        pci, arfcn, band = nr_cell
        view["nr5g_cell_lock"] = f"{pci},{arfcn},{band},{default_scs(band) if band else 0}"
    return view


def _level(value: Any) -> str:
    return "" if isinstance(value, int) and not isinstance(value, bool) and value == 0 else text(value)


def _hex(value: Any) -> str:
    """A decimal identifier as goform writes it (hex); text that is not a number stays as it is."""
    raw = text(value)
    return format(int(raw), "X") if raw.isdigit() else raw


def capacity_view(answers: Mapping[str, Reply]) -> dict[str, str]:
    """The SMS storage figures (goform's own names); {} on firmware without SMS."""
    return {key: text(value) for key, value in _data(answers, SMS_CAPACITY).items() if key.startswith("sms_")}


def identity_view(answers: Mapping[str, Reply]) -> dict[str, str]:
    """Model, versions, IMEI and MAC under goform's field names; {} when not asked this time."""
    common = _values(answers, COMMON_INFO)
    device = _values(answers, DEVICE_INFO)
    if not common and not device:
        return {}
    model = text(common.get("device_market_name")) or text(common.get("model_name"))
    return {
        "model_name": model,
        "hardware_version": text(common.get("hardware_version")),
        "wa_inner_version": text(common.get("wa_inner_version")),
        "imei": text(device.get("imei")),
        "mac_address": text(device.get("wlan_mac_address")),
    }


def _data(answers: Mapping[str, Reply], call: Call) -> dict[str, Any]:
    reply = answers.get(call.key)
    return reply.data if reply is not None and reply.ok else {}


def _values(answers: Mapping[str, Reply], call: Call) -> dict[str, Any]:
    values = _data(answers, call).get("values")
    return values if isinstance(values, dict) else {}
