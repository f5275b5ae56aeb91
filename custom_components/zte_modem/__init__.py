"""Home Assistant integration for ZTE LTE/5G routers (goform web API).

Home Assistant imports this package in an executor, so its imports run off the
event loop. The HA-free client in ``zte/`` is run without Home Assistant through
``scripts/probe``, which loads ``zte`` on its own and never imports this package.
"""

from __future__ import annotations

from .entry import async_remove_entry, async_setup_entry, async_unload_entry

__all__ = ["async_remove_entry", "async_setup_entry", "async_unload_entry"]
