"""Tests of the ipro_snmp logic: option checks, clearing the community on SNMPv3, and update_password."""

from __future__ import annotations

import json

import pytest

from ansible_collections.ipro.camera.plugins.module_utils.errors import OptionError
from ansible_collections.ipro.camera.plugins.module_utils.snmp import SnmpLogic
from ansible_collections.ipro.camera.plugins.module_utils.sync import MASK
from tests.unit.plugins.module_utils.fake_client import FakeClient

AUTH_PASSWORD = 'Auth-Pass-0001'
PRIV_PASSWORD = 'Priv-Pass-0001'
COMMUNITY = 'site-community-7'


def v3(**overrides):
    values = dict(version='v3', community=None, user='monitor', auth_protocol='sha256', auth_password=AUTH_PASSWORD,
                  priv_protocol='aes128', priv_password=PRIV_PASSWORD, update_password='on_create')
    values.update(overrides)
    return values


def v1v2(**overrides):
    values = dict(version='v1v2', community=COMMUNITY, user=None, auth_protocol=None, auth_password=None,
                  priv_protocol=None, priv_password=None, update_password='on_create')
    values.update(overrides)
    return values


V3_SETTINGS = {'SNMPVER': 'v3', 'SNMPV3_UNAME': 'monitor', 'SNMPV3_AUTH': 'sha256', 'SNMPV3_ENCR': 'aes128'}
V3_SECRETS = {'SNMPV3_AUTHPASS': AUTH_PASSWORD, 'SNMPV3_ENCRPASS': PRIV_PASSWORD}


# validate.

@pytest.mark.parametrize('params', [
    v3(),
    v3(auth_password='x' * 8, priv_password='y' * 32),
    v3(auth_password=None, priv_password=None),
    v1v2(),
    v1v2(community='c'),
    v1v2(community='c' * 32),
    dict(version='off'),
])
def test_validate_accepts(params):
    SnmpLogic().validate(params)


@pytest.mark.parametrize('option, length', [
    ('auth_password', 7),
    ('auth_password', 33),
    ('priv_password', 7),
    ('priv_password', 33),
])
def test_validate_rejects_passphrase_length(option, length):
    secret = 'Pq7' + 'z' * (length - 3)

    with pytest.raises(OptionError) as info:
        SnmpLogic().validate(v3(**{option: secret}))

    assert info.value.option == option
    assert 'the passphrase has %d characters' % length in str(info.value)
    assert 'SNMPv3 needs 8 to 32 characters' in str(info.value)
    assert secret not in str(info.value)


@pytest.mark.parametrize('community', ['', 'c' * 33])
def test_validate_rejects_community_length(community):
    with pytest.raises(OptionError) as info:
        SnmpLogic().validate(v1v2(community=community))

    assert info.value.option == 'community'
    assert 'the community has %d characters' % len(community) in str(info.value)
    assert 'use 1 to 32 characters' in str(info.value)


def test_validate_rejects_community_with_v3():
    with pytest.raises(OptionError) as info:
        SnmpLogic().validate(v3(community=COMMUNITY))

    assert info.value.option == 'community'
    assert 'cannot be set with version=v3' in str(info.value)
    assert COMMUNITY not in str(info.value)


@pytest.mark.parametrize('missing', ['user', 'auth_protocol', 'priv_protocol'])
def test_validate_v3_requires(missing):
    with pytest.raises(OptionError) as info:
        SnmpLogic().validate(v3(**{missing: None}))

    assert info.value.option == missing
    assert 'is required with version=v3' in str(info.value)


def test_validate_v3_user_name():
    with pytest.raises(OptionError) as info:
        SnmpLogic().validate(v3(user='mon;itor'))

    assert info.value.option == 'user'
    assert "user name 'mon;itor' contains ;" in str(info.value)


# apply.

def test_move_to_v3_clears_community():
    client = FakeClient(settings={'SNMPVER': 'v1v2'}, secrets={'SNMPCOM': COMMUNITY})

    result = SnmpLogic().apply(client, v3(), check_mode=False)

    sent = client.writes[-1][1]
    assert sent['SNMPCOM'] == ''
    assert sent['SNMPVER'] == 'v3'
    assert 'SNMPCOM' not in client.secrets
    assert result['before']['community'] == MASK
    assert result['after']['community'] is None
    assert 'SNMPCOM=********' in result['commands'][0]


def test_move_to_v3_check_mode():
    client = FakeClient(settings={'SNMPVER': 'v1v2'}, secrets={'SNMPCOM': COMMUNITY})

    result = SnmpLogic().apply(client, v3(), check_mode=True)

    assert result['changed'] is True
    assert result['after']['community'] is None
    assert client.writes == []
    assert client.secrets['SNMPCOM'] == COMMUNITY


def test_v3_without_community_sends_none():
    client = FakeClient(settings={'SNMPVER': 'v1v2'})

    SnmpLogic().apply(client, v3(), check_mode=False)

    assert 'SNMPCOM' not in client.writes[-1][1]


def test_v3_second_run_unchanged():
    client = FakeClient(settings=dict(V3_SETTINGS), secrets=dict(V3_SECRETS))

    result = SnmpLogic().apply(client, v3(), check_mode=False)

    assert result['changed'] is False
    assert client.writes == []


def test_update_password_always_sends():
    client = FakeClient(settings=dict(V3_SETTINGS), secrets=dict(V3_SECRETS))

    result = SnmpLogic().apply(client, v3(update_password='always'), check_mode=False)

    assert client.writes == [('setdata', {'SNMPV3_AUTHPASS': AUTH_PASSWORD, 'SNMPV3_ENCRPASS': PRIV_PASSWORD})]
    assert result['changed'] is True
    assert result['commands'] == ['setdata SNMPV3_AUTHPASS=******** SNMPV3_ENCRPASS=********']


def test_update_password_on_create_sets_missing():
    client = FakeClient(settings=dict(V3_SETTINGS), secrets={'SNMPV3_AUTHPASS': AUTH_PASSWORD})

    SnmpLogic().apply(client, v3(), check_mode=False)

    assert client.writes == [('setdata', {'SNMPV3_ENCRPASS': PRIV_PASSWORD})]


def test_community_kept_on_v1v2():
    client = FakeClient(settings={'SNMPVER': 'v1v2'}, secrets={'SNMPCOM': COMMUNITY})

    result = SnmpLogic().apply(client, v1v2(), check_mode=False)

    assert result['changed'] is False
    assert client.writes == []


def test_results_never_carry_secrets():
    client = FakeClient(settings={'SNMPVER': 'v1v2'}, secrets={'SNMPCOM': COMMUNITY})

    result = SnmpLogic().apply(client, v3(update_password='always'), check_mode=False)

    output = json.dumps(result)
    assert AUTH_PASSWORD not in output
    assert PRIV_PASSWORD not in output
    assert COMMUNITY not in output
