"""The SMS session key on goform firmware that encrypts SMS fields (newer MC888/MC889, MF833-class).

Same cryptography as on ubus (../sms_crypto.py), another carrier (ubus-protocol.md §4.1):
after every login, `GET cmd=web_crt_get` answers the router's RSA public key in `result`; a
fresh key goes back wrapped in `POST goformId=web_http_enstr_set&web_enstr=…` (with AD), and
from then on SEND_SMS takes `Number` and `MessageBody` encrypted and `sms_data_total` lists
`number` and `content` encrypted. An empty or missing key means the firmware does not encrypt
(MC801A answers none); the client then stops asking. Costs: one GET per login, one POST more
on firmware that encrypts; nothing per poll. A list this key could not open renews it once per
session (`renew`: the router may have replaced it). Neither key is ever logged.
"""

from __future__ import annotations

import logging

from ..exceptions import ZteCommandError, ZteUnsupportedFirmwareError
from ..sms_crypto import SmsCipher
from .session import GoformSession

_LOGGER = logging.getLogger(__name__)

CERTIFICATE_CMD = "web_crt_get"
KEY_HANDOVER = "web_http_enstr_set"


class GoformSmsKey:
    """This session's SMS key: registered in the session's login hook, None without the scheme."""

    def __init__(self, session: GoformSession) -> None:
        self._session = session
        # None until the firmware was asked; False: no key on this firmware, never asked again.
        self.encrypts: bool | None = None
        self.cipher: SmsCipher | None = None
        self._renewed = False
        session.on_login(self._on_login_locked)

    def __repr__(self) -> str:
        return f"GoformSmsKey(encrypts={self.encrypts}, registered={self.cipher is not None})"

    async def renew(self) -> bool:
        """A new key for this session, once per session (after a list it could not open); whether
        one was registered now."""
        async with self._session.lock:
            if self._renewed or not self._session.logged_in or self.encrypts is not True:
                return False
            self._renewed = True
            _LOGGER.debug("Renewing the SMS session key with %s", self._session.http.host)
            await self._register_locked()
            return self.cipher is not None

    async def _on_login_locked(self) -> None:
        """After a login, request lock held: a new key for the new session (the old one died with
        the old session)."""
        self._renewed = False
        await self._register_locked()

    async def _register_locked(self) -> None:
        self.cipher = None
        if self.encrypts is False:
            return
        try:
            answer = await self._session.http.get_json({"cmd": CERTIFICATE_CMD})
        except ZteUnsupportedFirmwareError:
            answer = {}
        pem = answer.get("result")
        if not isinstance(pem, str) or "BEGIN" not in pem:
            _LOGGER.debug("%s gives no SMS key: SMS fields travel in plain", self._session.http.host)
            self.encrypts = False
            return
        cipher = SmsCipher.new()
        try:
            wrapped = cipher.wrapped(pem)
        except (ImportError, ValueError) as err:
            _LOGGER.debug("No SMS key for %s: %s", self._session.http.host, type(err).__name__)
            return
        try:
            await self._session.write_locked(KEY_HANDOVER, {"web_enstr": wrapped})
        except ZteCommandError:
            _LOGGER.debug("%s refused the SMS session key", self._session.http.host)
            return
        self.encrypts = True
        self.cipher = cipher
        _LOGGER.debug("SMS session key registered with %s", self._session.http.host)
