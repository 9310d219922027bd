"""Tests of SettingsLogic: option checks, capability and cross-key rules, and the sync it runs."""

from __future__ import annotations

import json

import pytest

from ansible_collections.ipro.camera.plugins.module_utils.errors import CameraError, OptionError
from ansible_collections.ipro.camera.plugins.module_utils.settings_modules import SettingsLogic
from tests.unit.plugins.module_utils.fake_client import FakeClient

SD_PASSWORD = 'Sd-Pass-0001'


@pytest.mark.parametrize('group, params', [
    ('network', dict(mode='static', address='192.0.2.10', netmask='255.255.255.0', gateway='192.0.2.1')),
    ('network', dict(mode='dhcp')),
    ('network', dict(dns='manual', dns_primary='192.0.2.53')),
    ('ntp', dict(mode='ntp', server='ntp.example.org', port=123, interval=24)),
    ('ntp', dict(mode='ntp', server_mode='auto')),
    ('ntp', dict(port=1123)),
    ('sdcard', dict(lock=True, password=SD_PASSWORD)),
    ('audio', dict(mode='off')),
    ('smtp', dict(server='smtp.example.org', port=25, user='mailer', password='x')),
    ('https', dict(connection='https', port=443)),
    ('stream', dict(srtp=True, rtsps_port=322)),
])
def test_validate_accepts(group, params):
    SettingsLogic(group).validate(params)


@pytest.mark.parametrize('group, params, option, detail', [
    ('network', dict(address='192.0.2.300'), 'address', "'192.0.2.300' is not a dotted IPv4 address"),
    ('network', dict(gateway='gw.example.org'), 'gateway', "'gw.example.org'"),
    ('network', dict(dns_secondary='192.0.2'), 'dns_secondary', "'192.0.2'"),
    ('network', dict(netmask='255.0.255.0'), 'netmask', 'not a contiguous netmask'),
    ('network', dict(mode='static', netmask='255.255.255.0'), 'address', 'is required with mode=static'),
    ('network', dict(mode='static', address='192.0.2.10'), 'netmask', 'is required with mode=static'),
    ('network', dict(dns='manual'), 'dns_primary', 'is required with dns=manual'),
    ('ntp', dict(server='ntp example'), 'server', "'ntp example'"),
    ('ntp', dict(interval=25), 'interval', 'value 25 is outside 1-24 hours'),
    ('ntp', dict(interval=0), 'interval', 'value 0 is outside 1-24 hours'),
    ('ntp', dict(port=80), 'port', 'port 80 is reserved by the camera'),
    ('ntp', dict(port=70000), 'port', 'port 70000 is outside 1-65535'),
    ('ntp', dict(mode='ntp'), 'server', 'is required with mode=ntp and server_mode=manual'),
    ('ntp', dict(mode='ntp', server_mode='manual', server=''), 'server', "value '' is not a host name"),
    ('https', dict(port=80), 'port', 'port 80 is reserved by the camera'),
    ('stream', dict(rtsps_port=554), 'rtsps_port', 'port 554 is reserved by the camera'),
    ('smtp', dict(port=443), 'port', 'port 443 is reserved by the camera'),
    ('smtp', dict(user='bad;user'), 'user', "'bad;user' contains ;"),
    ('smtp', dict(password='x' * 33), 'password', 'the password has 33 characters'),
])
def test_validate_rejects(group, params, option, detail):
    with pytest.raises(OptionError) as info:
        SettingsLogic(group).validate(params)

    assert info.value.option == option
    assert detail in str(info.value)


def test_validate_sd_password_not_echoed():
    with pytest.raises(OptionError) as info:
        SettingsLogic('sdcard').validate(dict(password='weakpassword'))

    assert info.value.option == 'password'
    assert 'weakpassword' not in str(info.value)


def test_reserved_default_port_accepted():
    SettingsLogic('ntp').validate(dict(port=123))
    SettingsLogic('smtp').validate(dict(port=25))
    SettingsLogic('https').validate(dict(port=443))


# apply: capabilities and cross-key rules.

def test_missing_capability_fails_before_write():
    client = FakeClient(settings={'AUDIO': 'mic'}, capabilities={'audio': 'no'})

    with pytest.raises(CameraError) as info:
        SettingsLogic('audio').apply(client, dict(mode='off'), check_mode=False)

    assert 'reports that this model has no audio' in info.value.message
    assert info.value.result['unsupported'] == ['audio']
    assert client.writes == []


def test_missing_capabilities_all_named():
    client = FakeClient(capabilities={'internet_mode': 'no', 'srtp': 'no'})

    with pytest.raises(CameraError) as info:
        SettingsLogic('stream').apply(client, dict(internet_mode=True, srtp=True), check_mode=False)

    assert 'has no internet_mode and no srtp' in info.value.message


def test_capability_not_read_without_options():
    client = FakeClient(settings={'AUDIO': 'off'}, capabilities={'audio': 'no'})

    result = SettingsLogic('audio').apply(client, dict(mode=None), check_mode=False)

    assert result['changed'] is False
    assert ('get_capability', None) not in client.reads


def test_audio_turned_off():
    client = FakeClient(settings={'AUDIO': 'mic'})

    result = SettingsLogic('audio').apply(client, dict(mode='off'), check_mode=False)

    assert result['changed'] is True
    assert client.writes == [('setdata', {'AUDIO': 'off'})]
    assert client.settings['AUDIO'] == 'off'


def test_ntp_auto_rejected_on_static_network():
    client = FakeClient(settings={'NW': 'static', 'NTPSVR': 'manual'})

    with pytest.raises(CameraError) as info:
        SettingsLogic('ntp').apply(client, dict(server_mode='auto'), check_mode=False)

    assert 'network mode static' in info.value.message
    assert 'server_mode=manual' in info.value.message
    assert client.writes == []


def test_ntp_auto_on_dhcp_network():
    client = FakeClient(settings={'NW': 'dhcp', 'NTPSVR': 'manual'})

    SettingsLogic('ntp').apply(client, dict(server_mode='auto'), check_mode=False)

    assert client.writes == [('setdata', {'NTPSVR': 'auto'})]


def test_sd_lock_needs_stored_password():
    client = FakeClient(settings={'SDLOCK': 'off'})

    with pytest.raises(CameraError) as info:
        SettingsLogic('sdcard').apply(client, dict(lock=True, update_password='on_create'), check_mode=False)

    assert 'reports no SD card password' in info.value.message
    assert client.writes == []


def test_sd_lock_with_stored_password():
    client = FakeClient(settings={'SDLOCK': 'off'}, secrets={'SDLOCKPASS': SD_PASSWORD})

    result = SettingsLogic('sdcard').apply(client, dict(lock=True, update_password='on_create'), check_mode=False)

    assert result['changed'] is True
    assert client.writes == [('setdata', {'SDLOCK': 'on'})]


def test_alteration_needs_mp4():
    client = FakeClient(settings={'ALTERATION': 'off', 'SDRECFMT': 'jpeg'},
                        capabilities={'alteration_detection': 'yes'})

    with pytest.raises(CameraError) as info:
        SettingsLogic('alteration').apply(client, dict(enabled=True), check_mode=False)

    assert 'only on MP4 recordings' in info.value.message
    assert client.writes == []


# apply: update_password, check mode and idempotence.

@pytest.mark.parametrize('update_password, writes', [('on_create', 0), ('always', 1)])
def test_sd_update_password(update_password, writes):
    client = FakeClient(settings={'SDLOCK': 'on'}, secrets={'SDLOCKPASS': 'Old-Pass-001'})
    params = dict(lock=True, password=SD_PASSWORD, update_password=update_password)

    result = SettingsLogic('sdcard').apply(client, params, check_mode=False)

    assert len(client.writes) == writes
    assert result['changed'] is bool(writes)
    assert SD_PASSWORD not in json.dumps(result)


def test_sd_password_set_on_create():
    client = FakeClient(settings={'SDLOCK': 'off'})
    params = dict(lock=True, password=SD_PASSWORD, update_password='on_create')

    first = SettingsLogic('sdcard').apply(client, params, check_mode=False)
    second = SettingsLogic('sdcard').apply(client, params, check_mode=False)

    assert first['commands'] == ['setdata SDLOCK=on SDLOCKPASS=********']
    assert second['changed'] is False
    assert len(client.writes) == 1


def test_check_mode_reports_without_writing():
    client = FakeClient(settings={'NW': 'dhcp', 'EIP': '', 'EMASK': '', 'EDGW': ''})
    params = dict(mode='static', address='192.0.2.10', netmask='255.255.255.0', gateway='192.0.2.1')

    result = SettingsLogic('network').apply(client, params, check_mode=True)

    assert result['changed'] is True
    assert result['after']['address'] == '192.0.2.10'
    assert client.writes == []
    assert client.restarts == []


def test_network_change_waits_for_restart():
    client = FakeClient(settings={'NW': 'dhcp', 'EIP': '', 'EMASK': '', 'EDGW': ''})
    params = dict(mode='static', address='192.0.2.10', netmask='255.255.255.0', gateway='192.0.2.1')

    result = SettingsLogic('network').apply(client, params, check_mode=False)

    assert result['changed'] is True
    assert len(client.restarts) == 1
    assert client.writes == [('setdata', {'NW': 'static', 'EIP': '192.0.2.10', 'EMASK': '255.255.255.0',
                                          'EDGW': '192.0.2.1'})]
