"""The probe command users run to report "does it work with my router?"."""

from __future__ import annotations

import asyncio
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from custom_components.zte_modem.zte import METRICS
from custom_components.zte_modem.zte.probe import build_parser, main, run_probe
from tests.conftest import ModemFactory
from tests.simulator import PROFILES
from tests.simulator.ubus import UbusSimulator, web_password

SECRET = "Pr0be-Secret"


async def _probe(url: str, password: str, *extra: str) -> tuple[int, str]:
    args = build_parser().parse_args(["probe", "--host", url, "--timeout", "2", *extra])
    out = io.StringIO()
    code = await run_probe(args, out, password)
    return code, out.getvalue()


@pytest.mark.parametrize("profile", sorted(PROFILES))
async def test_probe_json_every_family(make_modem: ModemFactory, profile: str) -> None:
    """--json prints family, model, firmware and every metric; no secrets."""
    modem = await make_modem(profile, SECRET)

    code, output = await _probe(modem.url, SECRET, "--json")

    assert code == 0
    result = json.loads(output)
    assert result["family"] == modem.profile.family
    assert result["model"] == modem.profile.model
    assert result["firmware"] == modem.profile.wa_inner_version
    assert set(result["metrics"]) == {metric.key for metric in METRICS}
    assert result["metrics"]["lte_rsrp"] == -95
    assert SECRET not in output
    assert modem.values["imei"] not in output
    assert modem.snapshot_state()["logged_in"] is False  # it gave the session back
    # Every build that serves its JS is read with confidence, and says from which file.
    detection = result["detection"]
    assert detection["confident"] is modem.profile.serve_js
    assert all(line.split(":")[0] in {"password", "write token", "login"} for line in detection["evidence"])


async def test_probe_text(make_modem: ModemFactory) -> None:
    """The human form lists each metric with its unit."""
    modem = await make_modem("mc888", SECRET)
    code, output = await _probe(modem.url, SECRET)
    assert code == 0
    assert "Family:    D" in output
    assert "Detection: confident" in output
    assert "write token: SHA256(rd0+rd1) in js/service.js" in output
    assert "lte_rsrp" in output
    assert "-95 dBm" in output
    assert SECRET not in output


async def test_probe_exit_codes(make_modem: ModemFactory) -> None:
    """2 wrong password, 3 locked, 4 cannot connect, 5 unsupported firmware, 6 busy."""
    modem = await make_modem("mc801a", SECRET)
    assert (await _probe(modem.url, "wrong"))[0] == 2
    modem._attempts_left = 0
    modem._lock_until = modem.clock() + 200
    code, output = await _probe(modem.url, SECRET, "--json")
    assert code == 3
    assert json.loads(output)["error"] == "locked"

    other = await make_modem("mc801a", SECRET, reject_with_2=True)
    other.web_ui_login()
    assert (await _probe(other.url, SECRET))[0] == 6

    html = await make_modem("mc801a", SECRET)
    html.inject_fault("html")
    assert (await _probe(html.url, SECRET))[0] == 5

    down = await make_modem("mc801a", SECRET)
    await down.stop()
    code, output = await _probe(down.url, SECRET)
    assert code == 4
    assert "cannot_connect" in output


async def test_probe_as_a_command(make_modem: ModemFactory) -> None:
    """`python -m custom_components.zte_modem.zte probe` works without Home Assistant."""
    modem = await make_modem("mf286d", SECRET)
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "custom_components.zte_modem.zte",
        "probe",
        "--host",
        modem.url,
        "--json",
        env={**os.environ, "ZTE_PASSWORD": SECRET},
        stdout=asyncio.subprocess.PIPE,
    )
    stdout, _ = await process.communicate()
    assert process.returncode == 0
    assert json.loads(stdout)["family"] == "B"


async def test_main_reads_password_from_environment(
    monkeypatch: pytest.MonkeyPatch, socket_enabled: None
) -> None:
    """main() takes $ZTE_PASSWORD, else prompts; nothing listens, so exit code 4."""
    argv = ["probe", "--host", "127.0.0.1:9", "--timeout", "1"]
    # main() runs its own event loop, so it gets a thread of its own.
    monkeypatch.setenv("ZTE_PASSWORD", SECRET)
    assert await asyncio.to_thread(main, argv) == 4
    monkeypatch.delenv("ZTE_PASSWORD")
    monkeypatch.setattr("getpass.getpass", lambda prompt: SECRET)
    assert await asyncio.to_thread(main, argv) == 4


async def test_probe_says_what_it_could_not_settle(make_modem: ModemFactory) -> None:
    """A build hiding its JS: the probe says the scheme is a guess, and which parts."""
    modem = await make_modem("mc889", SECRET)
    code, output = await _probe(modem.url, SECRET)
    assert code == 0
    assert "Detection: NOT confident" in output
    assert "guessing sha256 from the firmware name (not confident)" in output
    assert SECRET not in output


async def test_scripts_probe_runs_without_home_assistant(make_modem: ModemFactory) -> None:
    """scripts/probe works where Home Assistant cannot be imported, and never imports the integration."""
    modem = await make_modem("mc801a", SECRET)
    script = Path(__file__).resolve().parents[2] / "scripts" / "probe"
    # Poison both packages: importing either one would end the probe with an ImportError.
    guard = (
        "import runpy, sys; sys.modules['homeassistant'] = None; "
        "sys.modules['custom_components'] = None; sys.argv = sys.argv[1:]; "
        "runpy.run_path(sys.argv[0], run_name='__main__')"
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", guard, str(script), "--host", modem.url, "--json",
        env={**os.environ, "ZTE_PASSWORD": SECRET},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    stdout, stderr = await process.communicate()
    assert process.returncode == 0, stderr.decode()
    result = json.loads(stdout)
    assert result["model"] == "MC801A"
    assert result["metrics"]["lte_band"] == "B3"
    assert SECRET not in stdout.decode()


async def test_probe_redacts_like_the_diagnostics(make_modem: ModemFactory) -> None:
    """The WAN addresses shown in no diagnostics download are not printed by the probe either."""
    modem = await make_modem("mc801a", SECRET)
    code, output = await _probe(modem.url, SECRET, "--json")
    assert code == 0
    metrics = json.loads(output)["metrics"]
    assert metrics["wan_ip"] == metrics["wan_ipv6"] == "**REDACTED**"
    assert modem.values["wan_ipaddr"] not in output
    assert metrics["provider"] == "Telia SE"


SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "probe"


def _python_without_aiohttp(tmp_path: Path) -> Path:
    """A venv without packages: the system python3 of a machine scripts/setup never ran on."""
    venv = tmp_path / "bare"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    if subprocess.run([venv / "bin" / "python3", "-c", "import aiohttp"], check=False).returncode == 0:
        pytest.skip("this machine's base Python has aiohttp")
    return venv


def _checkout(tmp_path: Path, venv: Path | None) -> Path:
    """A checkout holding scripts/probe and the client library, with `venv` as its .venv."""
    checkout = tmp_path / "checkout"
    (checkout / "scripts").mkdir(parents=True)
    shutil.copy2(SCRIPT, checkout / "scripts" / "probe")
    (checkout / "custom_components").symlink_to(SCRIPT.parents[1] / "custom_components")
    if venv is not None:
        (checkout / ".venv").symlink_to(venv)
    return checkout


async def _run_as_typed(checkout: Path, python3: Path, *args: str) -> tuple[int, str, str]:
    """`scripts/probe ARGS` from a shell whose `python3` is the one in `python3`'s venv."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "ZTE_PROBE_REEXECUTED"}
    }
    env["PATH"] = f"{python3}/bin{os.pathsep}{env.get('PATH', '')}"
    env["ZTE_PASSWORD"] = SECRET
    process = await asyncio.create_subprocess_exec(
        checkout / "scripts" / "probe", *args, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    stdout, stderr = await process.communicate()
    assert process.returncode is not None
    return process.returncode, stdout.decode(), stderr.decode()


@pytest.mark.parametrize("project_venv", ["none", "without aiohttp"])
async def test_scripts_probe_without_aiohttp_says_what_to_install(tmp_path: Path, project_venv: str) -> None:
    """A python3 without aiohttp and no usable project venv: one line of advice, no traceback."""
    bare = _python_without_aiohttp(tmp_path)
    checkout = _checkout(tmp_path, bare if project_venv == "without aiohttp" else None)

    code, stdout, stderr = await _run_as_typed(checkout, bare, "--host", "http://127.0.0.1:9")

    assert code == 1
    assert stdout == ""
    assert "Traceback" not in stderr
    assert len(stderr.splitlines()) == 1, stderr
    assert stderr.startswith("scripts/probe: needs aiohttp, which ")
    assert stderr.rstrip().endswith("run scripts/setup, or pip install aiohttp")


async def test_scripts_probe_runs_with_the_project_venv(tmp_path: Path, make_modem: ModemFactory) -> None:
    """A python3 without aiohttp, and scripts/setup's .venv in the checkout: the probe runs in that venv."""
    if sys.prefix == sys.base_prefix:
        pytest.skip("the tests do not run in a venv")
    bare = _python_without_aiohttp(tmp_path)
    checkout = _checkout(tmp_path, Path(sys.prefix))

    code, stdout, stderr = await _run_as_typed(checkout, bare, "--help")
    assert code == 0, stderr
    assert "--host" in stdout

    modem = await make_modem("mc801a", SECRET)
    code, stdout, stderr = await _run_as_typed(checkout, bare, "--host", modem.url, "--json")
    assert code == 0, stderr
    assert json.loads(stdout)["model"] == "MC801A"


@pytest.mark.parametrize("profile", ["g5ts", "u60pro"])
async def test_probe_on_a_ubus_router(socket_enabled: None, profile: str) -> None:
    """The probe says which API, model and values; never the salt, the token, the hash or the IMEI."""
    modem = UbusSimulator(profile, SECRET)
    await modem.start()
    try:
        code, output = await _probe(modem.url, SECRET, "--json")
        _, text_output = await _probe(modem.url, SECRET)
    finally:
        await modem.stop()
    assert code == 0
    result = json.loads(output)
    assert result["transport"] == "ubus"
    assert result["model"] == modem.profile.market_name
    assert result["metrics"]["lte_rsrp"] == -80
    assert "API:       ubus" in text_output
    for secret in (SECRET, modem.state.salt, web_password(SECRET, modem.state.salt), modem.values["imei"]):
        assert secret not in output
        assert secret not in text_output
    assert modem.state.token is None  # it logged out
