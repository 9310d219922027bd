"""Tests of CameraClient.wait_for_restart and wait_until_up, on a simulated clock."""

from __future__ import annotations

import pytest

from ansible_collections.ipro.camera.plugins.module_utils import client as client_module
from ansible_collections.ipro.camera.plugins.module_utils.errors import AuthenticationError, CameraError
from tests.unit.plugins.module_utils.http_camera import PASSWORD, USER, DigestResponder, Reply

UP = Reply(body='NAME=WV-S2136\r\n')
DOWN = Reply(503, 'error=busy\r\n')


class FakeClock:
    """Replaces the client module's `time`: sleeping advances monotonic() at once."""

    def __init__(self):
        self.now = 1000.0
        self.sleeps = []

    def monotonic(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(client_module, 'time', clock)
    return clock


def script(*replies):
    remaining = list(replies)
    return lambda received: remaining.pop(0) if len(remaining) > 1 else remaining[0]


def test_wait_until_up_polls_with_backoff(camera_server, make_client, clock):
    camera = camera_server(script(DOWN, DOWN, UP))
    client = make_client(camera.port)
    client.sleep = clock.sleep

    assert client.wait_until_up(60) == {'NAME': 'WV-S2136'}
    assert len(camera.requests) == 3
    assert clock.sleeps == [0.5, 1.0]


def test_wait_until_up_times_out(camera_server, make_client, clock):
    camera = camera_server(lambda received: DOWN)
    client = make_client(camera.port)
    client.sleep = clock.sleep

    with pytest.raises(CameraError) as info:
        client.wait_until_up(10)

    assert 'did not answer within 10 seconds after the restart: failed with HTTP 503' in info.value.message
    assert 'raise the timeout option' in info.value.message
    assert clock.sleeps == [0.5, 1.0, 2.0, 4.0]
    assert len(camera.requests) == 5


def test_wait_until_up_stops_on_lockout(camera_server, make_client, clock):
    camera = camera_server(lambda received: Reply(403, 'error=locked\r\n'))
    client = make_client(camera.port)
    client.sleep = clock.sleep

    with pytest.raises(AuthenticationError):
        client.wait_until_up(60)

    assert len(camera.requests) == 1


def test_wait_until_up_without_authentication(camera_server, make_client, clock):
    camera = camera_server(DigestResponder(USER, PASSWORD, body='NAME=WV-S2136\r\n'))
    client = make_client(camera.port)
    client.sleep = clock.sleep
    client.info()

    with pytest.raises(AuthenticationError):
        client.wait_until_up(60, authenticate=False)

    assert camera.requests[-1].headers.get('Authorization') is None


def test_wait_for_restart_sees_outage(camera_server, make_client, clock):
    camera = camera_server(script(UP, UP, DOWN, UP))
    client = make_client(camera.port)
    client.sleep = clock.sleep

    assert client.wait_for_restart(120) == {'NAME': 'WV-S2136'}
    assert len(camera.requests) == 4
    assert clock.sleeps == [0.5, 0.5]


def test_wait_for_restart_without_outage(camera_server, make_client, clock):
    camera = camera_server(lambda received: UP)
    client = make_client(camera.port)
    client.sleep = clock.sleep

    assert client.wait_for_restart(120, down_grace=2.0) == {'NAME': 'WV-S2136'}
    assert clock.sleeps == [0.5, 0.5, 0.5, 0.5]
    assert len(camera.requests) == 5


def test_wait_for_restart_rejected_login(camera_server, make_client, clock):
    camera = camera_server(DigestResponder(USER, 'Other-pass1'))
    client = make_client(camera.port)
    client.sleep = clock.sleep

    with pytest.raises(AuthenticationError):
        client.wait_for_restart(120)

    assert len([r for r in camera.requests if r.headers.get('Authorization')]) == 1
