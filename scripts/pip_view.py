"""What pip on this machine reads, so that pip inside the current lane's Debian root reads the same.

pip's configuration (its files and PIP_* variables) may name other files and folders: a
constraints file, requirement files, a certificate bundle, find-links folders, file://
indexes, a netrc. Copying only the configuration into the root leaves those behind, and
pip there refuses to start ("Could not open constraint file"). scripts/lanes.sh binds every
named path that exists into the root at the same path, read-only; a named path that does
not exist is dropped from the root's view (a cleaned copy of that configuration file, a
cleaned variable) and reported, because pip could not honour it anywhere.

Standard library only, any Python 3.8+: it runs on the host before any venv exists.

    python3 scripts/pip_view.py plan --view-dir DIR   lines for scripts/lanes.sh:
        bind<TAB>SOURCE<TAB>TARGET   bind SOURCE at TARGET inside the root
        set<TAB>NAME<TAB>VALUE       run with this variable instead of the host's
        unset<TAB>NAME               run without this variable
        drop<TAB>WHERE<TAB>OPTION<TAB>VALUE   named, but missing on this machine
    python3 scripts/pip_view.py digest                what the root's venvs depend on
"""

from __future__ import annotations

import argparse
import configparser
import hashlib
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

# Options whose values pip reads from disk (outputs such as cache-dir, log or target are not
# inputs: the root has its own).
PATH_OPTIONS = frozenset({"constraint", "requirement", "cert", "client-cert"})
LOCATION_OPTIONS = frozenset({"find-links", "index-url", "extra-index-url"})
# Options that take several whitespace-separated values in a configuration file.
MULTI_VALUE = frozenset({"constraint", "requirement", "find-links", "extra-index-url"})
ENV_PREFIX = "PIP_"


@dataclass
class View:
    """The root's view of the host's pip configuration."""

    binds: dict[str, str] = field(default_factory=dict)  # target -> source
    env: dict[str, str | None] = field(default_factory=dict)  # None: unset
    dropped: list[tuple[str, str, str]] = field(default_factory=list)
    named: set[str] = field(default_factory=set)  # existing named paths (for the digest)


def config_files(environ: dict[str, str]) -> list[Path]:
    """pip's configuration files, in pip's order (global, user, PIP_CONFIG_FILE).

    As pip decides (pip/_internal/configuration.py): PIP_CONFIG_FILE set to os.devnull
    means no file at all, and an existing PIP_CONFIG_FILE replaces the user's files.
    """
    named = environ.get("PIP_CONFIG_FILE")
    if named == os.devnull:
        return []
    home = Path(environ.get("HOME") or Path.home())
    xdg_dirs = environ.get("XDG_CONFIG_DIRS") or "/etc/xdg"
    xdg_home = Path(environ.get("XDG_CONFIG_HOME") or home / ".config")
    files = [Path(d) / "pip" / "pip.conf" for d in xdg_dirs.split(os.pathsep) if d]
    files.append(Path("/etc/pip.conf"))
    if named and Path(named).is_file():
        files.append(Path(named))
    else:
        files += [home / ".pip" / "pip.conf", xdg_home / "pip" / "pip.conf"]
    return [path for path in dict.fromkeys(files) if path.is_file()]


def netrc_file(environ: dict[str, str]) -> Path | None:
    """The netrc pip's downloads read credentials from (NETRC, else ~/.netrc)."""
    home = Path(environ.get("HOME") or Path.home())
    path = Path(environ["NETRC"]) if environ.get("NETRC") else home / ".netrc"
    return path if path.is_file() else None


def local_path(option: str, value: str) -> str | None:
    """The local path a value names, or None (a remote URL, a relative or empty value)."""
    if option in LOCATION_OPTIONS and "://" in value:
        url = urlparse(value)
        return unquote(url.path) if url.scheme == "file" and url.path.startswith("/") else None
    expanded = os.path.expanduser(value)
    return expanded if expanded.startswith("/") else None


def index_root(option: str, path: str) -> str:
    """What a local index needs: its pages link to the files beside them (`../../files/x.whl`
    in `<root>/simple/x/index.html`), so a `.../simple` index brings the folder above it."""
    if option in ("index-url", "extra-index-url") and Path(path).name == "simple":
        return str(Path(path).parent)
    return path


def split_values(option: str, raw: str) -> list[str]:
    return raw.split() if option in MULTI_VALUE else [raw.strip()]


def keep_values(view: View, where: str, option: str, raw: str) -> list[str] | None:
    """The values without those naming a missing path (None: nothing dropped); existing ones are bound."""
    kept: list[str] = []
    dropped = False
    for value in split_values(option, raw):
        path = local_path(option, value)
        if path is None:
            kept.append(value)
        elif os.path.exists(path):
            kept.append(value)
            shared = index_root(option, path)
            view.binds.setdefault(shared, shared)
            view.named.add(shared)
        else:
            view.dropped.append((where, option, value))
            dropped = True
    return kept if dropped else None


def option_of(key: str) -> str:
    """'constraints' and 'constraint' name the same option; keys use dashes or underscores."""
    name = key.lower().replace("_", "-")
    return {"constraints": "constraint", "requirements": "requirement"}.get(name, name)


def add_config_file(view: View, path: Path, view_dir: Path | None) -> None:
    parser = configparser.RawConfigParser(strict=False)
    parser.read(path, encoding="utf-8")
    changed = False
    for section in parser.sections():
        for key, raw in parser.items(section):
            option = option_of(key)
            if option not in PATH_OPTIONS | LOCATION_OPTIONS:
                continue
            kept = keep_values(view, str(path), option, raw)
            if kept is not None:
                parser.set(section, key, "\n".join(kept))
                changed = True
    source = str(path)
    if changed and view_dir is not None:
        cleaned = view_dir / re.sub(r"[^A-Za-z0-9_.-]", "_", str(path).lstrip("/"))
        view_dir.mkdir(parents=True, exist_ok=True)
        with cleaned.open("w", encoding="utf-8") as out:
            parser.write(out)
        source = str(cleaned)
    view.binds[str(path)] = source
    view.named.add(str(path))


def add_environment(view: View, environ: dict[str, str]) -> None:
    for name, raw in sorted(environ.items()):
        if not name.startswith(ENV_PREFIX) or name == "PIP_CONFIG_FILE":
            continue
        option = option_of(name[len(ENV_PREFIX) :])
        if option not in PATH_OPTIONS | LOCATION_OPTIONS:
            continue
        kept = keep_values(view, name, option, raw)
        if kept is not None:
            view.env[name] = " ".join(kept) or None


def build_view(environ: dict[str, str], view_dir: Path | None) -> View:
    view = View()
    for path in config_files(environ):
        add_config_file(view, path, view_dir)
    add_environment(view, environ)
    if (netrc := netrc_file(environ)) is not None:
        view.binds[str(netrc)] = str(netrc)
        view.named.add(str(netrc))
    return view


def digest(view: View) -> str:
    """Contents of every named file; for a folder, its listing (name, size, time) one level deep."""
    sha = hashlib.sha256()
    for target in sorted(view.binds):
        sha.update(f"bind {target}\n".encode())
        source = Path(view.binds[target])
        if source.is_file():
            sha.update(source.read_bytes())
        elif source.is_dir():
            for entry in sorted(os.scandir(source), key=lambda entry: entry.name):
                stat = entry.stat()
                sha.update(f"{entry.name} {stat.st_size} {int(stat.st_mtime)}\n".encode())
    for name, value in sorted(view.env.items()):
        sha.update(f"env {name}={value}\n".encode())
    return sha.hexdigest()[:16]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=("plan", "digest"))
    parser.add_argument("--view-dir", type=Path, help="where cleaned configuration files are written")
    args = parser.parse_args(argv)
    view = build_view(dict(os.environ), args.view_dir)
    if args.command == "digest":
        print(digest(view))
        return 0
    for target, source in view.binds.items():
        print(f"bind\t{source}\t{target}")
    for name, value in view.env.items():
        print(f"set\t{name}\t{value}" if value is not None else f"unset\t{name}")
    for where, option, value in view.dropped:
        print(f"drop\t{where}\t{option}\t{value}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
