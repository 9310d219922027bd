"""A scripted HTTP(S) server on 127.0.0.1 for the CameraClient tests.

Each test passes a responder: a function that takes the received request and
returns the Reply to send. The server records every request, so a test can
check what the client sent, and how often.
"""

from __future__ import annotations

import datetime
import hashlib
import ipaddress
import re
import ssl
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

REALM = "i-PRO"
# The account the client tests log in with.
USER = "admin"
PASSWORD = "Admin-pass1"
HASHES = {"MD5": hashlib.md5, "SHA-256": hashlib.sha256}
_AUTH_PARAM = re.compile(r'([A-Za-z0-9_-]+)=(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))')


@dataclass
class Reply:
    status: int = 200
    body: str | bytes = "result=ok\r\n"
    headers: list[tuple[str, str]] = field(default_factory=list)
    content_type: str | None = "text/plain; charset=utf-8"


@dataclass
class Received:
    method: str
    target: str
    headers: dict[str, str]
    body: bytes

    @property
    def path(self) -> str:
        return urlsplit(self.target).path

    @property
    def query(self) -> str:
        return urlsplit(self.target).query

    @property
    def params(self) -> dict[str, list[str]]:
        """Query parameters, and for a form POST the body fields too."""
        values = parse_qs(self.query, keep_blank_values=True)
        if self.headers.get("Content-Type", "").startswith("application/x-www-form-urlencoded"):
            for key, items in parse_qs(self.body.decode(), keep_blank_values=True).items():
                values.setdefault(key, []).extend(items)
        return values


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body leave in two writes; without TCP_NODELAY each response waits for a delayed ACK.
    disable_nagle_algorithm = True

    def do_GET(self):
        self._answer()

    def do_POST(self):
        self._answer()

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        received = Received(self.command, self.path, dict(self.headers.items()), body)
        camera = self.server.camera
        camera.requests.append(received)

        reply = camera.responder(received)
        payload = reply.body.encode("utf-8") if isinstance(reply.body, str) else reply.body
        self.send_response(reply.status)
        if reply.content_type:
            self.send_header("Content-Type", reply.content_type)
        for name, value in reply.headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format, *args):
        pass


class ScriptedCamera:
    """An HTTP server, or HTTPS with `tls`, that responds with `responder(received)`."""

    def __init__(self, responder, tls: ssl.SSLContext | None = None):
        self.responder = responder
        self.requests: list[Received] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.camera = self
        if tls is not None:
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    def start(self) -> ScriptedCamera:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


def parse_authorization(header: str) -> tuple[str, dict[str, str]]:
    """Split an Authorization value into its scheme and parameters."""
    scheme, _separator, rest = header.partition(" ")
    params = {}
    for match in _AUTH_PARAM.finditer(rest):
        quoted, bare = match.group(2), match.group(3)
        params[match.group(1)] = quoted.replace('\\"', '"') if quoted is not None else bare
    return scheme, params


def expected_digest(algorithm: str, user: str, password: str, method: str, fields: dict[str, str]) -> str:
    """Compute the qop=auth response of RFC 7616 section 3.4.1 from the fields the client sent."""
    digest = HASHES[algorithm]

    def hash_text(text: str) -> str:
        return digest(text.encode("utf-8")).hexdigest()

    ha1 = hash_text(f"{user}:{fields['realm']}:{password}")
    ha2 = hash_text(f"{method}:{fields['uri']}")
    return hash_text(f"{ha1}:{fields['nonce']}:{fields['nc']}:{fields['cnonce']}:auth:{ha2}")


class DigestResponder:
    """A camera that accepts Digest with qop=auth for one account and responds with `body`.

    `algorithms` are offered as one WWW-Authenticate header each, in order.
    A request with a nonce listed in `stale_nonces` gets a fresh nonce and
    stale=true when its response is otherwise right.
    """

    def __init__(self, user, password, algorithms=("SHA-256", "MD5"), body="result=ok\r\n"):
        self.user = user
        self.password = password
        self.algorithms = algorithms
        self.body = body
        self.nonce_serial = 1
        self.stale_nonces: set[str] = set()
        self.accepted: list[dict[str, str]] = []

    @property
    def nonce(self) -> str:
        return "nonce%04d" % self.nonce_serial

    def challenge(self, stale=False) -> Reply:
        headers = []
        for algorithm in self.algorithms:
            value = f'Digest realm="{REALM}", qop="auth", algorithm={algorithm}, nonce="{self.nonce}", opaque="op1"'
            if stale:
                value += ", stale=true"
            headers.append(("WWW-Authenticate", value))
        return Reply(401, "", headers)

    def __call__(self, received: Received) -> Reply:
        header = received.headers.get("Authorization")
        if not header:
            return self.challenge()
        scheme, fields = parse_authorization(header)
        if scheme != "Digest" or fields.get("algorithm") not in self.algorithms or fields.get("uri") != received.target:
            return self.challenge()
        want = expected_digest(fields["algorithm"], self.user, self.password, received.method, fields)
        if fields.get("username") != self.user or fields.get("response") != want:
            return self.challenge()
        if fields["nonce"] in self.stale_nonces:
            self.nonce_serial += 1
            return self.challenge(stale=True)
        self.accepted.append(fields)
        return Reply(200, self.body)


@dataclass
class Certificate:
    cert_path: str
    key_path: str
    sha256: str


def make_certificate(directory) -> Certificate:
    """Write a self-signed certificate for 127.0.0.1 and return its paths and SHA-256 fingerprint."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )

    cert_path = directory / "camera.crt"
    key_path = directory / "camera.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return Certificate(str(cert_path), str(key_path), cert.fingerprint(hashes.SHA256()).hex())


def server_context(certificate: Certificate) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate.cert_path, certificate.key_path)
    return context
