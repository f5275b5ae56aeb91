"""A Mosquitto locked down as a careful user would: TLS, passwords and an ACL.

The CA is made for the test and thrown away with it. Two users: `ha`, which Home
Assistant's MQTT integration logs in as, may use only the bridge's root `zte/#` and
the discovery prefix `homeassistant/#` (HA's birth message lives there too);
`watcher`, the independent client of the tests, may read `zte/#` and ask on
`zte/+/get`. Nobody else gets in.
"""

from __future__ import annotations

import os
import pwd
import queue
import re
import secrets
import shutil
import subprocess
from pathlib import Path

import paho.mqtt.client as paho

from tests.broker import Mosquitto, Watcher

HA_USER = "ha"
WATCHER_USER = "watcher"

ACL = f"""\
user {HA_USER}
topic readwrite zte/#
topic readwrite homeassistant/#

user {WATCHER_USER}
topic read zte/#
topic write zte/+/get
"""

# Python 3.13 verifies with VERIFY_X509_STRICT: a CA needs critical basic constraints
# and key usage, a leaf an authority key identifier, or HA refuses the chain.
CA_EXTENSIONS = [
    "basicConstraints=critical,CA:TRUE",
    "keyUsage=critical,keyCertSign,cRLSign",
    "subjectKeyIdentifier=hash",
]
SERVER_EXTENSIONS = """\
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,DNS:localhost
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid,issuer
"""
EC_KEY = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]


def tool(name: str) -> str:
    """openssl and mosquitto_passwd from PATH, else where Debian puts them."""
    found = shutil.which(name) or next(
        (str(path) for path in (Path("/usr/bin") / name, Path("/usr/sbin") / name) if path.exists()), None
    )
    if found is None:
        raise RuntimeError(f"{name} is not installed; run scripts/setup")
    return found


def run(*command: str) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:2])} failed: {result.stderr.strip()}")


class SecureMosquitto(Mosquitto):
    """Mosquitto with TLS on 127.0.0.1 only, no anonymous clients, a password file and an ACL.

    Same life cycle as Mosquitto (start, stop, start again on the same port, close);
    `ca_file` is the throw-away CA a client must trust, `passwords` the users' passwords.
    """

    def __init__(self, port: int | None = None) -> None:
        super().__init__(port)
        self.dir = Path(self._dir.name)
        self.ca_file = self.dir / "ca.crt"
        self.log_path = self.dir / "mosquitto.log"
        self.passwords = {HA_USER: secrets.token_urlsafe(16), WATCHER_USER: secrets.token_urlsafe(16)}
        self._make_certificates()
        self._make_password_file()
        acl = self.dir / "acl"
        acl.write_text(ACL)
        acl.chmod(0o600)
        # Global settings apply to every listener (per_listener_settings false). Started as
        # root, Mosquitto would switch to the `mosquitto` user and could not read the 0600
        # files of this directory: it stays whoever runs the tests.
        self._config.write_text(
            f"user {pwd.getpwuid(os.getuid()).pw_name}\n"
            "per_listener_settings false\n"
            "allow_anonymous false\n"
            f"password_file {self.dir / 'passwords'}\n"
            f"acl_file {acl}\n"
            "persistence false\n"
            f"log_dest file {self.log_path}\n"
            "log_type all\n"
            f"listener {self.port} 127.0.0.1\n"
            f"cafile {self.ca_file}\n"
            f"certfile {self.dir / 'server.crt'}\n"
            f"keyfile {self.dir / 'server.key'}\n"
            "require_certificate false\n"
        )

    def _make_certificates(self) -> None:
        openssl = tool("openssl")
        ca_key, server_key = self.dir / "ca.key", self.dir / "server.key"
        csr, extensions = self.dir / "server.csr", self.dir / "server.ext"
        extensions.write_text(SERVER_EXTENSIONS)
        run(
            openssl, "req", "-x509", *EC_KEY, "-keyout", str(ca_key), "-out", str(self.ca_file),
            "-days", "2", "-subj", "/CN=zte_modem throw-away test CA",
            *(argument for extension in CA_EXTENSIONS for argument in ("-addext", extension)),
        )  # fmt: skip
        run(
            openssl,
            "req",
            "-new",
            *EC_KEY,
            "-keyout",
            str(server_key),
            "-out",
            str(csr),
            "-subj",
            "/CN=localhost",
        )
        run(
            openssl, "x509", "-req", "-in", str(csr), "-CA", str(self.ca_file), "-CAkey", str(ca_key),
            "-set_serial", str(secrets.randbits(63)), "-days", "2", "-extfile", str(extensions),
            "-out", str(self.dir / "server.crt"),
        )  # fmt: skip
        server_key.chmod(0o600)

    def _make_password_file(self) -> None:
        passwd, path = tool("mosquitto_passwd"), self.dir / "passwords"
        for index, (user, password) in enumerate(self.passwords.items()):
            run(passwd, "-b", *(["-c"] if index == 0 else []), str(path), user, password)
        path.chmod(0o600)

    def denied(self, user: str) -> list[str]:
        """The broker's "Denied ..." log lines for the clients that logged in as `user`."""
        log = self.log_path.read_text() if self.log_path.exists() else ""
        clients = set(re.findall(rf" as (\S+) \([^)]*u'{re.escape(user)}'\)", log))
        return [
            line
            for line in log.splitlines()
            if (match := re.search(r"Denied \w+ from (\S+)", line)) and match[1] in clients
        ]


class SecureWatcher(Watcher):
    """tests.broker.Watcher over TLS (trusting only the throw-away CA), logged in as a user."""

    def __init__(self, broker: SecureMosquitto, topics: list[str], user: str = WATCHER_USER) -> None:
        self._ca_file = broker.ca_file
        self._credentials = (user, broker.passwords[user])
        super().__init__(broker.port, topics)

    # Watcher creates its paho client and connects right away: TLS and the login must be
    # set on the client as it is assigned, before that connect.
    @property
    def client(self) -> paho.Client:
        return self._client

    @client.setter
    def client(self, client: paho.Client) -> None:
        client.tls_set(ca_certs=str(self._ca_file))
        client.username_pw_set(*self._credentials)
        self._client = client


def connect_outcome(
    port: int, *, ca_file: Path | None = None, username: str | None = None, password: str | None = None
) -> str:
    """What a client sees when it tries to log in: "Success", the broker's refusal
    (e.g. "Not authorized"), or "no CONNACK: ..." when the connection dies first
    (plain MQTT sent to the TLS port)."""
    outcome: queue.Queue[str] = queue.Queue()
    client = paho.Client(paho.CallbackAPIVersion.VERSION2)
    client.reconnect_delay_set(60, 60)  # one attempt is the point: no retries behind our back
    if ca_file is not None:
        client.tls_set(ca_certs=str(ca_file))
    if username is not None:
        client.username_pw_set(username, password)

    def on_connect(client: paho.Client, userdata: object, flags: object, code: object, props: object) -> None:
        outcome.put(str(code))

    def on_disconnect(
        client: paho.Client, userdata: object, flags: object, code: object, props: object
    ) -> None:
        outcome.put(f"no CONNACK: {code}")

    client.on_connect = on_connect
    client.on_disconnect = on_disconnect
    try:
        client.connect("127.0.0.1", port)
    except OSError as err:  # the TLS handshake fails inside connect() for a client that distrusts the CA
        return f"no CONNACK: {err}"
    client.loop_start()
    try:
        return outcome.get(timeout=10)
    except queue.Empty:
        return "no CONNACK: no answer within 10 s"
    finally:
        client.disconnect()
        client.loop_stop()
