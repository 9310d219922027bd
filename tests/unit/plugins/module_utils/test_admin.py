"""Tests of the ipro_admin logic: registering the administrator of a factory-fresh camera."""

from __future__ import annotations

import json

import pytest

from ansible_collections.ipro.camera.plugins.module_utils import admin
from ansible_collections.ipro.camera.plugins.module_utils.errors import CameraError, OptionError
from tests.unit.plugins.module_utils.fake_client import FakeClient

PASSWORD = 'Root-Pass-01'


def params(**overrides):
    values = dict(name='admin', password=PASSWORD, wait_timeout=120, login_user=None, login_password=None)
    values.update(overrides)
    return values


@pytest.fixture
def fresh():
    return FakeClient(users={}, info={'NAME': 'WV-S2136', 'ADMIN_REGISTERED': '0'})


def test_validate_logs_in_as_new_administrator():
    values = params()

    admin.validate(values)

    assert values['login_user'] == 'admin'
    assert values['login_password'] == PASSWORD


def test_validate_keeps_given_login():
    values = params(login_user='installer', login_password='Inst-Pass-01')

    admin.validate(values)

    assert values['login_user'] == 'installer'
    assert values['login_password'] == 'Inst-Pass-01'


@pytest.mark.parametrize('overrides, option', [
    (dict(name='ad"min'), 'name'),
    (dict(password='lowercaseonly'), 'password'),
    (dict(password='xAdmin-01'), 'password'),
])
def test_validate_rejects(overrides, option):
    with pytest.raises(OptionError) as info:
        admin.validate(params(**overrides))

    assert info.value.option == option
    assert overrides.get('password', PASSWORD) not in str(info.value)


def test_registered_camera_is_unchanged():
    client = FakeClient()

    result = admin.apply(client, params(), check_mode=False)

    assert result['changed'] is False
    assert result['before'] == {'registered': True}
    assert client.writes == []


def test_check_mode_never_registers(fresh):
    result = admin.apply(fresh, params(), check_mode=True)

    assert result['changed'] is True
    assert result['commands'] == ['register_admin UNAME=admin UPASS=********']
    assert result['after'] == {'registered': True, 'name': 'admin'}
    assert fresh.writes == []


def test_registers_once_and_waits(fresh):
    result = admin.apply(fresh, params(), check_mode=False)

    assert fresh.writes == [('register_admin', {'UNAME': 'admin', 'UPASS': PASSWORD})]
    assert fresh.write_options == [{'retries': 0}]
    assert fresh.restarts == [120]
    assert fresh.conn.username == 'admin'
    assert fresh.conn.password == PASSWORD
    assert result['changed'] is True
    assert PASSWORD not in json.dumps(result)


def test_second_run_is_idempotent(fresh):
    admin.apply(fresh, params(), check_mode=False)
    result = admin.apply(fresh, params(), check_mode=False)

    assert result['changed'] is False
    assert len(fresh.writes) == 1


def test_registration_not_applied_raises(fresh):
    fresh.ignored_cgis = {'register_admin'}

    with pytest.raises(CameraError) as info:
        admin.apply(fresh, params(), check_mode=False)

    assert 'still reports no administrator' in info.value.message
    assert info.value.result['commands'] == ['register_admin UNAME=admin UPASS=********']
