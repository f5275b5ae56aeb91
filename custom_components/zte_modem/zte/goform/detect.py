"""Learn a firmware's login scheme from the JavaScript the router itself serves.

Real builds put the relevant code in different places (see docs/detection.md):
`js/config/config.js` + `js/service.js` on most, flags and login builder in
`js/config/service.js` on some operator builds, bundled `js/set.js` + `js/com.js`
(named by `js/main.js`'s `require.config` paths) on ZXIC MiFis, plus a per-device
override `js/config/<DEVICE>/config.js`. Every conclusion carries the file and the
construct that decided it, so a failing router's probe output says what to fix.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from .parse import clean
from .profile import AdDigest, LoginForm, PasswordEncoding

# Fetches one static file of the web UI (path below the host, e.g. "js/service.js"); None when absent.
Fetch = Callable[[str], Awaitable[str | None]]

CONFIG_PATH = "js/config/config.js"
SERVICE_PATH = "js/service.js"
MAIN_PATH = "js/main.js"
UTIL_PATH = "js/util.js"
ALTERNATE_PATHS = ("js/config/service.js", "js/set.js", "js/com.js")

_FLAG = re.compile(r"WEB_ATTR_IF_SUPPORT_SHA256[\"']?\s*[:=]\s*[\"']?(\d)")
_TRUE = r"[\"']?\s*[:=]\s*(?:!0|true|1|\"1\"|'1')(?![\w.])"
_FALSE = r"[\"']?\s*[:=]\s*(?:!1|false|0|\"0\"|'0')(?![\w.])"
_PASSWORD_ENCODE = re.compile(r"PASSWORD_ENCODE[\"']?\s*[:=]")
_PASSWORD_ENCODE_OFF = re.compile(r"PASSWORD_ENCODE" + _FALSE)
_USERNAME_ON = re.compile(r"IS_SUPPORT_USERNAME" + _TRUE)
_ACCESSIBLE_ID_OFF = re.compile(r"ACCESSIBLE_ID_SUPPORT" + _FALSE)
_DEVICE = re.compile(r"\bDEVICE[\"']?\s*:\s*[\"']([\w./-]+)[\"']")
_BUILDER = re.compile(r"goformId[\"']?\s*[:=]\s*[\"'](LOGIN_MULTI_USER|LOGIN)[\"']")
_AD_CALL = re.compile(r"([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*\(\s*rd0\s*\+\s*rd1\s*\)")
_AD_ASSIGNED = re.compile(r"\.AD\s*=|[{,]\s*[\"']?AD[\"']?\s*:")
_PLAIN_PASSWORD = re.compile(r"password[\"']?\s*:\s*[\w$]+\.password\s*[,}]")
_REQUIRE_PATHS = re.compile(r"paths\s*:\s*\{([^}]*)\}")
_PATH_ENTRY = re.compile(r"[\"']?([\w$]+)[\"']?\s*:\s*[\"']([\w./-]+)[\"']")
_BASE_URL = re.compile(r"baseUrl\s*:\s*[\"']([\w./-]*)[\"']")
# Names of the AD function seen on real builds, and what they compute.
KNOWN_DIGESTS: dict[str, AdDigest] = {
    "hex_md5": AdDigest.MD5,
    "SHA256": AdDigest.SHA256,
    "paswordAlgorithmsCookie": AdDigest.SHA256,
    "cookWithRequest": AdDigest.SHA256,
}
# Used only when no JavaScript names the digest: MC888/MC889 and MF935 builds use SHA-256.
_SHA256_AD_MODELS = re.compile(r"MC888|MC889|MF935|F30PRO", re.IGNORECASE)


@dataclass(slots=True)
class WebUi:
    """The web UI files that were found, by path, in the order they were read."""

    files: dict[str, str] = field(default_factory=dict)

    def with_text(self, pattern: re.Pattern[str]) -> list[tuple[str, re.Match[str]]]:
        """Every (path, match) of a pattern, device overrides first (they win)."""
        ordered = sorted(self.files.items(), key=lambda item: item[0].count("/"), reverse=True)
        return [(path, match) for path, text in ordered for match in pattern.finditer(text)]

    def first(self, pattern: re.Pattern[str]) -> tuple[str, re.Match[str]] | None:
        """The first (path, match) of a pattern, device overrides first."""
        found = self.with_text(pattern)
        return found[0] if found else None


async def read_web_ui(fetch: Fetch) -> WebUi:
    """Fetch the files that hold the login logic, following the build's own layout."""
    web_ui = WebUi()
    tried: set[str] = set()

    async def take(path: str) -> str | None:
        if path in tried:
            return web_ui.files.get(path)
        tried.add(path)
        text = await fetch(path)
        if text:
            web_ui.files[path] = text
        return text

    config = await take(CONFIG_PATH)
    await take(SERVICE_PATH)
    if config is None or web_ui.first(_BUILDER) is None:
        for path in await _require_paths(take):
            await take(path)
        if web_ui.first(_BUILDER) is None:
            for path in ALTERNATE_PATHS:
                await take(path)
    if (device := web_ui.first(_DEVICE)) is not None:
        name = device[1].group(1).strip("/")
        # Bundled builds keep the override next to set.js, the others under js/config/.
        await take(f"js/{name}/set.js" if device[0] == "js/set.js" else f"js/config/{name}/config.js")
    if (call := web_ui.first(_AD_CALL)) is not None and call[1].group(1) not in KNOWN_DIGESTS:
        await take(UTIL_PATH)
    return web_ui


async def _require_paths(take: Callable[[str], Awaitable[str | None]]) -> list[str]:
    """Where js/main.js's require.config puts the service code and the flags (service: "com")."""
    main = await take(MAIN_PATH)
    if not main:
        return []
    aliases: dict[str, str] = {}
    if (paths := _REQUIRE_PATHS.search(main)) is not None:
        aliases = dict(_PATH_ENTRY.findall(paths.group(1)))
    base_match = _BASE_URL.search(main)
    base = (base_match.group(1) if base_match else "js").strip("/") or "js"
    modules = [aliases.get(name, name) for name in ("service", "set", "config/config")]
    return [f"{base}/{module.strip('./')}.js" for module in dict.fromkeys(modules)]


@dataclass(frozen=True, slots=True)
class Detection:
    """A login scheme and how sure we are of each part, with the evidence."""

    password_encoding: PasswordEncoding
    ad_digest: AdDigest
    login_form: LoginForm
    password_confident: bool
    ad_confident: bool
    form_confident: bool
    evidence: tuple[str, ...] = ()

    @property
    def confident(self) -> bool:
        """Every part was read from the router's own JavaScript."""
        return self.password_confident and self.ad_confident and self.form_confident

    @property
    def multi_user(self) -> bool:
        """LOGIN_MULTI_USER with a user field."""
        return self.login_form is LoginForm.MULTI_USER

    def fallback_encoding(self) -> PasswordEncoding | None:
        """The one alternative password encoding worth a second attempt, if any."""
        if not self.password_confident and self.password_encoding is PasswordEncoding.BASE64:
            return PasswordEncoding.SHA256_BASE64
        return None

    def fallback_form(self) -> LoginForm | None:
        """The other login builder, when the JavaScript did not settle which one."""
        if self.form_confident:
            return None
        return LoginForm.LOGIN if self.login_form is LoginForm.MULTI_USER else LoginForm.MULTI_USER


def detect(web_ui: WebUi, *, ld: str, rd: str, firmware: str, username_given: bool) -> Detection:
    """Combine the router's JS (best) with field heuristics (fallback)."""
    evidence: list[str] = []
    encoding, password_confident = _password(web_ui, ld=ld, evidence=evidence)
    digest, ad_confident = _ad_digest(web_ui, rd=rd, firmware=firmware, evidence=evidence)
    form, form_confident = _login_form(web_ui, username_given=username_given, evidence=evidence)
    return Detection(
        password_encoding=encoding,
        ad_digest=digest,
        login_form=form,
        password_confident=password_confident,
        ad_confident=ad_confident,
        form_confident=form_confident,
        evidence=tuple(evidence),
    )


def _password(web_ui: WebUi, *, ld: str, evidence: list[str]) -> tuple[PasswordEncoding, bool]:
    if (flag := web_ui.first(_FLAG)) is not None:
        path, match = flag
        value = match.group(1)
        evidence.append(f"password: WEB_ATTR_IF_SUPPORT_SHA256={value} in {path}")
        if value == "2":
            return PasswordEncoding.SHA256_LD, True
        if value == "1":
            return PasswordEncoding.SHA256_BASE64, True
    if (encode := web_ui.first(_PASSWORD_ENCODE)) is not None:
        path = encode[0]
        if web_ui.first(_PASSWORD_ENCODE_OFF) is not None:
            evidence.append(f"password: PASSWORD_ENCODE off in {path}, plain text")
            return PasswordEncoding.PLAIN, True
        evidence.append(f"password: PASSWORD_ENCODE on in {path}, base64")
        return PasswordEncoding.BASE64, True
    if flag is not None:
        # A flag of 0 with no PASSWORD_ENCODE: the stock builder's default branch.
        return PasswordEncoding.BASE64, True
    if (builder := web_ui.first(_BUILDER)) is not None:
        path, match = builder
        literal = _enclosing_object(web_ui.files[path], match.start())
        if _PLAIN_PASSWORD.search(literal):
            evidence.append(f"password: the login builder in {path} sends the password as typed")
            return PasswordEncoding.PLAIN, True
    if clean(ld):
        evidence.append(
            "password: no flag in any JS; the modem hands out a login nonce (LD), so SHA-256 with LD"
        )
        return PasswordEncoding.SHA256_LD, False
    evidence.append("password: no flag in any JS and no login nonce (LD), so base64 (not confident)")
    return PasswordEncoding.BASE64, False


def _ad_digest(web_ui: WebUi, *, rd: str, firmware: str, evidence: list[str]) -> tuple[AdDigest, bool]:
    if (call := web_ui.first(_AD_CALL)) is not None:
        path, match = call
        name = match.group(1)
        if name in KNOWN_DIGESTS:
            evidence.append(f"write token: {name}(rd0+rd1) in {path}")
            return KNOWN_DIGESTS[name], True
        resolved = _resolve_wrapper(web_ui, name)
        if resolved is not None:
            inner, where = resolved
            evidence.append(f"write token: {name}(rd0+rd1) in {path}, defined in {where} as {inner}()")
            return KNOWN_DIGESTS[inner], True
        guess = _digest_by_model(firmware)
        evidence.append(
            f"write token: {name}(rd0+rd1) in {path}, but {name} is not resolved; "
            f"guessing {guess} from the firmware name (not confident)"
        )
        return guess, False
    if (off := web_ui.first(_ACCESSIBLE_ID_OFF)) is not None:
        evidence.append(f"write token: ACCESSIBLE_ID_SUPPORT off in {off[0]}, none")
        return AdDigest.NONE, True
    if (builder := web_ui.first(_BUILDER)) is not None and web_ui.first(_AD_ASSIGNED) is None:
        evidence.append(f"write token: login builder in {builder[0]} and no AD set anywhere, none")
        return AdDigest.NONE, True
    if not clean(rd):
        evidence.append("write token: no JS names it and the modem gives no RD, none (not confident)")
        return AdDigest.NONE, False
    guess = _digest_by_model(firmware)
    evidence.append(f"write token: no JS names it; guessing {guess} from the firmware name (not confident)")
    return guess, False


def _resolve_wrapper(web_ui: WebUi, name: str) -> tuple[str, str] | None:
    """One hop: `function NAME(e){return SHA256(e)}` or `NAME=function(e){return hex_md5(e)}`."""
    short = re.escape(name.rsplit(".", 1)[-1])
    pattern = re.compile(
        rf"(?:function\s+{short}\s*\(\s*([\w$]+)\s*\)|{short}\s*[:=]\s*function\s*\(\s*([\w$]+)\s*\))"
        r"\s*\{\s*return\s+([\w$]+)\s*\(\s*([\w$]+)\s*\)"
    )
    for path, match in web_ui.with_text(pattern):
        argument = match.group(1) or match.group(2)
        inner = match.group(3)
        if match.group(4) == argument and inner in KNOWN_DIGESTS:
            return inner, path
    return None


def _digest_by_model(firmware: str) -> AdDigest:
    return AdDigest.SHA256 if _SHA256_AD_MODELS.search(firmware) else AdDigest.MD5


def _login_form(web_ui: WebUi, *, username_given: bool, evidence: list[str]) -> tuple[LoginForm, bool]:
    builders = web_ui.with_text(_BUILDER)
    kinds = {match.group(1) for _, match in builders}
    if kinds == {"LOGIN_MULTI_USER"}:
        evidence.append(f"login: only a LOGIN_MULTI_USER builder, in {builders[0][0]}")
        return LoginForm.MULTI_USER, True
    if kinds == {"LOGIN"}:
        path, match = builders[0]
        literal = _enclosing_object(web_ui.files[path], match.start())
        if re.search(r"\busername[\"']?\s*:", literal):
            base64 = re.search(r"username[\"']?\s*:[^,}]*base64", literal, re.IGNORECASE) is not None
            evidence.append(
                f"login: LOGIN builder with a {'base64 ' if base64 else ''}username field, in {path}"
            )
            return (LoginForm.LOGIN_USERNAME_BASE64 if base64 else LoginForm.LOGIN_USERNAME), True
        evidence.append(f"login: only a LOGIN builder, in {path}")
        return LoginForm.LOGIN, True
    flag = web_ui.first(_USERNAME_ON)
    if kinds:
        if flag is not None:
            evidence.append(f"login: both builders; IS_SUPPORT_USERNAME on in {flag[0]}, LOGIN_MULTI_USER")
            return LoginForm.MULTI_USER, True
        evidence.append("login: both builders and no IS_SUPPORT_USERNAME flag (not confident)")
    elif flag is not None:
        evidence.append(f"login: no builder found; IS_SUPPORT_USERNAME on in {flag[0]} (not confident)")
        return LoginForm.MULTI_USER, False
    else:
        evidence.append("login: no login builder in any JS (not confident)")
    # A user name typed in the setup form is the user's own hint that the firmware has accounts.
    return (LoginForm.MULTI_USER if username_given else LoginForm.LOGIN), False


def _enclosing_object(text: str, position: int) -> str:
    """The object literal `{...}` around a position, for reading one builder's fields."""
    depth = 0
    start = position
    while start > 0:
        start -= 1
        if text[start] == "}":
            depth += 1
        elif text[start] == "{":
            if depth == 0:
                break
            depth -= 1
    depth = 0
    end = position
    while end < len(text):
        if text[end] == "{":
            depth += 1
        elif text[end] == "}":
            if depth == 0:
                break
            depth -= 1
        end += 1
    return text[start : end + 1]
