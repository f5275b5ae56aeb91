"""Write what derives from the metric catalogue: entity names in the translations, docs/metrics.md.

Run `.venv/bin/python -m scripts.generate`; tests fail when the files are out of date.
"""

from __future__ import annotations

import json
from pathlib import Path

from homeassistant.helpers.entity import EntityDescription

from custom_components.zte_modem.binary_sensor import BINARY_SENSORS
from custom_components.zte_modem.sensor import HA_SENSOR_NAMES, SENSORS
from custom_components.zte_modem.zte import METRICS, Metric
from custom_components.zte_modem.zte.goform.fields import SOURCES

# How Home Assistant presents each metric: the entity descriptions, by key.
DESCRIPTIONS: dict[str, tuple[str, EntityDescription]] = {
    **{description.key: ("sensor", description) for description in SENSORS},
    **{description.key: ("binary_sensor", description) for description in BINARY_SENSORS},
}

ROOT = Path(__file__).resolve().parent.parent
COMPONENT = ROOT / "custom_components" / "zte_modem"
TRANSLATION_FILES = (COMPONENT / "translations" / "en.json", COMPONENT / "strings.json")
METRICS_DOC = ROOT / "docs" / "metrics.md"

DOC_HEAD = """# Metrics

Every value zte_modem reads from the modem, generated from the metric catalogue
(`custom_components/zte_modem/zte/metrics.py`) by `python -m scripts.generate`.
The key is stable: it names the Home Assistant entity (`sensor.<device>_<name>`
with unique id `<IMEI>_<key>`), the MQTT topic `<root>/<key>` and the key of the
probe command's `metrics` object. Values are `null`/unknown when the modem does
not report them right now (no 5G cell, no SIM, sentinel values such as `255` or
`-3276.8`). PCI and cell id are decimal; bands read `B3` (LTE) and `n78` (5G).

## How values are read on real firmware

- **PCI, decimal or hex.** Firmware writes `lte_pci` in hex on MC-series CPEs
  (`1A7` = 423) and in decimal on MF-series routers and MiFis (an MF79U sends `205`;
  read as hex that would be 517, above the highest PCI, 503). The notation is decided
  once per firmware, not per value: a value with the digits a-f proves hex, a value
  whose hex reading would exceed 503 proves decimal, and otherwise the model decides
  (MC: hex; MF, MU/U, F and UFI builds: decimal). The decision is stored with the
  login profile so it never flips between polls. `nr5g_pci` is hex on every build
  seen (0-1007). `cell_id` is hex on all of them.
- **Cell identity.** `lte_enodeb_id` and `lte_sector` split the 28-bit E-UTRAN cell id
  (`cell_id`: hex on goform, decimal on ubus) into eNodeB (>> 8) and sector (& 255). A cell
  id below 256 is the sector alone (no eNodeB: unknown, never 0), one of 16 bits (256-65535)
  has neither part, and on 2G/3G or in 5G SA the field is no E-UTRAN cell id. `nr5g_cell_id`
  is the NR cell identity; the all-ones value an MC7510 reports in NSA (268435455) is unknown.
- **Bands from the channel.** `lte_band` is derived from the EARFCN with the band
  table of 3GPP TS 36.101 (EARFCN ranges never overlap), `nr5g_band` from the
  NR-ARFCN with TS 38.101. The modem's band fields (`lte_ca_pcell_band`, `lte_band`,
  `wan_active_band`) are used only when no channel is reported: some firmware gets
  them wrong (an MF79U reports "LTE BAND 1" on EARFCN 1875, which is band 3). Where an
  NR channel lies in several bands (n77/n78, n20/n28, n41/n90, ...) the band the modem
  names decides, else the more widely deployed one. In 5G SA there is no LTE band, even
  when a band field says `n78`.
- **Carrier aggregation.** `lte_ca_bands` lists the primary cell first (its band from
  its EARFCN: `lte_ca_pcell_arfcn`, `lte_ca_pcell_freq` or `wan_active_channel`, else
  `lte_ca_pcell_band`, which some builds leave `0` or empty), then every secondary
  cell of `lte_multi_ca_scell_info` (rows `idx,PCI,state,band,EARFCN,bandwidth;`), or
  the single `lte_ca_scell_band` where the list is absent. Intra-band CA keeps both
  entries (`B41+B41`). When the primary's band is unknown (band field empty or `0`, no
  EARFCN) but secondary rows are listed, each row names its own band and they are kept,
  the primary shown as `B?` (`B?+B7+B8`); the count includes it.
  `lte_ca_total_bandwidth` adds up the bandwidths of all carriers
  when every one is reported; bandwidths are floats (`1.4` stays 1.4).
  `nr5g_ca_bands` does the same for NR from `nr_multi_ca_scell_info`.
- **Frequencies.** `lte_frequency` is the downlink centre frequency of the primary
  cell, F = F_DL_low + 0.1 (EARFCN - N_Offs-DL) (TS 36.101); `nr5g_frequency` that of
  the NR-ARFCN on the global raster (TS 38.104), e.g. 640000 = 3600.0 MHz. They are
  what you look up when aligning an outdoor antenna towards a mast.
- **Alias spellings.** 5G values are read from `Z5g_rsrp`/`Z5g_SINR` and, on MC888 Pro
  builds, from `nr5g_rsrp`, `5g_rsrp`, `nr5g_sinr`, `Z5g_snr` (first non-empty wins).
  Every temperature the firmware reports is its own sensor; -40 °C or below means the
  sensor is absent.
- **Routers that speak ubus** (G5TS, G5 Ultra, U60 Pro, MC7500/MC7510) fill the same keys:
  their answers (`nwinfo_get_netinfo`, `get_wwandst` type 4, `get_wwaniface`,
  `get_cpu_temp`, the SMS storage) are read under the goform field names of the table, as
  the routers' own web page maps them (`zte/ubus/fields.py`). Differences: identifiers come
  in decimal, SINR as a string in dB (an int is tenths of a dB), a radio not in use reports
  0 (no value), carrier aggregation comes from `lteca` (`PCI,band,LAC,EARFCN,bandwidth;`,
  the primary first) and `nrca`, the LTE band lock from the allowed-band list `lte_band`, the
  unread count from the last message list, the data plan from `get_wwandst_monthlimit`
  (`ratio` is the alert threshold; a data limit's `value` read as bytes, which no public
  source settles: two U60 Pro tools store bytes) and `get_wwandst_clearday`.

| key | name | unit | device class | state class | enabled by default | aggregate | goform fields | meaning |
|---|---|---|---|---|---|---|---|---|
"""


def _row(metric: Metric) -> str:
    aggregates = ", ".join(f"`{agg}.{short}`" for agg, short in metric.aggregates.items()) or ""
    fields = ", ".join(f"`{field}`" for field in SOURCES[metric.key].fields)
    _, description = DESCRIPTIONS[metric.key]
    state_class = getattr(description, "state_class", None)
    cells = [
        f"`{metric.key}`",
        metric.name,
        metric.unit or "",
        str(description.device_class or ""),
        str(state_class or ""),
        "yes" if description.entity_registry_enabled_default else "no",
        aggregates,
        fields,
        metric.description,
    ]
    return "| " + " | ".join(cells) + " |"


def render_metrics_doc() -> str:
    """docs/metrics.md as it must read."""
    tail = (
        "\nAggregates: `lte` and `nr5g` are JSON objects of the short keys above (every key always "
        "present, `null` when unknown); `all` is an object of every key. See docs/mqtt.md.\n"
    )
    return DOC_HEAD + "\n".join(_row(metric) for metric in METRICS) + "\n" + tail


def render_translations() -> str:
    """translations/en.json with the entity names taken from the catalogue; names of entities
    that are no catalogue value (mobile data in use: a state across polls) stay as written."""
    strings = json.loads(TRANSLATION_FILES[0].read_text())
    metric_keys = {metric.key for metric in METRICS}
    for platform in ("sensor", "binary_sensor"):
        written = strings["entity"].get(platform, {})
        strings["entity"][platform] = {
            **{
                metric.key: {"name": metric.name}
                for metric in METRICS
                if DESCRIPTIONS[metric.key][0] == platform
            },
            **{key: value for key, value in written.items() if key not in metric_keys},
        }
    strings["entity"]["sensor"] |= {key: {"name": name} for key, name in HA_SENSOR_NAMES.items()}
    return json.dumps(strings, indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    translations = render_translations()
    for path in TRANSLATION_FILES:
        path.write_text(translations)
    METRICS_DOC.write_text(render_metrics_doc())
    print(f"wrote {', '.join(str(p.relative_to(ROOT)) for p in (*TRANSLATION_FILES, METRICS_DOC))}")


if __name__ == "__main__":
    main()
