"""Fixtures for the module_utils tests: local HTTP(S) cameras and CameraClient sessions."""

from __future__ import annotations

import socket

import pytest

from ansible_collections.ipro.camera.plugins.module_utils.client import CameraClient
from ansible_collections.ipro.camera.plugins.module_utils.connection import Connection
from tests.unit.plugins.module_utils.http_camera import PASSWORD, USER, ScriptedCamera, make_certificate


@pytest.fixture
def camera_server():
    """Start ScriptedCamera servers on 127.0.0.1; each stops at the end of the test."""
    started = []

    def start(responder, tls=None):
        camera = ScriptedCamera(responder, tls).start()
        started.append(camera)
        return camera

    yield start
    for camera in started:
        camera.stop()


@pytest.fixture
def make_client():
    """Build CameraClients for a local port; each records its backoff sleeps in `sleeps`."""
    clients = []

    def build(port, protocol='http', user=USER, password=PASSWORD, timeout=2, **options):
        conn = Connection('127.0.0.1', protocol, port, port, user, password, timeout=timeout, name='cam-01',
                          **options)
        sleeps = []
        client = CameraClient(conn, sleep=sleeps.append)
        client.sleeps = sleeps
        clients.append(client)
        return client

    yield build
    for client in clients:
        client.close()


@pytest.fixture(scope='session')
def certificate(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1, with its SHA-256 fingerprint."""
    return make_certificate(tmp_path_factory.mktemp('tls'))


@pytest.fixture
def listening_port():
    """A TCP port on 127.0.0.1 with a socket listening on it until the end of the test."""
    with socket.socket() as listener:
        listener.bind(('127.0.0.1', 0))
        listener.listen()
        yield listener.getsockname()[1]


@pytest.fixture
def closed_port():
    """A TCP port on 127.0.0.1 that nothing listens on: it was bound once and released."""
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]
