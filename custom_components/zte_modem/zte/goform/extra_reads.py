"""Extra reads: what joins the poll beyond its one GET, and when (the one named way to add one).

A poll is one multi_data GET. Some values cost a request of their own and change rarely or
only after something else happened: the lock, data-plan and firmware-update settings (they
change only when someone changes them) and the SMS storage use (it changes with the message
list). Each is an `ExtraRead`: due at the first poll, then every `every` seconds (or `sooner`,
while the transport sets it: a firmware download moving) and whenever something asks for it
(`ask()`: the message list was read, a control wrote); its last answer joins every snapshot
until the next. A read-back that saw some of its fields keeps them (`keep()`).
The client lists are not field reads (table commands in any JSON shape): client_lists.py reads
them right after the poll's GET, on their own schedule (`ClientTiming.client_list_interval`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping

from ..exceptions import ZteError

_LOGGER = logging.getLogger(__name__)


class ExtraRead:
    """One extra read of a transport, with its schedule and its last answer."""

    def __init__(
        self,
        name: str,
        read: Callable[[], Awaitable[Mapping[str, str]]],
        *,
        fields: Iterable[str],
        every: float | None,
        optional: bool,
    ) -> None:
        self.name = name
        self.fields = tuple(fields)
        self._read = read
        self._every = every
        # An optional read that fails is left out of this poll (the router may not offer it);
        # a required one fails the poll like the poll's own GET would.
        self._optional = optional
        self._read_at: float | None = None
        self._asked = True
        self._sooner: float | None = None
        self.values: dict[str, str] = {}

    def ask(self) -> None:
        """Read this at the next poll."""
        self._asked = True

    def sooner(self, every: float | None) -> None:
        """Read this every `every` seconds for now (a firmware download moving); None: back to `every`."""
        self._sooner = every

    def due(self) -> bool:
        """Asked for, or older than `every` (or than `sooner`, while set)."""
        if self._asked or self._read_at is None:
            return True
        every = self._sooner if self._sooner is not None else self._every
        return every is not None and time.monotonic() - self._read_at >= every

    def keep(self, answer: Mapping[str, str]) -> None:
        """Take this read's fields from another answer (a control's read-back)."""
        self.values.update({key: answer.get(key, "") for key in self.fields if key in answer})

    async def run_if_due(self) -> None:
        """Read now when due; the answer replaces the last one."""
        if not self.due():
            return
        try:
            answer = await self._read()
        except ZteError as err:
            if not self._optional:
                raise
            _LOGGER.debug("Extra read %s left out of this poll: %s", self.name, type(err).__name__)
            answer = {}
        self._asked = False
        self._read_at = time.monotonic()
        self.keep(answer)
