"""Simulated firmware builds, named after real models, serving web-UI JavaScript of real shapes.

The JavaScript below is written in our own words from the facts in docs/detection.md
(where real builds keep their flags, login builder and AD function). It reproduces the
constructs a detector must read (file layout, flag spelling, builder object, the
two-step AD computation, wrapper functions), not any vendor code.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

Layout = Literal["standard", "config_service", "bundled"]


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
    multi_user: bool = False  # the only login builder is LOGIN_MULTI_USER
    cookie_name: str = "stok"
    cookie_length: int = 24
    has_5g: bool = False
    serve_js: bool = True
    # Where the login logic lives: js/config/config.js + js/service.js ("standard"),
    # flags and builder in js/config/service.js ("config_service"), or ZXIC bundles
    # js/set.js + js/com.js named by js/main.js ("bundled").
    layout: Layout = "standard"
    # The function applied to rd0+rd1; a name other than hex_md5/SHA256 is defined in js/util.js.
    ad_function: str | None = None
    # DEVICE in the base config; its override file is served too.
    device: str = ""
    # Closure-compiled builds write true/false, UglifyJS builds !0/!1.
    closure_style: bool = False
    # MF-series and UFI builds write lte_pci in decimal.
    pci_decimal: bool = False
    # Fills user_ip_addr for a logged-in client (MC888, MC7010, MF79U).
    user_ip_witness: bool = False
    # 5G values under nr5g_rsrp/5g_rsrp/nr5g_sinr/Z5g_snr instead of Z5g_rsrp/Z5g_SINR (MC888 Pro).
    nr_aliases: bool = False
    # Values this build writes differently from the scenario's (real-firmware quirks).
    quirks: dict[str, str] = field(default_factory=dict)
    # SMS: messages the device memory holds (sms_nv_total), and whether the build encrypts SMS
    # (newer MC888/MC889, MF833: RSA-wrapped session key, AES-GCM; a plain SEND_SMS is refused;
    # tests/simulator/sms_crypto.py).
    sms_nv_total: int = 100
    sms_encrypted: bool = False
    # Lock writes refused until DEVELOPER_OPTION_LOGIN in the session, and the web UI names it
    # (MC801A / U50 Pro style; ubus-protocol.md §4.2).
    developer_login: bool = False
    # A data-only build (no SMS at all): the SMS counters blank, the SMS commands answered as any
    # command the firmware does not know (its name, blank).
    has_sms: bool = True
    # Router controls (tests/simulator/controls.py). Network modes the web UI lists in AUTO_MODES
    # (empty: no list, the client falls back per family); LTE and NR bands the hardware supports;
    # whether the firmware reports them in lte_band_1_64_factory / nr5g_*_band_factory, and whether
    # its web UI lists the LTE bands in FREQUENCY_TYPE_4G; data plan in flux_* (newer builds)
    # instead of data_volume_* / traffic_clear_date.
    network_modes: tuple[str, ...] = ()
    lte_bands: tuple[int, ...] = (1, 3, 7, 8, 20, 28, 38)
    nr_bands: tuple[int, ...] = ()
    band_factory: bool = False
    band_list_js: bool = False
    flux_plan: bool = False
    # Connected clients (clients.py): how station_list answers (object, array or string),
    # whether table commands come back empty beside others or with multi_data, whether there is
    # Wi-Fi at all (outdoor units: LAN only).
    station_shape: str = "object"
    table_strict: bool = False
    has_wifi: bool = True
    # APN settings (admin.py): "ex" APN_PROC_EX, "proc" APN_PROC only, "prefixed", "" none.
    apn_interface: str = "ex"
    # The router's own firmware-update state (tests/simulator/firmware.py): "none" (older builds
    # and MiFis: the fields answer blank), "words" (new_version_state as version_* words) or
    # "numeric" (0/1, as the ZTE WebUI simulator writes it). Which goform builds carry the
    # fields is not on record per model; the 5G CPEs here do.
    fota: str = "none"

    @property
    def ad_call(self) -> str:
        """The function name the service code applies to rd0+rd1."""
        if self.ad_function is not None:
            return self.ad_function
        return "SHA256" if self.ad_digest == "sha256" else "hex_md5"


# Real-firmware shapes of values (docs/metrics.md, tests/fixtures/real/README.md).
MF79U_WRONG_BAND = {"wan_active_band": "LTE BAND 1", "wan_active_channel": "1875", "lte_ca_pcell_arfcn": ""}
MC888_PCELL = {"lte_ca_pcell_band": "0", "lte_ca_pcell_arfcn": "", "lte_ca_pcell_freq": "1300"}
TEMPERATURES = {
    "pm_modem_5g": "51",
    "pm_sensor_ambient": "38",
    "pm_sensor_pa1": "44",
    "pm_sensor_5g": "-40",
    "wifi_chip_temp": "56",
}

# The 5G CPE build of the MF253V family (MC801A): its device override lists these modes and
# LTE bands (the "all" mask 0xA3E2AB0908DF); docs in custom_components/zte_modem/zte/controls.py.
MF253V_MODES = ("WL_AND_5G", "LTE_AND_5G", "Only_5G", "WCDMA_AND_LTE", "Only_LTE", "Only_WCDMA")
MF253V_LTE_BANDS = (1, 2, 3, 4, 5, 7, 8, 12, 17, 20, 25, 26, 28, 30, 32, 34, 38, 39, 40, 41, 42, 46, 48)
STOCK_LTE_MODES = ("NETWORK_auto", "Only_LTE", "Only_WCDMA", "Only_GSM")
NR_BANDS_EU = (1, 3, 5, 7, 8, 20, 28, 38, 41, 75, 77, 78)
MC888_LTE_BANDS = (1, 3, 5, 7, 8, 20, 28, 32, 38, 40, 41, 42, 43)

PROFILES: dict[str, SimProfile] = {
    profile.name: profile
    for profile in (
        SimProfile(
            "mf283",
            "A",
            "MF283",
            "BD_MF283V1.0.0B01",
            "",
            "MF283-1.0",
            None,
            ad_digest="none",
            pci_decimal=True,
        ),
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
            pci_decimal=True,
        ),
        SimProfile("mf286d", "B", "MF286D", "BD_MF286DV1.0.0B05", "", "MF286D-1.0", 1, pci_decimal=True),
        SimProfile(
            "mc801a",
            "C",
            "MC801A",
            "BD_UKH3GMC801AV1.0.0B15",
            "",
            "MC801A-1.0",
            2,
            has_5g=True,
            device="cpe/MF253V",
            quirks=TEMPERATURES,
            network_modes=MF253V_MODES,
            lte_bands=MF253V_LTE_BANDS,
            nr_bands=NR_BANDS_EU,
            band_list_js=True,
            fota="words",
        ),
        SimProfile(
            "mc7010",
            "C",
            "MC7010",
            "BD_MC7010V1.0.0B09",
            "",
            "MC7010-1.1",
            2,
            has_5g=True,
            user_ip_witness=True,
            lte_bands=(1, 3, 7, 8, 20, 28, 38, 40, 41, 42),
            nr_bands=NR_BANDS_EU,
            band_factory=True,
            # An outdoor unit: no Wi-Fi, the PoE port's LAN client only (arthuran README).
            has_wifi=False,
            fota="numeric",
        ),
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
            pci_decimal=True,
            network_modes=STOCK_LTE_MODES,
        ),
        SimProfile(
            "mf79u",
            "C",
            "MF79U",
            "BD_XCBZHKMF79UV1.0.0B03",
            "",
            "MF79U-1.0",
            2,
            pci_decimal=True,
            user_ip_witness=True,
            quirks=MF79U_WRONG_BAND,
            station_shape="array",
        ),
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
            user_ip_witness=True,
            quirks=MC888_PCELL,
            # The list double-encoded in a string, and empty beside other commands (id 68861593999).
            station_shape="string",
            table_strict=True,
            lte_bands=MC888_LTE_BANDS,
            nr_bands=NR_BANDS_EU,
            band_factory=True,
            flux_plan=True,
            fota="words",
        ),
        # An MC889 build whose web UI hides its JS: the client must rely on heuristics.
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
            nr_bands=NR_BANDS_EU,
        ),
        # MC888 Pro: the AD wrapper cookWithRequest lives in js/util.js; 5G values under
        # the nr5g_*/5g_* spellings instead of Z5g_*; every temperature sensor.
        SimProfile(
            "mc888pro",
            "D",
            "MC888 Pro",
            "BD_MC888PROV1.0.0B02",
            "",
            "MC888PRO-1.0",
            2,
            ad_digest="sha256",
            ad_function="cookWithRequest",
            has_5g=True,
            user_ip_witness=True,
            nr_aliases=True,
            quirks=TEMPERATURES,
            nr_bands=NR_BANDS_EU,
            band_factory=True,
            flux_plan=True,
            fota="words",
        ),
        # A 5G MiFi whose model is on no SHA-256 list: only js/util.js tells the AD digest.
        SimProfile(
            "f50",
            "D",
            "F50",
            "BD_ZTEF50V1.0.0B09",
            "",
            "F50-1.0",
            2,
            ad_digest="sha256",
            ad_function="cookWithRequest",
            has_5g=True,
            device="ufi/u30air",
            pci_decimal=True,
            nr_bands=(1, 3, 28, 41, 78),
            flux_plan=True,
        ),
        # MF266 operator firmware: the only login builder is LOGIN_MULTI_USER, no flag says so.
        SimProfile(
            "mf266",
            "C",
            "MF266",
            "BD_MEOPTMF266V1.0.0B06",
            "",
            "MF266-1.0",
            2,
            multi_user=True,
            device="cpe/MF253V",
            pci_decimal=True,
        ),
        # Operator build (MTS 81231FT): flags and builder in js/config/service.js, no config.js.
        SimProfile(
            "mts81231",
            "A",
            "81231FT",
            "BD_MTSRU81231FTV1.0.0B04",
            "",
            "81231FT-1.0",
            None,
            ad_digest="none",
            layout="config_service",
            closure_style=True,
            pci_decimal=True,
        ),
        # ZXIC bundled MiFi (MF761): js/set.js + js/com.js named by js/main.js, DEVICE override ext/set.js.
        SimProfile(
            "mf761",
            "A",
            "MF761",
            "BD_MF761V1.0.0B05",
            "",
            "MF761-1.0",
            None,
            ad_digest="none",
            layout="bundled",
            closure_style=True,
            device="ext",
            pci_decimal=True,
        ),
    )
}


def _bool(profile: SimProfile, value: bool) -> str:
    if profile.closure_style:
        return "true" if value else "false"
    return "!0" if value else "!1"


def _flags(profile: SimProfile) -> str:
    """The flag object's body; AD-less builds omit ACCESSIBLE_ID_SUPPORT altogether."""
    parts = ["IS_TEST:" + _bool(profile, False), "MAX_LOGIN_COUNT:5", f"HAS_LOGIN:{_bool(profile, True)}"]
    if profile.device:
        parts.append(f'DEVICE:"{profile.device}"')
    if profile.sha256_flag is not None:
        parts.append(f"WEB_ATTR_IF_SUPPORT_SHA256:{profile.sha256_flag}")
    parts.append(f"PASSWORD_ENCODE:{_bool(profile, profile.password_encode)}")
    if profile.ad_digest != "none":
        parts.append(f"ACCESSIBLE_ID_SUPPORT:{_bool(profile, True)}")
    return ",".join(parts)


def _login_builder(profile: SimProfile, cfg: str) -> str:
    """The object the service code posts to log in, in the build's own style."""
    if profile.sha256_flag == 2:
        hash_fn = "paswordAlgorithmsCookie"
        password = (
            f'"2"=={cfg}.WEB_ATTR_IF_SUPPORT_SHA256?{hash_fn}({hash_fn}(p.password)+ld):'
            f'"1"=={cfg}.WEB_ATTR_IF_SUPPORT_SHA256?{hash_fn}(Base64.encode(p.password)):Base64.encode(p.password)'
        )
        fetch_ld = 'var ld=getOne({nv:"LD"}).LD;'
    else:
        encode = "$.base64.encode" if profile.closure_style else "Base64.encode"
        password = f"{cfg}.PASSWORD_ENCODE?{encode}(p.password):p.password"
        fetch_ld = ""
    test = "" if profile.layout == "bundled" else "isTest:t,"
    goform = 'goformId:"LOGIN_MULTI_USER",user:p.user' if profile.multi_user else 'goformId:"LOGIN"'
    return f"function loginParams(p){{{fetch_ld}return{{{test}{goform},password:{password}}}}}"


def _ad_block(profile: SimProfile, cfg: str) -> str:
    """How real builds compute AD: in steps through temporaries, then `obj.AD=`."""
    if profile.ad_digest == "none":
        return ""
    fn = profile.ad_call
    return (
        f"function addToken(d){{if({cfg}.ACCESSIBLE_ID_SUPPORT"
        '&&"LOGIN"!=d.goformId&&"SET_WEB_LANGUAGE"!=d.goformId)'
        f'{{var a={fn}(rd0+rd1),r=getOne({{nv:"RD"}}).RD,c={fn}(a+r);d.AD=c}}return d}}'
    )


def _result_handler() -> str:
    return (
        'function loginDone(x){return "0"==x.result||"4"==x.result?{result:!0}:"5"==x.result?'
        '{result:"5"}:"3"==x.result?{result:"badPassword"}:{result:!1}}'
    )


def _sms_cipher(profile: SimProfile) -> str:
    """What an SMS-encrypting build adds: a key wrapped with the router's RSA key, fields in AES-GCM."""
    if not profile.sms_encrypted:
        return ""
    return (
        "function sealSms(d,k){var iv=crypto.getRandomValues(new Uint8Array(12));"
        'return crypto.subtle.encrypt({name:"AES-GCM",iv:iv},k,d)}'
        'function wrapKey(k){var pub=getOne({nv:"web_crt_get"}).result,r=new RsaPkcs1();r.setKey(pub);'
        'return post({goformId:"web_http_enstr_set",web_enstr:r.encrypt(k)})}'
    )


def _developer_code(profile: SimProfile) -> str:
    """The developer page of a build that gates its lock writes (hashes like LOGIN, over a fresh LD)."""
    if not profile.developer_login:
        return ""
    return (
        'function devLogin(p){var ld=getOne({nv:"LD"}).LD;return post({goformId:"DEVELOPER_OPTION_LOGIN",'
        "password:paswordAlgorithmsCookie(paswordAlgorithmsCookie(p)+ld)})}"
        'function devState(){return getOne({nv:"developer_option_loginfo"}).developer_option_loginfo}'
    )


def _service_code(profile: SimProfile, cfg: str) -> str:
    parts = (
        _login_builder(profile, cfg),
        _ad_block(profile, cfg),
        _result_handler(),
        _sms_cipher(profile),
        _developer_code(profile),
    )
    return ";".join(part for part in parts if part)


def _control_lists(profile: SimProfile) -> str:
    """The option lists a config object carries: AUTO_MODES and FREQUENCY_TYPE_4G ({name, value})."""
    text = ""
    if profile.network_modes:
        entries = ",".join(f'{{name:"{mode}",value:"{mode}"}}' for mode in profile.network_modes)
        text += f",AUTO_MODES:[{entries}]"
    if profile.band_list_js:
        every = sum(1 << (band - 1) for band in profile.lte_bands)
        entries = ",".join(
            [f'{{name:"all",value:"0x{every:X}"}}']
            + [f'{{name:"{band}",value:"0x{1 << (band - 1):09X}"}}' for band in profile.lte_bands]
        )
        text += f",FREQUENCY_TYPE_4G:[{entries}]"
    return text


def web_ui_files(profile: SimProfile) -> dict[str, str]:
    """Every static JS file the build serves, by path below the host."""
    if not profile.serve_js:
        return {}
    files: dict[str, str] = {"js/util.js": "function SHA256(s){return sha256hex(s).toUpperCase()}\n"}
    if profile.ad_function not in (None, "hex_md5", "SHA256"):
        files["js/util.js"] += f"function {profile.ad_function}(e){{return SHA256(e)}}\n"
    if profile.sha256_flag == 2:
        files["js/util.js"] += "function paswordAlgorithmsCookie(e){return SHA256(e)}\n"
    if profile.layout == "standard":
        lists = "" if profile.device else _control_lists(profile)
        files["js/config/config.js"] = (
            f"define(function(){{var config={{{_flags(profile)}{lists}}};return config}});\n"
        )
        files["js/service.js"] = (
            "define(['jquery','config/config'],function($,n){" + _service_code(profile, "n") + "});\n"
        )
        files["js/main.js"] = (
            'var rd0="",rd1="";require.config({paths:{jquery:"lib/jquery",md5:"lib/md5"}});\n'
        )
        if profile.device:
            files[f"js/config/{profile.device}/config.js"] = (
                'define(function(){return{WEBUI_TITLE:"CPE"' + _control_lists(profile) + "}});\n"
            )
    elif profile.layout == "config_service":
        files["js/config/service.js"] = (
            f"$(function(){{var aK={{{_flags(profile)}}};" + _service_code(profile, "aK") + "});\n"
        )
        files["js/service.js"] = "function formatTime(s){return s}\n"
    else:
        files["js/main.js"] = (
            'require.config({paths:{base64:"3rd/base64",underscore:"3rd/underscore",service:"com",'
            'menu:"com",sms_list:"sim_device"}});require("set service lib".split(" "),function(s){});\n'
        )
        files["js/set.js"] = (
            f"define(function(){{var a={{{_flags(profile)}}};"
            'require([a.DEVICE+"/set"],function(b){$.extend(a,b)});return a});\n'
        )
        files[f"js/{profile.device}/set.js"] = (
            'define(function(){return{WEBUI_TITLE:"4G Mobile Hotspot"}});\n'
        )
        files["js/com.js"] = (
            'define("service","underscore jquery set".split(" "),function(u,$,aG){'
            + _service_code(profile, "aG")
            + "});\n"
        )
    return files


# Not in PROFILES (every-profile suites stay as they are): an MC888 build that encrypts SMS, as
# the MC889A Pro new firmware (Kajkac #55, PR #66), an MC888 (id 71299028121) and MF833-class
# dongles (id 66461171472) do; its key pair is synthetic (tests/simulator/sms_crypto.py).
SMS_ENCRYPTED = replace(PROFILES["mc888"], name="mc888_sms_encrypted", sms_encrypted=True)
# Not in PROFILES: an MF283 build with the older APN_PROC only (no IPv6 interface), and an
# MC801A-class build of the family that prefixes its APN fields with apn_ (id 70327057113).
APN_PROC_ONLY = replace(PROFILES["mf283"], name="mf283_apn_proc", apn_interface="proc")
APN_PREFIXED = replace(PROFILES["mc801a"], name="mc801a_apn_prefixed", apn_interface="prefixed")
# An MC801A whose band and cell lock writes fail until DEVELOPER_OPTION_LOGIN (nicjac #5: the LTE
# lock fails without it; the U50 Pro GoAhead gates the same goformIds, id 71348909576).
DEVELOPER_LOCKS = replace(PROFILES["mc801a"], name="mc801a_developer", developer_login=True)
