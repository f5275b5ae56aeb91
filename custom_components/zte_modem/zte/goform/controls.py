"""Router controls on goform: what to send and what the answers mean; goform/network.py sends.

Nothing here talks to the network. Each control
names the firmware families it was modelled on and the public evidence (sources in
/work/shared/docs/zte-protocol.md §14 and docs/detection.md):

* Mobile data: `CONNECT_NETWORK` / `DISCONNECT_NETWORK` with `notCallback=true`, then
  `ppp_status` through `ppp_connecting` to `ppp_connected` (or `ppp_disconnecting` to
  `ppp_disconnected`); the stock page (generic ZTE UI, MF266 build) watches for 10 s. Every
  family with a data session.
* Network mode: `SET_BEARER_PREFERENCE` / `BearerPreference`, read back as `net_select`. The
  modes a build offers are its web UI's `AUTO_MODES` list of `{name, value}` entries, in the
  base `js/config/config.js` or (winning) the device override `js/config/<DEVICE>/config.js`:
  the 5G CPE build for `cpe/MF253V` (MC801A-class) lists WL_AND_5G, LTE_AND_5G, Only_5G,
  WCDMA_AND_LTE, Only_LTE, Only_WCDMA; older LTE UIs list NETWORK_auto, Only_LTE, Only_WCDMA,
  Only_GSM. Without a list we fall back per family (`FALLBACK_MODES_*`).
* Band lock: `BAND_SELECT` with `is_gw_band=0&gw_band_mask=0&is_lte_band=1&lte_band_mask=0x…`
  (bit N-1 per band; the MF253V override's `FREQUENCY_TYPE_4G` list has the "all" entry
  0xA3E2AB0908DF and one entry per supported band), read back as `lte_band_lock` (hex mask,
  the build's debug page shows it). NR: `WAN_PERFORM_NR5G_BAND_LOCK` with `nr5g_band_mask`
  as a comma list, read back as `nr5g_sa_band_lock` / `nr5g_nsa_band_lock`. Newer 5G builds
  report what the hardware supports in `lte_band_1_64_factory` (hex mask) and
  `nr5g_sa_band_factory` / `nr5g_nsa_band_factory` (comma lists), seen in answers recorded by
  other client projects; MC801A/MC888/MC7010 families.
* Cell lock: `LTE_LOCK_CELL_SET` with `lte_pci_lock` (decimal) and `lte_earfcn_lock`, read
  back under the same names (the MF253V debug page reads them); `NR5G_LOCK_CELL_SET` with one
  field `nr5g_cell_lock` = "pci,arfcn,band,scs" (ZTE-Web-Script [TPO] for MC801A/MC888, and two
  further client projects agree), read back as `nr5g_cell_lock` (one client reads it; not
  settled on every build). Unlocking writes zeros: "0"/"0" for LTE and "0,0,0,0" for NR [TPO].
  Both need a reboot before the modem uses them [MU5][TPO].
* USSD: `USSD_PROCESS` with `USSD_operator` ussd_send / ussd_reply / ussd_cancel and
  `USSD_send_number` / `USSD_reply_number`; `ussd_write_flag` then tells the state and
  `ussd_data_info` answers `ussd_data` (UCS-2 hex), `ussd_action` (non-zero: the network waits
  for a reply) and `ussd_dcs` — the generic stock UI's service.js and ussd.js; both keys are
  read without multi_data (an MF935 answers them blank with it).
* Data plan: `data_volume_limit_switch`, `data_volume_limit_unit` (data/time),
  `data_volume_limit_size` ("100_1024" = 100 x 1024 MB, the stock page multiplies the two
  parts), `data_volume_alert_percent`, `wan_auto_clear_flow_data_switch` and the reset day
  `traffic_clear_date`; newer builds (F50/U30 Air class, 5G CPEs with the "flux" page) spell
  them `flux_data_volume_limit_*`, `flux_auto_clear_flow_data_switch`, `flux_clear_date` and
  count in `flux_monthly_rx_bytes` / `flux_monthly_tx_bytes`. Older builds have no reset-day
  field: their monthly counters follow the calendar month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..sms import decode_ucs2_hex
from .detect import WebUi
from .locks import (
    DEFAULT_LTE_ALL_MASK,
    DEFAULT_NR_ALL,
    lte_bands_of_mask,
    lte_mask,
    parse_band_list,
    parse_lte_mask,
)
from .parse import CONNECTED_PPP_STATES, clean

# -- mobile data ------------------------------------------------------------------

CONNECTING = "ppp_connecting"
DISCONNECTING = "ppp_disconnecting"
DISCONNECTED = "ppp_disconnected"


def mobile_data_on(ppp_status: object) -> bool | None:
    """The switch state: connecting counts as on (the user asked for it), disconnecting as off."""
    state = clean(ppp_status)
    if state is None:
        return None
    state = state.lower()
    return state in CONNECTED_PPP_STATES or state == CONNECTING


def mobile_data_settled(ppp_status: object, *, on: bool) -> bool:
    """Whether `ppp_status` is the end state of a connect (on) or disconnect (off)."""
    state = (clean(ppp_status) or "").lower()
    return state in CONNECTED_PPP_STATES if on else state == DISCONNECTED


# -- network mode -------------------------------------------------------------------

# What we offer when the web UI lists no modes: the stock LTE list, and for 5G CPEs the
# auto/NSA/SA/LTE values of the MF253V list (5G builds call "automatic" WL_AND_5G there, and
# NETWORK_auto is not among their values).
FALLBACK_MODES_LTE: tuple[str, ...] = ("NETWORK_auto", "Only_LTE", "Only_WCDMA", "Only_GSM")
FALLBACK_MODES_5G: tuple[str, ...] = ("WL_AND_5G", "LTE_AND_5G", "Only_5G", "Only_LTE")
_MODE_NAME = re.compile(r"[A-Za-z0-9_]{2,40}")
_AUTO_MODES = re.compile(r"AUTO_MODES[\"']?\s*:\s*\[(.*?)\]", re.DOTALL)
_FREQUENCY_4G = re.compile(r"FREQUENCY_TYPE_4G[\"']?\s*:\s*\[(.*?)\]", re.DOTALL)
_ENTRY = re.compile(
    r"\{\s*[\"']?name[\"']?\s*:\s*[\"']([^\"']*)[\"']\s*,\s*[\"']?value[\"']?\s*:\s*[\"']([^\"']*)[\"']"
)
# Models whose firmware is a 5G build (when neither JS nor fields say so).
_DEVELOPER_LOGIN = re.compile(r"DEVELOPER_OPTION_LOGIN|developer_option_loginfo")
_5G_MODEL = re.compile(r"^(?:MC\d|MU5|F50|G5|U50|5G)", re.IGNORECASE)

# -- USSD ------------------------------------------------------------------------------

USSD_PENDING = "15"
USSD_READY = "16"
USSD_CANCELLED = "13"
USSD_UNSUPPORTED = frozenset({"99", "41"})
# The stock page calls these "timeout" (the router's own).
USSD_ROUTER_TIMEOUT = frozenset({"3", "4", "unknown"})
USSD_FAILURES: dict[str, str] = {
    "1": "no service",
    "2": "the network ended the session",
    "10": "the router asks to try again",
}


@dataclass(frozen=True, slots=True)
class Capabilities:
    """What one firmware offers, learnt once per client (web UI lists and factory fields)."""

    network_modes: tuple[str, ...]
    modes_from_web_ui: bool
    has_5g: bool
    lte_bands: frozenset[int] | None  # None: the firmware did not say
    lte_all_mask: int
    nr_bands: frozenset[int] | None
    nr_all: tuple[int, ...]
    evidence: tuple[str, ...] = ()
    # The build has DEVELOPER_OPTION_LOGIN (developer.py): its web UI names it, or its field answers.
    developer_login: bool = False


def web_ui_modes(web_ui: WebUi) -> tuple[tuple[str, ...], str | None]:
    """The AUTO_MODES values of the web UI (device override first) and the file they came from."""
    for path, match in web_ui.with_text(_AUTO_MODES):
        values = [value for _, value in _ENTRY.findall(match.group(1)) if _MODE_NAME.fullmatch(value)]
        if values:
            return tuple(dict.fromkeys(values)), path
    return (), None


def web_ui_lte_bands(web_ui: WebUi) -> tuple[frozenset[int] | None, int | None]:
    """Supported LTE bands and the "all" mask of the web UI's FREQUENCY_TYPE_4G list."""
    for _, match in web_ui.with_text(_FREQUENCY_4G):
        bands: set[int] = set()
        all_mask: int | None = None
        for name, value in _ENTRY.findall(match.group(1)):
            mask = parse_lte_mask(value)
            if name.strip().lower() == "all" and mask:
                all_mask = mask
            elif name.strip().isdigit():
                bands.add(int(name))
            elif mask:
                bands.update(lte_bands_of_mask(mask))
        if all_mask is not None and not bands:
            bands = set(lte_bands_of_mask(all_mask))
        if bands:
            return frozenset(bands), all_mask if all_mask is not None else lte_mask(bands)
    return None, None


def developer_login_evidence(web_ui: WebUi, raw: dict[str, str]) -> str | None:
    """Why this build has the developer login, or None: its web UI names the command or its
    state field, or `developer_option_loginfo` answers at all (builds without it answer blank)."""
    named = web_ui.first(_DEVELOPER_LOGIN)
    if named is not None:
        return f"developer login: named in {named[0]}"
    if clean(raw.get("developer_option_loginfo")):
        return "developer login: developer_option_loginfo answered"
    return None


def capabilities_from(web_ui: WebUi, raw: dict[str, str]) -> Capabilities:
    """Decide modes and bands from the web UI and one read of the factory and identity fields."""
    evidence: list[str] = []
    factory_lte = parse_lte_mask(raw.get("lte_band_1_64_factory"))
    factory_nr = set(parse_band_list(raw.get("nr5g_sa_band_factory"))) | set(
        parse_band_list(raw.get("nr5g_nsa_band_factory"))
    )
    model = clean(raw.get("model_name")) or ""
    current_mode = clean(raw.get("net_select")) or ""
    modes, modes_path = web_ui_modes(web_ui)
    has_5g = bool(
        factory_nr
        or any("5G" in mode for mode in modes)
        or _5G_MODEL.match(model)
        or "5G" in current_mode
        or clean(raw.get("nr5g_sa_band_lock"))
        or clean(raw.get("nr5g_nsa_band_lock"))
    )
    if modes:
        evidence.append(f"network modes: AUTO_MODES in {modes_path}")
    else:
        modes = FALLBACK_MODES_5G if has_5g else FALLBACK_MODES_LTE
        evidence.append(f"network modes: none listed by the web UI, the {'5G' if has_5g else 'LTE'} default")
    js_bands, js_all = web_ui_lte_bands(web_ui)
    lte_bands: frozenset[int] | None
    if factory_lte:
        lte_bands, lte_all = frozenset(lte_bands_of_mask(factory_lte)), factory_lte
        evidence.append("LTE bands: lte_band_1_64_factory")
    elif js_bands is not None and js_all is not None:
        lte_bands, lte_all = js_bands, js_all
        evidence.append("LTE bands: FREQUENCY_TYPE_4G in the web UI")
    else:
        lte_bands, lte_all = None, DEFAULT_LTE_ALL_MASK
        evidence.append("LTE bands: not reported, 'all' is the MF253V-family mask")
    nr_bands = frozenset(factory_nr) if factory_nr else None
    evidence.append("NR bands: nr5g_*_band_factory" if factory_nr else "NR bands: not reported")
    developer = developer_login_evidence(web_ui, raw)
    if developer is not None:
        evidence.append(developer)
    return Capabilities(
        network_modes=modes,
        modes_from_web_ui=modes_path is not None,
        has_5g=has_5g,
        lte_bands=lte_bands,
        lte_all_mask=lte_all,
        nr_bands=nr_bands,
        nr_all=tuple(sorted(factory_nr)) if factory_nr else DEFAULT_NR_ALL,
        evidence=tuple(evidence),
        developer_login=developer is not None,
    )


# -- USSD ----------------------------------------------------------------------------------


def ussd_text(answer: dict[str, object]) -> str:
    """The network's text from an `ussd_data_info` answer: UCS-2 hex as SMS are, else as sent."""
    raw = answer.get("ussd_data")
    if not isinstance(raw, str) or not raw.strip():
        raw = answer.get("ussd_data_info")
    text = raw.strip() if isinstance(raw, str) else ""
    decoded = decode_ucs2_hex(text) if text else None
    return decoded if decoded is not None else text


def ussd_expects_reply(answer: dict[str, object]) -> bool:
    """`ussd_action` other than 0: the stock page then shows its reply box (a menu)."""
    action = answer.get("ussd_action")
    return isinstance(action, str) and action.strip() not in ("", "0")
