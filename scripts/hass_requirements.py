"""Print the requirements of every integration a real `hass` of this venv may load for us.

scripts/setup installs them into the current lane's hass venv: scripts/develop and the
end-to-end tests start hass with --skip-pip, so nothing may be missing at start-up. The
set is what hass always loads (the *_INTEGRATIONS sets of homeassistant.bootstrap), the
integrations of scripts/config_template and ours, with their dependencies. Run from the
checkout: python -m scripts.hass_requirements
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from homeassistant import bootstrap, components

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "scripts" / "config_template" / "configuration.yaml"
OUR_MANIFEST = ROOT / "custom_components" / "zte_modem" / "manifest.json"
COMPONENTS = Path(components.__file__).parent
# Deliberately not here: what onboarding sets up (met, radio_browser, google_translate).
# Without their packages they fail to load, as on the old lane; with them a test's hass
# would call weather and radio services on the internet.


def _strings(value: object) -> set[str]:
    """Domain names in a bootstrap constant (sets, and tuples of (name, set, timeout))."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, set | frozenset | tuple | list):
        return {name for item in value for name in _strings(item)}
    return set()


def domains_to_load() -> set[str]:
    domains: set[str] = set()
    for name, value in vars(bootstrap).items():
        if name.endswith("_INTEGRATIONS"):
            domains |= _strings(value)
    domains |= set(re.findall(r"^([a-z_]+):", TEMPLATE.read_text(), flags=re.MULTILINE))
    ours = json.loads(OUR_MANIFEST.read_text())
    domains |= set(ours.get("dependencies", [])) | set(ours.get("after_dependencies", []))
    return domains


def requirements(domains: set[str]) -> set[str]:
    """Requirements of the domains and of everything they (after-)depend on."""
    seen: set[str] = set()
    found: set[str] = set()
    todo = list(domains)
    while todo:
        domain = todo.pop()
        if domain in seen:
            continue
        seen.add(domain)
        manifest = COMPONENTS / domain / "manifest.json"
        if not manifest.exists():
            continue
        data = json.loads(manifest.read_text())
        found.update(data.get("requirements", []))
        todo += data.get("dependencies", []) + data.get("after_dependencies", [])
    return found


if __name__ == "__main__":
    print("\n".join(sorted(requirements(domains_to_load()))))
