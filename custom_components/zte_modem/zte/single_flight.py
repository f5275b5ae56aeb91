"""Callers that arrive while a read is in flight share it: one request for all of them."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

Result = TypeVar("Result")


class SingleFlight(Generic[Result]):
    """Runs one `fetch` at a time; whoever asks meanwhile gets that same result (or error)."""

    def __init__(self) -> None:
        self._inflight: asyncio.Future[Result] | None = None

    async def run(self, fetch: Callable[[], Awaitable[Result]]) -> Result:
        """The result of the fetch in flight, or of a new one."""
        if self._inflight is not None:
            return await asyncio.shield(self._inflight)
        future: asyncio.Future[Result] = asyncio.get_running_loop().create_future()
        # Retrieve the exception so an unshared failure is not reported as lost.
        future.add_done_callback(lambda done: done.cancelled() or done.exception())
        self._inflight = future
        try:
            result = await fetch()
        except asyncio.CancelledError:
            future.cancel()
            raise
        except BaseException as err:
            future.set_exception(err)
            raise
        else:
            future.set_result(result)
            return result
        finally:
            self._inflight = None
