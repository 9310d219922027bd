"""The HTTPS certificates of one camera: the pre-installed one, the CRT key, CSRs and the CA-signed one.

The camera generates an RSA key (the CRT key), signs CSRs with it and accepts a
certificate for that key signed by the customer's CA. HTTPS_CERT then picks which
certificate the HTTPS port presents.
"""

from __future__ import annotations

import asyncio
import ipaddress
import datetime
import hashlib
import logging
import re
import ssl
from typing import Callable

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from .settings import Rejected
from .tls import CertificateFiles, server_context, write_private

log = logging.getLogger(__name__)

KEY_BITS = ("2048", "4096")
PEM_CERTIFICATE_BEGIN = "-----BEGIN CERTIFICATE-----"
# CSR fields in the order the camera checks them, with their maximum lengths (RFC 5280 upper bounds).
CSR_FIELDS = (
    ("CN", NameOID.COMMON_NAME, 64),
    ("O", NameOID.ORGANIZATION_NAME, 64),
    ("OU", NameOID.ORGANIZATIONAL_UNIT_NAME, 64),
    ("L", NameOID.LOCALITY_NAME, 128),
    ("ST", NameOID.STATE_OR_PROVINCE_NAME, 128),
    ("C", NameOID.COUNTRY_NAME, 2),
)
# The subject lists the fields from country down to common name, the usual X.509 order.
SUBJECT_ORDER = ("C", "ST", "L", "O", "OU", "CN")
SUBJECT_TEXT = re.compile(r"[\x20-\x7e]+")
COUNTRY = re.compile(r"[A-Z]{2}")


def fingerprint(cert: x509.Certificate) -> str:
    """Return the SHA-256 of the DER encoding as upper-case, colon-separated hex."""
    digest = hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest().upper()
    return ":".join(digest[index:index + 2] for index in range(0, len(digest), 2))


def describe(cert: x509.Certificate | None) -> dict[str, str]:
    """Return state, subject, notafter and sha256 as get_https shows them; empty values when absent."""
    if cert is None:
        return {"STATE": "none", "SUBJECT": "", "NOTAFTER": "", "SHA256": ""}
    return {
        "STATE": "installed",
        "SUBJECT": cert.subject.rfc4514_string(),
        "NOTAFTER": cert.not_valid_after_utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "SHA256": fingerprint(cert),
    }


def parse_one_certificate(data: bytes | None) -> x509.Certificate:
    """Return the single PEM certificate in ``data``, or raise Rejected(400, "cert")."""
    if not data or data.count(PEM_CERTIFICATE_BEGIN.encode()) != 1:
        raise Rejected(400, "cert")
    try:
        return x509.load_pem_x509_certificate(data)
    except ValueError:
        raise Rejected(400, "cert") from None


def _subject(fields: dict[str, str | None]) -> x509.Name:
    """Return the CSR subject, or raise Rejected(400, field) for the first invalid field.

    CN is required. Every field is printable ASCII within its maximum length, and C is
    an upper-case two-letter country code.
    """
    values = {}
    for field, oid, maximum in CSR_FIELDS:
        value = fields.get(field) or ""
        if not value:
            if field == "CN":
                raise Rejected(400, "CN")
            continue
        if len(value) > maximum or not SUBJECT_TEXT.fullmatch(value):
            raise Rejected(400, field)
        if field == "C" and not COUNTRY.fullmatch(value):
            raise Rejected(400, "C")
        values[field] = x509.NameAttribute(oid, value)

    return x509.Name([values[field] for field in SUBJECT_ORDER if field in values])


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
        return True
    except ValueError:
        return False


def _public_der(key) -> bytes:
    return key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def _new_rsa_key(bits: int) -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


class CertificateStore:
    """The certificates and the CRT key of one camera, and the TLS contexts that present them."""

    def __init__(self, name: str, preinstalled: CertificateFiles, address: str | None = None):
        self.name = name
        self.address = address
        self.preinstalled = x509.load_pem_x509_certificate(preinstalled.cert.read_bytes())
        self._factory_files = preinstalled
        self.key: rsa.RSAPrivateKey | None = None
        self.key_bits: int | None = None
        self.ca_cert: x509.Certificate | None = None
        self._preinstalled_context = server_context(preinstalled)
        self._ca_context: ssl.SSLContext | None = None
        self._ca_files = CertificateFiles(
            preinstalled.cert.parent / f"{name}-ca.pem", preinstalled.cert.parent / f"{name}-crtkey.key"
        )
        self._generation: asyncio.Task | None = None

    def replace_preinstalled(self, files: CertificateFiles | None) -> None:
        """Present another pre-installed certificate from the next handshake on; None restores the first one."""
        files = files or self._factory_files
        self._preinstalled_context = server_context(files)
        self.preinstalled = x509.load_pem_x509_certificate(files.cert.read_bytes())

    # CRT key

    @property
    def generating(self) -> bool:
        return self._generation is not None and not self._generation.done()

    def start_generation(
        self, command: str | None, bits: str | None, seconds: float, done: Callable[[int], None]
    ) -> None:
        """Start generating a CRT key that replaces the current one after ``seconds`` or more.

        Must run inside the event loop. The key itself is generated in a worker thread,
        because a 4096-bit key can take a second or more. ``done`` gets the key size
        once the new key is in place.
        """
        if command != "generate":
            raise Rejected(400, "cmd")
        if bits not in KEY_BITS:
            raise Rejected(400, "bits")
        if self.ca_cert is not None:
            raise Rejected(403, "ca_cert_installed")

        self._generation = asyncio.get_running_loop().create_task(self._generate(int(bits), seconds, done))

    async def _generate(self, bits: int, seconds: float, done: Callable[[int], None]) -> None:
        loop = asyncio.get_running_loop()
        key, _ = await asyncio.gather(loop.run_in_executor(None, _new_rsa_key, bits), asyncio.sleep(seconds))
        self.key = key
        self.key_bits = bits
        log.info("%s: generated a %d-bit CRT key", self.name, bits)
        done(bits)

    # CSR

    def csr(self, fields: dict[str, str | None]) -> str:
        """Return a PEM CSR for the CRT key with the given subject fields (empty ones left out)."""
        subject = _subject(fields)
        if self.key is None:
            raise Rejected(403, "no_crtkey")

        builder = x509.CertificateSigningRequestBuilder().subject_name(subject)
        # Modeled: the camera names its own address, and the CN as a DNS name, in subjectAltName, so
        # clients that check the host name against the certificate (all current TLS stacks) accept
        # the CA-signed certificate. The public material does not say what real cameras put there.
        names: list[x509.GeneralName] = []
        if self.address:
            names.append(x509.IPAddress(ipaddress.ip_address(self.address)))
        common_name = fields.get("CN")
        if common_name and not _is_ip(common_name):
            names.append(x509.DNSName(common_name))
        if names:
            builder = builder.add_extension(x509.SubjectAlternativeName(names), critical=False)
        request = builder.sign(self.key, hashes.SHA256())
        return request.public_bytes(serialization.Encoding.PEM).decode("ascii")

    # CA-signed certificate

    def install(self, data: bytes) -> x509.Certificate:
        """Install a certificate for the CRT key and prepare the TLS context that presents it."""
        cert = parse_one_certificate(data)
        if self.key is None:
            raise Rejected(403, "no_crtkey")
        if _public_der(cert.public_key()) != _public_der(self.key.public_key()):
            raise Rejected(400, "key_mismatch")
        if cert.not_valid_after_utc <= datetime.datetime.now(datetime.timezone.utc):
            raise Rejected(400, "expired")

        self._write_ca_files(cert)
        self._ca_context = server_context(self._ca_files)
        self.ca_cert = cert
        return cert

    def delete(self) -> bool:
        """Delete the CA-signed certificate; return False when none was installed."""
        if self.ca_cert is None:
            return False
        self.ca_cert = None
        self._ca_context = None
        for path in (self._ca_files.cert, self._ca_files.key):
            path.unlink(missing_ok=True)
        return True

    def _write_ca_files(self, cert: x509.Certificate) -> None:
        # ssl.SSLContext loads certificates and keys only from files.
        self._ca_files.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        key_pem = self.key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        write_private(self._ca_files.key, key_pem)

    def clear(self) -> None:
        """Return to the factory state: no CRT key, no CA-signed certificate, no generation running."""
        if self.generating:
            self._generation.cancel()
        self._generation = None
        self.key = None
        self.key_bits = None
        self.delete()

    # Views

    def context(self, use_ca: bool) -> ssl.SSLContext:
        """Return the TLS context of the CA-signed certificate if ``use_ca`` and one is installed.

        Otherwise return the context of the pre-installed certificate.
        """
        if use_ca and self._ca_context is not None:
            return self._ca_context
        return self._preinstalled_context

    def lines(self) -> list[str]:
        """Return get_https's lines."""
        lines = ["CRTKEY=" + ("generated" if self.key is not None else "none"), f"CRTKEY_BITS={self.key_bits or ''}"]
        for prefix, cert in (("PREINSTALLED", self.preinstalled), ("CA", self.ca_cert)):
            lines += [f"{prefix}_{field}={value}" for field, value in describe(cert).items()]
        return lines

    def status(self) -> dict:
        """Return the control API's view, with the same values as get_https."""
        if self.generating:
            key_state = "generating"
        else:
            key_state = "generated" if self.key is not None else "none"
        view = {"crtkey": key_state, "crtkey_bits": self.key_bits}
        for name, cert in (("preinstalled", self.preinstalled), ("ca", self.ca_cert)):
            view[name] = {field.lower(): value for field, value in describe(cert).items()}
        return view
