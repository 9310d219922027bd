"""The IEEE 802.1X certificates of one camera: CA certificate, client certificate and client key."""

from __future__ import annotations

import hashlib

from cryptography.hazmat.primitives import serialization

from .certificates import parse_one_certificate
from .settings import Rejected

TYPES = ("ca", "client", "key")
MAX_BYTES = 10 * 1024
# Read-only getdata keys with the SHA-256 of what is installed, by type.
GETDATA_KEYS = {"ca": "DOT1X_CA_SHA256", "client": "DOT1X_CLIENT_SHA256", "key": "DOT1X_KEY_SHA256"}


class Dot1xCertificates:
    """What dot1x_cert installed, by type, as upper-case hex SHA-256 without separators.

    A certificate's digest covers its DER encoding. A key's digest covers its public
    key in DER SubjectPublicKeyInfo form, so the private key never shows.
    """

    def __init__(self):
        self._installed: dict[str, str] = {}

    def install(self, kind: str | None, data: bytes | None, dot1x_on: bool) -> None:
        """Install one PEM certificate (``ca``, ``client``) or an unencrypted PEM private key (``key``)."""
        if kind not in TYPES:
            raise Rejected(400, "type")
        if not data or len(data) > MAX_BYTES:
            raise Rejected(400, "cert")

        if kind == "key":
            try:
                key = serialization.load_pem_private_key(data, password=None)
            except (ValueError, TypeError):
                raise Rejected(400, "cert") from None
            der = key.public_key().public_bytes(
                serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
            )
        else:
            der = parse_one_certificate(data).public_bytes(serialization.Encoding.DER)

        # The camera takes 802.1X certificates only while 802.1X is off.
        if dot1x_on:
            raise Rejected(403, "dot1x_on")
        self._installed[kind] = hashlib.sha256(der).hexdigest().upper()

    def clear(self) -> None:
        self._installed.clear()

    def getdata_view(self) -> dict[str, str]:
        """Return the read-only getdata keys; the value is empty for a type not installed."""
        return {GETDATA_KEYS[kind]: self._installed.get(kind, "") for kind in TYPES}

    def status(self) -> dict[str, str | None]:
        return {kind: self._installed.get(kind) for kind in TYPES}
