"""The catalogue of facts: every value the product reads from a router, defined once.

What is a fact of the value lives here: its key, name, kind, physical unit, aggregate
membership, description and the features a router needs for it to exist. Where a transport
finds it is the transport's business (goform/fields.py); how Home Assistant presents it
(device class, state class, category, enabled by default, precision) the HA side's
(sensor.py with sensor_kinds.py, binary_sensor.py). MQTT topics and aggregates, the probe,
docs/metrics.md and the entity names in the translations all derive from METRICS.
"""

from __future__ import annotations

from collections.abc import Mapping

from .metric import Metric, MetricValue, ValueKind
from .radio_facts import RADIO_METRICS
from .router_facts import ROUTER_METRICS

AGGREGATES: tuple[str, ...] = ("lte", "nr5g")
METRICS: tuple[Metric, ...] = (*RADIO_METRICS, *ROUTER_METRICS)
METRICS_BY_KEY: Mapping[str, Metric] = {metric.key: metric for metric in METRICS}


def aggregate_keys(aggregate: str) -> dict[str, str]:
    """Short key -> metric key for one aggregate, in catalogue order."""
    return {metric.aggregates[aggregate]: metric.key for metric in METRICS if aggregate in metric.aggregates}


__all__ = [
    "AGGREGATES",
    "METRICS",
    "METRICS_BY_KEY",
    "Metric",
    "MetricValue",
    "ValueKind",
    "aggregate_keys",
]
