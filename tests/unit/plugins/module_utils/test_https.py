"""Tests of the ipro_https logic: following the camera to its new scheme and port, and the CA check."""

from __future__ import annotations

import pytest

from ansible_collections.ipro.camera.plugins.module_utils.errors import CameraError
from ansible_collections.ipro.camera.plugins.module_utils.https import HttpsLogic
from tests.unit.plugins.module_utils.fake_client import FakeClient


def camera(protocol='http', connection='http_https', port='443', certificate='preinstalled', ca_state='none'):
    client = FakeClient(settings={'HTTPS_TYPE': connection, 'HTTPS_PORT': port, 'HTTPS_CERT': certificate})
    client.conn.protocol = protocol
    client.optional['get_https'] = {'CA_STATE': ca_state, 'PREINSTALLED_STATE': 'installed'}
    return client


def params(**overrides):
    values = dict(connection=None, port=None, certificate=None)
    values.update(overrides)
    return values


# after_write.

@pytest.mark.parametrize('changes, protocol, https_port', [
    (dict(connection='https'), 'https', 443),
    (dict(connection='http'), 'http', 443),
    (dict(connection='http_https'), 'http', 443),
    (dict(port=8443), 'http', 8443),
    (dict(connection='https', port=8443), 'https', 8443),
])
def test_after_write_follows_camera(changes, protocol, https_port):
    client = camera(protocol='http')

    HttpsLogic().after_write(client, changes)

    assert client.conn.protocol == protocol
    assert client.conn.https_port == https_port
    assert client.resets == 1


def test_after_write_http_from_https():
    client = camera(protocol='https')

    HttpsLogic().after_write(client, dict(connection='http'))

    assert client.conn.protocol == 'http'


# apply.

def test_https_only_switches_protocol():
    client = camera(protocol='http')

    result = HttpsLogic().apply(client, params(connection='https'), check_mode=False)

    assert client.writes == [('setdata', {'HTTPS_TYPE': 'https'})]
    assert client.conn.protocol == 'https'
    assert client.restarts == [120]
    assert result['ansible_facts'] == dict(ipro_protocol='https', ipro_https_port=443)


def test_port_change_sets_facts():
    client = camera(protocol='https', connection='https')

    result = HttpsLogic().apply(client, params(port=8443), check_mode=False)

    assert client.writes == [('setdata', {'HTTPS_PORT': '8443'})]
    assert client.conn.https_port == 8443
    assert result['ansible_facts'] == dict(ipro_protocol='https', ipro_https_port=8443)


def test_unchanged_sets_no_facts():
    client = camera(protocol='https', connection='https')

    result = HttpsLogic().apply(client, params(connection='https', port=443), check_mode=False)

    assert result['changed'] is False
    assert 'ansible_facts' not in result
    assert client.writes == []


def test_check_mode_keeps_connection():
    client = camera(protocol='http')

    result = HttpsLogic().apply(client, params(connection='https', port=8443), check_mode=True)

    assert result['changed'] is True
    assert 'ansible_facts' not in result
    assert client.conn.protocol == 'http'
    assert client.conn.https_port == 443
    assert client.writes == []


def test_certificate_change_needs_no_restart():
    client = camera(protocol='https', connection='https', ca_state='installed')

    result = HttpsLogic().apply(client, params(certificate='ca'), check_mode=False)

    assert client.writes == [('setdata', {'HTTPS_CERT': 'ca'})]
    assert client.restarts == []
    assert result['ansible_facts'] == dict(ipro_protocol='https', ipro_https_port=443)


@pytest.mark.parametrize('check_mode', [False, True])
def test_ca_not_installed_rejected(check_mode):
    client = camera(protocol='https', connection='https', ca_state='none')

    with pytest.raises(CameraError) as info:
        HttpsLogic().apply(client, params(certificate='ca'), check_mode=check_mode)

    message = info.value.message
    assert 'get_https reports no CA-signed certificate installed, so certificate: ca cannot be selected' in message
    assert 'install one first with ipro.camera.ipro_certificate' in message
    assert client.writes == []


def test_ca_state_not_read_for_preinstalled():
    client = camera(protocol='https', certificate='ca', ca_state='installed')

    HttpsLogic().apply(client, params(certificate='preinstalled'), check_mode=False)

    assert ('get_https', None) not in client.reads
    assert client.settings['HTTPS_CERT'] == 'preinstalled'
