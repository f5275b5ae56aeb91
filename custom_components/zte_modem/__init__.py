"""Home Assistant integration for ZTE LTE/5G routers (goform web API)."""
