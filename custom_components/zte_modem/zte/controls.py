"""Router controls: the pure half (what to send, what the answers mean). `ZteClient` sends.

Nothing here talks to the network; client_controls.py does, with these helpers. Each control
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

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from . import radio
from .detect import WebUi
from .exceptions import ZteControlValidationError, ZteUssdValidationError
from .parse import (
    CONNECTED_PPP_STATES,
    MAX_LTE_PCI,
    MAX_NR_PCI,
    RawValues,
    ValueFormat,
    clean,
    to_float,
    to_int,
)
from .sms import decode_ucs2_hex

# -- mobile data ------------------------------------------------------------------

CONNECTING = "ppp_connecting"
DISCONNECTING = "ppp_disconnecting"
DISCONNECTED = "ppp_disconnected"
MOBILE_DATA_TIMEOUT = 15.0


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
_5G_MODEL = re.compile(r"^(?:MC\d|MU5|F50|G5|U50|5G)", re.IGNORECASE)

# -- band lock ------------------------------------------------------------------------

# "all" of the MF253V-family list (MC801A, MF266): B1-5,7,8,12,17,20,25,26,28,30,32,34,38-42,46,48.
DEFAULT_LTE_ALL_MASK = 0xA3E2AB0908DF
# The NR "AUTO" list ZTE-Web-Script sends to MC801A/MC888 when nothing better is known.
DEFAULT_NR_ALL: tuple[int, ...] = (
    1, 2, 3, 5, 7, 8, 20, 28, 38, 41, 50, 51, 66, 70, 71, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84,
)  # fmt: skip
LTE_BAND_LOCK_FIELDS: tuple[str, ...] = ("lte_band_lock", "lte_band_1_64_factory")
NR_BAND_LOCK_FIELDS: tuple[str, ...] = (
    "nr5g_sa_band_lock",
    "nr5g_nsa_band_lock",
    "nr5g_sa_band_factory",
    "nr5g_nsa_band_factory",
)
_KNOWN_LTE_BANDS = frozenset(band.number for band in radio.LTE_BANDS)
_KNOWN_NR_BANDS = frozenset(band.number for band in radio.NR_BANDS) | frozenset(DEFAULT_NR_ALL)
_LIST_ITEM = re.compile(r"\d+")

# -- cell lock -------------------------------------------------------------------------

LTE_CELL_LOCK_FIELDS: tuple[str, ...] = ("lte_pci_lock", "lte_earfcn_lock")
NR_CELL_LOCK_FIELDS: tuple[str, ...] = ("nr5g_cell_lock",)
NR_SCS_KHZ = frozenset({15, 30, 60, 120, 240})
# Bands whose SSBs use 30 kHz in practice (TDD mid band); the others 15 kHz.
_SCS_30_BANDS = frozenset({38, 40, 41, 48, 77, 78, 79, 90})

# -- data plan -------------------------------------------------------------------------

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
    CLOCK_FIELD,
)
# Until this much of a period has passed, a linear projection is noise (a few MB on the morning
# of the reset day would project to terabytes), so there is none.
PROJECTION_MIN_ELAPSED = timedelta(hours=12)
MB = 1024 * 1024
GB = 1024 * MB

# Fields read by `ZteClient.read_settings` (the monthly byte counters are polled anyway).
SETTINGS_FIELDS: tuple[str, ...] = tuple(
    dict.fromkeys(
        (
            *LTE_BAND_LOCK_FIELDS,
            *NR_BAND_LOCK_FIELDS,
            *LTE_CELL_LOCK_FIELDS,
            *NR_CELL_LOCK_FIELDS,
            *(
                field
                for field in PLAN_FIELDS
                if field not in (CLOCK_FIELD, "monthly_rx_bytes", "monthly_tx_bytes")
            ),
        )
    )
)

# -- USSD ------------------------------------------------------------------------------

USSD_PENDING = "15"
USSD_READY = "16"
USSD_CANCELLED = "13"
USSD_UNSUPPORTED = frozenset({"99", "41"})
# The stock page calls these "timeout" (the router's own).
USSD_ROUTER_TIMEOUT = frozenset({"3", "4", "unknown"})
USSD_TIMEOUT = 30.0
USSD_CANCEL_TIMEOUT = 10.0
# One USSD string carries at most 182 characters (3GPP TS 23.038 / 24.090).
USSD_MAX_LENGTH = 182
_USSD_CODE = re.compile(r"[0-9*#+]{1,182}")
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
    return Capabilities(
        network_modes=modes,
        modes_from_web_ui=modes_path is not None,
        has_5g=has_5g,
        lte_bands=lte_bands,
        lte_all_mask=lte_all,
        nr_bands=nr_bands,
        nr_all=tuple(sorted(factory_nr)) if factory_nr else DEFAULT_NR_ALL,
        evidence=tuple(evidence),
    )


# -- band masks and lists ---------------------------------------------------------------


def lte_mask(bands: Iterable[int]) -> int:
    """Bit N-1 per band N."""
    mask = 0
    for band in bands:
        mask |= 1 << (band - 1)
    return mask


def lte_bands_of_mask(mask: int) -> tuple[int, ...]:
    """The bands of a mask, ascending."""
    return tuple(bit + 1 for bit in range(mask.bit_length()) if mask >> bit & 1)


def format_lte_mask(mask: int) -> str:
    """How the stock page writes a mask: 0x, upper-case hex, at least nine digits."""
    return f"0x{mask:09X}"


def parse_lte_mask(raw: object) -> int | None:
    """'0xA3E2AB0908DF' or 'a3e2ab0908df' -> int; None when empty or not hex."""
    text = clean(raw)
    if text is None:
        return None
    digits = text[2:] if text.lower().startswith("0x") else text
    try:
        return int(digits, 16)
    except ValueError:
        return None


def parse_band_list(raw: object) -> tuple[int, ...]:
    """'78,3', 'n78,n3' or '3+78' -> (3, 78)."""
    text = clean(raw)
    if text is None:
        return ()
    return tuple(sorted({int(item) for item in _LIST_ITEM.findall(text) if int(item) > 0}))


def format_band_list(bands: Iterable[int]) -> str:
    """The comma list WAN_PERFORM_NR5G_BAND_LOCK takes."""
    return ",".join(str(band) for band in sorted(set(bands)))


def check_lte_bands(bands: Sequence[int], capabilities: Capabilities) -> int:
    """The mask to send for `bands` (empty: every supported band); raises on unsupported bands."""
    if not bands:
        return capabilities.lte_all_mask
    wanted = _band_numbers(bands, "LTE")
    allowed = capabilities.lte_bands if capabilities.lte_bands is not None else _KNOWN_LTE_BANDS
    unsupported = sorted(wanted - allowed)
    if unsupported:
        listed = _listed(unsupported, "B")
        raise ZteControlValidationError(f"The router does not support LTE band(s) {listed}")
    return lte_mask(wanted)


def check_nr_bands(bands: Sequence[int], capabilities: Capabilities) -> tuple[int, ...]:
    """The NR bands to send (empty: every supported band); raises on unsupported bands."""
    if not capabilities.has_5g:
        raise ZteControlValidationError("This router has no 5G: there is no NR band lock")
    if not bands:
        return capabilities.nr_all
    wanted = _band_numbers(bands, "NR")
    allowed = capabilities.nr_bands if capabilities.nr_bands is not None else _KNOWN_NR_BANDS
    unsupported = sorted(wanted - allowed)
    if unsupported:
        listed = _listed(unsupported, "n")
        raise ZteControlValidationError(f"The router does not support NR band(s) {listed}")
    return tuple(sorted(wanted))


def _band_numbers(bands: Sequence[int], kind: str) -> set[int]:
    wanted: set[int] = set()
    for band in bands:
        if isinstance(band, bool) or not isinstance(band, int) or not 0 < band <= 512:
            raise ZteControlValidationError(f"Not an {kind} band number: {band!r}")
        wanted.add(band)
    return wanted


def _listed(bands: Iterable[int], prefix: str) -> str:
    return "+".join(f"{prefix}{band}" for band in bands)


def lte_lock_applied(raw: object, sent_mask: int) -> bool | None:
    """Whether the read-back mask is the one sent; None when the firmware does not report it."""
    mask = parse_lte_mask(raw)
    if mask is None:
        return None
    return mask == sent_mask


def nr_lock_applied(sa: object, nsa: object, sent: Sequence[int]) -> bool | None:
    """Whether the SA list (else the NSA list) is the one sent; None when neither is reported."""
    current = parse_band_list(sa) or parse_band_list(nsa)
    if not current:
        return None
    return set(current) == set(sent)


def lte_band_lock_text(values: RawValues, value_format: ValueFormat) -> str | None:
    """'all' when every supported band is allowed, else 'B1+B3+B20'; None when not reported."""
    lock = parse_lte_mask(values[0]) if values else None
    if not lock:
        return None
    factory = parse_lte_mask(values[1]) if len(values) > 1 else None
    full = factory or DEFAULT_LTE_ALL_MASK
    if lock & full == full:
        return "all"
    return _listed(lte_bands_of_mask(lock), "B")


def nr_band_lock_text(values: RawValues, value_format: ValueFormat) -> str | None:
    """'all' when the allowed NR bands cover the supported ones, else 'n78' / 'n3+n78'."""
    padded = [*values, "", "", "", ""]
    lock = parse_band_list(padded[0]) or parse_band_list(padded[1])
    if not lock:
        return None
    factory = set(parse_band_list(padded[2])) | set(parse_band_list(padded[3]))
    if set(lock) >= (factory or set(DEFAULT_NR_ALL)):
        return "all"
    return _listed(lock, "n")


# -- cell lock ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CellLock:
    """One cell lock as written (decimal numbers); all zero means unlocked."""

    pci: int
    channel: int
    band: int = 0
    scs: int = 0

    @property
    def cleared(self) -> bool:
        """True for the unlock value."""
        return self.pci == 0 and self.channel == 0


def lte_cell_lock(*, pci: int | None, earfcn: int | None, band: int | None, clear: bool) -> CellLock:
    """Validated LTE lock: PCI 0-503 and a downlink EARFCN of a 3GPP band (of `band`, when given)."""
    if clear:
        return CellLock(0, 0)
    if pci is None or earfcn is None:
        raise ZteControlValidationError("An LTE cell lock needs both the PCI and the EARFCN")
    _check_int(pci, 0, MAX_LTE_PCI, "LTE PCI")
    _check_int(earfcn, 0, radio.MAX_EARFCN, "EARFCN")
    found = radio.lte_band_of(earfcn)
    if found is None:
        raise ZteControlValidationError("The EARFCN is in no LTE band (3GPP TS 36.101)")
    if band is not None and band != found.number:
        raise ZteControlValidationError(f"The EARFCN belongs to band B{found.number}, not B{band}")
    return CellLock(pci, earfcn)


def nr_cell_lock(
    *, pci: int | None, arfcn: int | None, band: int | None, scs: int | None, clear: bool
) -> CellLock:
    """Validated NR lock: PCI 0-1007, an NR-ARFCN of `band` (derived when not given), SCS in kHz
    (30 for the TDD mid bands n38/n40/n41/n48/n77/n78/n79/n90, else 15, when not given)."""
    if clear:
        return CellLock(0, 0, 0, 0)
    if pci is None or arfcn is None:
        raise ZteControlValidationError("An NR cell lock needs both the PCI and the ARFCN")
    _check_int(pci, 0, MAX_NR_PCI, "NR PCI")
    _check_int(arfcn, 1, radio.MAX_NR_ARFCN, "NR-ARFCN")
    bands = radio.nr_bands_of(arfcn)
    if not bands:
        raise ZteControlValidationError("The NR-ARFCN is in no NR band (3GPP TS 38.101)")
    if band is None:
        band = bands[0]
    elif band not in bands:
        raise ZteControlValidationError(f"The NR-ARFCN is not in band n{band}")
    if scs is None:
        scs = 30 if band in _SCS_30_BANDS else 15
    elif scs not in NR_SCS_KHZ:
        raise ZteControlValidationError("The subcarrier spacing must be 15, 30, 60, 120 or 240 kHz")
    return CellLock(pci, arfcn, band, scs)


def _check_int(value: object, low: int, high: int, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ZteControlValidationError(f"The {name} must be a whole number from {low} to {high}")


def nr_cell_lock_param(lock: CellLock) -> str:
    """'pci,arfcn,band,scs', the one field NR5G_LOCK_CELL_SET takes."""
    return f"{lock.pci},{lock.channel},{lock.band},{lock.scs}"


def read_lte_cell_lock(pci: object, earfcn: object) -> CellLock | None:
    """The stored LTE lock; None when the firmware reports none (blank fields)."""
    pci_value, earfcn_value = to_int(pci), to_int(earfcn)
    if pci_value is None and earfcn_value is None:
        return None
    return CellLock(pci_value or 0, earfcn_value or 0)


def read_nr_cell_lock(raw: object) -> CellLock | None:
    """The stored NR lock 'pci,arfcn,band,scs'; None when blank or malformed."""
    text = clean(raw)
    if text is None:
        return None
    parts = [to_int(part) for part in text.split(",")]
    if len(parts) != 4 or any(part is None for part in parts):
        return None
    pci, arfcn, band, scs = (part or 0 for part in parts)
    return CellLock(pci, arfcn, band, scs)


def lte_cell_lock_text(values: RawValues, value_format: ValueFormat) -> str | None:
    """'PCI 123 @ 1300'; None when unlocked or not reported."""
    lock = read_lte_cell_lock(*[*values, "", ""][:2])
    if lock is None or lock.cleared:
        return None
    return f"PCI {lock.pci} @ {lock.channel}"


def nr_cell_lock_text(values: RawValues, value_format: ValueFormat) -> str | None:
    """'PCI 202 @ 639936 (n78, 30 kHz)'; None when unlocked or not reported."""
    lock = read_nr_cell_lock(values[0] if values else "")
    if lock is None or lock.cleared:
        return None
    return f"PCI {lock.pci} @ {lock.channel} (n{lock.band}, {lock.scs} kHz)"


# -- data plan ----------------------------------------------------------------------------


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
    def from_values(cls, values: RawValues) -> DataPlan:
        """From the values of PLAN_FIELDS, in that order."""
        padded = [*values, *([""] * len(PLAN_FIELDS))]

        def pick(index: int) -> str | None:
            return clean(padded[index]) or clean(padded[index + 1])

        auto_clear = (pick(10) or "").lower()
        reset_day = to_int(pick(8))
        if reset_day is not None and not 1 <= reset_day <= 31:
            reset_day = None
        if auto_clear in ("off", "0"):
            reset_day = None
        rx, tx = to_int(pick(12)), to_int(pick(14))
        now = _parse_time(padded[16])
        alert = to_int(pick(6))
        return cls(
            enabled=(pick(0) or "") == "1",
            by_data=(pick(2) or "").lower() == "data",
            limit_mb=_limit_mb(pick(4)),
            alert_percent=alert if alert is not None and 0 <= alert <= 100 else None,
            reset_day=reset_day,
            used_bytes=rx + tx if rx is not None and tx is not None and rx >= 0 and tx >= 0 else None,
            now=now,
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


def _reset_on(year: int, month: int, day: int, like: datetime) -> datetime:
    """Midnight of `day` in that month, the last day when the month is shorter."""
    last = calendar.monthrange(year, month)[1]
    return like.replace(year=year, month=month, day=min(day, last), hour=0, minute=0, second=0, microsecond=0)


def billing_period(now: datetime, reset_day: int | None) -> tuple[datetime, datetime]:
    """Start and end of the period holding `now`: from the last reset (midnight of the reset day,
    the month's last day when it is shorter) to the next. No reset day: the calendar month."""
    day = reset_day or 1
    start = _reset_on(now.year, now.month, day, now)
    if start > now:
        year, month = (now.year - 1, 12) if now.month == 1 else (now.year, now.month - 1)
        start = _reset_on(year, month, day, now)
    year, month = (start.year + 1, 1) if start.month == 12 else (start.year, start.month + 1)
    return start, _reset_on(year, month, day, now)


def projected_bytes(used: float, *, now: datetime, reset_day: int | None) -> float | None:
    """Linear projection to the end of the period: used / elapsed share of the period.

    None during the first PROJECTION_MIN_ELAPSED (12 h) of a period: on the reset day itself a few
    megabytes would project to an absurd total.
    """
    start, end = billing_period(now, reset_day)
    elapsed = now - start
    if elapsed < PROJECTION_MIN_ELAPSED:
        return None
    return used * ((end - start) / elapsed)


def data_limit(values: RawValues, value_format: ValueFormat) -> float | None:
    """The plan's data limit in GB (1024 MB, as the router counts), when one is switched on."""
    limit = DataPlan.from_values(values).limit_bytes
    return round(limit / GB, 3) if limit is not None else None


def data_alert_percent(values: RawValues, value_format: ValueFormat) -> int | None:
    """The alert threshold in percent of the limit, when a limit is switched on."""
    plan = DataPlan.from_values(values)
    return plan.alert_percent if plan.enabled else None


def data_reset_day(values: RawValues, value_format: ValueFormat) -> int | None:
    """Day of month the router zeroes its monthly counters (None: not reported or auto-clear off)."""
    return DataPlan.from_values(values).reset_day


def data_used_percent(values: RawValues, value_format: ValueFormat) -> float | None:
    """Used this period in percent of the limit (may pass 100)."""
    plan = DataPlan.from_values(values)
    limit = plan.limit_bytes
    if limit is None or plan.used_bytes is None:
        return None
    return round(plan.used_bytes / limit * 100, 1)


def data_projected(values: RawValues, value_format: ValueFormat) -> float | None:
    """Projected total use at the end of the period in GB (see `projected_bytes` for the rule)."""
    plan = DataPlan.from_values(values)
    if plan.used_bytes is None or plan.now is None:
        return None
    projected = projected_bytes(plan.used_bytes, now=plan.now, reset_day=plan.reset_day)
    return round(projected / GB, 2) if projected is not None else None


# -- USSD ----------------------------------------------------------------------------------


def check_ussd_code(code: str) -> str:
    """A USSD code as typed ('*100#'), spaces removed; raises on anything else."""
    text = "".join(str(code).split())
    if not _USSD_CODE.fullmatch(text):
        raise ZteUssdValidationError("A USSD code is 1-182 characters of 0-9, *, # and +")
    return text


def check_ussd_reply(text: str) -> str:
    """A reply to a USSD menu: 1-182 characters."""
    reply = str(text).strip()
    if not reply or len(reply) > USSD_MAX_LENGTH:
        raise ZteUssdValidationError("A USSD reply is 1-182 characters")
    return reply


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
