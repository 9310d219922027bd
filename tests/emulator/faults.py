"""Faults that the control API switches on for one camera, and how a response carries them.

A request fault lasts for a number of requests or seconds and may be limited to one CGI.
Each kind is used up only by the requests it affects: a malformed-body fault by successful
reads, an ignored-write fault by authenticated writes, so a Digest challenge does not use
up a fault meant for the authenticated request that follows it.
"""

from __future__ import annotations

import asyncio
import datetime
import ipaddress
import socket
import struct
import time
from dataclasses import dataclass, field
from typing import Callable

from aiohttp import web
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from .tls import CertificateFiles, VendorCA, key_pem, write_private

# Kinds of request faults, by the control API key that switches them on.
REQUEST_FAULTS = (
    "busy",
    "no_answer",
    "reset_connections",
    "drop_answers",
    "restart_mid_write",
    "malformed",
    "ignore_writes",
    "stale_nonces",
)
MALFORMED_VARIANTS = ("garbage", "truncated", "duplicate_keys", "unexpected_keys", "bom", "content_type")
CERTIFICATE_VARIANTS = ("replaced", "expired", "untrusted", "wrong_name")
FIRMWARE_VARIANTS = ("fail", "factory_settings")
# A request that gets no answer is held this long at most, then its connection is closed.
NO_ANSWER_MAX_SECONDS = 60.0
# Time for the kernel to send the first half of an answer before the connection is reset.
RESET_GRACE_SECONDS = 0.05
GARBAGE = b"\x1f\x8b\x08\x00\xde\xad\xbe\xef\x00\x00<\xff\xfe binary \x00 noise \x9c"
BOM = "\ufeff"
ODD_CONTENT_TYPE = "text/html; charset=iso-8859-1"
# An address from a documentation range, so a wrong-name certificate never names a real host.
WRONG_NAME_ADDRESS = "192.0.2.99"


@dataclass
class RequestFault:
    """One request fault: its kind, an optional variant and CGI, and how long it lasts."""

    kind: str
    variant: str | None = None
    requests: int | None = None
    until: float | None = None
    cgi: str | None = None

    def expired(self) -> bool:
        if self.until is not None and time.monotonic() >= self.until:
            return True
        return self.requests is not None and self.requests <= 0

    def covers(self, cgi_name: str) -> bool:
        return self.cgi is None or self.cgi == cgi_name

    def use(self) -> None:
        if self.requests is not None:
            self.requests -= 1

    def seconds_left(self) -> float | None:
        return None if self.until is None else max(self.until - time.monotonic(), 0.0)


@dataclass
class PendingFaults:
    """Fault actions that wait for a number of further requests before they apply."""

    requests_left: int
    actions: list[Callable[[], None]]
    description: str


@dataclass
class Faults:
    """Faults switched on through the control API."""

    slow_ms: int = 0
    slow_requests: int | None = None
    slow_until: float | None = None
    require_randomnum: bool = False
    request_faults: list[RequestFault] = field(default_factory=list)
    # Applies to the next firmware update: "fail" or "factory_settings".
    firmware: str | None = None
    pending: list[PendingFaults] = field(default_factory=list)

    def take_delay(self) -> float:
        """Return the delay in seconds for the next request and use up one slow request."""
        if self.slow_ms <= 0:
            return 0.0
        if self.slow_until is not None and time.monotonic() >= self.slow_until:
            self.slow_ms = 0
            return 0.0
        if self.slow_requests is not None:
            if self.slow_requests <= 0:
                self.slow_ms = 0
                return 0.0
            self.slow_requests -= 1
        return self.slow_ms / 1000

    def add(self, fault: RequestFault) -> None:
        self.request_faults.append(fault)

    def take(self, kind: str, cgi_name: str) -> RequestFault | None:
        """Use up one request of the first active fault of ``kind`` that covers ``cgi_name``."""
        self.request_faults = [fault for fault in self.request_faults if not fault.expired()]
        for fault in self.request_faults:
            if fault.kind == kind and fault.covers(cgi_name):
                fault.use()
                return fault
        return None

    def take_firmware(self) -> str | None:
        variant, self.firmware = self.firmware, None
        return variant

    def count_request(self) -> list[PendingFaults]:
        """Count one request against the pending faults and return those whose turn has come."""
        due = []
        for pending in self.pending:
            pending.requests_left -= 1
            if pending.requests_left <= 0:
                due.append(pending)
        self.pending = [pending for pending in self.pending if pending.requests_left > 0]
        return due

    def clear(self) -> None:
        self.slow_ms = 0
        self.slow_requests = None
        self.slow_until = None
        self.require_randomnum = False
        self.request_faults.clear()
        self.firmware = None
        self.pending.clear()


# Responses that carry a fault.


def malformed(response: web.Response, variant: str) -> web.Response:
    """Return a copy of a key=value response damaged as ``variant`` says."""
    text = response.body.decode("utf-8")
    lines = [line for line in text.split("\r\n") if line]
    content_type = "text/plain; charset=utf-8"
    if variant == "garbage":
        body = GARBAGE
    elif variant == "truncated":
        # The answer stops in the middle of its last line, without the line end.
        body = text.rstrip("\r\n")
        body = body[: max(len(body) - max(len(lines[-1]) // 2, 1), 1)].encode("utf-8") if lines else b"NA"
    elif variant == "duplicate_keys":
        doubled = []
        for line in lines:
            doubled += [line, line + "-conflicting" if "=" in line else line]
        body = "".join(f"{line}\r\n" for line in doubled).encode("utf-8")
    elif variant == "unexpected_keys":
        extra = ["[vendor]", "X_VENDOR_EXTENSION=1", "OEM_BUILD=2024.01"]
        body = "".join(f"{line}\r\n" for line in extra + lines + ["TRAILER_WITHOUT_VALUE"]).encode("utf-8")
    elif variant == "bom":
        body = (BOM + text.lstrip(BOM)).encode("utf-8")
    else:
        body = response.body
        content_type = ODD_CONTENT_TYPE
    damaged = web.Response(status=response.status, body=body)
    damaged.headers["Content-Type"] = content_type
    return damaged


def abort_connection(request: web.Request, reset: bool = False) -> None:
    """Close the client's connection at once, with a TCP reset when ``reset``, so no answer arrives."""
    transport = request.transport
    if transport is None:
        return
    if reset:
        sock = transport.get_extra_info("socket")
        if sock is not None:
            # SO_LINGER with a zero timeout makes close() send a reset instead of a normal end.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()


async def send_half_then_reset(request: web.Request, response: web.Response) -> web.StreamResponse:
    """Send the headers and the first half of ``response``, then reset the connection."""
    body = response.body if isinstance(response.body, bytes) else b""
    stream = web.StreamResponse(status=response.status)
    stream.headers["Content-Type"] = response.headers.get("Content-Type", "text/plain; charset=utf-8")
    stream.content_length = len(body)
    await stream.prepare(request)
    await stream.write(body[: len(body) // 2])
    await asyncio.sleep(RESET_GRACE_SECONDS)
    abort_connection(request, reset=True)
    return stream


async def hold_without_answer(request: web.Request, fault: RequestFault) -> web.Response:
    """Keep the request waiting, as a camera that hangs does, then close the connection."""
    left = fault.seconds_left()
    await asyncio.sleep(min(left if left is not None else NO_ANSWER_MAX_SECONDS, NO_ANSWER_MAX_SECONDS))
    abort_connection(request)
    return web.Response(status=503)


# Certificates that a certificate fault makes the camera present.


def fault_certificate(ca: VendorCA, name: str, address: str, variant: str, directory) -> CertificateFiles:
    """Issue the pre-installed certificate that ``variant`` describes and write it to ``directory``.

    - replaced: a new certificate from the vendor CA, as after a repair or a firmware reset;
    - expired: from the vendor CA, but past its notAfter;
    - untrusted: self-signed, so no configured CA validates it;
    - wrong_name: from the vendor CA, for another camera's name and address.
    """
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.timezone.utc)
    start, end = now - datetime.timedelta(days=1), now + datetime.timedelta(days=365)
    if variant == "expired":
        start, end = now - datetime.timedelta(days=400), now - datetime.timedelta(days=35)
    named, named_address = (f"{name}-other", WRONG_NAME_ADDRESS) if variant == "wrong_name" else (name, address)

    subject = x509.Name([
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "i-PRO emulator"),
        x509.NameAttribute(NameOID.COMMON_NAME, named),
    ])
    issuer, signer = (subject, key) if variant == "untrusted" else (ca.certificate.subject, ca.private_key)
    san = x509.SubjectAlternativeName([x509.IPAddress(ipaddress.IPv4Address(named_address)), x509.DNSName(named)])
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(san, critical=False)
        .sign(signer, hashes.SHA256())
    )

    directory.mkdir(parents=True, exist_ok=True)
    files = CertificateFiles(directory / f"{name}-{variant}.pem", directory / f"{name}-{variant}.key")
    files.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    write_private(files.key, key_pem(key))
    return files
