"""The current lane's root sees the host's pip configuration whole (scripts/pip_view.py, scripts/lanes.sh).

A machine whose pip configuration names a constraints file made the lane's pip refuse to
start inside the root ("Could not open constraint file"). These tests build a throw-away
configuration of that kind: what the root's view of it is, and, where this machine has
the root, that pip in there starts and reads the file the configuration names.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PIP_VIEW = ROOT / "scripts" / "pip_view.py"
# lane_venvs / rootfs_command could not give a root with the lane's pytest venv here.
NO_ROOT = 97


def _throwaway_config(tmp_path: Path, constraint: str) -> tuple[dict[str, str], Path]:
    """A pip configuration naming a constraints file, a find-links folder that does not
    exist and two extra indexes (a local one and a remote one), in an environment where it
    is the only configuration a user could have."""
    constraints = tmp_path / "constraints.txt"
    constraints.write_text(constraint + "\n")
    (tmp_path / "index" / "simple").mkdir(parents=True)
    config = tmp_path / "pip.conf"
    config.write_text(
        "[global]\n"
        f"constraint = {constraints}\n"
        f"find-links = {tmp_path / 'no-such-wheels'}\n"
        f"extra-index-url = file://{tmp_path / 'index' / 'simple'}\n"
        "    https://pypi.example/simple\n"
    )
    home = tmp_path / "home"
    home.mkdir()
    environ = {key: value for key, value in os.environ.items() if not key.startswith("PIP_")}
    environ |= {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CONFIG_DIRS": str(tmp_path / "no-such-xdg"),
        "PIP_CONFIG_FILE": str(config),
        "PIP_FIND_LINKS": str(tmp_path / "gone"),
    }
    return environ, config


def _plan(environ: dict[str, str], view_dir: Path) -> list[list[str]]:
    result = subprocess.run(
        [sys.executable, PIP_VIEW, "plan", "--view-dir", view_dir],
        env=environ, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return [line.split("\t") for line in result.stdout.splitlines()]


def _binds(plan: list[list[str]]) -> dict[str, str]:
    """target -> source of the plan's bind lines."""
    return {line[2]: line[1] for line in plan if line[0] == "bind"}


def _digest(environ: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, PIP_VIEW, "digest"], env=environ, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_plan_binds_what_exists_and_drops_what_does_not(tmp_path: Path) -> None:
    environ, config = _throwaway_config(tmp_path, "six>=1")
    view_dir = tmp_path / "view"

    plan = _plan(environ, view_dir)

    binds = _binds(plan)
    constraints = str(tmp_path / "constraints.txt")
    assert binds[constraints] == constraints
    # A file:// index's pages link to ../../files: the folder above `simple` travels.
    assert binds[str(tmp_path / "index")] == str(tmp_path / "index")
    assert str(tmp_path / "no-such-wheels") not in binds
    # The configuration is seen through a cleaned copy that no longer names the missing folder.
    cleaned = Path(binds[str(config)])
    assert cleaned.parent == view_dir
    cleaned_text = cleaned.read_text()
    assert "no-such-wheels" not in cleaned_text
    assert constraints in cleaned_text
    assert "https://pypi.example/simple" in cleaned_text
    assert ["drop", str(config), "find-links", str(tmp_path / "no-such-wheels")] in plan
    # A variable whose only value names a missing folder is not passed on at all.
    assert ["unset", "PIP_FIND_LINKS"] in plan
    assert ["drop", "PIP_FIND_LINKS", "find-links", str(tmp_path / "gone")] in plan


def test_plan_follows_pip_on_which_files_count(tmp_path: Path) -> None:
    """PIP_CONFIG_FILE replaces the user's files; os.devnull there means no file at all."""
    environ, config = _throwaway_config(tmp_path, "six>=1")
    user_config = Path(environ["XDG_CONFIG_HOME"]) / "pip" / "pip.conf"
    user_config.parent.mkdir(parents=True)
    user_config.write_text(f"[global]\nconstraint = {tmp_path / 'user-constraints.txt'}\n")

    plan = _plan(environ, tmp_path / "view")
    assert str(user_config) not in _binds(plan)
    assert not [line for line in plan if "user-constraints" in "\t".join(line)]

    plan = _plan(environ | {"PIP_CONFIG_FILE": os.devnull}, tmp_path / "view")
    assert not [line for line in plan if line[0] == "bind" and str(tmp_path) in line[2]]


def test_digest_follows_the_named_files_contents(tmp_path: Path) -> None:
    """The root's venvs are rebuilt when a file the configuration names changes."""
    environ, _ = _throwaway_config(tmp_path, "six>=1")
    before = _digest(environ)
    assert _digest(environ) == before
    (tmp_path / "constraints.txt").write_text("six>=2\n")
    assert _digest(environ) != before


def _pip_in_root(environ: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`pip install --dry-run --no-index pip` with the current lane's pytest venv, in its root."""
    script = (
        "source scripts/lanes.sh; lane_venvs current || exit 97; "
        '[[ -n "$LANE_ROOTFS" && -f "$LANE_ROOTFS$LANE_PYTEST_VENV/pyvenv.cfg" ]] || exit 97; '
        'rootfs_command "$LANE_ROOTFS" "$LANE_PYTEST_VENV/bin/python" -m pip install --dry-run --no-index '
        "pip; "
        'exec "${ROOTFS_CMD[@]}"'
    )
    return subprocess.run(
        ["bash", "-c", script],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.skipif(
    os.path.exists("/.zte-lane-root") or os.geteuid() != 0,
    reason="needs the host side of the current lane's Debian root, as root",
)
@pytest.mark.parametrize(("constraint", "starts"), [("six>=1", True), ("pip<1", False)])
def test_pip_in_the_root_reads_the_named_constraints_file(
    tmp_path: Path, constraint: str, starts: bool
) -> None:
    """The constraints file lives under the host's /tmp, which the root hides behind a tmpfs
    of its own: pip there sees it only because the view binds it at its path."""
    environ, _ = _throwaway_config(tmp_path, constraint)
    environ["HOME"] = os.environ.get("HOME", "/root")  # where the lane's root is kept

    result = _pip_in_root(environ)

    if result.returncode == NO_ROOT:
        pytest.skip("the current lane on this machine has no Debian root (scripts/setup --lane current)")
    output = result.stdout + result.stderr
    assert "Could not open constraint file" not in output
    if starts:
        assert result.returncode == 0, output
        assert "Requirement already satisfied: pip" in output
    else:
        assert result.returncode != 0, output
        assert "(constraint) pip<1" in output
