"""One emulated camera: its settings, users, lockout, counters, system log and faults.

Everything here is plain state and rules without networking, so cgi.py and control.py
share it and servers.py decides when the camera listens.
"""

from __future__ import annotations

import collections
import datetime
import logging
import secrets
import time
from dataclasses import dataclass, field

from .auth import NonceStore
from .certificates import CertificateStore
from .dot1x import Dot1xCertificates
from .faults import Faults
from .hostauth import HostList
from .models import SECRET_FORBIDDEN, USER_NAME_FORBIDDEN, ModelProfile, factory_settings, settings_for
from .settings import Rejected, validate_changes

log = logging.getLogger(__name__)

LOG_TYPES = ("access", "event", "error")
LOG_ENTRIES_KEPT = 100
RANDOMNUM_SECONDS = 60
# A user who keeps working from one address is logged once, not once per request.
LOGIN_LOG_INTERVAL = 60.0


@dataclass(frozen=True)
class CameraOptions:
    """Fleet-wide timings and ports, set by the serve command's options."""

    http_port: int
    https_port: int
    restart_seconds: float = 2.0
    firmware_seconds: float = 3.0
    keygen_seconds: float = 5.0
    lockout_failures: int = 8
    lockout_window: float = 30.0
    lockout_seconds: float = 600.0


@dataclass
class User:
    name: str
    password: str
    level: int


@dataclass
class Counters:
    """Request counters that the control API reports and resets."""

    requests: int = 0
    reads: int = 0
    writes: int = 0
    auth_failures: int = 0
    auth_challenges: int = 0
    # The maximum number of times one settings key was read by getdata: 1 when each group was read once.
    setting_reads_max: int = 0
    _setting_reads: dict = field(default_factory=dict, repr=False)

    def count_setting_reads(self, keys) -> None:
        for key in keys:
            self._setting_reads[key] = self._setting_reads.get(key, 0) + 1
            self.setting_reads_max = max(self.setting_reads_max, self._setting_reads[key])

    def as_dict(self) -> dict[str, int]:
        return {name: value for name, value in self.__dict__.items() if not name.startswith("_")}

    def reset(self) -> None:
        for name in self.as_dict():
            setattr(self, name, 0)
        self._setting_reads.clear()


class Lockout:
    """Failed-authentication tracking per source address.

    ``failures`` failures within ``window`` seconds lock the source out for ``seconds``.
    """

    def __init__(self, failures: int, window: float, seconds: float):
        self.failures = failures
        self.window = window
        self.seconds = seconds
        self._recent: dict[str, collections.deque[float]] = {}
        self._locked_until: dict[str, float] = {}

    def seconds_left(self, source: str) -> float:
        until = self._locked_until.get(source)
        if until is None:
            return 0.0
        left = until - time.monotonic()
        if left <= 0:
            del self._locked_until[source]
            return 0.0
        return left

    def record_failure(self, source: str) -> bool:
        """Record one failure and return True when it locks the source out."""
        now = time.monotonic()
        recent = self._recent.setdefault(source, collections.deque())
        recent.append(now)
        while recent and now - recent[0] > self.window:
            recent.popleft()

        if len(recent) < self.failures:
            return False
        self.lock(source)
        return True

    def lock(self, source: str) -> None:
        self._locked_until[source] = time.monotonic() + self.seconds
        self._recent.pop(source, None)

    def active(self) -> dict[str, int]:
        left = {source: self.seconds_left(source) for source in list(self._locked_until)}
        return {source: int(seconds + 0.999) for source, seconds in left.items() if seconds > 0}

    def clear(self) -> None:
        self._recent.clear()
        self._locked_until.clear()


class SystemLog:
    """The access, event and error logs, each keeping its newest LOG_ENTRIES_KEPT entries."""

    def __init__(self):
        self._entries = {kind: collections.deque(maxlen=LOG_ENTRIES_KEPT) for kind in LOG_TYPES}
        self._numbers = dict.fromkeys(LOG_TYPES, 0)

    def add(self, kind: str, code: str, text: str) -> None:
        self._numbers[kind] += 1
        stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%m/%d/%Y %H:%M:%S")
        # '\' separates fields and '$' separates entries, so a text escapes both with a backslash
        # (modeled: the public material shows the separators but no text that contains them).
        clean = text.replace("\\", "\\\\").replace("$", "\\$").replace("\r", " ").replace("\n", " ")
        self._entries[kind].append((self._numbers[kind], stamp, code, clean))

    def render(self, kind: str) -> str:
        """Return the log in get_systemlog's one-line format, oldest entry first."""
        return "$".join(f"{number}\\{stamp}\\{code}\\{text}" for number, stamp, code, text in self._entries[kind])

    def texts(self, kind: str) -> list[str]:
        return [entry[3] for entry in self._entries[kind]]


def check_user_name(name: str) -> bool:
    """Apply the camera's own rule: 1-32 printable ASCII characters without " & : ; \\."""
    return (
        1 <= len(name) <= 32
        and all("\x21" <= char <= "\x7e" for char in name)
        and not any(char in USER_NAME_FORBIDDEN for char in name)
    )


def check_password(password: str) -> bool:
    """Apply the camera's own rule: 8-32 printable ASCII characters (space included) without
    " and &, from at least two of the classes letters, digits and symbols."""
    if not 8 <= len(password) <= 32:
        return False
    if not all("\x20" <= char <= "\x7e" for char in password):
        return False
    if any(char in SECRET_FORBIDDEN for char in password):
        return False

    classes = {_character_class(char) for char in password}
    return len(classes) >= 2


def _character_class(char: str) -> str:
    if char.isalpha():
        return "letter"
    if char.isdigit():
        return "digit"
    return "symbol"


class Camera:
    """The state of one emulated camera."""

    def __init__(
        self,
        name: str,
        site: str,
        address: str,
        profile: ModelProfile,
        options: CameraOptions,
        mac: str,
        serial: str,
        certificates: CertificateStore,
    ):
        self.name = name
        self.site = site
        self.address = address
        self.profile = profile
        self.options = options
        self.mac = mac
        self.serial = serial
        self.table = settings_for(profile)
        self.factory = factory_settings(profile, options.https_port)
        self.settings = dict(self.factory)
        self.version = profile.version
        self.users: dict[str, User] = {}
        self.admin_registered = False
        self.counters = Counters()
        self.lockout = Lockout(options.lockout_failures, options.lockout_window, options.lockout_seconds)
        self.log = SystemLog()
        self.faults = Faults()
        self.nonces = NonceStore()
        self.hosts = HostList()
        self.certificates = certificates
        self.dot1x = Dot1xCertificates()
        # Set between responding to a request that restarts the camera and closing its listeners.
        self.busy = False
        self.online = False
        # Completed outages (restarts, firmware updates, refuse_connections faults).
        # Tests wait for the next one.
        self.restarts = 0
        # The (scheme, port) pairs bound now, which differ from listen_plan() after a PATCH.
        self.listening: list[tuple[str, int]] = []
        self._randomnums: dict[str, float] = {}
        self._logins_logged: dict[tuple[str, str], float] = {}

    # Settings

    def apply_settings(self, changes: list[tuple[str, str]]) -> list[str]:
        """Validate and store a setdata request and return the keys whose value changed.

        Raises Rejected with the status and reason of the camera's error response.
        """
        accepted = validate_changes(
            self.table,
            self.settings,
            self.factory,
            changes,
            self.options.http_port,
            ca_cert_installed=self.certificates.ca_cert is not None,
        )

        changed = [key for key, value in accepted.items() if self.settings.get(key) != value]
        self.settings.update(accepted)
        if changed:
            self.log.add("event", "201", "settings changed: " + ", ".join(changed))
        return changed

    def restarts_for(self, changed: list[str]) -> bool:
        return any(self.table[key].restarts for key in changed)

    def readable_settings(self) -> dict[str, str]:
        """Return getdata's view: values, write-only keys as <KEY>_SET=0|1, and the 802.1X certificate digests."""
        view = {}
        for key, setting in self.table.items():
            if setting.kind == "secret":
                view[f"{key}_SET"] = "0" if self.settings[key] is None else "1"
            else:
                view[key] = self.settings[key]
        if self.profile.has("dot1x"):
            view.update(self.dot1x.getdata_view())
        return view

    def listen_plan(self) -> list[tuple[str, int]]:
        """Return the (scheme, port) pairs the camera listens on with its current settings."""
        https_type = self.settings["HTTPS_TYPE"]
        plan = []
        if https_type != "https":
            plan.append(("http", self.options.http_port))
        if https_type != "http":
            plan.append(("https", int(self.settings["HTTPS_PORT"])))
        return plan

    # Users

    def register_admin(self, name: str, password: str) -> None:
        if self.admin_registered:
            raise Rejected(403, "admin_registered")
        if not check_user_name(name):
            raise Rejected(400, "UNAME")
        if not check_password(password):
            raise Rejected(400, "UPASS")

        self.users[name] = User(name, password, 1)
        self.admin_registered = True
        self.log.add("event", "204", f"administrator {name} registered")

    def add_user(self, name: str, password: str, level_text: str) -> None:
        """Add a user, or overwrite the user of that name as the camera does."""
        if not check_user_name(name):
            raise Rejected(400, "UNAME")
        if not check_password(password):
            raise Rejected(400, "UPASS")
        if level_text not in ("1", "2", "3"):
            raise Rejected(400, "ULEVEL")
        if name not in self.users and len(self.users) >= self.profile.max_users:
            raise Rejected(403, "user_limit")

        verb = "changed" if name in self.users else "added"
        self.users[name] = User(name, password, int(level_text))
        self.log.add("event", "205", f"user {name} {verb}, level {level_text}")

    def delete_user(self, name: str) -> None:
        # The camera accepts deleting its last administrator; only a factory reset recovers it.
        if name not in self.users:
            raise Rejected(400, "UNAME")
        del self.users[name]
        self.log.add("event", "205", f"user {name} deleted")

    # Authentication bookkeeping

    def record_login(self, user: str, source: str) -> None:
        now = time.monotonic()
        last = self._logins_logged.get((user, source))
        if last is not None and now - last < LOGIN_LOG_INTERVAL:
            return
        self._logins_logged[(user, source)] = now
        self.log.add("access", "100", f"login ok: user={user} source={source}")

    def record_failure(self, user: str, source: str) -> bool:
        """Count a failed authentication and return True when it locks the source out."""
        self.counters.auth_failures += 1
        self.log.add("access", "101", f"login failed: user={user or '-'} source={source}")
        locked = self.lockout.record_failure(source)
        if locked:
            text = (
                f"source {source} locked out for {self.options.lockout_seconds:g} s "
                f"after {self.options.lockout_failures} failures"
            )
            self.log.add("access", "102", text)
            log.warning("%s: %s", self.name, text)
        return locked

    # Host authentication

    def host_level_cap(self, source: str) -> int | None:
        """Return the best level that host authentication grants ``source``: 1 when it is off,
        None when the source is denied."""
        if self.settings["HAUTH"] != "on":
            return 1
        return self.hosts.level_cap(source)

    def add_host(self, address: str, level: str) -> None:
        existed = self.hosts.add(address, level)
        verb = "changed" if existed else "added"
        self.log.add("event", "206", f"host authentication entry {address} {verb}, level {level}")

    def delete_host(self, address: str) -> None:
        self.hosts.delete(address)
        self.log.add("event", "206", f"host authentication entry {address} deleted")

    # Certificates

    def serves_ca_certificate(self) -> bool:
        return self.settings["HTTPS_CERT"] == "ca" and self.certificates.ca_cert is not None

    def start_key_generation(self, command: str | None, bits: str | None) -> None:
        def generated(size: int) -> None:
            self.log.add("event", "207", f"CRT key generated, {size} bits")

        self.certificates.start_generation(command, bits, self.options.keygen_seconds, generated)

    def install_ca_certificate(self, data: bytes) -> None:
        cert = self.certificates.install(data)
        self.log.add("event", "208", f"CA certificate installed: {cert.subject.rfc4514_string()}")

    def delete_ca_certificate(self) -> None:
        # The certificate that the HTTPS port presents cannot be deleted.
        if self.serves_ca_certificate():
            raise Rejected(403, "cert_in_use")
        if self.certificates.delete():
            self.log.add("event", "208", "CA certificate deleted")

    # Enhanced security

    def issue_randomnum(self) -> str:
        now = time.monotonic()
        self._randomnums = {value: expiry for value, expiry in self._randomnums.items() if expiry > now}
        value = secrets.token_hex(8).upper()
        self._randomnums[value] = now + RANDOMNUM_SECONDS
        return value

    def consume_randomnum(self, value: str | None) -> bool:
        """Return True for an issued, unused value younger than 60 s, and use it up."""
        if not value:
            return False
        expiry = self._randomnums.pop(value.upper(), None)
        return expiry is not None and expiry > time.monotonic()

    # Initialization

    def reset_data(self) -> None:
        """Restore factory settings but keep network settings, users and the administrator."""
        for key, setting in self.table.items():
            if not setting.network:
                self.settings[key] = self.factory[key]
        # The host list goes with HAUTH, which is not a network key. Keys and certificates stay.
        self.hosts.clear()
        self._randomnums.clear()
        self.log.add("event", "203", "initialized: settings (network settings kept)")

    def reset_all(self) -> None:
        """Restore the factory state, administrator included; the firmware version stays."""
        self.settings = dict(self.factory)
        self.users.clear()
        self.admin_registered = False
        self.hosts.clear()
        self.certificates.clear()
        self.dot1x.clear()
        self._randomnums.clear()
        self._logins_logged.clear()
        self.lockout.clear()
        self.log.add("event", "203", "initialized: all settings, users and administrator")

    # Views

    def summary(self) -> dict:
        return {
            "name": self.name,
            "address": self.address,
            "http_port": self.options.http_port,
            "https_port": int(self.settings["HTTPS_PORT"]),
            "model": self.profile.model,
            "site": self.site,
            "listening": [{"scheme": scheme, "port": port} for scheme, port in self.listening],
        }

    def details(self) -> dict:
        settings = {}
        for key, setting in self.table.items():
            if setting.kind == "secret":
                settings[f"{key}_SET"] = self.settings[key] is not None
            else:
                settings[key] = self.settings[key]

        return {
            **self.summary(),
            "firmware": {"family": self.profile.family, "version": self.version},
            "admin_registered": self.admin_registered,
            "settings": settings,
            "users": [{"name": user.name, "level": user.level} for user in self.users.values()],
            "hosts": self.hosts.as_list(),
            "certificates": {
                **self.certificates.status(),
                "serving": "ca" if self.serves_ca_certificate() else "preinstalled",
            },
            "dot1x_certificates": self.dot1x.status(),
            "counters": self.counters.as_dict(),
            "lockouts": self.lockout.active(),
            "online": self.online,
            "restarts": self.restarts,
        }
