"""Home Assistant integration for ZTE LTE/5G routers (goform web API).

The Home Assistant side lives in ``entry.py`` and is imported lazily, so that
``python -m custom_components.zte_modem.zte probe`` runs on a machine without
Home Assistant: importing the HA-free client imports this package first.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_ENTRY_HOOKS = frozenset({"async_setup_entry", "async_unload_entry", "async_remove_entry"})


def __getattr__(name: str) -> Any:
    if name in _ENTRY_HOOKS:
        return getattr(import_module(f"{__name__}.entry"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
