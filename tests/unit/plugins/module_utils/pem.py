"""PEM certificates and keys made with cryptography, for the certificate and 802.1X tests."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


@dataclass
class Issued:
    """A certificate and its private key in PEM, with the SHA-256 hex digests of the certificate's DER and of
    the public key's DER (SubjectPublicKeyInfo)."""

    certificate: str
    key: str
    der_sha256: str
    public_key_sha256: str


def issue(common_name):
    """Return a self-signed P-256 certificate for `common_name`, valid from 5 minutes ago for 30 days."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )

    public_der = key.public_key().public_bytes(serialization.Encoding.DER,
                                               serialization.PublicFormat.SubjectPublicKeyInfo)
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return Issued(certificate=cert.public_bytes(serialization.Encoding.PEM).decode('ascii'),
                  key=key_pem.decode('ascii'),
                  der_sha256=cert.fingerprint(hashes.SHA256()).hex(),
                  public_key_sha256=hashlib.sha256(public_der).hexdigest())


def colon_hex(hex_digest):
    """Format a hex digest as upper-case pairs joined by colons, as get_https reports it."""
    digits = hex_digest.upper()
    return ':'.join(digits[i:i + 2] for i in range(0, len(digits), 2))
