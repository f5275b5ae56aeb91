"""A snapshot from raw goform fields: the field table's values, the device, the switch state."""

from __future__ import annotations

from collections.abc import Mapping

from ..apn import ApnState
from ..clients import ClientList
from ..models import ModemSnapshot
from .apn import SECRET_FIELDS, apn_state
from .cell_identity import neighbours
from .controls import mobile_data_on
from .device import device_from_raw
from .fields import parse_values
from .firmware import firmware_update
from .parse import DEFAULT_FORMAT, ValueFormat
from .plan import CLOCK_FIELD, plan_settings


def snapshot_from_raw(
    raw: Mapping[str, object],
    value_format: ValueFormat = DEFAULT_FORMAT,
    *,
    sms_waiting: bool = False,
    clients: ClientList | None = None,
    apn: ApnState | None = None,
) -> ModemSnapshot:
    """Parse goform fields (and the client's clock, CLOCK_FIELD); never raises, whatever the strings are.

    `apn`: the APN state a transport read otherwise (ubus); else it is parsed from the fields.
    The stored APN profiles (their user names and passwords) never reach the snapshot's raw answer."""
    text = {key: value if isinstance(value, str) else "" for key, value in raw.items()}
    return ModemSnapshot.from_values(
        parse_values(text, value_format),
        device=device_from_raw(text),
        mobile_data=mobile_data_on(text.get("ppp_status")),
        firmware_update=firmware_update(text),
        sms_waiting=sms_waiting,
        clients=clients,
        # The client's clock is no modem field.
        raw={key: value for key, value in text.items() if key != CLOCK_FIELD and key not in SECRET_FIELDS},
        apn=apn if apn is not None else apn_state(text),
        plan_settings=plan_settings(text),
        neighbours=neighbours(text.get("ngbr_cell_info"), value_format),
    )
