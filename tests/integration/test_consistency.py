"""Files that must agree: translations, manifest, docs, and the metric catalogue."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from custom_components.zte_modem import config_flow
from custom_components.zte_modem.binary_sensor import BINARY_SENSORS
from custom_components.zte_modem.button import BUTTONS
from custom_components.zte_modem.errors import ACTION_ERROR_KEYS, ERROR_KEYS
from custom_components.zte_modem.sensor import SENSORS
from custom_components.zte_modem.zte import METRICS, METRICS_BY_KEY, ValueKind
from custom_components.zte_modem.zte.goform.client import POLL_FIELDS
from custom_components.zte_modem.zte.goform.snapshot import snapshot_from_raw
from scripts.generate import METRICS_DOC, render_metrics_doc, render_translations
from tests.conftest import ModemFactory
from tests.simulator import SCENARIOS

COMPONENT = Path(config_flow.__file__).parent
SOURCES = [path.read_text() for path in COMPONENT.rglob("*.py")]
EN = json.loads((COMPONENT / "translations" / "en.json").read_text())
STRINGS = json.loads((COMPONENT / "strings.json").read_text())


def _used(pattern: str) -> set[str]:
    return {match for source in SOURCES for match in re.findall(pattern, source)}


def test_generated_files_are_current() -> None:
    """docs/metrics.md and the entity names come from the catalogue (python -m scripts.generate)."""
    assert METRICS_DOC.read_text() == render_metrics_doc()
    assert (COMPONENT / "translations" / "en.json").read_text() == render_translations()
    assert STRINGS == EN


def test_every_metric_is_documented() -> None:
    """Each catalogue key has a row in docs/metrics.md."""
    doc = METRICS_DOC.read_text()
    for metric in METRICS:
        assert f"| `{metric.key}` |" in doc


def test_flow_reasons_have_text() -> None:
    """Every error and abort reason the flows can return is translated."""
    errors = (
        set(ERROR_KEYS) | _used(r'ModemCheckFailedError\(\s*"(\w+)"') | _used(r'errors\["base"\] = "(\w+)"')
    )
    assert len(errors) >= 8
    for reason in errors:
        assert EN["config"]["error"].get(reason), reason
    for reason in _used(r'reason="(\w+)"') | {
        "already_configured",
        "reauth_successful",
        "reconfigure_successful",
    }:
        assert EN["config"]["abort"].get(reason), reason
    for reason in _used(r'errors\[CONF_\w+\] = "(\w+)"'):
        assert EN["options"]["error"].get(reason), reason


def test_exception_keys_have_text() -> None:
    """Every translation_key raised in code has an exceptions entry."""
    keys = (
        set(ERROR_KEYS)
        | set(ACTION_ERROR_KEYS)
        | _used(r'translation_domain=DOMAIN,\s*translation_key="(\w+)"')
    )
    assert keys
    for key in keys:
        assert EN["exceptions"][key]["message"], key


def test_every_metric_has_exactly_one_entity_description() -> None:
    """A catalogue metric without an entity, or an entity without a metric, fails here."""
    sensor_keys = [description.key for description in SENSORS]
    flag_keys = [description.key for description in BINARY_SENSORS]
    assert len(sensor_keys) == len(set(sensor_keys))
    assert not set(sensor_keys) & set(flag_keys)
    assert {metric.key for metric in METRICS} == set(sensor_keys) | set(flag_keys)
    assert {metric.key for metric in METRICS if metric.kind is ValueKind.FLAG} == set(flag_keys)


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
async def test_typed_values_agree_with_the_key_lookup(make_modem: ModemFactory, scenario: str) -> None:
    """What an entity shows (value_fn on the typed view) is what MQTT answers for its key."""
    modem = await make_modem("mc888pro", scenario=scenario)
    raw = {field: modem._field(field, logged_in=True) for field in POLL_FIELDS}
    snapshot = snapshot_from_raw(raw)
    for description in SENSORS:
        assert description.value_fn(snapshot) == snapshot.values[description.key], description.key
    for flag in BINARY_SENSORS:
        assert flag.is_on_fn(snapshot) == snapshot.values[flag.key], flag.key


def test_entity_keys_have_text() -> None:
    """Every entity translation key has a name."""
    for description in SENSORS:
        assert EN["entity"]["sensor"][description.key]["name"] == METRICS_BY_KEY[description.key].name
    for flag in BINARY_SENSORS:
        assert EN["entity"]["binary_sensor"][flag.key]["name"] == METRICS_BY_KEY[flag.key].name
    for button in BUTTONS:
        assert EN["entity"]["button"][button.translation_key]["name"]
    assert EN["entity"]["switch"]["polling"]["name"]


def test_manifest_as_hassfest_wants_it() -> None:
    """domain, name, then the other keys sorted; the keys HACS requires are present."""
    manifest = json.loads((COMPONENT / "manifest.json").read_text())
    keys = list(manifest)
    assert keys[:2] == ["domain", "name"]
    assert keys[2:] == sorted(keys[2:])
    for key in ("documentation", "issue_tracker", "codeowners", "version", "iot_class", "config_flow"):
        assert key in manifest
    assert manifest["domain"] == COMPONENT.name
    assert "mqtt" in manifest["after_dependencies"]
