"""The Standard level and its modules against the emulator."""

from __future__ import annotations

import socket

import pytest
import yaml

from tests.support.ansible import REPO_ROOT, play, run_playbook, task

HARDEN = REPO_ROOT / 'playbooks' / 'harden.yml'
STANDARD = {'ipro_protection_level': 'standard'}


@pytest.fixture
def fleet(emulator_factory):
    return emulator_factory(cameras=3, sites=2, restart_seconds=1, firmware_seconds=1, keygen_seconds=1)


def inventory_with(fleet, tmp_path, **group_vars):
    """Write a copy of the emulator's inventory with other values for the cameras group."""
    inventory = yaml.safe_load(fleet.inventory.read_text())
    inventory['all']['children']['cameras']['vars'].update(group_vars)
    path = tmp_path / 'hosts.yml'
    path.write_text(yaml.safe_dump(inventory))
    return path


def writes(fleet):
    return {camera['name']: fleet.camera(camera['name'])['counters']['writes'] for camera in fleet.cameras()}


def port_open(address, port):
    try:
        with socket.create_connection((address, port), timeout=2):
            return True
    except OSError:
        return False


def test_fleet_converges_at_standard(fleet, tmp_path):
    inventory = inventory_with(fleet, tmp_path, **STANDARD)
    first = run_playbook(HARDEN, inventory, workdir=tmp_path)
    assert first.returncode == 0, first.output
    for camera in fleet.cameras():
        state = fleet.camera(camera['name'])
        assert state['settings']['HTTPS_TYPE'] == 'https'
        assert state['settings']['FTPSVR'] == 'forbid'
        assert state['settings']['MLSSL'] == 'on'
        assert not port_open(camera['address'], camera['http_port'])
    assert fleet.camera('cam-a-01')['settings']['SRTP'] == 'on'
    assert 'SRTP' not in fleet.camera('cam-b-01')['settings']
    [srtp] = [r for r in first.results(host='cam-b-01', action='ipro_stream') if r['task'].startswith('3.8 |')]
    assert srtp['status'] == 'skipped'
    assert srtp['result']['missing_capability'] == 'srtp'
    writes_after_first = writes(fleet)

    second = run_playbook(HARDEN, inventory, workdir=tmp_path)
    assert second.returncode == 0, second.output
    assert all(counts['changed'] == 0 for counts in second.recap.values()), second.output
    assert writes(fleet) == writes_after_first

    fleet.patch('cam-a-01', FTPSVR='allow', PORTFORWARD='on')
    audit = run_playbook(HARDEN, inventory, '--check', '--diff', workdir=tmp_path)
    assert audit.returncode == 0, audit.output
    assert audit.changed_tasks('cam-a-01') == ['3.2.1 | Forbid FTP access to the camera',
                                               '3.2.3 | Turn off UPnP port forwarding']
    assert audit.changed_tasks('cam-b-01') == []
    assert writes(fleet) == writes_after_first


def test_https_switch_mid_play_continues_over_https(fleet, tmp_path):
    inventory = inventory_with(fleet, tmp_path, ipro_protocol='http')
    assert run_playbook(play(task('ipro_admin', {'name': 'admin', 'password': 'Ipro-Demo-7391'})), inventory,
                        workdir=tmp_path).returncode == 0

    result = run_playbook(play(task('ipro_https', {'connection': 'https'}, name='switch'),
                               task('ipro_audio', {'mode': 'mic'}, name='next task', when="'WV-S1536' != 'x'"),
                               hosts='cam-a-01'), inventory, workdir=tmp_path)
    assert result.returncode == 0, result.output
    switch = result.results(action='ipro_https')[0]['result']
    assert switch['ansible_facts'] == {'ipro_protocol': 'https', 'ipro_https_port': fleet.cameras()[0]['https_port']}
    assert fleet.camera('cam-a-01')['settings']['AUDIO'] == 'mic'
    camera = fleet.cameras()[0]
    assert not port_open(camera['address'], camera['http_port'])
    assert port_open(camera['address'], camera['https_port'])


def test_alteration_needs_mp4(fleet, tmp_path):
    assert run_playbook(play(task('ipro_admin', {'name': 'admin', 'password': 'Ipro-Demo-7391'})), fleet.inventory,
                        workdir=tmp_path).returncode == 0
    fleet.patch('cam-a-01', SDRECFMT='jpeg')
    fleet.reset_counters('cam-a-01')
    result = run_playbook(play(task('ipro_alteration', {'enabled': True}), hosts='cam-a-01'), fleet.inventory,
                          workdir=tmp_path)
    failed = result.results(action='ipro_alteration', status='failed')
    assert failed, result.output
    assert 'recording_format: mp4' in failed[0]['result']['msg']
    assert fleet.camera('cam-a-01')['counters']['writes'] == 0


def test_unsupported_feature_fails_clearly(fleet, tmp_path):
    assert run_playbook(play(task('ipro_admin', {'name': 'admin', 'password': 'Ipro-Demo-7391'})), fleet.inventory,
                        workdir=tmp_path).returncode == 0
    result = run_playbook(play(task('ipro_stream', {'srtp': True}), hosts='cam-b-01'), fleet.inventory,
                          workdir=tmp_path)
    failed = result.results(action='ipro_stream', status='failed')
    assert failed, result.output
    assert 'has no srtp' in failed[0]['result']['msg']


@pytest.mark.parametrize('module, args', [
    ('ipro_ftp', {'server': False, 'client': False}),
    ('ipro_upnp', {'port_forwarding': True}),
    ('ipro_easyip', {'period': 'unlimited'}),
    ('ipro_smtp', {'ssl': True, 'server': 'mail.example.org', 'port': 465, 'auth': 'smtp', 'user': 'cameras',
                   'password': 'Smtp-Secret-99'}),
    ('ipro_stream', {'internet_mode': True, 'srtp': True, 'rtsps_port': 8322}),
    ('ipro_encryption', {'enabled': True}),
    ('ipro_alteration', {'enabled': True}),
    ('ipro_https', {'connection': 'https'}),
])
def test_standard_module_check_apply_rerun(fleet, tmp_path, module, args):
    assert run_playbook(play(task('ipro_admin', {'name': 'admin', 'password': 'Ipro-Demo-7391'})), fleet.inventory,
                        workdir=tmp_path).returncode == 0
    fleet.patch('cam-a-01', FTPSVR='allow')
    before = fleet.camera('cam-a-01')['counters']['writes']

    check = run_playbook(play(task(module, args), hosts='cam-a-01'), fleet.inventory, '--check', '--diff',
                         workdir=tmp_path)
    assert check.results(action=module)[0]['status'] == 'changed', check.output
    assert fleet.camera('cam-a-01')['counters']['writes'] == before

    apply = run_playbook(play(task(module, args), hosts='cam-a-01'), fleet.inventory, workdir=tmp_path)
    assert apply.results(action=module)[0]['status'] == 'changed', apply.output
    after_apply = fleet.camera('cam-a-01')['counters']['writes']

    rerun = run_playbook(play(task(module, args), hosts='cam-a-01'), fleet.inventory, workdir=tmp_path)
    assert rerun.results(action=module)[0]['status'] == 'ok', rerun.output
    assert fleet.camera('cam-a-01')['counters']['writes'] == after_apply
    assert 'Smtp-Secret-99' not in check.output + apply.output + rerun.output


def test_ports_report_a_port_open_against_the_settings(fleet, tmp_path):
    assert run_playbook(play(task('ipro_admin', {'name': 'admin', 'password': 'Ipro-Demo-7391'})), fleet.inventory,
                        workdir=tmp_path).returncode == 0
    converged = run_playbook(play(task('ipro_ports', {}), hosts='cam-a-01'), fleet.inventory, workdir=tmp_path)
    assert converged.results(action='ipro_ports')[0]['result']['mismatches'] == [], converged.output

    # A technician's change that the web service has not applied yet: HTTP is still open.
    fleet.patch('cam-a-01', HTTPS_TYPE='https')
    warned = run_playbook(play(task('ipro_ports', {}), hosts='cam-a-01'), fleet.inventory, workdir=tmp_path)
    result = warned.results(action='ipro_ports')[0]['result']
    assert result['mismatches'] == [{'service': 'http', 'port': fleet.cameras()[0]['http_port'],
                                     'expected': 'closed', 'actual': 'open'}]
    assert any('expected closed' in warning for warning in result['warnings'])

    failed = run_playbook(play(task('ipro_ports', {'fail_on_mismatch': True}), hosts='cam-a-01'), fleet.inventory,
                          workdir=tmp_path)
    assert failed.results(action='ipro_ports')[0]['status'] == 'failed'
