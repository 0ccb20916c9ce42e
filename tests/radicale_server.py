"""A real Radicale CalDAV server for the tests: on 127.0.0.1, a free port, a temporary store.

Users (htpasswd, plain; no delay after a refused login, which Radicale adds against guessing
and the CalDAV client meets once per run, asking first without its login): alice / secret
and bob / hunter2. Radicale's default rights let
each user reach only their own calendars, so alice on bob's calendar is a real 403.
Requests bigger than MAX_REQUEST bytes are refused with 413, which lets a test make the
server reject one event.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

MAX_REQUEST = 60_000


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Radicale:
    url: str
    process: subprocess.Popen
    log: Path

    def client(self, user: str = "alice", password: str = "secret"):
        import caldav

        return caldav.DAVClient(url=self.url, username=user, password=password, timeout=30)

    def _calendar(self, client, name: str):
        for calendar in client.principal().calendars():
            if calendar.get_display_name() == name:
                return calendar
        raise LookupError(name)

    def make_calendar(self, name: str, *events: str) -> None:
        with self.client() as client:
            calendar = client.principal().make_calendar(name=name)
            for event in events:
                calendar.add_event(event)

    def calendar_url(self, name: str) -> str:
        with self.client() as client:
            return str(self._calendar(client, name).url)

    def resources(self, name: str) -> list[str]:
        """The text of every calendar object resource in alice's calendar `name`."""
        with self.client() as client:
            return [item.data for item in self._calendar(client, name).events()]


def start(folder: Path) -> Radicale:
    port = free_port()
    users = folder / "users"
    users.write_text("alice:secret\nbob:hunter2\n", encoding="utf-8")
    config = folder / "config"
    config.write_text(
        f"[server]\nhosts = 127.0.0.1:{port}\nmax_content_length = {MAX_REQUEST}\n"
        f"[auth]\ntype = htpasswd\nhtpasswd_filename = {users}\nhtpasswd_encryption = plain\ndelay = 0\n"
        f"[storage]\nfilesystem_folder = {folder / 'store'}\n[logging]\nlevel = warning\n",
        encoding="utf-8",
    )
    log = folder / "radicale.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "radicale", "--config", str(config)],
        stdout=log.open("w"), stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Radicale stopped: {log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        raise RuntimeError("Radicale did not start in 30 s")
    return Radicale(f"http://127.0.0.1:{port}/", process, log)
