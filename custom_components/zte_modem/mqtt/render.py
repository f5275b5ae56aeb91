"""The JSON payloads of the MQTT contract, from a reading (docs/mqtt.md)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.helpers.json import json_dumps

from ..zte import AGGREGATES, METRICS_BY_KEY, ModemSnapshot, aggregate_keys

ALL = "all"
AGGREGATE_KEYS: Mapping[str, Mapping[str, str]] = {name: aggregate_keys(name) for name in AGGREGATES}
REQUESTABLE = frozenset({*METRICS_BY_KEY, *AGGREGATES, ALL})


def render_one(snapshot: ModemSnapshot, request: str) -> str:
    """The JSON payload answering one request key (a metric, an aggregate or `all`)."""
    values = snapshot.values
    answer: Any
    if request == ALL:
        answer = {key: values.get(key) for key in METRICS_BY_KEY}
    elif request in AGGREGATE_KEYS:
        answer = {short: values.get(key) for short, key in AGGREGATE_KEYS[request].items()}
    else:
        answer = values.get(request)
    return json_dumps(answer)


def render_payloads(snapshot: ModemSnapshot) -> dict[str, str]:
    """What publish-on-poll sends: every metric and the lte and nr5g objects."""
    return {key: render_one(snapshot, key) for key in (*METRICS_BY_KEY, *AGGREGATES)}
