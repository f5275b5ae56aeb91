"""The parser: typed values, sentinels as None, and no exception on any input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from custom_components.zte_modem.zte import METRICS, ValueKind
from custom_components.zte_modem.zte.goform import AdDigest, Family, LoginForm, LoginProfile, PasswordEncoding
from custom_components.zte_modem.zte.goform.client import POLL_FIELDS
from custom_components.zte_modem.zte.goform.crypto import ad_token, encode_password
from custom_components.zte_modem.zte.goform.device import device_from_raw
from custom_components.zte_modem.zte.goform.fields import SOURCES
from custom_components.zte_modem.zte.goform.snapshot import snapshot_from_raw

FIELDS = POLL_FIELDS
ANY_TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", "--", "-", "N/A", "NaN", "inf", "255", "-32768", "-3276.8", "0x1F", "B3", "n78"]),
    st.from_regex(r"-?\d{1,6}(\.\d{1,2})?", fullmatch=True),
)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.sampled_from(FIELDS), ANY_TEXT) | st.dictionaries(st.text(), ANY_TEXT))
def test_parser_never_raises(raw: dict[str, str]) -> None:
    """Whatever strings the modem sends, parsing yields a snapshot of typed values."""
    snapshot = snapshot_from_raw(raw)
    for metric in METRICS:
        value = snapshot.values[metric.key]
        if metric.kind is ValueKind.FLAG:
            assert value is None or isinstance(value, bool)
        elif metric.unit is not None:
            assert value is None or (isinstance(value, int | float) and not isinstance(value, bool))


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.sampled_from(FIELDS), st.integers() | st.none() | st.lists(st.text())))
def test_parser_tolerates_non_strings(raw: dict[str, object]) -> None:
    """Table keys come back as arrays; they never break the numbers."""
    snapshot = snapshot_from_raw(raw)
    assert set(snapshot.values) == {metric.key for metric in METRICS}


@pytest.mark.parametrize(
    ("key", "raw", "expected"),
    [
        ("lte_rsrp", {"lte_rsrp": "-95"}, -95),
        ("lte_rsrp", {"lte_rsrp": " -95.5 "}, -95.5),
        ("lte_rsrp", {"lte_rsrp": ""}, None),
        ("lte_rsrp", {"lte_rsrp": "--"}, None),
        ("lte_sinr", {"lte_snr": "255"}, None),
        ("lte_sinr", {"lte_snr": "-32768"}, None),
        ("nr5g_sinr", {"Z5g_SINR": "-3276.8"}, None),
        ("nr5g_sinr", {"Z5g_SINR": "33.0"}, 33.0),
        ("lte_rsrq", {"lte_rsrq": "abc"}, None),
        ("lte_pci", {"lte_pci": "1F4"}, 500),
        ("lte_pci", {"lte_pci": "zz"}, None),
        ("cell_id", {"cell_id": "2c20f34"}, 46272308),
        ("lte_band", {"lte_ca_pcell_band": "", "lte_band": "", "wan_active_band": "LTE BAND 41"}, "B41"),
        ("lte_band", {"lte_ca_pcell_band": "0"}, None),
        ("lte_band", {"lte_band": "B20"}, "B20"),
        ("nr5g_band", {"nr5g_action_band": "78"}, "n78"),
        ("nr5g_band", {"nr5g_action_band": "N41"}, "n41"),
        ("nr5g_band", {"nr5g_action_band": "none"}, None),
        ("lte_bandwidth", {"lte_ca_pcell_bandwidth": "", "bandwidth": "20MHz"}, 20),
        (
            "lte_ca_bands",
            {"lte_ca_pcell_band": "3", "lte_multi_ca_scell_info": "1,64,2,7,3100,20.0;"},
            "B3+B7",
        ),
        ("lte_ca_bands", {"lte_multi_ca_scell_info": "garbage;1,2;"}, None),
        ("connected", {"ppp_status": "ipv4_ipv6_connected"}, True),
        ("connected", {"ppp_status": "ppp_connecting"}, False),
        ("connected", {"ppp_status": ""}, None),
        ("roaming", {"simcard_roam": "Internal"}, True),
        ("provider", {"network_provider_fullname": "", "network_provider": "732103"}, "732103"),
        ("sms_unread", {"sms_dev_unread_num": "", "sms_unread_num": "3"}, 3),
        ("rx_rate", {"realtime_rx_thrpt": "1e400"}, None),
    ],
)
def test_metric_values(key: str, raw: dict[str, str], expected: object) -> None:
    """Each conversion a user would see on a sensor."""
    assert SOURCES[key].value(raw) == expected


def test_device_identity() -> None:
    """Model comes from model_name, else from the firmware version string."""
    device = device_from_raw(
        {"wa_inner_version": "BD_UKH3GMC801AV1.0.0B15", "mac_address": "34:4B:50:00:00:01"}
    )
    assert device.model == "MC801A"
    assert device.serial == "344b50000001"
    assert device_from_raw({"imei": "861234567890123"}).serial == "861234567890123"
    assert device_from_raw({"wa_inner_version": "weird"}).model is None
    assert device_from_raw({}).serial is None


def test_password_encodings() -> None:
    """The LOGIN password field per encoding (the simulator checks the real thing)."""
    assert encode_password("admin", PasswordEncoding.PLAIN) == "admin"
    assert encode_password("admin", PasswordEncoding.BASE64) == "YWRtaW4="
    assert encode_password("admin", PasswordEncoding.SHA256_BASE64).isupper()
    hashed = encode_password("admin", PasswordEncoding.SHA256_LD, "ab" * 32)
    assert hashed == encode_password("admin", PasswordEncoding.SHA256_LD, "AB" * 32)
    assert ad_token(AdDigest.NONE, "v", "c", "rd") == ""
    assert ad_token(AdDigest.MD5, "v", "c", "rd").islower()
    assert len(ad_token(AdDigest.SHA256, "v", "c", "rd")) == 64


@pytest.mark.parametrize(
    ("encoding", "digest", "family"),
    [
        (PasswordEncoding.PLAIN, AdDigest.NONE, Family.A),
        (PasswordEncoding.BASE64, AdDigest.NONE, Family.A),
        (PasswordEncoding.BASE64, AdDigest.MD5, Family.A_PLUS),
        (PasswordEncoding.SHA256_BASE64, AdDigest.MD5, Family.B),
        (PasswordEncoding.SHA256_LD, AdDigest.MD5, Family.C),
        (PasswordEncoding.SHA256_LD, AdDigest.SHA256, Family.D),
    ],
)
def test_profile_round_trip(encoding: PasswordEncoding, digest: AdDigest, family: Family) -> None:
    """A stored profile restores exactly and names its family."""
    profile = LoginProfile(encoding, digest, login_form=LoginForm.MULTI_USER, firmware="BD_X")
    assert LoginProfile.from_dict(profile.as_dict()) == profile
    assert profile.family is family
    with pytest.raises(ValueError, match="crc32"):
        LoginProfile.from_dict({**profile.as_dict(), "ad_digest": "crc32"})
