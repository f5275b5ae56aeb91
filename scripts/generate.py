"""Write what derives from the metric catalogue: entity names in the translations, docs/metrics.md.

Run `.venv/bin/python -m scripts.generate`; tests fail when the files are out of date.
"""

from __future__ import annotations

import json
from pathlib import Path

from custom_components.zte_modem.zte.metrics import METRICS, Metric

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

| key | name | unit | device class | state class | enabled by default | aggregate | modem fields | meaning |
|---|---|---|---|---|---|---|---|---|
"""


def _row(metric: Metric) -> str:
    aggregates = ", ".join(f"`{agg}.{short}`" for agg, short in metric.aggregates.items()) or ""
    fields = ", ".join(f"`{field}`" for field in metric.fields)
    cells = [
        f"`{metric.key}`",
        metric.name,
        metric.unit or "",
        metric.device_class or "",
        metric.state_class or "",
        "yes" if metric.enabled_by_default else "no",
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
    """translations/en.json with the entity names taken from the catalogue."""
    strings = json.loads(TRANSLATION_FILES[0].read_text())
    for platform in ("sensor", "binary_sensor"):
        strings["entity"][platform] = {
            metric.key: {"name": metric.name} for metric in METRICS if metric.platform == platform
        }
    return json.dumps(strings, indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    translations = render_translations()
    for path in TRANSLATION_FILES:
        path.write_text(translations)
    METRICS_DOC.write_text(render_metrics_doc())
    print(f"wrote {', '.join(str(p.relative_to(ROOT)) for p in (*TRANSLATION_FILES, METRICS_DOC))}")


if __name__ == "__main__":
    main()
