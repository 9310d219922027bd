"""Tests of the ipro_user logic on an in-memory camera."""

from __future__ import annotations

import json

import pytest

from ansible_collections.ipro.camera.plugins.module_utils import users
from ansible_collections.ipro.camera.plugins.module_utils.errors import AuthenticationError, CameraError, OptionError
from ansible_collections.ipro.camera.plugins.module_utils.sync import MASK
from tests.unit.plugins.module_utils.fake_client import FakeClient

OPERATOR_PASSWORD = 'Oper-Pass-01'
NEW_PASSWORD = 'Oper-Pass-02'


def params(**overrides):
    values = dict(name='operator', password=OPERATOR_PASSWORD, level='live_only', state='present',
                  update_password='on_create')
    values.update(overrides)
    return values


@pytest.fixture
def client():
    return FakeClient(users={'admin': ('Admin-pass1', '1'), 'operator': (OPERATOR_PASSWORD, '3')})


@pytest.fixture
def logins(monkeypatch, client):
    """Replace the login probe of update_password=always with a check against the fake camera."""
    attempts = []

    class Probe:
        def __init__(self, conn, sleep=None):
            self.conn = conn

        def info(self):
            attempts.append((self.conn.username, self.conn.password))
            stored = client.users.get(self.conn.username)
            if client.failures.get('login'):
                raise client.failures['login'].pop(0)
            if stored is None or stored[0] != self.conn.password:
                raise AuthenticationError(self.conn.label, 'getinfo', 'failed: rejected', status=401)
            return {}

        def close(self):
            pass

    monkeypatch.setattr(users, 'CameraClient', Probe)
    return attempts


def test_read_users():
    client = FakeClient()
    client.get = lambda name: {'user1': 'admin,1', 'user2': 'cam,op,2', 'user3': 'viewer,3', 'user4': 'odd,9',
                               'max': '24'}

    assert users.read_users(client) == {'admin': 'administrator', 'cam,op': 'camera_control',
                                        'viewer': 'live_only', 'odd': '9'}


# validate.

def test_validate_accepts_without_password():
    users.validate(params(password=None))


@pytest.mark.parametrize('overrides, option, detail', [
    (dict(name='bad:name'), 'name', "user name 'bad:name' contains :"),
    (dict(name=''), 'name', 'has 0 characters'),
    (dict(password='short1A'), 'password', 'has 7 characters'),
    (dict(password='Operator-01'), 'password', "contains the user name 'operator'"),
])
def test_validate_rejects(overrides, option, detail):
    with pytest.raises(OptionError) as info:
        users.validate(params(**overrides))

    assert info.value.option == option
    assert detail in str(info.value)
    if overrides.get('password'):
        assert overrides['password'] not in str(info.value)


# Create, change, delete.

def test_create_user(client):
    result = users.apply(client, params(name='viewer', password='View-Pass-01'), check_mode=False)

    assert client.writes == [('set_user', {'mode': 'add', 'UNAME': 'viewer', 'UPASS': 'View-Pass-01',
                                           'ULEVEL': '3'})]
    assert result['changed'] is True
    assert result['password_changed'] is True
    assert result['user'] == {'name': 'viewer', 'present': True, 'level': 'live_only'}
    assert result['commands'] == ['set_user mode=add UNAME=viewer UPASS=******** ULEVEL=3']
    assert result['diff']['before'] == {'name': 'viewer', 'present': False, 'level': None, 'password': None}
    assert result['diff']['after']['password'] == MASK
    assert 'View-Pass-01' not in json.dumps(result)


def test_create_in_check_mode_never_writes(client):
    result = users.apply(client, params(name='viewer', password='View-Pass-01'), check_mode=True)

    assert result['changed'] is True
    assert result['commands'] == ['set_user mode=add UNAME=viewer UPASS=******** ULEVEL=3']
    assert client.writes == []
    assert 'viewer' not in client.users


def test_create_without_password_fails(client):
    with pytest.raises(OptionError) as info:
        users.apply(client, params(name='viewer', password=None), check_mode=False)

    assert "is required to create user 'viewer'" in str(info.value)
    assert client.writes == []


def test_existing_user_unchanged(client, logins):
    result = users.apply(client, params(), check_mode=False)

    assert result['changed'] is False
    assert result['commands'] == []
    assert client.writes == []
    assert logins == []


def test_level_change_rewrites_user(client):
    result = users.apply(client, params(level='camera_control'), check_mode=False)

    assert client.writes == [('set_user', {'mode': 'add', 'UNAME': 'operator', 'UPASS': OPERATOR_PASSWORD,
                                           'ULEVEL': '2'})]
    assert result['password_changed'] is False
    assert result['user']['level'] == 'camera_control'


def test_level_change_needs_password(client):
    with pytest.raises(OptionError) as info:
        users.apply(client, params(level='camera_control', password=None), check_mode=False)

    assert info.value.option == 'password'
    assert "change the level of user 'operator'" in str(info.value)
    assert client.writes == []


# update_password.

def test_always_with_current_password(client, logins):
    result = users.apply(client, params(update_password='always'), check_mode=False)

    assert result['changed'] is False
    assert client.writes == []
    assert logins == [('operator', OPERATOR_PASSWORD)]


def test_always_with_new_password_writes(client, logins):
    result = users.apply(client, params(password=NEW_PASSWORD, update_password='always'), check_mode=False)

    assert result['changed'] is True
    assert result['password_changed'] is True
    assert client.users['operator'] == (NEW_PASSWORD, '3')
    assert NEW_PASSWORD not in json.dumps(result)


def test_always_check_mode_never_writes(client, logins):
    result = users.apply(client, params(password=NEW_PASSWORD, update_password='always'), check_mode=True)

    assert result['changed'] is True
    assert client.writes == []
    assert len(logins) == 1


def test_always_stops_on_lockout(client, logins):
    client.failures['login'] = [AuthenticationError('cam-01', 'getinfo', 'failed: locked', status=403,
                                                    error='locked')]

    with pytest.raises(AuthenticationError):
        users.apply(client, params(password=NEW_PASSWORD, update_password='always'), check_mode=False)

    assert client.writes == []


def test_on_create_ignores_new_password(client, logins):
    result = users.apply(client, params(password=NEW_PASSWORD), check_mode=False)

    assert result['changed'] is False
    assert logins == []


def test_own_password_change_switches_session(client, logins):
    params_admin = params(name='admin', password='Root-Pass-02', level='administrator', update_password='always')

    users.apply(client, params_admin, check_mode=False)

    assert client.conn.password == 'Root-Pass-02'


# Delete and the last administrator.

def test_delete_user(client):
    result = users.apply(client, params(state='absent', password=None), check_mode=False)

    assert client.writes == [('set_user', {'mode': 'delete', 'UNAME': 'operator'})]
    assert result['changed'] is True
    assert result['commands'] == ['set_user mode=delete UNAME=operator']
    assert result['user'] == {'name': 'operator', 'present': False, 'level': None}


def test_delete_absent_user_is_unchanged(client):
    result = users.apply(client, params(name='ghost', state='absent'), check_mode=False)

    assert result['changed'] is False
    assert client.writes == []


def test_delete_in_check_mode_never_writes(client):
    result = users.apply(client, params(state='absent'), check_mode=True)

    assert result['changed'] is True
    assert client.writes == []


def test_last_administrator_not_deleted(client):
    with pytest.raises(CameraError) as info:
        users.apply(client, params(name='admin', state='absent'), check_mode=False)

    assert "refused to delete 'admin', the last administrator" in info.value.message
    assert client.writes == []


def test_last_administrator_not_demoted(client):
    with pytest.raises(CameraError) as info:
        users.apply(client, params(name='admin', password='Admin-pass1', level='live_only'), check_mode=True)

    assert "refused to demote 'admin'" in info.value.message
    assert client.writes == []


def test_administrator_deleted_when_another_remains(client):
    client.users['admin2'] = ('Admin-pass2', '1')

    result = users.apply(client, params(name='admin', state='absent'), check_mode=False)

    assert result['changed'] is True
    assert 'admin' not in client.users


# Read-back.

def test_read_back_mismatch_raises(client):
    client.ignored_cgis = {'set_user'}

    with pytest.raises(CameraError) as info:
        users.apply(client, params(name='viewer', password='View-Pass-01'), check_mode=False)

    assert "was answered but not applied: user 'viewer' is absent" in info.value.message
    assert info.value.result['after'] == {'name': 'viewer', 'present': False, 'level': None}
    assert info.value.result['not_applied'] == {'present': {'expected': True, 'actual': False},
                                                'level': {'expected': 'live_only', 'actual': None}}
    assert info.value.result['commands'] == ['set_user mode=add UNAME=viewer UPASS=******** ULEVEL=3']
    assert 'View-Pass-01' not in json.dumps(info.value.result)


def test_read_back_level_not_applied(client):
    client.ignored_cgis = {'set_user'}

    with pytest.raises(CameraError) as info:
        users.apply(client, params(level='camera_control'), check_mode=False)

    assert "user 'operator' is at level live_only" in info.value.message
    assert info.value.result['not_applied'] == {'level': {'expected': 'camera_control', 'actual': 'live_only'}}
    assert OPERATOR_PASSWORD not in json.dumps(info.value.result)


def test_read_back_delete_not_applied(client):
    client.ignored_cgis = {'set_user'}

    with pytest.raises(CameraError) as info:
        users.apply(client, params(state='absent'), check_mode=False)

    assert info.value.result['not_applied'] == {'present': {'expected': False, 'actual': True},
                                                'level': {'expected': None, 'actual': 'live_only'}}
