"""The emulated vendor CA and the pre-installed certificate of each camera."""

from __future__ import annotations

import datetime
import ipaddress
import os
import ssl
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

CA_VALIDITY = datetime.timedelta(days=3650)
# A CA that expires sooner than this is replaced at start-up.
CA_MIN_REMAINING = datetime.timedelta(days=30)
DEVICE_VALIDITY = datetime.timedelta(days=3650)
CA_SUBJECT = "i-PRO Emulated Device CA"


@dataclass(frozen=True)
class CertificateFiles:
    """A PEM certificate and its private key on disk, as ssl.SSLContext loads them."""

    cert: Path
    key: Path


class VendorCA:
    """A CA that issues every camera's pre-installed certificate, like the vendor's CA.

    The CA is kept in the state folder (vendor-ca.pem and vendor-ca.key) and reused on
    the next start, so clients that saved the CA path keep working.
    """

    def __init__(self, state_dir: Path):
        self.cert_path = state_dir / "vendor-ca.pem"
        self.key_path = state_dir / "vendor-ca.key"
        self.cert_dir = state_dir / "certs"
        self._cert, self._key = self._load() or self._create()

    @property
    def certificate(self) -> x509.Certificate:
        return self._cert

    @property
    def private_key(self):
        return self._key

    def _load(self):
        if not (self.cert_path.exists() and self.key_path.exists()):
            return None
        try:
            cert = x509.load_pem_x509_certificate(self.cert_path.read_bytes())
            key = serialization.load_pem_private_key(self.key_path.read_bytes(), password=None)
        except ValueError:
            return None
        if cert.not_valid_after_utc - _now() < CA_MIN_REMAINING:
            return None
        return cert, key

    def _create(self):
        key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "i-PRO emulator"),
            x509.NameAttribute(NameOID.COMMON_NAME, CA_SUBJECT),
        ])
        cert = (
            _builder(name, name, key.public_key(), CA_VALIDITY)
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True, key_cert_sign=True, crl_sign=True,
                    content_commitment=False, key_encipherment=False, data_encipherment=False,
                    key_agreement=False, encipher_only=False, decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256())
        )

        write_private(self.key_path, key_pem(key))
        self.cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        return cert, key

    def issue(self, name: str, address: str) -> CertificateFiles:
        """Issue a device certificate (CN and DNS name ``name``, IP ``address``) and write it."""
        key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name([
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "i-PRO emulator"),
            x509.NameAttribute(NameOID.COMMON_NAME, name),
        ])
        san = x509.SubjectAlternativeName([
            x509.IPAddress(ipaddress.IPv4Address(address)),
            x509.DNSName(name),
        ])
        cert = (
            _builder(subject, self._cert.subject, key.public_key(), DEVICE_VALIDITY)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(san, critical=False)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self._key.public_key()), critical=False
            )
            .sign(self._key, hashes.SHA256())
        )

        self.cert_dir.mkdir(parents=True, exist_ok=True)
        files = CertificateFiles(self.cert_dir / f"{name}.pem", self.cert_dir / f"{name}.key")
        files.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        write_private(files.key, key_pem(key))
        return files


def server_context(files: CertificateFiles) -> ssl.SSLContext:
    """Return a TLS 1.2+ server context that presents the given certificate."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(files.cert, files.key)
    return context


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


def _builder(subject, issuer, public_key, validity) -> x509.CertificateBuilder:
    start = _now() - datetime.timedelta(days=1)
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + validity)
    )


def key_pem(key) -> bytes:
    """Return a private key as unencrypted PKCS#8 PEM."""
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
