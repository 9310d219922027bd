"""Tests of the read-compare-write cycle of sync.py on an in-memory camera."""

from __future__ import annotations

import json

import pytest

from ansible_collections.ipro.camera.plugins.module_utils import cgi
from ansible_collections.ipro.camera.plugins.module_utils.errors import CameraError
from ansible_collections.ipro.camera.plugins.module_utils.sync import (
    MASK, RESTART_TIMEOUT, current_settings, mask_command, sync_settings)
from tests.unit.plugins.module_utils.fake_client import FakeClient

NTP = {'TIMEADJUST': 'ntp', 'NTPSVR': 'manual', 'NTPADD': 'ntp.example.org', 'NTPPORT': '123',
       'NTPINTERVAL': '1', 'TIMEZONE': 'UTC'}
SD = {'SDLOCK': 'off', 'SDRECFMT': 'mp4'}
SD_PASSWORD = 'Sd-Pass-0001'


def ntp_client():
    return FakeClient(settings=NTP)


def test_mask_command():
    command = mask_command('setdata', {'SDLOCK': 'on', 'SDLOCKPASS': SD_PASSWORD}, {'SDLOCKPASS'})

    assert command == 'setdata SDLOCK=on SDLOCKPASS=********'


def test_current_settings_decodes_and_masks():
    client = FakeClient(settings=dict(SD, SDLOCK='on'), secrets={'SDLOCKPASS': SD_PASSWORD})

    assert current_settings(client, 'sdcard') == {'lock': True, 'password': MASK, 'recording_format': 'mp4'}
    assert client.reads == [('getdata', ['SDLOCK', 'SDLOCKPASS_SET', 'SDRECFMT'])]


def test_current_settings_without_secret():
    client = FakeClient(settings=SD)

    assert current_settings(client, 'sdcard')['password'] is None


def test_equal_values_send_no_write():
    client = ntp_client()

    result = sync_settings(client, 'ntp', {'mode': 'ntp', 'server': 'ntp.example.org', 'port': 123,
                                           'interval': 1}, check_mode=False)

    assert result['changed'] is False
    assert result['commands'] == []
    assert result['diff']['before'] == result['diff']['after']
    assert client.writes == []


def test_unset_options_are_left_alone():
    client = ntp_client()

    result = sync_settings(client, 'ntp', {'mode': None, 'server': None, 'timezone': None}, check_mode=False)

    assert result['changed'] is False
    assert client.writes == []


def test_changed_values_written_in_one_request():
    client = ntp_client()

    result = sync_settings(client, 'ntp', {'server': '192.0.2.123', 'interval': 6, 'mode': 'ntp'},
                           check_mode=False)

    assert client.writes == [('setdata', {'NTPADD': '192.0.2.123', 'NTPINTERVAL': '6'})]
    assert result['changed'] is True
    assert result['commands'] == ['setdata NTPADD=192.0.2.123 NTPINTERVAL=6']
    assert result['before']['server'] == 'ntp.example.org'
    assert result['after']['server'] == '192.0.2.123'
    assert result['after']['interval'] == 6
    assert result['diff'] == {'before': result['before'], 'after': result['after']}


def test_second_run_is_idempotent():
    client = ntp_client()
    desired = {'server': '192.0.2.123', 'port': 1123}

    sync_settings(client, 'ntp', desired, check_mode=False)
    result = sync_settings(client, 'ntp', desired, check_mode=False)

    assert result['changed'] is False
    assert len(client.writes) == 1


def test_check_mode_never_writes():
    client = ntp_client()

    result = sync_settings(client, 'ntp', {'server': '192.0.2.123'}, check_mode=True)

    assert result['changed'] is True
    assert result['after']['server'] == '192.0.2.123'
    assert result['commands'] == ['setdata NTPADD=192.0.2.123']
    assert client.writes == []
    assert client.settings == NTP


def test_bool_option_encoded():
    client = FakeClient(settings=SD, secrets={'SDLOCKPASS': SD_PASSWORD})

    result = sync_settings(client, 'sdcard', {'lock': True}, check_mode=False)

    assert client.writes == [('setdata', {'SDLOCK': 'on'})]
    assert result['after']['lock'] is True


# Write-only keys.

@pytest.mark.parametrize('stored, secrets_to_send, written', [
    (False, (), True),
    (True, (), False),
    (True, ('password',), True),
    (False, ('password',), True),
])
def test_write_only_key_sent(stored, secrets_to_send, written):
    client = FakeClient(settings=SD, secrets={'SDLOCKPASS': 'Old-Pass-001'} if stored else {})

    result = sync_settings(client, 'sdcard', {'password': SD_PASSWORD}, False, secrets_to_send)

    assert result['changed'] is written
    assert bool(client.writes) is written
    if written:
        assert client.writes == [('setdata', {'SDLOCKPASS': SD_PASSWORD})]
        assert client.secrets['SDLOCKPASS'] == SD_PASSWORD


@pytest.mark.parametrize('check_mode', [False, True])
def test_secret_masked_in_result(check_mode):
    client = FakeClient(settings=SD)

    result = sync_settings(client, 'sdcard', {'lock': True, 'password': SD_PASSWORD}, check_mode, ('password',))

    assert SD_PASSWORD not in json.dumps(result)
    assert result['commands'] == ['setdata SDLOCK=on SDLOCKPASS=********']
    assert result['diff']['before']['password'] is None
    assert result['diff']['after']['password'] == MASK


def test_secret_always_rewrites_each_run():
    client = FakeClient(settings=SD)

    sync_settings(client, 'sdcard', {'password': SD_PASSWORD}, False, ('password',))
    result = sync_settings(client, 'sdcard', {'password': SD_PASSWORD}, False, ('password',))

    assert result['changed'] is True
    assert len(client.writes) == 2


# Read-back.

def test_read_back_mismatch_raises():
    client = ntp_client()
    client.ignored_keys = {'NTPADD'}

    with pytest.raises(CameraError) as info:
        sync_settings(client, 'ntp', {'server': '192.0.2.123', 'interval': 6}, check_mode=False)

    error = info.value
    assert error.cgi == 'setdata'
    assert 'was answered but not applied: server=192.0.2.123 (camera reports ntp.example.org)' in error.message
    assert error.result['not_applied'] == {'server': {'expected': '192.0.2.123', 'actual': 'ntp.example.org'}}
    assert error.result['before']['server'] == 'ntp.example.org'
    assert error.result['after']['interval'] == 6
    assert error.result['commands'] == ['setdata NTPADD=192.0.2.123 NTPINTERVAL=6']


def test_secret_mismatch_is_masked():
    client = FakeClient(settings=SD)
    client.ignored_keys = {'SDLOCKPASS'}

    with pytest.raises(CameraError) as info:
        sync_settings(client, 'sdcard', {'password': SD_PASSWORD}, check_mode=False)

    assert info.value.result['not_applied'] == {'password': {'expected': MASK, 'actual': None}}
    assert SD_PASSWORD not in info.value.message
    assert SD_PASSWORD not in json.dumps(info.value.result)


# Restarts.

def test_restarting_change_waits_before_read_back():
    client = FakeClient(settings={'UAUTHMTD': 'digest_basic'})

    result = sync_settings(client, 'auth', {'method': 'digest'}, check_mode=False)

    assert client.restarts == [RESTART_TIMEOUT]
    assert result['after'] == {'method': 'digest'}


def test_restart_hook_runs_before_wait():
    client = FakeClient(settings={'UAUTHMTD': 'digest_basic'})
    seen = []

    def after_write(hooked_client, changes):
        seen.append((hooked_client, changes, list(client.restarts)))

    sync_settings(client, 'auth', {'method': 'digest'}, check_mode=False, after_write=after_write)

    assert seen == [(client, {'method': 'digest'}, [])]


def test_change_without_restart_does_not_wait():
    client = ntp_client()
    hooked = []

    sync_settings(client, 'ntp', {'server': '192.0.2.123'}, check_mode=False, after_write=hooked.append)

    assert client.restarts == []
    assert hooked == []


def test_check_mode_does_not_wait():
    client = FakeClient(settings={'UAUTHMTD': 'digest_basic'})

    sync_settings(client, 'auth', {'method': 'digest'}, check_mode=True)

    assert client.restarts == []
    assert client.writes == []


def test_every_group_reads_its_keys():
    for group, fields in cgi.SETTINGS.items():
        # An answer with none of the keys is rejected as not the camera's, so the fake holds them.
        client = FakeClient(settings={f.key: 'on' for f in fields if not f.write_only})

        current_settings(client, group)

        keys = client.reads[0][1]
        assert len(keys) == len(fields), group
