"""Realistic goform field values for the radio situations users live with."""

from __future__ import annotations

import zlib

from .profiles import SimProfile

NO_LTE = {
    "lte_rsrp": "",
    "lte_rsrq": "",
    "lte_snr": "",
    "lte_rssi": "",
    "lte_pci": "",
    "cell_id": "",
    "lte_ca_pcell_band": "",
    "lte_ca_pcell_bandwidth": "",
    "lte_ca_pcell_arfcn": "",
    "lte_multi_ca_scell_info": "",
    "wan_active_band": "",
    "wan_active_channel": "",
    "wan_lte_ca": "",
    "ngbr_cell_info": "",
    **{f"lte_rsrp_{n}": "" for n in range(1, 5)},
    **{f"lte_snr_{n}": "" for n in range(1, 5)},
}

NO_NR = {
    "Z5g_rsrp": "",
    "Z5g_rsrq": "",
    "Z5g_SINR": "",
    "nr5g_action_band": "",
    "nr5g_pci": "",
    "nr5g_cell_id": "",
    "nr5g_action_channel": "",
    "5g_rx0_rsrp": "",
    "5g_rx1_rsrp": "",
}

LTE = {
    "network_type": "LTE",
    "signalbar": "4",
    "network_provider": "Telia",
    "network_provider_fullname": "Telia SE",
    "rmcc": "240",
    "rmnc": "01",
    "simcard_roam": "Home",
    "ppp_status": "ppp_connected",
    "modem_main_state": "modem_init_complete",
    "lte_rsrp": "-95",
    "lte_rsrq": "-10",
    "lte_snr": "12",
    "lte_rssi": "-67",
    "lte_pci": "1F4",
    "cell_id": "2c20f34",
    "lte_ca_pcell_band": "3",
    "lte_ca_pcell_bandwidth": "20.0",
    "lte_ca_pcell_arfcn": "1300",
    "lte_multi_ca_scell_info": "",
    "wan_active_band": "LTE BAND 3",
    "wan_active_channel": "1300",
    "wan_lte_ca": "ca_deactivated",
    "lte_rsrp_1": "-94",
    "lte_rsrp_2": "-97",
    "lte_rsrp_3": "-96",
    "lte_rsrp_4": "-99",
    "lte_snr_1": "12.5",
    "lte_snr_2": "11.0",
    "lte_snr_3": "10.5",
    "lte_snr_4": "9.0",
    # Neighbours as the MC801A/MC888 script reads them: "EARFCN,PCI,RSRQ,RSRP,RSSI;" per cell, the
    # PCI in the build's notation (zte-protocol.md §7.1 [TPO]; one public test, source id
    # 25451351060, writes "1800,123,5,-95,-60;3500,456,8,-105,-70"). EARFCN 6300 is band 20.
    "ngbr_cell_info": "1300,1F5,-12,-101,-70;1300,12C,-14,-106,-74;6300,C9,-11,-98,-68;",
    "wan_ipaddr": "10.141.22.7",
    "ipv6_wan_ipaddr": "2a02:aa1:1001::1",
    "wan_apn": "online.telia.se",
    "realtime_tx_thrpt": "12000",
    "realtime_rx_thrpt": "450000",
    "sms_unread_num": "1",
    "sms_dev_unread_num": "1",
    "pm_sensor_mdm": "46",
    **NO_NR,
}

LTE_CA = {
    **LTE,
    "network_type": "LTE_CA",
    "wan_lte_ca": "ca_activated",
    "lte_multi_ca_scell_info": "1,64,2,7,3100,20.0;2,12A,2,20,6300,10.0;",
}

# Intra-band CA as an L13 reports it: the SCell only in lte_ca_scell_*, no multi-SCell list.
LTE_CA_INTRA = {
    **LTE,
    "network_type": "LTE_CA",
    "wan_lte_ca": "ca_activated",
    "lte_ca_pcell_band": "41",
    "lte_ca_pcell_arfcn": "40936",
    "lte_ca_pcell_bandwidth": "20.0",
    "wan_active_band": "LTE BAND 41",
    "wan_active_channel": "40936",
    "lte_ca_scell_band": "41",
    "lte_ca_scell_arfcn": "41134",
    "lte_ca_scell_bandwidth": "20.0",
}

NSA = {
    **LTE_CA,
    "network_type": "ENDC",
    "Z5g_rsrp": "-88",
    "Z5g_rsrq": "-11",
    "Z5g_SINR": "15.0",
    "nr5g_action_band": "n78",
    "nr5g_pci": "3EF",
    "nr5g_cell_id": "1A2B3C401",
    "nr5g_action_channel": "640000",
    "5g_rx0_rsrp": "-87",
    "5g_rx1_rsrp": "-90",
    "realtime_rx_thrpt": "5200000",
}

SA = {
    **LTE,
    **NO_LTE,
    "network_type": "SA",
    # SA firmware puts the NR band and channel into the generic fields.
    "wan_active_band": "n78",
    "wan_active_channel": "627264",
    "Z5g_rsrp": "-82",
    "Z5g_rsrq": "-10",
    "Z5g_SINR": "21.0",
    "nr5g_action_band": "78",
    "nr5g_pci": "1A",
    "nr5g_cell_id": "1A2B3C4F2",
    "nr5g_action_channel": "627264",
    "5g_rx0_rsrp": "-81",
    "5g_rx1_rsrp": "-84",
}

NO_SERVICE = {
    **LTE,
    **NO_LTE,
    "network_type": "No Service",
    "signalbar": "0",
    "network_provider": "",
    "network_provider_fullname": "",
    "simcard_roam": "",
    "ppp_status": "ppp_disconnected",
    "wan_ipaddr": "",
    "ipv6_wan_ipaddr": "",
    "realtime_tx_thrpt": "0",
    "realtime_rx_thrpt": "0",
}

NO_SIM = {
    **NO_SERVICE,
    "network_type": "",
    "signalbar": "",
    "modem_main_state": "modem_sim_undetected",
    "sms_unread_num": "",
    "sms_dev_unread_num": "",
}

# The serving LTE cell moved: another eNodeB (0x2C2A1 = 180897, sector 0x07), PCI, EARFCN and band
# (B20 at EARFCN 6300). Tests move the modem with the "lte_other_cell" scenario or these values.
OTHER_CELL = {
    "cell_id": "2c2a107",
    "lte_pci": "C9",
    "lte_ca_pcell_band": "20",
    "lte_ca_pcell_arfcn": "6300",
    "lte_ca_pcell_bandwidth": "10.0",
    "wan_active_band": "LTE BAND 20",
    "wan_active_channel": "6300",
    "ngbr_cell_info": "1300,1F4,-11,-96,-66;",
}
LTE_OTHER_CELL = {**LTE, **OTHER_CELL}
# A firmware reporting the local cell id alone (below 256: the sector, no eNodeB part), and one
# reporting a 16-bit CI (neither part): cell_identity.py says what is made of them.
LTE_SHORT_CELL_ID = {**LTE, "cell_id": "1B"}
LTE_16BIT_CELL_ID = {**LTE, "cell_id": "9C41"}

SCENARIOS: dict[str, dict[str, str]] = {
    "lte": LTE,
    "lte_ca": LTE_CA,
    "lte_ca_intra": LTE_CA_INTRA,
    "lte_other_cell": LTE_OTHER_CELL,
    "lte_short_cell_id": LTE_SHORT_CELL_ID,
    "lte_16bit_cell_id": LTE_16BIT_CELL_ID,
    "nsa": NSA,
    "sa": SA,
    "no_service": NO_SERVICE,
    "no_sim": NO_SIM,
}


def default_scenario(profile: SimProfile) -> str:
    """A 5G CPE starts in NSA (ENDC), everything else on plain LTE."""
    return "nsa" if profile.has_5g else "lte"


def identity_fields(profile: SimProfile) -> dict[str, str]:
    """Fields that describe the device itself; identities are fake but well-formed."""
    return {
        "model_name": profile.model,
        "hardware_version": profile.hardware_version,
        "web_version": "WEB_" + profile.model,
        "imei": "86" + f"{zlib.crc32(profile.name.encode()) % 10**13:013d}",
        "imsi": "240011234567890",
        "sim_imsi": "240011234567890",
        "ziccid": "8946011234567890123",
        "sim_iccid": "8946011234567890123",
        "msisdn": "+46701234567",
        "mac_address": "34:4b:50:00:00:01",
        "lan_ipaddr": "192.168.0.1",
        "Language": "en",
        "pin_status": "0",
        "opms_wan_mode": "LTE",
        "net_select": "NETWORK_auto",
    }
