"""Tests of the ipro_maintenance logic: restart and initialize."""

from __future__ import annotations

import pytest

from ansible_collections.ipro.camera.plugins.module_utils import maintenance
from ansible_collections.ipro.camera.plugins.module_utils.errors import OptionError
from tests.unit.plugins.module_utils.fake_client import FakeClient


def params(**overrides):
    values = dict(action='restart', scope='data', confirm=False, wait=True, wait_timeout=300)
    values.update(overrides)
    return values


@pytest.mark.parametrize('scope', ['data', 'all'])
def test_initialize_needs_confirm(scope):
    with pytest.raises(OptionError) as info:
        maintenance.validate(params(action='initialize', scope=scope))

    assert info.value.option == 'confirm'
    assert 'scope %s' % scope in str(info.value)
    assert 'set confirm: true' in str(info.value)


def test_restart_needs_no_confirm():
    maintenance.validate(params())
    maintenance.validate(params(action='initialize', confirm=True))


def test_restart_check_mode_never_writes():
    client = FakeClient()

    result = maintenance.apply(client, params(), check_mode=True)

    assert result == dict(changed=True, action='restart', scope=None, commands=['initial cmd=reset'])
    assert client.writes == []


def test_restart_waits_for_camera():
    client = FakeClient()

    result = maintenance.apply(client, params(), check_mode=False)

    assert client.writes == [('initial', {'cmd': 'reset'})]
    assert client.write_options == [{'retries': 0}]
    assert client.restarts == [300]
    assert result['camera']['NAME'] == 'WV-S2136'


@pytest.mark.parametrize('scope, command', [('data', 'data'), ('all', 'all')])
def test_initialize_scope(scope, command):
    client = FakeClient()

    result = maintenance.apply(client, params(action='initialize', scope=scope, confirm=True, wait=False),
                               check_mode=False)

    assert client.writes == [('initial', {'cmd': command})]
    assert result['scope'] == scope
    assert result['commands'] == ['initial cmd=%s' % command]
    assert client.restarts == []
    assert 'camera' not in result
