"""The ready dashboard (dashboards/zte_modem.yaml) installed into a Home Assistant config folder the
way the README's two steps do it: the file, with the router's entity prefix, and the YAML
dashboard entry for configuration.yaml. Used by scripts/develop and the dashboard's end-to-end test.
"""

from __future__ import annotations

from pathlib import Path

DASHBOARD = Path(__file__).resolve().parent.parent / "dashboards" / "zte_modem.yaml"
# The prefix the committed file is written for (a router Home Assistant named "ZTE MC801A").
FILE_PREFIX = "zte_mc801a"
# Step 2, for configuration.yaml. The history and logbook cards need those integrations, which
# `default_config:` loads on a usual install (the demo's and the tests' config has none).
LOVELACE_CONFIG = """
history:
logbook:
lovelace:
  dashboards:
    zte-modem:
      mode: yaml
      title: ZTE router
      icon: mdi:router-network
      show_in_sidebar: true
      filename: dashboards/zte_modem.yaml
"""
URL_PATH = "zte-modem"


def entity_prefix(model: str) -> str:
    """How Home Assistant names a router's entities: "ZTE G5TS" -> zte_g5ts."""
    return "zte_" + "".join(char if char.isalnum() else "_" for char in model.lower())


def install_dashboard(config_dir: Path, *, prefix: str = FILE_PREFIX) -> Path:
    """Step 1: the file in the config folder, with the router's prefix."""
    target = config_dir / "dashboards" / "zte_modem.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(DASHBOARD.read_text().replace(FILE_PREFIX, prefix))
    return target
