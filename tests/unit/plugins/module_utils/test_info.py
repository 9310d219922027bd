"""Tests of the ipro_info logic: what it reads, and that it never returns a secret."""

from __future__ import annotations

import pytest

from ansible_collections.ipro.camera.plugins.module_utils import cgi, info
from ansible_collections.ipro.camera.plugins.module_utils.errors import CameraError
from tests.unit.plugins.module_utils.fake_client import FakeClient

IDENTITY = {'NAME': 'WV-S2136', 'MAC': '00-80-45-12-34-56', 'SERIAL': 'ABC1234567', 'VERSION': '2.40',
            'FIRMWARE': 's2136', 'ADMIN_REGISTERED': '1'}


def camera(**options):
    client = FakeClient(info=IDENTITY, settings={'AUDIO': 'off', 'NTPADD': 'ntp.example.org'}, **options)
    client.optional = {'get_https': {'CRTKEY': 'none'}}
    return client


def test_identity():
    assert info.identity(IDENTITY) == dict(model='WV-S2136', mac='00-80-45-12-34-56', serial='ABC1234567',
                                           firmware_version='2.40', firmware_family='s2136', admin_registered=True)


def test_identity_without_administrator():
    assert info.identity({'ADMIN_REGISTERED': '0'})['admin_registered'] is False
    assert info.identity({})['model'] is None


@pytest.mark.parametrize('raw_max, max_users', [('24', 24), ('many', None), (None, None)])
def test_capabilities(raw_max, max_users):
    raw = {'audio': 'yes', 'sd': 'no', 'srtp': 'yes'}
    if raw_max is not None:
        raw['max_users'] = raw_max

    caps = info.capabilities(raw)

    assert caps['audio'] is True
    assert caps['sd'] is False
    assert caps['ipv6'] is False
    assert caps['max_users'] == max_users
    assert set(caps) == set(cgi.CAPABILITY_FEATURES) | {'max_users'}


def test_reads_everything_by_default():
    client = camera(users={'admin': ('Admin-pass1', '1'), 'viewer': ('View-Pass-01', '3')})

    result = info.apply(client, dict(gather_subset=None), check_mode=False)

    assert result['changed'] is False
    assert result['camera']['model'] == 'WV-S2136'
    assert result['capabilities']['audio'] is True
    assert result['settings']['NTPADD'] == 'ntp.example.org'
    assert result['users'] == [dict(name='admin', level='administrator'), dict(name='viewer', level='live_only')]
    assert result['hosts'] is None
    assert result['certificates'] == {'CRTKEY': 'none'}
    assert client.writes == []


def test_settings_never_carry_secrets():
    client = camera(secrets={'SDLOCKPASS': 'Sd-Pass-0001'})
    client.settings.update({'SNMPCOM': 'community-1', 'MLPASS': 'Mail-Pass-01', 'DOT1X_PASS': 'Dot1x-Pass-1',
                            'SNMPV3_AUTHPASS': 'Auth-Pass-01', 'SDLOCKPASS': 'Sd-Pass-0001'})

    settings = info.apply(client, dict(gather_subset=['settings']), check_mode=False)['settings']

    assert settings['SDLOCKPASS_SET'] == '1'
    for key in ('SNMPCOM', 'MLPASS', 'DOT1X_PASS', 'SNMPV3_AUTHPASS', 'SDLOCKPASS'):
        assert key not in settings
    assert settings['AUDIO'] == 'off'


def test_every_write_only_key_is_dropped():
    write_only = {f.key: 'secret' for fields in cgi.SETTINGS.values() for f in fields if f.write_only}
    client = camera()
    client.settings.update(write_only)

    settings = info.apply(client, dict(gather_subset=['settings']), check_mode=False)['settings']

    assert not set(write_only) & set(settings)


def test_unregistered_camera_reads_identity_only():
    client = camera()
    client.info_values['ADMIN_REGISTERED'] = '0'

    result = info.apply(client, dict(gather_subset=None), check_mode=False)

    assert result['camera']['admin_registered'] is False
    assert result['capabilities'] is not None
    assert result['settings'] is None
    assert result['users'] is None
    assert [name for name, _params in client.reads] == ['getinfo', 'get_capability']


def test_subset_limits_reads():
    client = camera()

    result = info.apply(client, dict(gather_subset=['users']), check_mode=True)

    assert result['capabilities'] is None
    assert result['settings'] is None
    assert [name for name, _params in client.reads] == ['getinfo', 'get_user']


def test_optional_cgi_error_propagates():
    client = camera()
    client.failures['get_hostauth'] = [CameraError('cam-01', 'get_hostauth', 'failed with HTTP 500', status=500)]

    with pytest.raises(CameraError, match='HTTP 500'):
        info.apply(client, dict(gather_subset=['hosts']), check_mode=False)
