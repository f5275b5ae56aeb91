"""One fact of the catalogue: what a value is, never where a transport finds it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeAlias

from ..capabilities import Feature

# TypeAlias rather than `type` statements: the probe must run on Python 3.11 too.
MetricValue: TypeAlias = int | float | str | bool | None


class ValueKind(StrEnum):
    """What a value is: a number (with its unit, if any), a text, or a yes/no flag."""

    NUMBER = "number"
    TEXT = "text"
    FLAG = "flag"


@dataclass(frozen=True, slots=True, kw_only=True)
class Metric:
    """One value a router reports: its key, name, kind, unit, aggregates and meaning.

    `features` are what the router must offer for the value to exist at all (an LTE-only
    router has no 5G values, one without SMS no message counts); empty: every router.
    """

    key: str
    name: str
    kind: ValueKind
    description: str
    unit: str | None = None
    aggregates: Mapping[str, str] = field(default_factory=dict)
    features: frozenset[Feature] = frozenset()


DBM = "dBm"
DB = "dB"
CELSIUS = "°C"
