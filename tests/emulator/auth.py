"""HTTP Digest (RFC 7616, MD5 and SHA-256, qop=auth) and Basic authentication for one camera."""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import secrets
import time
from dataclasses import dataclass

REALM = "i-PRO"
NONCE_SECONDS = 300.0
# Offered in this order: clients that pick the first challenge they support get SHA-256.
ALGORITHMS = {"SHA-256": hashlib.sha256, "MD5": hashlib.md5}
DIGEST_PARAM = re.compile(r'([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))')
NONCES_KEPT = 10000


class NonceStore:
    """Nonces issued by one camera. A nonce stays valid for NONCE_SECONDS, whatever its nc."""

    def __init__(self):
        self._issued: dict[str, float] = {}
        self.opaque = secrets.token_hex(16)

    def issue(self) -> str:
        now = time.monotonic()
        if len(self._issued) >= NONCES_KEPT:
            self._issued = {nonce: born for nonce, born in self._issued.items() if now - born < NONCE_SECONDS}
        nonce = secrets.token_hex(16)
        self._issued[nonce] = now
        return nonce

    def is_fresh(self, nonce: str) -> bool:
        born = self._issued.get(nonce)
        return born is not None and time.monotonic() - born < NONCE_SECONDS

    def clear(self) -> None:
        """Forget every nonce, as a restarted web service does."""
        self._issued.clear()


@dataclass(frozen=True)
class AuthOutcome:
    """The result of checking a request's Authorization header.

    ``status`` is one of:

    - ``ok``: valid credentials on a fresh nonce.
    - ``challenge``: no usable credentials, which is not a failure.
    - ``stale``: valid credentials on an expired or unknown nonce, which is not a failure.
    - ``failure``: wrong password, unknown user or malformed header.
    - ``bad_uri``: the Digest ``uri`` is not the request target.
    """

    status: str
    user_name: str = ""


def offered_schemes(uauthmtd: str) -> tuple[str, ...]:
    return {"digest": ("digest",), "digest_basic": ("digest", "basic"), "basic": ("basic",)}[uauthmtd]


def challenge_headers(uauthmtd: str, nonces: NonceStore, stale: bool = False) -> list[str]:
    """Return the WWW-Authenticate values: Digest SHA-256, Digest MD5, then Basic, as allowed."""
    values = []
    schemes = offered_schemes(uauthmtd)
    if "digest" in schemes:
        for algorithm in ALGORITHMS:
            value = (
                f'Digest realm="{REALM}", qop="auth", algorithm={algorithm}, '
                f'nonce="{nonces.issue()}", opaque="{nonces.opaque}"'
            )
            if stale:
                value += ", stale=true"
            values.append(value)
    if "basic" in schemes:
        values.append(f'Basic realm="{REALM}", charset="UTF-8"')
    return values


def authenticate(
    header: str | None,
    uauthmtd: str,
    users: dict,
    nonces: NonceStore,
    method: str,
    raw_path: str,
) -> tuple[AuthOutcome, object | None]:
    """Check an Authorization header and return the outcome and the authenticated user.

    A scheme that UAUTHMTD does not allow is treated like a missing header, so a client
    that has not yet noticed a changed UAUTHMTD gets a challenge and is not locked out.
    """
    if not header:
        return AuthOutcome("challenge"), None

    scheme, _, credentials = header.strip().partition(" ")
    scheme = scheme.lower()
    if scheme not in offered_schemes(uauthmtd):
        return AuthOutcome("challenge"), None

    if scheme == "basic":
        return _check_basic(credentials, users)
    return _check_digest(credentials, users, nonces, method, raw_path)


def _check_basic(credentials: str, users: dict) -> tuple[AuthOutcome, object | None]:
    try:
        decoded = base64.b64decode(credentials.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return AuthOutcome("failure"), None

    name, separator, password = decoded.partition(":")
    user = users.get(name)
    if not separator or user is None or not secrets.compare_digest(user.password, password):
        return AuthOutcome("failure", name), None
    return AuthOutcome("ok", name), user


def _check_digest(
    credentials: str, users: dict, nonces: NonceStore, method: str, raw_path: str
) -> tuple[AuthOutcome, object | None]:
    params = {}
    for match in DIGEST_PARAM.finditer(credentials):
        quoted, bare = match.group(2), match.group(3)
        params[match.group(1).lower()] = re.sub(r"\\(.)", r"\1", quoted) if quoted is not None else bare

    name = params.get("username", "")
    algorithm = params.get("algorithm", "MD5").upper()
    required = ("username", "realm", "nonce", "uri", "response", "qop", "nc", "cnonce")
    user = users.get(name)
    if (
        any(key not in params for key in required)
        or algorithm not in ALGORITHMS
        or params["realm"] != REALM
        or params["qop"] != "auth"
        or user is None
    ):
        return AuthOutcome("failure", name), None

    if params["uri"] != raw_path:
        return AuthOutcome("bad_uri", name), None

    digest = ALGORITHMS[algorithm]

    def hash_text(text: str) -> str:
        return digest(text.encode("utf-8")).hexdigest()

    ha1 = hash_text(f"{name}:{REALM}:{user.password}")
    ha2 = hash_text(f"{method}:{params['uri']}")
    expected = hash_text(f"{ha1}:{params['nonce']}:{params['nc']}:{params['cnonce']}:auth:{ha2}")
    if not secrets.compare_digest(expected, params["response"].lower()):
        return AuthOutcome("failure", name), None

    # The nonce count is not checked for replays, so clients may reuse a cached nonce freely.
    if not nonces.is_fresh(params["nonce"]):
        return AuthOutcome("stale", name), None
    return AuthOutcome("ok", name), user
