"""Tests of the ipro_ports logic: expected ports from the settings, and probes of real sockets on 127.0.0.1."""

from __future__ import annotations

import pytest

from ansible_collections.ipro.camera.plugins.module_utils import ports
from ansible_collections.ipro.camera.plugins.module_utils.errors import CameraError
from tests.unit.plugins.module_utils.fake_client import FakeClient


def camera(settings, http_port=80, https_port=443):
    client = FakeClient(settings=settings)
    client.conn.host = '127.0.0.1'
    client.conn.http_port, client.conn.https_port = http_port, https_port
    client.conn.timeout = 1
    return client


def params(services, fail_on_mismatch=False):
    return dict(services=services, fail_on_mismatch=fail_on_mismatch)


# expected_ports.

@pytest.mark.parametrize('https_type, http_open, https_open', [
    ('http_https', True, True),
    ('https', False, True),
    ('http', True, False),
])
def test_expected_ports_per_https_type(https_type, http_open, https_open):
    expected = ports.expected_ports(camera({}), {'HTTPS_TYPE': https_type, 'HTTPS_PORT': '443'})

    assert expected['http'] == (80, http_open)
    assert expected['https'] == (443, https_open)
    assert expected['rtsp'] == (554, True)


def test_expected_ports_default_both_open():
    expected = ports.expected_ports(camera({}), {})

    assert expected['http'][1] is True
    assert expected['https'] == (443, True)


def test_expected_https_port_from_settings():
    expected = ports.expected_ports(camera({}, https_port=443), {'HTTPS_TYPE': 'https', 'HTTPS_PORT': '8443'})

    assert expected['https'] == (8443, True)


@pytest.mark.parametrize('settings, rtsps', [
    ({'SRTP': 'on', 'RTSPS_PORT': '1322'}, (1322, True)),
    ({'SRTP': 'on'}, (322, True)),
    ({'SRTP': 'off', 'RTSPS_PORT': '322'}, (322, False)),
    ({}, (322, False)),
])
def test_expected_rtsps(settings, rtsps):
    assert ports.expected_ports(camera({}), settings)['rtsps'] == rtsps


# is_open.

def test_is_open_listening(listening_port):
    assert ports.is_open('127.0.0.1', listening_port, 1) is True


def test_is_open_closed(closed_port):
    assert ports.is_open('127.0.0.1', closed_port, 1) is False


# apply.

def test_apply_matches(listening_port, closed_port):
    client = camera({'HTTPS_TYPE': 'https', 'HTTPS_PORT': str(listening_port)}, http_port=closed_port)

    result = ports.apply(client, params(['http', 'https']), check_mode=False)

    assert result['changed'] is False
    assert result['ports'] == [
        dict(service='http', port=closed_port, expected='closed', actual='closed'),
        dict(service='https', port=listening_port, expected='open', actual='open'),
    ]
    assert result['mismatches'] == []
    assert 'warnings' not in result


def test_apply_mismatch_warns(listening_port, closed_port):
    client = camera({'HTTPS_TYPE': 'https', 'HTTPS_PORT': str(closed_port)}, http_port=listening_port)

    result = ports.apply(client, params(['http', 'https']), check_mode=False)

    assert result['mismatches'] == [
        dict(service='http', port=listening_port, expected='closed', actual='open'),
        dict(service='https', port=closed_port, expected='open', actual='closed'),
    ]
    assert result['warnings'] == ['camera cam-01 (127.0.0.1): http port %d is open, expected closed, https port %d '
                                  'is closed, expected open' % (listening_port, closed_port)]


def test_apply_fail_on_mismatch(listening_port):
    client = camera({'HTTPS_TYPE': 'https'}, http_port=listening_port)

    with pytest.raises(CameraError) as info:
        ports.apply(client, params(['http'], fail_on_mismatch=True), check_mode=False)

    assert 'port check found http port %d is open, expected closed' % listening_port in info.value.message
    assert info.value.result['mismatches'][0]['service'] == 'http'


def test_apply_reads_srtp_only_for_rtsps(closed_port):
    client = camera({'HTTPS_TYPE': 'http_https'}, http_port=closed_port)

    ports.apply(client, params(['http']), check_mode=False)

    assert client.reads == [('getdata', ['HTTPS_TYPE', 'HTTPS_PORT'])]


def test_apply_checks_rtsps(listening_port):
    client = camera({'SRTP': 'on', 'RTSPS_PORT': str(listening_port)})

    result = ports.apply(client, params(['rtsps']), check_mode=False)

    assert client.reads == [('getdata', ['HTTPS_TYPE', 'HTTPS_PORT', 'SRTP', 'RTSPS_PORT'])]
    assert result['ports'] == [dict(service='rtsps', port=listening_port, expected='open', actual='open')]
