"""Tests of the connection options: defaults, checks and the camera's label."""

from __future__ import annotations

import pytest

from ansible_collections.ipro.camera.plugins.module_utils.connection import (
    CONNECTION_SPEC, HOST_VARIABLES, Connection, connection_from_params)
from ansible_collections.ipro.camera.plugins.module_utils.errors import OptionError

FINGERPRINT = 'AB:' * 31 + 'AB'


def params(**overrides):
    values = dict(host='192.0.2.10', login_user='admin', login_password='Admin-pass1')
    values.update(overrides)
    return values


def test_defaults_apply():
    conn = connection_from_params(params())

    assert conn.protocol == 'https'
    assert conn.http_port == 80
    assert conn.https_port == 443
    assert conn.validate_certs is True
    assert conn.timeout == 10
    assert conn.ca_path is None
    assert conn.fingerprint is None


def test_given_values_override_defaults():
    conn = connection_from_params(params(protocol='http', http_port=8080, timeout=None, fingerprint=FINGERPRINT))

    assert conn.protocol == 'http'
    assert conn.http_port == 8080
    assert conn.timeout == 10
    assert conn.fingerprint == FINGERPRINT


def test_options_outside_the_spec_are_ignored():
    conn = connection_from_params(params(name='operator', timeout=5))

    assert conn.timeout == 5
    assert conn.username == 'admin'


def test_label_names_inventory_host_and_address():
    assert connection_from_params(params(), name='cam-01').label == 'cam-01 (192.0.2.10)'
    assert connection_from_params(params(), name='192.0.2.10').label == '192.0.2.10'
    assert connection_from_params(params()).label == '192.0.2.10'


def test_url_host_brackets_ipv6():
    assert connection_from_params(params(host='2001:db8::10')).url_host == '[2001:db8::10]'
    assert connection_from_params(params(host='cam-01.example.org')).url_host == 'cam-01.example.org'


def test_empty_password_is_accepted():
    assert connection_from_params(params(login_password='')).password == ''


@pytest.mark.parametrize('overrides, option, detail', [
    (dict(host=None), 'host', 'no camera address given'),
    (dict(host=''), 'host', 'no camera address given'),
    (dict(login_user=None), 'login_user', 'no camera credentials given'),
    (dict(login_password=None), 'login_user', 'no camera credentials given'),
    (dict(http_port=0), 'http_port', 'port 0 is outside 1-65535'),
    (dict(https_port=65536), 'https_port', 'port 65536 is outside 1-65535'),
    (dict(timeout=0), 'timeout', 'timeout 0 is below 1 second'),
    (dict(fingerprint='AB:CD'), 'fingerprint', "value 'AB:CD' is not a SHA-256 fingerprint"),
    (dict(fingerprint='G' * 64), 'fingerprint', 'is not a SHA-256 fingerprint'),
    (dict(host='cam_01'), 'host', "value 'cam_01' is neither an IP address nor a host name"),
    (dict(host='cam..example.org'), 'host', 'is neither an IP address nor a host name'),
    (dict(host='x' * 64 + '.example.org'), 'host', 'is neither an IP address nor a host name'),
    (dict(host='http://192.0.2.10'), 'host', 'is neither an IP address nor a host name'),
])
def test_invalid_option(overrides, option, detail):
    with pytest.raises(OptionError) as info:
        connection_from_params(params(**overrides))

    assert info.value.option == option
    assert detail in str(info.value)
    assert info.value.fix


def test_password_not_in_credential_error():
    with pytest.raises(OptionError) as info:
        connection_from_params(params(login_user=None, login_password='Admin-pass1'))

    assert 'Admin-pass1' not in str(info.value)


@pytest.mark.parametrize('fingerprint', ['ab' * 32, 'AB' * 32, FINGERPRINT])
def test_fingerprint_valid(fingerprint):
    assert connection_from_params(params(fingerprint=fingerprint)).fingerprint == fingerprint


@pytest.mark.parametrize('host', ['192.0.2.10', '2001:db8::10', 'cam-01', 'cam-01.example.org.', 'localhost'])
def test_host_valid(host):
    assert connection_from_params(params(host=host)).host == host


def test_every_option_has_host_variables():
    assert set(HOST_VARIABLES) == set(CONNECTION_SPEC)
    assert CONNECTION_SPEC['login_password']['no_log'] is True


def test_connection_name_defaults_to_host():
    conn = Connection('192.0.2.10', 'https', 80, 443, 'admin', 'Admin-pass1')

    assert conn.name == '192.0.2.10'
