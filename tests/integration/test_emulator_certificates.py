"""Emulated cameras: CRT key, CSR, CA-signed certificate, the certificate served, and 802.1X uploads."""

from __future__ import annotations

import datetime
import hashlib
import ipaddress
import socket
import ssl
import time

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

from tests.support.cameras import CameraClient, parse_lines, register_admin
from tests.support.emulator import Emulator

S2136 = "cam-a-01"
S1536 = "cam-a-02"
SFV130 = "cam-a-03"
BUSY = "error=busy\r\n"
SUBJECT = {"CN": "cam-a-01.example.net", "O": "Example Corp", "OU": "Security", "L": "Osaka", "ST": "Osaka", "C": "JP"}


@pytest.fixture(scope="module")
def fleet(tmp_path_factory):
    """Three cameras with a 1 s CRT key generation and short restarts."""
    emulator = Emulator(
        tmp_path_factory.mktemp("certificates"), cameras=3, sites=1, keygen_seconds=1, restart_seconds=0.3
    )
    emulator.start()
    register_admin(emulator, S1536, SFV130)
    yield emulator
    emulator.stop()


@pytest.fixture
def camera(fleet) -> CameraClient:
    """cam-a-01 in factory state with the demo administrator: no CRT key, no CA-signed certificate."""
    fleet.factory_reset(S2136)
    register_admin(fleet, S2136)
    return CameraClient(fleet, S2136)


@pytest.fixture(scope="module")
def keyed(fleet) -> CameraClient:
    """cam-a-02 with a CRT key, for tests that leave its certificates unchanged."""
    client = CameraClient(fleet, S1536)
    generate_key(client)
    return client


@pytest.fixture(scope="module")
def keyless(fleet) -> CameraClient:
    """cam-a-03, which never gets a CRT key in this module."""
    return CameraClient(fleet, SFV130)


class CustomerCA:
    """A customer CA made for the test, which signs the camera's CSRs."""

    def __init__(self):
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Example Test CA")])
        now = datetime.datetime.now(datetime.timezone.utc)
        self.cert = (
            x509.CertificateBuilder()
            .subject_name(self.name)
            .issuer_name(self.name)
            .public_key(self.key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .sign(self.key, hashes.SHA256())
        )
        self.pem = self.cert.public_bytes(serialization.Encoding.PEM).decode()

    def sign(self, subject: x509.Name, public_key, address: str, days: int = 30) -> x509.Certificate:
        """Issue a server certificate; a negative ``days`` makes one that has already expired."""
        now = datetime.datetime.now(datetime.timezone.utc)
        start = now - datetime.timedelta(days=max(0, -days) + 2)
        return (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(self.name)
            .public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(start)
            .not_valid_after(now + datetime.timedelta(days=days))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(address))]), critical=False)
            .sign(self.key, hashes.SHA256())
        )


@pytest.fixture(scope="module")
def customer_ca() -> CustomerCA:
    return CustomerCA()


def pem(cert: x509.Certificate) -> str:
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def sha256(cert: x509.Certificate) -> str:
    digest = hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest().upper()
    return ":".join(digest[index:index + 2] for index in range(0, len(digest), 2))


def status(client: CameraClient) -> dict[str, str]:
    response = client.get("get_https")
    assert response.status_code == 200, response.text
    return parse_lines(response.text)


def generate_key(client: CameraClient, bits: str = "2048") -> None:
    """Generate a CRT key and wait until it is in place."""
    response = client.post("https_crtkey", {"cmd": "generate", "bits": bits})
    assert response.status_code == 200, response.text
    wait_for_key(client)


def wait_for_key(client: CameraClient) -> dict[str, str]:
    """Poll get_https until it stops returning 503, and return its values."""
    deadline = time.monotonic() + 30
    while True:
        response = client.get("get_https")
        if response.status_code != 503:
            assert response.status_code == 200, response.text
            return parse_lines(response.text)
        assert time.monotonic() < deadline, "CRT key generation did not finish"
        time.sleep(0.1)


def request_csr(client: CameraClient, **fields: str) -> x509.CertificateSigningRequest:
    response = client.post("https_csr", fields or SUBJECT)
    assert response.status_code == 200, response.text
    return x509.load_pem_x509_csr(response.content)


def install_signed(client: CameraClient, customer_ca: CustomerCA) -> x509.Certificate:
    """Generate a key, sign the camera's CSR with the test CA and install the certificate."""
    generate_key(client)
    csr = request_csr(client)
    cert = customer_ca.sign(csr.subject, csr.public_key(), client.address)
    response = client.post("https_cacert", {"cert": pem(cert)})
    assert response.status_code == 200, response.text
    return cert


def served_certificate(client: CameraClient) -> x509.Certificate:
    """Return the certificate that the camera's HTTPS port presents to a new TLS connection."""
    port = client.emulator.camera(client.name)["https_port"]
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with socket.create_connection((client.address, port), timeout=10) as raw:
        with context.wrap_socket(raw, server_hostname=client.address) as tls:
            return x509.load_der_x509_certificate(tls.getpeercert(binary_form=True))


def test_factory_state(camera):
    values = status(camera)
    preinstalled = served_certificate(camera)

    assert values["CRTKEY"] == "none"
    assert values["CRTKEY_BITS"] == ""
    assert values["PREINSTALLED_STATE"] == "installed"
    assert values["PREINSTALLED_SUBJECT"] == "CN=cam-a-01,O=i-PRO emulator"
    assert values["PREINSTALLED_NOTAFTER"] == preinstalled.not_valid_after_utc.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert values["PREINSTALLED_SHA256"] == sha256(preinstalled)
    assert {values[f"CA_{field}"] for field in ("SUBJECT", "NOTAFTER", "SHA256")} == {""}
    assert values["CA_STATE"] == "none"


def test_keygen_busy_window(camera, fleet):
    started = camera.post("https_crtkey", {"cmd": "generate", "bits": "4096"})

    during = {
        "get_https": camera.get("get_https"),
        "https_crtkey": camera.post("https_crtkey", {"cmd": "generate", "bits": "2048"}),
        "https_csr": camera.post("https_csr", {"CN": "camera"}),
        "https_cacert": camera.post("https_cacert", {"mode": "delete"}),
    }
    unrelated = camera.get("getdata?HTTPS_CERT")
    generating = fleet.camera(S2136)["certificates"]["crtkey"]
    values = wait_for_key(camera)

    assert started.text == "result=ok\r\n"
    for name, response in during.items():
        assert (name, response.status_code, response.text) == (name, 503, BUSY)
    assert unrelated.status_code == 200
    assert generating == "generating"
    assert values["CRTKEY"] == "generated"
    assert values["CRTKEY_BITS"] == "4096"
    assert request_csr(camera, CN="camera").public_key().key_size == 4096


@pytest.mark.parametrize(
    ("values", "error"),
    [
        ({"cmd": "generate", "bits": "1024"}, "bits"),
        ({"cmd": "generate"}, "bits"),
        ({"cmd": "delete", "bits": "2048"}, "cmd"),
    ],
)
def test_crtkey_rejects(keyless, values, error):
    response = keyless.post("https_crtkey", values)

    assert response.status_code == 400
    assert response.text == f"error={error}\r\n"
    assert status(keyless)["CRTKEY"] == "none"


def test_csr_needs_key(keyless):
    response = keyless.post("https_csr", {"CN": "camera"})

    assert response.status_code == 403
    assert response.text == "error=no_crtkey\r\n"


def test_csr_subject_and_signature(keyed, fleet):
    response = keyed.post("https_csr", SUBJECT)
    csr = x509.load_pem_x509_csr(response.content)

    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert response.text.startswith("-----BEGIN CERTIFICATE REQUEST-----")
    assert csr.is_signature_valid
    assert isinstance(csr.public_key(), rsa.RSAPublicKey)
    assert csr.public_key().key_size == 2048
    assert csr.subject.rfc4514_string() == "CN=cam-a-01.example.net,OU=Security,O=Example Corp,L=Osaka,ST=Osaka,C=JP"


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"O": "Example Corp"}, "CN"),
        ({"CN": ""}, "CN"),
        ({"CN": "x" * 65}, "CN"),
        ({"CN": "camera", "C": "JPN"}, "C"),
        ({"CN": "camera", "C": "jp"}, "C"),
        ({"CN": "camera", "C": "J1"}, "C"),
        ({"CN": "camera", "OU": "tab\there"}, "OU"),
    ],
)
def test_csr_rejects(keyed, fields, error):
    response = keyed.post("https_csr", fields)

    assert response.status_code == 400
    assert response.text == f"error={error}\r\n"


def test_install_ca_signed(camera, fleet, customer_ca):
    cert = install_signed(camera, customer_ca)

    values = status(camera)
    assert values["CA_STATE"] == "installed"
    assert values["CA_SUBJECT"] == cert.subject.rfc4514_string()
    assert values["CA_NOTAFTER"] == cert.not_valid_after_utc.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert values["CA_SHA256"] == sha256(cert)
    assert values["PREINSTALLED_STATE"] == "installed"
    assert fleet.camera(S2136)["certificates"]["serving"] == "preinstalled"
    assert served_certificate(camera) != cert


def test_serves_ca_cert_without_restart(camera, fleet, customer_ca):
    cert = install_signed(camera, customer_ca)
    preinstalled = served_certificate(camera)
    restarts = fleet.restarts(S2136)

    switched = camera.setdata(HTTPS_CERT="ca")
    served = served_certificate(camera)

    assert switched.status_code == 200
    assert sha256(served) == sha256(cert)
    assert fleet.restarts(S2136) == restarts
    assert fleet.camera(S2136)["certificates"]["serving"] == "ca"

    trusting = ssl.create_default_context(cadata=customer_ca.pem)
    port = fleet.camera(S2136)["https_port"]
    with socket.create_connection((camera.address, port), timeout=10) as raw:
        with trusting.wrap_socket(raw, server_hostname=camera.address) as tls:
            assert tls.version() in ("TLSv1.2", "TLSv1.3")

    back = camera.setdata(HTTPS_CERT="preinstalled")
    assert back.status_code == 200
    assert sha256(served_certificate(camera)) == sha256(preinstalled)


def test_delete_ca_cert(camera, customer_ca):
    install_signed(camera, customer_ca)
    camera.setdata(HTTPS_CERT="ca")

    in_use = camera.post("https_cacert", {"mode": "delete"})
    camera.setdata(HTTPS_CERT="preinstalled")
    deleted = camera.post("https_cacert", {"mode": "delete"})
    again = camera.post("https_cacert", {"mode": "delete"})

    assert in_use.status_code == 403
    assert in_use.text == "error=cert_in_use\r\n"
    assert deleted.text == "result=ok\r\n"
    assert again.text == "result=ok\r\n"
    assert status(camera)["CA_STATE"] == "none"
    assert camera.setdata(HTTPS_CERT="ca").text == "error=ca_cert_not_installed\r\n"


def test_install_rejects_other_key(keyed, customer_ca):
    csr = request_csr(keyed)
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = customer_ca.sign(csr.subject, other_key.public_key(), keyed.address)

    response = keyed.post("https_cacert", {"cert": pem(cert)})

    assert response.status_code == 400
    assert response.text == "error=key_mismatch\r\n"
    assert status(keyed)["CA_STATE"] == "none"


def test_install_rejects_expired(keyed, customer_ca):
    csr = request_csr(keyed)
    cert = customer_ca.sign(csr.subject, csr.public_key(), keyed.address, days=-1)

    response = keyed.post("https_cacert", {"cert": pem(cert)})

    assert response.status_code == 400
    assert response.text == "error=expired\r\n"
    assert status(keyed)["CA_STATE"] == "none"


@pytest.mark.parametrize("damage", ["text", "base64", "chain", "missing"])
def test_install_rejects_unparsable(keyed, customer_ca, damage):
    csr = request_csr(keyed)
    cert = pem(customer_ca.sign(csr.subject, csr.public_key(), keyed.address))
    fields = {
        "text": {"cert": "not a certificate"},
        "base64": {"cert": cert.replace(cert.splitlines()[5], "A" * 64)},
        "chain": {"cert": cert + customer_ca.pem},
        "missing": {},
    }[damage]

    response = keyed.post("https_cacert", fields)

    assert response.status_code == 400
    assert response.text == "error=cert\r\n"
    assert status(keyed)["CA_STATE"] == "none"


def test_install_needs_key(keyless, customer_ca):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "camera")])

    response = keyless.post("https_cacert", {"cert": pem(customer_ca.sign(subject, key.public_key(), keyless.address))})

    assert response.status_code == 403
    assert response.text == "error=no_crtkey\r\n"


def test_regenerate_with_ca_cert(camera, customer_ca):
    install_signed(camera, customer_ca)

    response = camera.post("https_crtkey", {"cmd": "generate", "bits": "2048"})

    assert response.status_code == 403
    assert response.text == "error=ca_cert_installed\r\n"


def test_new_key_invalidates_csr(keyed, customer_ca):
    old = request_csr(keyed)
    generate_key(keyed)

    response = keyed.post("https_cacert", {"cert": pem(customer_ca.sign(old.subject, old.public_key(), keyed.address))})

    assert response.status_code == 400
    assert response.text == "error=key_mismatch\r\n"


def test_factory_reset_clears_certificates(camera, fleet, customer_ca):
    install_signed(camera, customer_ca)
    camera.setdata(HTTPS_CERT="ca")

    fleet.factory_reset(S2136)
    register_admin(fleet, S2136)
    values = status(camera)
    served = served_certificate(camera)

    assert values["CRTKEY"] == "none"
    assert values["CA_STATE"] == "none"
    assert sha256(served) == values["PREINSTALLED_SHA256"]


def test_https_only_refuses_http_socket(camera, fleet):
    restarts = fleet.restarts(S2136)
    camera.setdata(HTTPS_TYPE="https")
    fleet.wait_restarted(S2136, restarts)
    details = fleet.camera(S2136)

    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((details["address"], details["http_port"]), timeout=5).close()
    socket.create_connection((details["address"], details["https_port"]), timeout=5).close()


def test_dot1x_certificates(fleet, customer_ca):
    client = CameraClient(fleet, S1536)
    key_pem = customer_ca.key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public_der = customer_ca.key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )

    ca = client.post("dot1x_cert", {"type": "ca", "cert": customer_ca.pem})
    key = client.post("dot1x_cert", {"type": "key", "cert": key_pem})
    values = client.getdata("DOT1X_CA_SHA256", "DOT1X_CLIENT_SHA256", "DOT1X_KEY_SHA256")
    read_only = client.setdata(DOT1X_CA_SHA256="00")

    assert ca.text == "result=ok\r\n"
    assert key.text == "result=ok\r\n"
    # cam-a-02 is the model whose reads also carry OEM_EXTENSION=1.
    assert values == {
        "DOT1X_CA_SHA256": sha256(customer_ca.cert).replace(":", ""),
        "DOT1X_CLIENT_SHA256": "",
        "DOT1X_KEY_SHA256": hashlib.sha256(public_der).hexdigest().upper(),
        "OEM_EXTENSION": "1",
    }
    assert read_only.text == "error=DOT1X_CA_SHA256\r\n"
    assert fleet.camera(S1536)["dot1x_certificates"]["client"] is None


@pytest.mark.parametrize(
    ("values", "status_code", "error"),
    [
        ({"type": "server", "cert": "PEM"}, 400, "type"),
        ({"type": "ca", "cert": "not a certificate"}, 400, "cert"),
        ({"type": "key", "cert": "not a key"}, 400, "cert"),
        ({"type": "ca"}, 400, "cert"),
    ],
)
def test_dot1x_cert_rejects(fleet, values, status_code, error):
    response = CameraClient(fleet, S1536).post("dot1x_cert", values)

    assert response.status_code == status_code
    assert response.text == f"error={error}\r\n"


def test_dot1x_cert_size_limit(fleet, customer_ca):
    response = CameraClient(fleet, S1536).post("dot1x_cert", {"type": "ca", "cert": customer_ca.pem + " " * 10240})

    assert response.status_code == 400
    assert response.text == "error=cert\r\n"


def test_dot1x_cert_while_dot1x_on(fleet, customer_ca):
    fleet.patch(S1536, DOT1X="on")
    try:
        response = CameraClient(fleet, S1536).post("dot1x_cert", {"type": "client", "cert": customer_ca.pem})
    finally:
        fleet.patch(S1536, DOT1X="off")

    assert response.status_code == 403
    assert response.text == "error=dot1x_on\r\n"


def test_dot1x_cert_missing_on_model(fleet, customer_ca):
    response = CameraClient(fleet, SFV130).post("dot1x_cert", {"type": "ca", "cert": customer_ca.pem})

    assert response.status_code == 404
    assert response.text == "error=not_found\r\n"
