"""Validation of setdata requests against the settings table and the camera's cross-key rules."""

from __future__ import annotations

import ipaddress
import re

from .models import RESERVED_PORTS, Setting

PRINTABLE = re.compile(r"[\x21-\x7e]*")


class Rejected(Exception):
    """A request that the camera rejects with ``status`` and body ``error=<reason>``."""

    def __init__(self, status: int, reason: str):
        super().__init__(f"{status} error={reason}")
        self.status = status
        self.reason = reason


def normalize_value(setting: Setting, value: str, factory_value: str | None) -> str | None:
    """Return the value as the camera stores it, or raise Rejected(400, key).

    Secrets return None when the empty value clears them.
    """
    invalid = Rejected(400, setting.key)

    if setting.kind == "enum":
        if value not in setting.values:
            raise invalid
        return value

    if setting.kind == "ipv4":
        try:
            return str(ipaddress.IPv4Address(value))
        except ValueError:
            raise invalid from None

    if setting.kind in ("port", "int"):
        if not value.isascii() or not value.isdigit():
            raise invalid
        number = int(value)
        if setting.kind == "int" and not setting.low <= number <= setting.high:
            raise invalid
        if setting.kind == "port" and not _port_allowed(number, factory_value):
            raise invalid
        return str(number)

    if setting.kind == "secret" and value == "":
        return None
    if not setting.low <= len(value) <= setting.high:
        raise invalid
    if setting.charset and not re.fullmatch(f"[{setting.charset}]*", value):
        raise invalid
    if not PRINTABLE.fullmatch(value) or any(char in setting.forbidden for char in value):
        raise invalid
    return value


def _port_allowed(number: int, factory_value: str | None) -> bool:
    if not 1 <= number <= 65535:
        return False
    if number in RESERVED_PORTS:
        return factory_value is not None and number == int(factory_value)
    return True


def validate_changes(
    table: dict[str, Setting],
    current: dict[str, str | None],
    factory: dict[str, str | None],
    changes: list[tuple[str, str]],
    http_port: int,
    ca_cert_installed: bool = False,
) -> dict[str, str | None]:
    """Check every key of a setdata request and return the normalized values to store.

    The request applies in full or not at all: the first invalid key, in request order,
    raises Rejected(400, key). Cross-key rules run after every value is valid
    and raise Rejected(403, reason), but only when the request names one of the
    keys involved, so a state set by the control API does not block unrelated writes.
    """
    if not changes:
        raise Rejected(400, "no_keys")

    accepted: dict[str, str | None] = {}
    for key, value in changes:
        setting = table.get(key)
        if setting is None:
            raise Rejected(400, key)
        accepted[key] = normalize_value(setting, value, factory.get(key))

    merged = {**current, **accepted}
    named = set(accepted)

    if "HTTPS_PORT" in named and merged["HTTPS_PORT"] == str(http_port):
        raise Rejected(400, "HTTPS_PORT")

    if named & {"NTPSVR", "NW"} and merged["NTPSVR"] == "auto" and merged["NW"] == "static":
        raise Rejected(403, "ntp_auto_needs_dynamic_network")

    if (
        named & {"ALTERATION", "SDRECFMT"}
        and merged.get("ALTERATION") == "on"
        and merged.get("SDRECFMT") == "jpeg"
    ):
        raise Rejected(403, "needs_mp4")

    if accepted.get("HTTPS_CERT") == "ca" and not ca_cert_installed:
        raise Rejected(403, "ca_cert_not_installed")

    return accepted
