"""ipro_hostauth never locks the controller out unless told to."""

from __future__ import annotations

import pytest

from tests.support.ansible import play, run_playbook, task


@pytest.fixture
def camera(emulator_factory, tmp_path):
    fleet = emulator_factory(cameras=1, sites=1, restart_seconds=1)
    result = run_playbook(play(task('ipro_admin', {'name': 'admin', 'password': 'Ipro-Demo-7391'})),
                          fleet.inventory, workdir=tmp_path)
    assert result.returncode == 0, result.output
    return fleet


def run(fleet, tmp_path, args, *options):
    result = run_playbook(play(task('ipro_hostauth', args)), fleet.inventory, *options, workdir=tmp_path)
    records = result.results(action='ipro_hostauth')
    assert len(records) == 1, result.output
    return records[0]


def test_enable_check_apply_rerun(camera, tmp_path):
    args = {'enabled': True, 'exclusive': True, 'hosts': [{'address': '127.0.0.0/8', 'level': 'administrator'},
                                                         {'address': '192.0.2.7', 'level': 'live_only'}]}
    check = run(camera, tmp_path, args, '--check', '--diff')
    assert check['status'] == 'changed'
    assert check['result']['controller_address'] == '127.0.0.1'
    assert camera.camera('cam-a-01')['settings']['HAUTH'] == 'off'

    apply = run(camera, tmp_path, args)
    assert apply['status'] == 'changed'
    assert apply['result']['commands'][-1] == 'setdata HAUTH=on'
    state = camera.camera('cam-a-01')
    assert state['settings']['HAUTH'] == 'on'
    assert {'address': '192.0.2.7', 'level': 3} in state['hosts'] or \
        {'address': '192.0.2.7', 'level': 'live_only'} in state['hosts']
    writes = state['counters']['writes']

    assert run(camera, tmp_path, args)['status'] == 'ok'
    assert camera.camera('cam-a-01')['counters']['writes'] == writes


@pytest.mark.parametrize('args, words', [
    ({'enabled': True, 'hosts': []}, 'empty list'),
    ({'enabled': True, 'hosts': [{'address': '192.0.2.0/24'}]}, 'locks out this controller (127.0.0.1'),
    ({'enabled': True, 'hosts': [{'address': '127.0.0.1', 'level': 'live_only'}]}, 'below administrator level'),
])
def test_lockout_prone_lists_are_refused(camera, tmp_path, args, words):
    writes = camera.camera('cam-a-01')['counters']['writes']
    result = run(camera, tmp_path, args)
    assert result['status'] == 'failed'
    assert words in result['result']['msg']
    assert camera.camera('cam-a-01')['counters']['writes'] == writes
    assert camera.camera('cam-a-01')['settings']['HAUTH'] == 'off'


def test_removing_the_controller_entry_is_refused_while_filtering(camera, tmp_path):
    assert run(camera, tmp_path, {'enabled': True, 'hosts': [{'address': '127.0.0.1'},
                                                             {'address': '192.0.2.0/24'}]})['status'] == 'changed'
    result = run(camera, tmp_path, {'hosts': [{'address': '127.0.0.1', 'state': 'absent'}]})
    assert result['status'] == 'failed'
    assert 'no entry covers it' in result['result']['msg']


@pytest.mark.parametrize('address, words', [
    ('camera.example.org', 'not an IPv4 address or CIDR subnet'),
    ('192.0.2.1/24', 'has host bits set'),
    ('192.0.2.0/33', 'invalid prefix length'),
])
def test_invalid_entries_fail_before_any_request(camera, tmp_path, address, words):
    camera.reset_counters('cam-a-01')
    result = run(camera, tmp_path, {'enabled': True, 'hosts': [{'address': address}]})
    assert result['status'] == 'failed'
    assert words in result['result']['msg']
    assert repr(address) in result['result']['msg']
    assert camera.camera('cam-a-01')['counters']['requests'] == 0


def test_allow_lockout_override_then_factory_reset(camera, tmp_path):
    result = run(camera, tmp_path, {'enabled': True, 'allow_lockout': True,
                                    'hosts': [{'address': '192.0.2.0/24'}]})
    assert result['status'] == 'changed', result
    assert 'denies this controller' in result['result']['msg']

    denied = run(camera, tmp_path, {})
    assert denied['status'] == 'failed'
    assert 'host authentication denies this controller' in denied['result']['msg']

    camera.factory_reset('cam-a-01')
    assert camera.camera('cam-a-01')['settings']['HAUTH'] == 'off'
