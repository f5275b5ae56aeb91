"""The simulated modem's router controls: data session, network mode, band and cell locks, USSD,
and the data-plan settings in either spelling.

Written from the behaviour described in custom_components/zte_modem/zte/controls.py (stock-page
facts): a connect passes through `ppp_connecting` for a while, the network mode and band locks
move what the radio reports, locks read back under their own names, USSD answers through
`ussd_write_flag` (15 waiting, 16 ready, 13 cancelled, 99/41 not supported) and `ussd_data_info`.
Tests steer it through the attributes below (`connect_seconds`, `refuse`, `ignore`,
`ussd_delay`, `ussd_answers`, ...).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from custom_components.zte_modem.zte import radio

from .profiles import SimProfile
from .scenarios import NO_LTE, NO_NR, default_scenario
from .sms import ucs2

if TYPE_CHECKING:
    from .server import ModemSimulator

CONTROL_WRITES = frozenset(
    {
        "CONNECT_NETWORK",
        "DISCONNECT_NETWORK",
        "SET_BEARER_PREFERENCE",
        "BAND_SELECT",
        "WAN_PERFORM_NR5G_BAND_LOCK",
        "LTE_LOCK_CELL_SET",
        "NR5G_LOCK_CELL_SET",
        "USSD_PROCESS",
    }
)
FALLBACK_MODES = frozenset(
    {"NETWORK_auto", "Only_LTE", "Only_WCDMA", "Only_GSM", "WL_AND_5G", "LTE_AND_5G", "Only_5G", "4G_AND_5G"}
)
# The scenario each mode leaves the radio in (auto modes: the profile's default).
MODE_SCENARIOS = {
    "Only_LTE": "lte",
    "WCDMA_AND_LTE": "lte",
    "LTE_AND_5G": "nsa",
    "Only_5G": "sa",
}
LEGACY_MODES = {"Only_WCDMA": "HSPA+", "Only_GSM": "EDGE"}
SERVICE_SCENARIOS = frozenset({"lte", "lte_ca", "lte_ca_intra", "nsa", "sa"})
# A typical NR-ARFCN per band, to move the NR cell onto a locked band.
NR_CHANNELS = {1: 428000, 3: 368500, 5: 176300, 7: 531000, 8: 188500, 20: 158200, 28: 154570,
               38: 518000, 41: 504990, 75: 292330, 77: 650000, 78: 627264, 79: 720000}  # fmt: skip
_HEX_MASK = re.compile(r"0x[0-9A-Fa-f]+")
_INT_LIST = re.compile(r"\d+(?:,\d+)*")
USSD_DEFAULT_ANSWER = ("Your balance is 12.50 EUR. Valid until 31.12.", False)


def lte_mask(bands: tuple[int, ...] | list[int] | set[int]) -> int:
    """Bit N-1 per band N."""
    return sum(1 << (band - 1) for band in set(bands))


def _mask_bands(mask: int) -> list[int]:
    return [bit + 1 for bit in range(mask.bit_length()) if mask >> bit & 1]


class SimControls:
    """Control state of one simulated modem; `field` answers reads, `write` the commands."""

    def __init__(self, profile: SimProfile, clock: Callable[[], float]) -> None:
        self.profile = profile
        self.clock = clock
        # How long a connect / disconnect stays in ppp_connecting / ppp_disconnecting.
        self.connect_seconds = 2.0
        # goformIds answered "failure" (after the AD check), and those answered "success" that
        # change nothing (a firmware that ignores the setting: read-backs never match).
        self.refuse: set[str] = set()
        self.ignore: set[str] = set()
        # USSD: seconds until an answer, answers per code and per menu reply (text, is a menu),
        # codes answered with a status instead (99/41 not supported, 1 no service, ...).
        self.ussd_delay = 1.0
        self.ussd_answers: dict[str, tuple[str, bool]] = {
            "*100#": USSD_DEFAULT_ANSWER,
            "*123#": ("1 Balance\n2 Data bundles\n3 Exit", True),
        }
        self.ussd_menu_answers: dict[str, tuple[str, bool]] = {
            "1": ("Your balance is 12.50 EUR.", False),
            "2": ("1 Day 1 GB\n2 Week 5 GB", True),
        }
        self.ussd_statuses: dict[str, str] = {"*99#": "99", "*41#": "41", "*1#": "1"}
        self.protocol_errors: list[str] = []
        self.writes: list[tuple[str, dict[str, str]]] = []
        self._ppp: tuple[str, str, float] | None = None  # (passing state, final state, final at)
        self._ussd_flag = ""
        self._ussd_next: tuple[str, float] | None = None  # (flag, at)
        self._ussd_text = ""
        self._ussd_menu = False
        self.values: dict[str, str] = self._initial()

    def _initial(self) -> dict[str, str]:
        profile = self.profile
        nr = ",".join(str(band) for band in profile.nr_bands) if profile.has_5g else ""
        values = {
            "net_select": (
                profile.network_modes or (("WL_AND_5G",) if profile.has_5g else ("NETWORK_auto",))
            )[0],
            "lte_band_lock": f"0x{lte_mask(profile.lte_bands):09X}",
            "nr5g_sa_band_lock": nr,
            "nr5g_nsa_band_lock": nr,
            "lte_pci_lock": "0",
            "lte_earfcn_lock": "0",
            "nr5g_cell_lock": "0,0,0,0" if profile.has_5g else "",
        }
        if profile.band_factory:
            values["lte_band_1_64_factory"] = f"0x{lte_mask(profile.lte_bands):X}"
            values["nr5g_sa_band_factory"] = nr
            values["nr5g_nsa_band_factory"] = nr
        self.set_data_plan(values)
        return values

    def set_data_plan(
        self,
        values: dict[str, str] | None = None,
        *,
        enabled: bool = True,
        size: str = "100_1024",
        unit: str = "data",
        alert_percent: int = 80,
        reset_day: int | None = 1,
        auto_clear: bool = True,
    ) -> None:
        """The router's data-plan settings, in the spelling of the profile's build."""
        target = self.values if values is None else values
        flux = self.profile.flux_plan
        prefix = "flux_" if flux else ""
        target[prefix + "data_volume_limit_switch"] = "1" if enabled else "0"
        target[prefix + "data_volume_limit_size"] = size
        target[prefix + "data_volume_limit_unit"] = unit
        target[prefix + "data_volume_alert_percent"] = str(alert_percent)
        clear_key = "flux_clear_date" if flux else "traffic_clear_date"
        switch_key = "flux_auto_clear_flow_data_switch" if flux else "wan_auto_clear_flow_data_switch"
        target[clear_key] = "" if reset_day is None else str(reset_day)
        target[switch_key] = "on" if auto_clear else "off"

    # -- reads --------------------------------------------------------------

    def field(self, key: str, monthly: Callable[[str], str]) -> str | None:
        """A control field's value, None for fields this module does not own."""
        now = self.clock()
        if key == "ppp_status":
            if self._ppp is None:
                return None
            passing, final, at = self._ppp
            return passing if now < at else final
        if key == "ussd_write_flag":
            self._advance_ussd(now)
            return self._ussd_flag
        if key in ("flux_monthly_rx_bytes", "flux_monthly_tx_bytes"):
            return monthly(key.removeprefix("flux_")) if self.profile.flux_plan else ""
        return self.values.get(key)

    def ussd_data(self) -> dict[str, str]:
        """What `cmd=ussd_data_info` answers."""
        return {
            "ussd_data": ucs2(self._ussd_text),
            "ussd_action": "1" if self._ussd_menu else "0",
            "ussd_dcs": "72",
        }

    def _advance_ussd(self, now: float) -> None:
        if self._ussd_next is not None and now >= self._ussd_next[1]:
            self._ussd_flag = self._ussd_next[0]
            self._ussd_next = None

    # -- writes -------------------------------------------------------------

    def write(self, goform_id: str, form: Mapping[str, str], modem: ModemSimulator) -> bool:
        """Carry out one control command; False answers "failure"."""
        self.writes.append((goform_id, dict(form)))
        if goform_id in self.refuse:
            return False
        if goform_id in self.ignore:
            return True
        if goform_id in ("CONNECT_NETWORK", "DISCONNECT_NETWORK"):
            if form.get("notCallback") != "true":
                self.protocol_errors.append(f"{goform_id} without notCallback=true")
            on = goform_id == "CONNECT_NETWORK"
            self._ppp = (
                "ppp_connecting" if on else "ppp_disconnecting",
                "ppp_connected" if on else "ppp_disconnected",
                self.clock() + self.connect_seconds,
            )
            return True
        if goform_id == "SET_BEARER_PREFERENCE":
            return self._set_mode(form.get("BearerPreference", ""), modem)
        if goform_id == "BAND_SELECT":
            return self._band_select(form, modem)
        if goform_id == "WAN_PERFORM_NR5G_BAND_LOCK":
            return self._nr_band_lock(form.get("nr5g_band_mask", ""), modem)
        if goform_id == "LTE_LOCK_CELL_SET":
            return self._lte_cell_lock(form)
        if goform_id == "NR5G_LOCK_CELL_SET":
            return self._nr_cell_lock(form.get("nr5g_cell_lock", ""))
        return self._ussd(form)

    def _set_mode(self, mode: str, modem: ModemSimulator) -> bool:
        offered = set(self.profile.network_modes) or FALLBACK_MODES
        if mode not in offered or ("5G" in mode and not self.profile.has_5g):
            self.protocol_errors.append(f"BearerPreference {mode!r} not offered")
            return False
        self.values["net_select"] = mode
        if modem.scenario in SERVICE_SCENARIOS:
            scenario = MODE_SCENARIOS.get(mode, default_scenario(self.profile))
            modem.set_scenario(scenario)
            if mode in LEGACY_MODES:
                modem.set_values({**NO_LTE, **NO_NR, "network_type": LEGACY_MODES[mode]})
            self.apply_locks(modem)
        return True

    def _band_select(self, form: Mapping[str, str], modem: ModemSimulator) -> bool:
        expected = {"is_gw_band": "0", "gw_band_mask": "0", "is_lte_band": "1"}
        if any(form.get(key) != value for key, value in expected.items()):
            self.protocol_errors.append("BAND_SELECT without is_gw_band=0&gw_band_mask=0&is_lte_band=1")
            return False
        raw = form.get("lte_band_mask", "")
        if not _HEX_MASK.fullmatch(raw):
            self.protocol_errors.append(f"lte_band_mask {raw!r} is not 0x-hex")
            return False
        mask = int(raw, 16)
        supported = lte_mask(self.profile.lte_bands)
        if mask == 0 or mask & ~supported:
            return False
        self.values["lte_band_lock"] = raw
        self.apply_locks(modem)
        return True

    def _nr_band_lock(self, raw: str, modem: ModemSimulator) -> bool:
        if not self.profile.has_5g or not _INT_LIST.fullmatch(raw):
            self.protocol_errors.append(f"nr5g_band_mask {raw!r} is not a comma list")
            return False
        bands = {int(band) for band in raw.split(",")}
        if not bands <= set(self.profile.nr_bands):
            return False
        self.values["nr5g_sa_band_lock"] = self.values["nr5g_nsa_band_lock"] = raw
        self.apply_locks(modem)
        return True

    def _lte_cell_lock(self, form: Mapping[str, str]) -> bool:
        pci, earfcn = form.get("lte_pci_lock", ""), form.get("lte_earfcn_lock", "")
        if not (pci.isdigit() and earfcn.isdigit()) or int(pci) > 503:
            self.protocol_errors.append("LTE_LOCK_CELL_SET needs decimal lte_pci_lock and lte_earfcn_lock")
            return False
        self.values["lte_pci_lock"], self.values["lte_earfcn_lock"] = pci, earfcn
        return True

    def _nr_cell_lock(self, raw: str) -> bool:
        parts = raw.split(",")
        if not self.profile.has_5g or len(parts) != 4 or not all(part.isdigit() for part in parts):
            self.protocol_errors.append(f"nr5g_cell_lock {raw!r} is not pci,arfcn,band,scs")
            return False
        self.values["nr5g_cell_lock"] = raw
        return True

    def _ussd(self, form: Mapping[str, str]) -> bool:
        operator = form.get("USSD_operator")
        now = self.clock()
        if operator == "ussd_send":
            code = form.get("USSD_send_number", "")
            if code in self.ussd_statuses:
                self._ussd_flag, self._ussd_next = self.ussd_statuses[code], None
                return True
            self._answer(self.ussd_answers.get(code, USSD_DEFAULT_ANSWER), now)
            return True
        if operator == "ussd_reply":
            if not self._ussd_menu:
                self._ussd_flag, self._ussd_next = "2", None  # nothing to reply to: the session is over
                return True
            reply = form.get("USSD_reply_number", "")
            self._answer(self.ussd_menu_answers.get(reply, ("Thank you.", False)), now)
            return True
        if operator == "ussd_cancel":
            self._ussd_menu = False
            self._ussd_flag, self._ussd_next = "15", ("13", now + self.ussd_delay)
            return True
        self.protocol_errors.append(f"USSD_operator {operator!r}")
        return False

    def _answer(self, answer: tuple[str, bool], now: float) -> None:
        self._ussd_text, self._ussd_menu = answer
        self._ussd_flag, self._ussd_next = "15", ("16", now + self.ussd_delay)

    # -- what the radio reports under the locks -----------------------------

    def apply_locks(self, modem: ModemSimulator) -> None:
        """Move the serving cells onto allowed bands (after a lock or a scenario change)."""
        values = modem.values
        allowed = set(_mask_bands(int(self.values["lte_band_lock"], 16)))
        channel = values.get("wan_active_channel") or values.get("lte_ca_pcell_arfcn") or ""
        current = radio.lte_band_of(int(channel)) if channel.isdigit() and values.get("lte_rsrp") else None
        if current is not None and current.number not in allowed and allowed:
            target = min(allowed)
            band = next(item for item in radio.LTE_BANDS if item.number == target)
            earfcn = str((band.first_earfcn + band.last_earfcn) // 2)
            updates = {"wan_active_band": f"LTE BAND {target}", "wan_active_channel": earfcn}
            if values.get("lte_ca_pcell_arfcn"):
                updates |= {"lte_ca_pcell_band": str(target), "lte_ca_pcell_arfcn": earfcn}
            if values.get("lte_ca_pcell_freq"):
                updates["lte_ca_pcell_freq"] = earfcn
            scells = [
                cell
                for cell in values.get("lte_multi_ca_scell_info", "").split(";")
                if cell and len(cell.split(",")) > 3 and cell.split(",")[3].isdigit()
                and int(cell.split(",")[3]) in allowed
            ]  # fmt: skip
            updates["lte_multi_ca_scell_info"] = "".join(f"{cell};" for cell in scells)
            if not scells and values.get("network_type") == "LTE_CA":
                updates |= {"network_type": "LTE", "wan_lte_ca": "ca_deactivated"}
            modem.set_values(updates)
        nr_allowed = {int(band) for band in self.values["nr5g_sa_band_lock"].split(",") if band}
        nr_channel = values.get("nr5g_action_channel", "")
        if nr_allowed and nr_channel.isdigit() and not set(radio.nr_bands_of(int(nr_channel))) & nr_allowed:
            target = min(nr_allowed & set(NR_CHANNELS) or nr_allowed)
            arfcn = str(NR_CHANNELS.get(target, int(nr_channel)))
            sa = values.get("network_type") == "SA"
            updates = {"nr5g_action_band": str(target) if sa else f"n{target}", "nr5g_action_channel": arfcn}
            if sa:
                updates |= {"wan_active_band": f"n{target}", "wan_active_channel": arfcn}
            modem.set_values(updates)
