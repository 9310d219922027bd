"""The emulator's firmware image format: one header line, then the payload.

An image reads ``IPRO-FW/1 family=<family> version=<version> sha256=<hex>\\n`` followed by
the payload bytes, where ``sha256`` is the hex digest of the payload. Real i-PRO images
have another, unpublished format; this one only lets tests exercise the update flow.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

MAGIC = "IPRO-FW/1"
HEADER = re.compile(
    rb"IPRO-FW/1 family=(?P<family>[a-z0-9]+) version=(?P<version>\d+\.\d{2}) "
    rb"sha256=(?P<sha256>[0-9a-f]{64})\n"
)
VERSION = re.compile(r"\d+\.\d{2}")
FAMILY = re.compile(r"[a-z0-9]+")
PAYLOAD_SIZE = 64 * 1024


class InvalidImage(ValueError):
    """An image that a camera rejects with 400 error=invalid_image."""


@dataclass(frozen=True)
class FirmwareImage:
    family: str
    version: str


def build_image(family: str, version: str, damaged: bool = False) -> bytes:
    """Build an image for a firmware family and version.

    A damaged image has a valid header, but one payload byte differs from the bytes
    that the header's digest covers, as after a corrupted download.
    """
    if not FAMILY.fullmatch(family):
        raise ValueError(f"invalid firmware family {family!r}: use lower-case letters and digits, e.g. s2136")
    if not VERSION.fullmatch(version):
        raise ValueError(f"invalid firmware version {version!r}: use <major>.<two digits>, e.g. 2.50")

    payload = _payload(family, version)
    header = f"{MAGIC} family={family} version={version} sha256={hashlib.sha256(payload).hexdigest()}\n"
    if damaged:
        payload = payload[:100] + bytes([payload[100] ^ 0xFF]) + payload[101:]
    return header.encode("ascii") + payload


def _payload(family: str, version: str) -> bytes:
    # Deterministic filler, so the same family and version always give the same image.
    seed = hashlib.sha256(f"{family}/{version}".encode()).digest()
    blocks = []
    while len(blocks) * len(seed) < PAYLOAD_SIZE:
        seed = hashlib.sha256(seed).digest()
        blocks.append(seed)
    return b"".join(blocks)[:PAYLOAD_SIZE]


def parse_image(data: bytes) -> FirmwareImage:
    """Return the family and version of an intact image, or raise InvalidImage."""
    match = HEADER.match(data)
    if match is None:
        raise InvalidImage("missing or malformed IPRO-FW/1 header")

    payload = data[match.end():]
    if hashlib.sha256(payload).hexdigest() != match["sha256"].decode():
        raise InvalidImage("payload does not match the header's sha256")
    return FirmwareImage(match["family"].decode(), match["version"].decode())


def next_minor_version(version: str) -> str:
    """Return the version one minor step newer: 2.40 becomes 2.50, 2.90 becomes 3.00."""
    major, minor = version.split(".")
    hundredths = int(major) * 100 + int(minor) + 10
    return f"{hundredths // 100}.{hundredths % 100:02d}"


def write_image(path: Path, family: str, version: str, damaged: bool = False) -> Path:
    """Write an image to a file, creating its folder, and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(build_image(family, version, damaged))
    return path
