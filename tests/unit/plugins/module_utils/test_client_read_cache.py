"""Tests of CameraClient.read_cache, which lets the items of one ipro_items run share their reads.

The client talks to a small settings camera on 127.0.0.1, and each test counts the requests it received.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

import pytest

from ansible_collections.ipro.camera.plugins.module_utils import cgi
from ansible_collections.ipro.camera.plugins.module_utils.errors import CameraError
from tests.unit.plugins.module_utils.http_camera import Reply


class SettingsCamera:
    """A camera that serves getdata, setdata, get_user and getinfo from a dict of settings.

    Set `fail_next` to respond to the next request with HTTP 500.
    """

    def __init__(self):
        self.settings = {'NTPADD': '192.0.2.123', 'AUDIO': 'mic'}
        self.fail_next = False

    def __call__(self, received):
        if self.fail_next:
            self.fail_next = False
            return Reply(500, 'error=internal\r\n')
        if received.path == cgi.PATHS['getdata']:
            keys = received.query.split('&') if received.query else list(self.settings)
            return Reply(body=''.join('%s=%s\r\n' % (key, self.settings[key]) for key in keys if key in self.settings))
        if received.path == cgi.PATHS['setdata']:
            self.settings.update(parse_qsl(received.body.decode()))
            return Reply()
        if received.path == cgi.PATHS['get_user']:
            return Reply(body='user1=admin,1\r\n')
        return Reply(body='NAME=WV-S2136\r\nVERSION=2.40\r\n')


@pytest.fixture
def settings_camera():
    return SettingsCamera()


@pytest.fixture
def camera(camera_server, settings_camera):
    return camera_server(settings_camera)


@pytest.fixture
def client(camera, make_client):
    client = make_client(camera.port)
    client.read_cache = {}
    return client


def paths(camera):
    return [received.path.rsplit('/', 1)[-1] for received in camera.requests]


def test_same_getdata_read_once(camera, client):
    first = client.getdata(['NTPADD'])
    second = client.getdata(['NTPADD'])

    assert first == {'NTPADD': '192.0.2.123'}
    assert second == first
    assert paths(camera) == ['getdata']


def test_same_get_user_read_once(camera, client):
    first = client.get('get_user')
    first['user2'] = 'changed by the caller'
    second = client.get('get_user')

    assert second == {'user1': 'admin,1'}
    assert paths(camera) == ['get_user']


def test_other_keys_read_again(camera, client):
    client.getdata(['NTPADD'])

    assert client.getdata(['AUDIO']) == {'AUDIO': 'mic'}
    assert paths(camera) == ['getdata', 'getdata']


def test_no_cache_outside_items(camera, make_client):
    client = make_client(camera.port)

    client.getdata(['NTPADD'])
    client.getdata(['NTPADD'])

    assert client.read_cache is None
    assert paths(camera) == ['getdata', 'getdata']


def test_post_clears_cache(camera, client):
    client.getdata(['AUDIO'])
    client.get('get_user')

    client.setdata({'AUDIO': 'off'})

    assert client.read_cache == {}
    assert client.getdata(['AUDIO']) == {'AUDIO': 'off'}
    assert client.get('get_user') == {'user1': 'admin,1'}
    assert paths(camera) == ['getdata', 'get_user', 'setdata', 'getdata', 'get_user']


def test_reset_clears_cache(camera, settings_camera, client):
    client.getdata(['AUDIO'])
    settings_camera.settings['AUDIO'] = 'off'

    client.reset()

    assert client.read_cache == {}
    assert client.getdata(['AUDIO']) == {'AUDIO': 'off'}
    assert paths(camera) == ['getdata', 'getdata']


def test_failed_read_not_cached(camera, settings_camera, client):
    settings_camera.fail_next = True

    with pytest.raises(CameraError):
        client.getdata(['NTPADD'])

    assert client.getdata(['NTPADD']) == {'NTPADD': '192.0.2.123'}
    assert paths(camera) == ['getdata', 'getdata']


def test_getinfo_polls_never_cached(camera, client):
    client.get('getinfo', cgi.GETINFO_QUERY, retries=0)
    client.get('getinfo', cgi.GETINFO_QUERY, retries=0)
    client.info(authenticate=False)
    client.info(authenticate=False)

    assert paths(camera) == ['getinfo'] * 4


def test_capability_not_in_read_cache(camera, client):
    client.get('get_capability')
    client.get('get_capability')

    assert paths(camera) == ['get_capability', 'get_capability']
