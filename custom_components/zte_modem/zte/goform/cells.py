"""The LTE and NR carriers a modem is on, put together from the many fields firmware spreads them over.

Bands come from the channel number first (see radio.py): band fields are only used
when no channel is reported. Builds differ in where they put the primary cell's
channel (`lte_ca_pcell_arfcn`, `lte_ca_pcell_freq` or only `wan_active_channel`) and
in how they list secondary cells (`lte_multi_ca_scell_info` rows, or the single
`lte_ca_scell_*` fields), so every spelling is read. A secondary-cell row names its own
band and channel, so it counts even when nothing tells the primary cell's band (some builds
leave `lte_ca_pcell_band` empty or `0` with no primary EARFCN); that primary is shown as `B?`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .. import radio
from ..catalogue import MetricValue
from .parse import (
    FieldValues,
    Parser,
    ValueFormat,
    clean,
    earfcn,
    lte_band,
    nr_arfcn,
    nr_band,
    to_float,
)

# Fields of the LTE primary cell, in the order they are trusted.
LTE_PCELL_CHANNEL_FIELDS = ("lte_ca_pcell_arfcn", "lte_ca_pcell_freq", "wan_active_channel")
LTE_PCELL_BAND_FIELDS = ("lte_ca_pcell_band", "lte_band", "wan_active_band")
LTE_PCELL_BANDWIDTH_FIELDS = ("lte_ca_pcell_bandwidth", "bandwidth")
LTE_PCELL_FIELDS = ("network_type", *LTE_PCELL_CHANNEL_FIELDS, *LTE_PCELL_BAND_FIELDS)
LTE_CA_FIELDS = (
    *LTE_PCELL_FIELDS,
    *LTE_PCELL_BANDWIDTH_FIELDS,
    "wan_lte_ca",
    "lte_multi_ca_scell_info",
    "lte_ca_scell_band",
    "lte_ca_scell_arfcn",
    "lte_ca_scell_bandwidth",
)
# How a carrier whose band nothing reports is listed in `lte_ca_bands`.
UNKNOWN_LTE_BAND = "B?"
# Markers of a 2G/3G or no-service `network_type`: no LTE carrier exists, whatever SCell rows say.
_NON_LTE_NETWORK_MARKERS = ("GSM", "GPRS", "EDGE", "UMTS", "HSPA", "HSDPA", "HSUPA", "CDMA", "SERVICE")
NR_CHANNEL_FIELDS = ("nr5g_action_channel", "nr_ca_pcell_freq", "Z5g_dlEarfcn")
NR_BAND_FIELDS = ("nr5g_action_band", "nr_ca_pcell_band", "ZCELLINFO_band", "nr5g_action_nsa_band")
NR_FIELDS = ("network_type", *NR_CHANNEL_FIELDS, *NR_BAND_FIELDS, "wan_active_band")
NR_CA_FIELDS = (*NR_FIELDS, "nr_multi_ca_scell_info")


@dataclass(frozen=True, slots=True)
class Carrier:
    """One component carrier: band number, channel and bandwidth as far as known."""

    band: int | None
    channel: int | None
    bandwidth: float | None


def standalone(network_type: str | None) -> bool:
    """5G SA: there is no LTE carrier at all, whatever stale LTE fields say."""
    text = (network_type or "").upper().replace("-", "_")
    return text == "SA" or text.endswith("_SA") or text.startswith("SA_") or text == "5G SA"


def _without_lte(network_type: str | None) -> bool:
    """5G SA, 2G/3G or no service: any LTE carrier fields left over are stale."""
    if standalone(network_type):
        return True
    text = (network_type or "").upper()
    return text == "DC" or any(marker in text for marker in _NON_LTE_NETWORK_MARKERS)


def _lte_band_number(channel: int | None, band_fields: tuple[str | None, ...]) -> int | None:
    if channel is not None and (band := radio.lte_band_of(channel)) is not None:
        return band.number
    for raw in band_fields:
        if (label := lte_band(raw)) is not None:
            return int(label[1:])
    return None


def _pcell_channel(fields: Mapping[str, str]) -> int | None:
    channels = [earfcn(fields.get(name)) for name in LTE_PCELL_CHANNEL_FIELDS]
    known = [channel for channel in channels if channel is not None]
    # Prefer a channel that falls in a 3GPP band; a build may put something else in one field.
    for channel in known:
        if radio.lte_band_of(channel) is not None:
            return channel
    return known[0] if known else None


def lte_pcell(fields: Mapping[str, str]) -> Carrier | None:
    """The LTE primary cell, None in 5G SA or without LTE."""
    if standalone(clean(fields.get("network_type"))):
        return None
    channel = _pcell_channel(fields)
    band = _lte_band_number(channel, tuple(fields.get(name) for name in LTE_PCELL_BAND_FIELDS))
    if band is None and channel is None:
        return None
    return Carrier(band=band, channel=channel, bandwidth=_pcell_bandwidth(fields))


def _pcell_bandwidth(fields: Mapping[str, str]) -> float | None:
    return next(
        (value for name in LTE_PCELL_BANDWIDTH_FIELDS if (value := to_float(fields.get(name))) is not None),
        None,
    )


def _scell_rows(text: str | None) -> list[Carrier]:
    """`idx,PCI,state,band,earfcn,bw;` rows, with or without the trailing ';'."""
    carriers: list[Carrier] = []
    for row in (text or "").split(";"):
        parts = [part.strip() for part in row.split(",")]
        if len(parts) < 4:
            continue
        channel = earfcn(parts[4]) if len(parts) > 4 else None
        band = _lte_band_number(channel, (parts[3],))
        if band is None:
            continue
        bandwidth = to_float(parts[5]) if len(parts) > 5 else None
        carriers.append(Carrier(band=band, channel=channel, bandwidth=bandwidth))
    return carriers


def lte_scells(fields: Mapping[str, str]) -> list[Carrier]:
    """Secondary LTE cells; intra-band CA (B41+B41) keeps every entry."""
    if (clean(fields.get("wan_lte_ca")) or "").lower() == "ca_deactivated":
        return []
    carriers = _scell_rows(clean(fields.get("lte_multi_ca_scell_info")))
    if carriers:
        return carriers
    channel = earfcn(fields.get("lte_ca_scell_arfcn"))
    band = _lte_band_number(channel, (fields.get("lte_ca_scell_band"),))
    if band is None:
        return []
    return [Carrier(band=band, channel=channel, bandwidth=to_float(fields.get("lte_ca_scell_bandwidth")))]


def lte_carriers(fields: Mapping[str, str]) -> list[Carrier]:
    """Primary cell first, then every secondary cell.

    Secondary-cell rows carry their own band and channel, so they are kept when the primary's
    band is unknown; the primary is then still listed (band None, with whatever channel or
    bandwidth is reported), since secondary cells only exist beside one. Without secondary
    cells, an unknown primary band gives an empty list, and so do SA, 2G/3G and no service.
    """
    pcell = lte_pcell(fields)
    if pcell is not None and pcell.band is not None:
        return [pcell, *lte_scells(fields)]
    if _without_lte(clean(fields.get("network_type"))):
        return []
    scells = lte_scells(fields)
    if not scells:
        return []
    primary = pcell or Carrier(band=None, channel=None, bandwidth=_pcell_bandwidth(fields))
    return [primary, *scells]


def nr_cell(fields: Mapping[str, str]) -> Carrier | None:
    """The NR primary cell: band from the NR-ARFCN, the modem's band field deciding between overlaps."""
    channel = next(
        (value for name in NR_CHANNEL_FIELDS if (value := nr_arfcn(fields.get(name))) is not None), None
    )
    reported = [nr_band(fields.get(name)) for name in NR_BAND_FIELDS]
    active_band = clean(fields.get("wan_active_band"))
    if active_band is not None and (
        standalone(clean(fields.get("network_type"))) or lte_band(active_band) is None
    ):
        reported.append(nr_band(active_band))
    reported_numbers = [int(label[1:]) for label in reported if label is not None]
    candidates = radio.nr_bands_of(channel) if channel is not None else ()
    band: int | None
    if candidates:
        band = next((number for number in reported_numbers if number in candidates), candidates[0])
    else:
        band = reported_numbers[0] if reported_numbers else None
    if band is None and channel is None:
        return None
    return Carrier(band=band, channel=channel, bandwidth=None)


def nr_scells(text: str | None) -> list[Carrier]:
    """`idx,pci,state,n75,292330,30MHz,...;` rows of nr_multi_ca_scell_info."""
    carriers: list[Carrier] = []
    for row in (text or "").split(";"):
        parts = [part.strip() for part in row.split(",")]
        if len(parts) < 4:
            continue
        channel = nr_arfcn(parts[4]) if len(parts) > 4 else None
        candidates = radio.nr_bands_of(channel) if channel is not None else ()
        reported = nr_band(parts[3])
        number = int(reported[1:]) if reported else None
        if candidates:
            number = number if number in candidates else candidates[0]
        if number is None:
            continue
        carriers.append(
            Carrier(band=number, channel=channel, bandwidth=to_float(parts[5]) if len(parts) > 5 else None)
        )
    return carriers


# -- metric parsers ------------------------------------------------------------


def _named(build: Callable[[FieldValues], MetricValue]) -> Parser:
    """A parser from a function of the fields alone (no notation of the build matters here)."""

    def parse(values: FieldValues, value_format: ValueFormat) -> MetricValue:
        return build(values)

    return parse


def _lte_band_label(fields: Mapping[str, str]) -> MetricValue:
    pcell = lte_pcell(fields)
    return f"B{pcell.band}" if pcell is not None and pcell.band is not None else None


def _lte_channel(fields: Mapping[str, str]) -> MetricValue:
    pcell = lte_pcell(fields)
    return pcell.channel if pcell is not None else None


def _lte_frequency(fields: Mapping[str, str]) -> MetricValue:
    pcell = lte_pcell(fields)
    if pcell is None or pcell.channel is None:
        return None
    return radio.lte_dl_frequency(pcell.channel)


def _lte_ca_bands(fields: Mapping[str, str]) -> MetricValue:
    carriers = lte_carriers(fields)
    labels = [UNKNOWN_LTE_BAND if carrier.band is None else f"B{carrier.band}" for carrier in carriers]
    return "+".join(labels) if labels else None


def _lte_ca_total_bandwidth(fields: Mapping[str, str]) -> MetricValue:
    widths = [carrier.bandwidth for carrier in lte_carriers(fields)]
    if not widths or any(width is None for width in widths):
        return None
    return round(sum(width for width in widths if width is not None), 1)


def _nr_band_label(fields: Mapping[str, str]) -> MetricValue:
    cell = nr_cell(fields)
    return f"n{cell.band}" if cell is not None and cell.band is not None else None


def _nr_channel(fields: Mapping[str, str]) -> MetricValue:
    cell = nr_cell(fields)
    return cell.channel if cell is not None else None


def _nr_frequency(fields: Mapping[str, str]) -> MetricValue:
    cell = nr_cell(fields)
    if cell is None or cell.channel is None:
        return None
    frequency = radio.nr_frequency(cell.channel)
    return round(frequency, 2) if frequency is not None else None


def _nr_ca_bands(fields: Mapping[str, str]) -> MetricValue:
    cell = nr_cell(fields)
    if cell is None or cell.band is None:
        return None
    bands = [cell.band, *(carrier.band for carrier in nr_scells(clean(fields.get("nr_multi_ca_scell_info"))))]
    return "+".join(f"n{band}" for band in bands)


lte_band_parser = _named(_lte_band_label)
lte_earfcn_parser = _named(_lte_channel)
lte_frequency_parser = _named(_lte_frequency)
lte_ca_bands_parser = _named(_lte_ca_bands)
lte_ca_total_bandwidth_parser = _named(_lte_ca_total_bandwidth)
nr_band_parser = _named(_nr_band_label)
nr_arfcn_parser = _named(_nr_channel)
nr_frequency_parser = _named(_nr_frequency)
nr_ca_bands_parser = _named(_nr_ca_bands)


def lte_bandwidth(values: FieldValues, value_format: ValueFormat) -> MetricValue:
    """The primary cell's bandwidth in MHz as a float: '1.4' stays 1.4."""
    for raw in values.values():
        value = to_float(raw)
        if value is not None and value > 0:
            return value
    return None
