"""Small helpers for tests that talk to emulated cameras with plain requests."""

from __future__ import annotations

import requests
from requests.adapters import HTTPAdapter

from tests.support.digest import DigestAuth
from tests.support.emulator import Emulator

ADMIN = "admin"
ADMIN_PASSWORD = "Ipro-Demo-7391"
TIMEOUT = 10


def parse_lines(text: str) -> dict[str, str]:
    """Parse a key=value response: strip a BOM, skip lines without '='."""
    values = {}
    for line in text.lstrip("\ufeff").split("\r\n"):
        key, separator, value = line.partition("=")
        if separator:
            values[key] = value
    return values


class SourceAdapter(HTTPAdapter):
    """Sends from a chosen loopback address, so a test can act as a second client host."""

    def __init__(self, source: str):
        self.source = source
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.source, 0)
        super().init_poolmanager(*args, **kwargs)


class CameraClient:
    """A requests session aimed at one camera's CGIs, trusting the emulator's vendor CA.

    ``source`` binds the client socket to that loopback address, which the camera sees
    as the TCP peer address.
    """

    def __init__(self, emulator: Emulator, name: str, auth=None, scheme: str = "https", source: str | None = None):
        self.emulator = emulator
        self.name = name
        self.scheme = scheme
        self.session = requests.Session()
        # Passed with every request: REQUESTS_CA_BUNDLE in the environment overrides Session.verify.
        self.verify = str(emulator.ca_path)
        self.session.auth = auth if auth is not None else DigestAuth(ADMIN, ADMIN_PASSWORD)
        details = emulator.camera(name)
        self.address = details["address"]
        port = details["https_port"] if scheme == "https" else details["http_port"]
        self.base = f"{scheme}://{self.address}:{port}/cgi-bin/"
        if source is not None:
            self.session.mount(f"{scheme}://", SourceAdapter(source))

    def get(self, cgi: str, **kwargs) -> requests.Response:
        return self.session.get(self.base + cgi, timeout=TIMEOUT, verify=self.verify, **kwargs)

    def post(self, cgi: str, data=None, **kwargs) -> requests.Response:
        return self.session.post(self.base + cgi, data=data, timeout=TIMEOUT, verify=self.verify, **kwargs)

    def getdata(self, *keys: str) -> dict[str, str]:
        response = self.get("getdata?" + "&".join(keys))
        assert response.status_code == 200, response.text
        return parse_lines(response.text)

    def setdata(self, **values: str) -> requests.Response:
        return self.post("setdata", data=values)


def register_admin(emulator: Emulator, *names: str) -> None:
    """Register the demo administrator on cameras in factory state and wait for their restarts."""
    restarts = {name: emulator.restarts(name) for name in names}
    for name in names:
        client = CameraClient(emulator, name, auth=False)
        response = client.post("register_admin", data={"UNAME": ADMIN, "UPASS": ADMIN_PASSWORD})
        assert response.status_code == 200, response.text
    for name in names:
        emulator.wait_restarted(name, restarts[name])


def fresh_camera(emulator: Emulator, name: str) -> CameraClient:
    """Factory-reset a camera, register the administrator and return a client for it."""
    emulator.factory_reset(name)
    register_admin(emulator, name)
    return CameraClient(emulator, name)
