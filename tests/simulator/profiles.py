"""Simulated firmware builds, one per family, named after real models."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SimProfile:
    """What one firmware build looks like from the network."""

    name: str
    family: str
    model: str
    wa_inner_version: str
    cr_version: str
    hardware_version: str
    sha256_flag: int | None  # WEB_ATTR_IF_SUPPORT_SHA256, None when the build has none
    password_encode: bool = True
    ad_digest: str = "md5"  # "none", "md5", "sha256"
    multi_user: bool = False
    cookie_name: str = "stok"
    cookie_length: int = 24
    has_5g: bool = False
    serve_js: bool = True


PROFILES: dict[str, SimProfile] = {
    profile.name: profile
    for profile in (
        SimProfile("mf283", "A", "MF283", "BD_MF283V1.0.0B01", "", "MF283-1.0", None, ad_digest="none"),
        SimProfile(
            "mf286",
            "A+",
            "MF286",
            "BD_MF286V1.0.0B02",
            "CR_MF286V1.0.0B02",
            "MF286-1.0",
            None,
            multi_user=True,
            cookie_name="zwsd",
            cookie_length=32,
        ),
        SimProfile("mf286d", "B", "MF286D", "BD_MF286DV1.0.0B05", "", "MF286D-1.0", 1),
        SimProfile("mc801a", "C", "MC801A", "BD_UKH3GMC801AV1.0.0B15", "", "MC801A-1.0", 2, has_5g=True),
        SimProfile("mc7010", "C", "MC7010", "BD_MC7010V1.0.0B09", "", "MC7010-1.1", 2, has_5g=True),
        SimProfile(
            "mf297d",
            "C",
            "MF297D",
            "BD_TELIASEMF297DMODV1.0.0B03 [Jan  5 2022 18:02:19]",
            "MF297D_Nordic1_B05",
            "MF297D-1.0",
            2,
            cookie_name="zwsd",
            cookie_length=32,
        ),
        SimProfile("mf79u", "C", "MF79U", "BD_XCBZHKMF79UV1.0.0B03", "", "MF79U-1.0", 2),
        SimProfile(
            "mc888",
            "D",
            "MC888",
            "BD_H3GUKMC888AV1.0.0B03",
            "7520V3SCSDKV2.01.01.02P42U15",
            "MC888A-1.0",
            2,
            ad_digest="sha256",
            cookie_length=64,
            has_5g=True,
        ),
        # An MC888 build whose web UI hides its JS: the client must rely on heuristics.
        SimProfile(
            "mc889",
            "D",
            "MC889",
            "BD_MC889V1.0.0B19",
            "",
            "MC889-1.0",
            2,
            ad_digest="sha256",
            has_5g=True,
            serve_js=False,
        ),
    )
}


def config_js(profile: SimProfile) -> str:
    """js/config/config.js as the build serves it (minified style)."""
    parts = [f'DEVICE:"{profile.model.lower()}"', "MAX_LOGIN_COUNT:5"]
    if profile.sha256_flag is not None:
        parts.append(f"WEB_ATTR_IF_SUPPORT_SHA256:{profile.sha256_flag}")
    parts.append(f"PASSWORD_ENCODE:{'!0' if profile.password_encode else '!1'}")
    parts.append(f"ACCESSIBLE_ID_SUPPORT:{'!1' if profile.ad_digest == 'none' else '!0'}")
    parts.append(f"IS_SUPPORT_USERNAME:{'!0' if profile.multi_user else '!1'}")
    parts.append("HAS_LOGIN:!0")
    return "define(function(){var config={" + ",".join(parts) + "};return config});\n"


def service_js(profile: SimProfile) -> str:
    """The part of js/service.js that reveals the AD expression."""
    if profile.ad_digest == "sha256":
        expression = (
            "var a=paswordAlgorithmsCookie(rd0+rd1);function paswordAlgorithmsCookie(s){return SHA256(s)}"
        )
    elif profile.ad_digest == "md5":
        expression = "var a=hex_md5(rd0+rd1)"
    else:
        expression = "var a=''"
    return f"define(['jquery'],function($){{var rd0='',rd1='';{expression};return {{}}}});\n"
