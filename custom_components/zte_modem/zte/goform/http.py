"""The goform HTTP exchange: GET and POST of the two goform endpoints, static web-UI files.

One exchange is one request; nothing here holds a lock or knows about sessions (session.py
does). Every request is counted in `stats.requests`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping
from typing import Any

import aiohttp

from ..connection import ClientStats, ClientTiming, exchange
from ..exceptions import ZteConnectionError, ZteUnsupportedFirmwareError

GET_PATH = "/goform/goform_get_cmd_process"
SET_PATH = "/goform/goform_set_cmd_process"


class GoformHttp:
    """Requests to one router's goform endpoints over the caller's aiohttp session."""

    def __init__(
        self, host: str, *, session: aiohttp.ClientSession, timing: ClientTiming, stats: ClientStats
    ) -> None:
        self.host = host
        self._session = session
        self._timing = timing
        self.stats = stats
        self._headers = {
            "Referer": f"{host}/index.html",
            "Origin": host,
            "X-Requested-With": "XMLHttpRequest",
        }

    async def get_fields(self, fields: Iterable[str], *, multi_data: bool = True) -> dict[str, str]:
        """One GET of `fields`; every value as text (JSON for a nested one)."""
        params = {"isTest": "false", "cmd": ",".join(fields)}
        if multi_data:
            params["multi_data"] = "1"
        params["_"] = _cache_buster()
        return _as_text(await self._exchange_json("GET", GET_PATH, params=params))

    async def get_json(self, params: Mapping[str, str]) -> dict[str, Any]:
        """One GET with its own parameters and no multi_data (table commands answer blank with it)."""
        query = {"isTest": "false", **params, "_": _cache_buster()}
        return await self._exchange_json("GET", GET_PATH, params=query)

    async def get_table(self, command: str) -> Any:
        """One GET of a table command (no multi_data), decoded whatever its JSON shape: an
        object, a bare array, or a string holding the array (all three seen for station_list)."""
        query = {"isTest": "false", "cmd": command, "_": _cache_buster()}
        status, text = await self._http("GET", GET_PATH, params=query)
        if 300 <= status < 400:
            raise ZteUnsupportedFirmwareError(f"redirected (HTTP {status})")
        if status >= 400:
            raise ZteConnectionError(f"{self.host} answered HTTP {status}")
        try:
            return json.loads(text)
        except ValueError as err:
            raise ZteConnectionError("The modem sent an incomplete or invalid JSON answer") from err

    async def post(self, form: Mapping[str, str]) -> dict[str, str]:
        """One POST of a goform command."""
        headers = {"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"}
        return _as_text(await self._exchange_json("POST", SET_PATH, data=dict(form), headers=headers))

    async def get_text(self, path: str) -> str | None:
        """A static file of the web UI, or None when the firmware has none."""
        status, text = await self._http("GET", "/" + path.lstrip("/"))
        return text if status == 200 else None

    async def _exchange_json(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        data: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> dict[str, Any]:
        status, text = await self._http(method, path, params=params, data=data, headers=headers)
        if 300 <= status < 400:
            raise ZteUnsupportedFirmwareError(f"redirected (HTTP {status})")
        if status >= 400:
            raise ZteConnectionError(f"{self.host} answered HTTP {status}")
        return decode_goform(text)

    async def _http(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        data: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> tuple[int, str]:
        """Status and body; only a transport failure raises (the caller judges the status)."""
        answer = await exchange(
            self._session,
            method,
            f"{self.host}{path}",
            timing=self._timing,
            stats=self.stats,
            params=params,
            data=data,
            headers={**self._headers, **(headers or {})},
        )
        return answer.status, answer.text


def decode_goform(text: str) -> dict[str, Any]:
    """A goform answer: a JSON object, else a clear error (HTML, garbage, a cut-off body)."""
    body = text.strip()
    if not body.startswith("{"):
        raise ZteUnsupportedFirmwareError("the answer is not JSON")
    try:
        decoded: Any = json.loads(body)
    except ValueError as err:
        raise ZteConnectionError("The modem sent an incomplete or invalid JSON answer") from err
    if not isinstance(decoded, dict):  # pragma: no cover - a '{' body decodes to a dict
        raise ZteUnsupportedFirmwareError("the answer is not a JSON object")
    return {str(key): value for key, value in decoded.items()}


def _as_text(answer: Mapping[str, Any]) -> dict[str, str]:
    return {key: value if isinstance(value, str) else json.dumps(value) for key, value in answer.items()}


def _cache_buster() -> str:
    return str(int(time.time() * 1000))
