"""Who to log in as: from the environment, ~/.netrc, or a prompt; never the data file or the
command line (a password there shows in `ps` and in the shell's history)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import urlsplit

from triptrack.errors import InputError

USER_VARIABLE = "TRIPTRACK_CALDAV_USER"
PASSWORD_VARIABLE = "TRIPTRACK_CALDAV_PASSWORD"


@dataclass(frozen=True)
class Login:
    username: str | None
    password: str | None
    source: str  # where it came from, in words

    @property
    def given(self) -> bool:
        return self.username is not None and self.password is not None


def check_url(url: str) -> str:
    """The URL, if it is an http(s) URL with no password in it."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"{url!r} is not a CalDAV address: give one like https://cloud.example.org/remote.php/dav/")
    if parts.password is not None:
        raise InputError(
            f"the address holds a password, which shows in ps and your shell history: remove it and set "
            f"{PASSWORD_VARIABLE} or add the host to ~/.netrc"
        )
    return url


def from_environment_or_netrc(url: str) -> Login:
    parts = urlsplit(url)
    user = os.environ.get(USER_VARIABLE) or parts.username
    password = os.environ.get(PASSWORD_VARIABLE)
    if password is not None:
        if not user:
            raise InputError(f"${PASSWORD_VARIABLE} is set but not the user it is for: set ${USER_VARIABLE} too")
        return Login(user, password, f"${PASSWORD_VARIABLE}")
    found = _netrc_entry(parts.hostname or "")
    if found is not None and (user is None or found[0] == user):
        return Login(found[0], found[1], "~/.netrc")
    return Login(user or None, None, "none")  # (a user without a password: asked for, never another's)


def _netrc_entry(host: str) -> tuple[str, str] | None:
    import netrc

    path = os.path.join(os.path.expanduser("~"), ".netrc")
    if not os.path.exists(path):
        return None
    try:
        entry = netrc.netrc(path).authenticators(host)
    except (netrc.NetrcParseError, OSError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from None
    if entry is None:
        return None
    login, _account, password = entry
    return login, password or ""


def prompted(url: str, ask_user, ask_password) -> Login:
    """Asks in the terminal: the user name (shown), then the password (hidden)."""
    host = urlsplit(url).hostname
    user = os.environ.get(USER_VARIABLE) or urlsplit(url).username or ask_user(f"User name for {host}")
    return Login(user, ask_password(f"Password for {user} at {host}"), "the prompt")
