"""What differs between the Home Assistant versions we support (2025.4 to 2026.11), in one place.

- Schemas: HA 2026.10+ validates with probatio (and aliases `voluptuous` to it at run time);
  its type hints want probatio's classes. Older HA has voluptuous only.
- Device classes: HA 2026.10+ defines them in each platform's `const` module and no longer
  exports them from the platform package; older HA defines them in the package.
- ScannerEntity: HA 2026.10+ has it in device_tracker/entity.py (config_entry.py keeps a
  deprecated alias); older HA in config_entry.py.
The ignores name `unused-ignore` because each one only applies on one side of that line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

try:
    import probatio as vol  # type: ignore[import-not-found, unused-ignore]
except ImportError:  # HA before 2026.10
    import voluptuous as vol  # type: ignore[no-redef, unused-ignore]

try:
    from homeassistant.components.binary_sensor.const import (  # type: ignore[attr-defined, import-not-found, unused-ignore]
        BinarySensorDeviceClass,
    )
except ImportError:  # HA before 2026.10
    from homeassistant.components.binary_sensor import (  # type: ignore[assignment, attr-defined, unused-ignore]
        BinarySensorDeviceClass,
    )
try:
    from homeassistant.components.switch.const import (  # type: ignore[attr-defined, import-not-found, unused-ignore]
        SwitchDeviceClass,
    )
except ImportError:
    from homeassistant.components.switch import (  # type: ignore[assignment, attr-defined, unused-ignore]
        SwitchDeviceClass,
    )
try:
    from homeassistant.components.button.const import (  # type: ignore[attr-defined, import-not-found, unused-ignore]
        ButtonDeviceClass,
    )
except ImportError:
    from homeassistant.components.button import (  # type: ignore[assignment, attr-defined, unused-ignore]
        ButtonDeviceClass,
    )

if TYPE_CHECKING:  # type-checked against the oldest HA we support (scripts/test: lane old)
    from homeassistant.components.device_tracker.config_entry import ScannerEntity
else:
    try:
        from homeassistant.components.device_tracker.entity import ScannerEntity
    except ImportError:  # HA before 2026.10
        from homeassistant.components.device_tracker.config_entry import ScannerEntity

__all__ = ["BinarySensorDeviceClass", "ButtonDeviceClass", "ScannerEntity", "SwitchDeviceClass", "vol"]
