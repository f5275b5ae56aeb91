"""Router administration on ubus: the APN profile in use and the data-plan settings; each read back.

Under the controls lock (network.py), every call through the session's guarded batch, validated
first, read back until the router shows it. An APN change takes the data session down first and
brings it back afterwards, only when it was up (as on goform, goform/admin.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from ..apn import AUTOMATIC, ApnState
from ..connection import ClientTiming
from ..controls import check_apn_option, check_plan_change, read_back
from ..exceptions import ZteControlRefusedError, ZteControlValidationError
from ..goform.plan import plan_settings
from .apn import APN_CALLS, apn_calls, apn_from
from .network import UbusControls
from .plan import PLAN_CALLS, plan_view, plan_write_calls
from .rpc import Call, Reply
from .session import UbusSession

_LOGGER = logging.getLogger(__name__)
Shown = TypeVar("Shown")


class UbusAdmin:
    """The APN choice and the data-plan settings of one ubus router."""

    def __init__(self, session: UbusSession, timing: ClientTiming, *, controls: UbusControls) -> None:
        self._session = session
        self._timing = timing
        self._controls = controls

    async def set_apn(self, option: str) -> ApnState:
        """Make the profile named `option` the default, or AUTOMATIC; reconnect when it was up."""
        async with self._controls.lock:
            state = apn_from(await self._ask(APN_CALLS))
            if state is None:
                raise ZteControlValidationError("This router reports no APN profiles")
            check_apn_option(option, state.options)
            profile = None if option == AUTOMATIC else state.profile_named(option)
            connected = await self._controls.data_connected_locked()
            if connected:
                await self._controls.switch_data_locked(False)
            try:
                for call in apn_calls(profile):
                    await self._write(call)

                def shown(now: ApnState | None) -> bool:
                    if now is None:
                        return False
                    if profile is None:
                        return now.automatic
                    return not now.automatic and now.selected == profile.handle

                answer = await self._read_back(APN_CALLS, apn_from, shown, "the APN profile")
            finally:
                if connected:
                    await self._controls.switch_data_locked(True)
        _LOGGER.info("APN set to %s", "automatic" if profile is None else f"profile {profile.handle}")
        return answer or state

    async def set_data_plan(
        self,
        *,
        enabled: bool | None = None,
        limit_gb: float | None = None,
        alert_percent: int | None = None,
        reset_day: int | None = None,
    ) -> dict[str, str]:
        """Change data-plan settings and read them back; the plan as goform's fields (plan.py)."""
        change = check_plan_change(
            enabled=enabled, limit_gb=limit_gb, alert_percent=alert_percent, reset_day=reset_day
        )
        async with self._controls.lock:
            answers = await self._ask(PLAN_CALLS)
            if plan_settings(plan_view(answers)) is None:
                raise ZteControlValidationError("This router reports no data-plan settings")
            for call in plan_write_calls(answers, change):
                await self._write(call)

            def shown(view: dict[str, str]) -> bool:
                settings = plan_settings(view)
                return settings is not None and change.shown_in(settings)

            view = await self._read_back(PLAN_CALLS, plan_view, shown, "the data-plan settings")
        _LOGGER.info("Data-plan settings changed")
        return view

    async def _ask(self, calls: Sequence[Call]) -> dict[str, Reply]:
        replies = await self._session.call(calls)
        return {call.key: reply for call, reply in zip(calls, replies, strict=True)}

    async def _write(self, call: Call) -> None:
        (reply,) = await self._session.call([call])
        if not reply.ok:
            raise ZteControlRefusedError(f"The router refused {call.method} (status {reply.status})")

    async def _read_back(
        self,
        calls: Sequence[Call],
        view: Callable[[Mapping[str, Reply]], Shown],
        shown: Callable[[Shown], bool],
        what: str,
    ) -> Shown:
        async def read() -> Shown:
            return view(await self._ask(calls))

        return await read_back(
            read,
            shown,
            limit=self._timing.readback_timeout,
            interval=self._timing.control_poll_interval,
            what=what,
        )
