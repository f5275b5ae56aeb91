"""USSD on goform: `USSD_PROCESS` writes, then `ussd_write_flag` and `ussd_data_info` as the stock
page reads them.

Codes and texts are never logged (a balance, a voucher number). One control at a time: the
controls lock is shared with network.py.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping

from ..connection import ClientTiming
from ..controls import USSD_CANCEL_TIMEOUT, USSD_TIMEOUT, check_ussd_code, check_ussd_reply
from ..exceptions import ZteCommandError, ZteUssdFailedError, ZteUssdTimeoutError, ZteUssdUnsupportedError
from .controls import (
    USSD_CANCELLED,
    USSD_FAILURES,
    USSD_PENDING,
    USSD_READY,
    USSD_ROUTER_TIMEOUT,
    USSD_UNSUPPORTED,
    ussd_expects_reply,
    ussd_text,
)
from .session import GoformSession

_LOGGER = logging.getLogger(__name__)


class GoformUssd:
    """USSD requests of one router; `expects_reply` after an answer that is a menu."""

    def __init__(self, session: GoformSession, timing: ClientTiming, *, lock: asyncio.Lock) -> None:
        self._session = session
        self._timing = timing
        self._lock = lock
        self.expects_reply = False

    async def send_ussd(self, code: str, *, timeout: float = USSD_TIMEOUT) -> str:  # noqa: ASYNC109
        """Send a USSD code ('*100#') and return the network's answer, decoded."""
        checked = check_ussd_code(code)
        async with self._lock:
            await self._write({"USSD_operator": "ussd_send", "USSD_send_number": checked})
            text = await self._answer(timeout)
        _LOGGER.info("USSD request answered%s", " with a menu" if self.expects_reply else "")
        return text

    async def ussd_reply(self, text: str, *, timeout: float = USSD_TIMEOUT) -> str:  # noqa: ASYNC109
        """Answer a USSD menu; returns the network's next answer."""
        checked = check_ussd_reply(text)
        async with self._lock:
            await self._write({"USSD_operator": "ussd_reply", "USSD_reply_number": checked})
            answer = await self._answer(timeout)
        _LOGGER.info("USSD reply answered%s", " with a menu" if self.expects_reply else "")
        return answer

    async def ussd_cancel(self, *, timeout: float = USSD_CANCEL_TIMEOUT) -> None:  # noqa: ASYNC109
        """End an open USSD session; the router reports 13 when it is closed."""
        async with self._lock:
            await self._write({"USSD_operator": "ussd_cancel"})
            self.expects_reply = False
            deadline = asyncio.get_running_loop().time() + timeout
            while True:
                flag = await self._flag()
                if flag == USSD_CANCELLED:
                    break
                if flag not in (USSD_PENDING, ""):
                    raise ZteUssdFailedError("The router could not end the USSD session", flag)
                if asyncio.get_running_loop().time() >= deadline:
                    raise ZteUssdTimeoutError(f"The router did not end the USSD session within {timeout:g} s")
                await asyncio.sleep(self._timing.ussd_poll_interval)
        _LOGGER.info("USSD session ended")

    async def _write(self, params: Mapping[str, str]) -> None:
        try:
            await self._session.write("USSD_PROCESS", {**params, "notCallback": "true"})
        except ZteCommandError as err:
            raise ZteUssdFailedError("The router refused the USSD request") from err

    async def _answer(self, limit: float) -> str:
        """Follow `ussd_write_flag` as the stock page does: 15 waiting, 16 answer ready, else done."""
        self.expects_reply = False
        deadline = asyncio.get_running_loop().time() + limit
        while True:
            flag = await self._flag()
            if flag == USSD_READY:
                # Without multi_data: an MF935 answers the USSD keys blank with it.
                answer = await self._session.get_json(
                    {"cmd": "ussd_data_info"}, expect="ussd_data", blank_is_suspect=True
                )
                self.expects_reply = ussd_expects_reply(answer)
                return ussd_text(answer)
            if flag in USSD_UNSUPPORTED:
                raise ZteUssdUnsupportedError(f"The router or the network does not support USSD ({flag})")
            if flag in USSD_ROUTER_TIMEOUT:
                raise ZteUssdTimeoutError("The network did not answer the USSD request (router timeout)")
            if flag not in (USSD_PENDING, ""):
                reason = USSD_FAILURES.get(flag, "failed")
                raise ZteUssdFailedError(f"The USSD request failed: {reason} ({flag})", flag)
            if asyncio.get_running_loop().time() >= deadline:
                raise ZteUssdTimeoutError(f"No USSD answer within {limit:g} s")
            await asyncio.sleep(self._timing.ussd_poll_interval)

    async def _flag(self) -> str:
        answer = await self._session.get_json(
            {"cmd": "ussd_write_flag"}, expect="ussd_write_flag", blank_is_suspect=True
        )
        flag = answer.get("ussd_write_flag")
        return flag.strip() if isinstance(flag, str) else ""
