"""Router administration on goform: the APN profile in use and the data-plan settings; each read back.

Guard rails as for the network controls (network.py): one control at a time (the controls
lock), every request through the session's guarded request (fresh AD), validation before any
write, a read-back until the router shows the change.

* APN (apn.py): the data session is taken down first and brought back afterwards, as two
  tools do (ids 22993968255, 40714166498), only when it was up.
* Data plan (plan.py): `DATA_LIMIT_SETTING` is all-or-nothing: the current form is read and
  re-sent whole, in both spellings, with the change applied (§5.3).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence

from ..apn import AUTOMATIC, ApnState
from ..connection import ClientTiming
from ..controls import check_apn_option, check_plan_change, read_back
from ..exceptions import ZteCommandError, ZteControlRefusedError, ZteControlValidationError
from ..plan import PlanSettings
from .apn import APN_FIELDS, apn_command, apn_shown, apn_state
from .controls import mobile_data_settled
from .extra_reads import ExtraRead
from .network import GoformControls
from .plan import CLOCK_FIELD, PLAN_FIELDS, limit_form, plan_settings
from .session import GoformSession

_LOGGER = logging.getLogger(__name__)
PLAN_FORM_FIELDS = tuple(field for field in PLAN_FIELDS if field != CLOCK_FIELD)


class GoformAdmin:
    """The APN choice and the data-plan settings of one router."""

    def __init__(
        self,
        session: GoformSession,
        timing: ClientTiming,
        *,
        lock: asyncio.Lock,
        settings: ExtraRead,
        controls: GoformControls,
    ) -> None:
        self._session = session
        self._timing = timing
        self._lock = lock
        self._settings = settings
        self._controls = controls

    async def set_apn(self, option: str) -> ApnState:
        """Make the profile named `option` the default, or AUTOMATIC; reconnect as the page does."""
        async with self._lock:
            values = await self._read((*APN_FIELDS, "ppp_status"))
            state = apn_state(values)
            if state is None:
                raise ZteControlValidationError("This router reports no APN profiles")
            check_apn_option(option, state.options)
            profile = None if option == AUTOMATIC else state.profile_named(option)
            goform_id, form = apn_command(values, profile)
            connected = mobile_data_settled(values.get("ppp_status"), on=True)
            if connected:
                await self._controls.switch_data_locked(False)
            try:
                await self._write(goform_id, form)
                answer = await read_back(
                    lambda: self._read(APN_FIELDS),
                    lambda answer: apn_shown(apn_state(answer), profile),
                    limit=self._timing.readback_timeout,
                    interval=self._timing.control_poll_interval,
                    what="the APN profile",
                )
            finally:
                if connected:
                    await self._controls.switch_data_locked(True)
        _LOGGER.info("APN set to %s", "automatic" if profile is None else f"profile {profile.handle}")
        return apn_state(answer) or state

    async def set_data_plan(
        self,
        *,
        enabled: bool | None = None,
        limit_gb: float | None = None,
        alert_percent: int | None = None,
        reset_day: int | None = None,
    ) -> PlanSettings:
        """Change data-plan settings: the whole form re-sent with the change, then read back."""
        change = check_plan_change(
            enabled=enabled, limit_gb=limit_gb, alert_percent=alert_percent, reset_day=reset_day
        )
        async with self._lock:
            values = await self._read(PLAN_FORM_FIELDS)
            if plan_settings(values) is None:
                raise ZteControlValidationError("This router reports no data-plan settings")
            await self._write("DATA_LIMIT_SETTING", limit_form(values, change))
            answer = await read_back(
                lambda: self._read(PLAN_FORM_FIELDS),
                lambda answer: (shown := plan_settings(answer)) is not None and change.shown_in(shown),
                limit=self._timing.readback_timeout,
                interval=self._timing.control_poll_interval,
                what="the data-plan settings",
            )
        _LOGGER.info("Data-plan settings changed")
        settings = plan_settings(answer)
        assert settings is not None
        return settings

    async def _write(self, goform_id: str, form: Mapping[str, str]) -> None:
        try:
            await self._session.write(goform_id, form)
        except ZteCommandError as err:
            raise ZteControlRefusedError(f"The router refused {goform_id}") from err
        self._settings.ask()

    async def _read(self, fields: Sequence[str]) -> dict[str, str]:
        """One GET through the guarded request; the settings it saw are kept for the next poll."""
        answer = await self._session.get_fields(fields)
        self._settings.keep({key: value for key, value in answer.items() if key in fields})
        return answer
