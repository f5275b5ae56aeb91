"""Files that must agree: translations, manifest, docs, and the metric catalogue."""

from __future__ import annotations

import json
import re
from pathlib import Path

from custom_components.zte_modem import config_flow
from custom_components.zte_modem.button import BUTTONS
from custom_components.zte_modem.errors import ERROR_KEYS
from custom_components.zte_modem.zte import METRICS
from scripts.generate import METRICS_DOC, render_metrics_doc, render_translations

COMPONENT = Path(config_flow.__file__).parent
SOURCES = [path.read_text() for path in COMPONENT.glob("*.py")]
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
    keys = set(ERROR_KEYS) | _used(r'translation_domain=DOMAIN,\s*translation_key="(\w+)"')
    assert keys
    for key in keys:
        assert EN["exceptions"][key]["message"], key


def test_entity_keys_have_text() -> None:
    """Every entity translation key has a name."""
    for metric in METRICS:
        assert EN["entity"][metric.platform][metric.key]["name"] == metric.name
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
