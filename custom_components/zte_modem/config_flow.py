"""Config flow: add a modem, re-enter its password, change its address, options."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from typing import Any

import aiohttp
from homeassistant.config_entries import ConfigEntry, ConfigFlow, ConfigFlowResult
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_USERNAME
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.aiohttp_client import async_create_clientsession
from homeassistant.helpers.selector import (
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)

from .compat import vol
from .const import (
    CONF_PROFILE,
    DEFAULT_HOST,
    DOMAIN,
    LOGGER,
)
from .entry import create_client
from .errors import describe_error
from .options_flow import ZteModemOptionsFlow
from .zte import ModemSnapshot, ZteError, normalize_host

PASSWORD_SELECTOR = TextSelector(TextSelectorConfig(type=TextSelectorType.PASSWORD))


class ModemCheckFailedError(Exception):
    """Login or first read failed; carries the form error and its placeholders."""

    def __init__(self, error: str, placeholders: dict[str, str] | None = None) -> None:
        super().__init__(error)
        self.error = error
        self.placeholders = placeholders or {}


async def check_modem(
    hass: HomeAssistant, host: str, password: str, username: str | None
) -> tuple[ModemSnapshot, dict[str, Any]]:
    """Log in once, read once, log out: proves the settings and identifies the modem."""
    session = async_create_clientsession(hass, auto_cleanup=False, cookie_jar=aiohttp.CookieJar(unsafe=True))
    try:
        client = create_client({CONF_HOST: host, CONF_PASSWORD: password, CONF_USERNAME: username}, session)
        await client.login()
        snapshot = await client.read()
        profile = client.stored_profile
        with contextlib.suppress(ZteError):
            await client.logout()
    except ZteError as err:
        LOGGER.debug("Modem check failed: %s", err)
        key, placeholders = describe_error(err)
        raise ModemCheckFailedError(key, placeholders) from err
    finally:
        # HA-made sessions are detached, not closed (the connector is shared).
        session.detach()
    if snapshot.device.serial is None:
        raise ModemCheckFailedError("no_identity")
    assert profile is not None  # logged in
    return snapshot, profile


async def _check(
    hass: HomeAssistant, user_input: Mapping[str, Any], errors: dict[str, str], placeholders: dict[str, str]
) -> tuple[ModemSnapshot, dict[str, Any]] | None:
    """check_modem for a form: None, with the form's error and placeholders filled, on failure."""
    try:
        return await check_modem(
            hass, user_input[CONF_HOST], user_input[CONF_PASSWORD], user_input.get(CONF_USERNAME)
        )
    except ModemCheckFailedError as err:
        errors["base"] = err.error
        placeholders.update(err.placeholders)
        return None


def _connection_schema(host: vol.Required) -> vol.Schema:
    return vol.Schema(
        {
            host: str,
            vol.Required(CONF_PASSWORD): PASSWORD_SELECTOR,
            vol.Optional(CONF_USERNAME): str,
        }
    )


def _entry_data(user_input: Mapping[str, Any], profile: dict[str, Any]) -> dict[str, Any]:
    data = {
        CONF_HOST: normalize_host(user_input[CONF_HOST]),
        CONF_PASSWORD: user_input[CONF_PASSWORD],
        CONF_PROFILE: profile,
    }
    if username := user_input.get(CONF_USERNAME):
        data[CONF_USERNAME] = username
    return data


class ZteModemConfigFlow(ConfigFlow, domain=DOMAIN):
    """Add a ZTE modem."""

    VERSION = 1

    @staticmethod
    @callback
    def async_get_options_flow(config_entry: ConfigEntry) -> ZteModemOptionsFlow:
        """Options of a configured modem."""
        return ZteModemOptionsFlow()

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Ask for address and password, log in, and identify the modem."""
        errors: dict[str, str] = {}
        placeholders: dict[str, str] = {}
        if user_input is not None:
            # Before any login: a login would throw the running entry out of the single session.
            self._async_abort_entries_match({CONF_HOST: normalize_host(user_input[CONF_HOST])})
        if user_input is not None and (checked := await _check(self.hass, user_input, errors, placeholders)):
            snapshot, profile = checked
            await self.async_set_unique_id(snapshot.device.serial)
            self._abort_if_unique_id_configured()
            return self.async_create_entry(title=snapshot.device.name, data=_entry_data(user_input, profile))
        return self.async_show_form(
            step_id="user",
            data_schema=self.add_suggested_values_to_schema(
                _connection_schema(vol.Required(CONF_HOST, default=DEFAULT_HOST)), user_input
            ),
            errors=errors,
            description_placeholders=placeholders,
        )

    async def async_step_reauth(self, entry_data: Mapping[str, Any]) -> ConfigFlowResult:
        """The modem rejected the stored password."""
        return await self.async_step_reauth_confirm()

    async def async_step_reauth_confirm(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Ask for the new password of the same modem."""
        entry = self._get_reauth_entry()
        errors: dict[str, str] = {}
        placeholders: dict[str, str] = {"host": entry.data[CONF_HOST]}
        if user_input is not None:
            merged = {**entry.data, CONF_PASSWORD: user_input[CONF_PASSWORD]}
            if checked := await _check(self.hass, merged, errors, placeholders):
                snapshot, profile = checked
                await self.async_set_unique_id(snapshot.device.serial)
                self._abort_if_unique_id_mismatch(reason="wrong_modem")
                return self.async_update_reload_and_abort(entry, data=_entry_data(merged, profile))
        return self.async_show_form(
            step_id="reauth_confirm",
            data_schema=vol.Schema({vol.Required(CONF_PASSWORD): PASSWORD_SELECTOR}),
            errors=errors,
            description_placeholders=placeholders,
        )

    async def async_step_reconfigure(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Change address or password of the same modem."""
        entry = self._get_reconfigure_entry()
        errors: dict[str, str] = {}
        placeholders: dict[str, str] = {}
        if user_input is not None and (checked := await _check(self.hass, user_input, errors, placeholders)):
            snapshot, profile = checked
            await self.async_set_unique_id(snapshot.device.serial)
            self._abort_if_unique_id_mismatch(reason="wrong_modem")
            return self.async_update_reload_and_abort(entry, data=_entry_data(user_input, profile))
        suggested = user_input or {
            CONF_HOST: entry.data[CONF_HOST],
            CONF_USERNAME: entry.data.get(CONF_USERNAME),
        }
        return self.async_show_form(
            step_id="reconfigure",
            data_schema=self.add_suggested_values_to_schema(
                _connection_schema(vol.Required(CONF_HOST)), suggested
            ),
            errors=errors,
            description_placeholders=placeholders,
        )
