"""Benchmarks reuse the test fixtures (simulator, HA, mocked and real MQTT)."""

from tests.conftest import make_client, make_modem
from tests.integration.conftest import auto_enable_custom_integrations, modem, modem_clock
from tests.integration.test_mqtt_bridge import cancel_mqtt_misc_timer
from tests.integration.test_mqtt_broker import broker, real_mqtt

__all__ = [
    "auto_enable_custom_integrations",
    "broker",
    "cancel_mqtt_misc_timer",
    "make_client",
    "make_modem",
    "modem",
    "modem_clock",
    "real_mqtt",
]
