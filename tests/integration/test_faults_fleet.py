"""Faults on some cameras of a fleet: the others finish, and the retry file lists exactly the ones to rerun."""

from __future__ import annotations

import yaml

from tests.support.ansible import REPO_ROOT, run_playbook
from tests.support.faults import assert_far_from_lockout, registered_fleet

HARDEN = REPO_ROOT / 'playbooks' / 'harden.yml'


def retry_hosts(retry_dir):
    return sorted((retry_dir / 'harden.retry').read_text().split())


def requests_per_camera(fleet):
    return {camera['name']: fleet.camera(camera['name'])['counters']['requests'] for camera in fleet.cameras()}


def test_camera_gone_mid_play_fails_alone_and_reruns(emulator_factory, tmp_path):
    fleet = emulator_factory(cameras=3, sites=1, restart_seconds=1, firmware_seconds=1)
    # The camera disappears part way through its hardening: after registration and some items.
    fleet.fault('cam-a-02', refuse_connections=True, seconds=20, after_requests=12)
    retry_dir = tmp_path / 'retry'

    first = run_playbook(HARDEN, fleet.inventory, workdir=tmp_path, retry_dir=retry_dir)

    assert first.returncode == 2, first.output
    assert first.recap['cam-a-02']['failed'] == 1, first.output
    assert first.recap['cam-a-01']['failed'] == 0, first.output
    assert first.recap['cam-a-03']['failed'] == 0, first.output
    assert 'refused the connection' in first.output
    assert retry_hosts(retry_dir) == ['cam-a-02']
    fleet.wait_for('cam-a-02', lambda details: details['online'], timeout=60)
    for camera in fleet.cameras():
        fleet.reset_counters(camera['name'])

    rerun = run_playbook(HARDEN, fleet.inventory, '--limit', f'@{retry_dir / "harden.retry"}', workdir=tmp_path,
                         retry_dir=retry_dir)

    assert rerun.returncode == 0, rerun.output
    assert sorted(rerun.recap) == ['cam-a-02']
    state = fleet.camera('cam-a-02')
    assert state['settings']['TIMEADJUST'] == 'ntp'
    assert {'name': 'operator', 'level': 2} in state['users']
    assert requests_per_camera(fleet)['cam-a-01'] == 0
    for camera in fleet.cameras():
        assert_far_from_lockout(fleet, camera['name'])


def test_bad_cameras_never_stop_the_others(emulator_factory, tmp_path):
    fleet = registered_fleet(emulator_factory, cameras=5, sites=2)
    inventory = yaml.safe_load(fleet.inventory.read_text())
    inventory['all']['children']['cameras']['children']['cameras_site_b']['hosts']['cam-b-01'][
        'ipro_password'] = 'Stale-Inventory-Pw-3'
    hosts = tmp_path / 'hosts.yml'
    hosts.write_text(yaml.safe_dump(inventory))
    fleet.fault('cam-a-02', ignore_writes=True, cgi='setdata', seconds=300)
    fleet.fault('cam-a-03', malformed='garbage', seconds=300)
    retry_dir = tmp_path / 'retry'

    run = run_playbook(HARDEN, hosts, workdir=tmp_path, retry_dir=retry_dir)

    assert run.returncode == 2, run.output
    for name in ('cam-a-01', 'cam-b-02'):
        assert run.recap[name]['failed'] == 0, run.output
        assert run.recap[name]['changed'] > 0, run.output
        assert fleet.camera(name)['settings']['TIMEADJUST'] == 'ntp'
    for name in ('cam-a-02', 'cam-a-03', 'cam-b-01'):
        assert run.recap[name]['failed'] == 1, run.output
    assert 'was answered but not applied' in run.output
    assert 'the body is not text' in run.output
    assert "authentication as user 'admin' was rejected" in run.output
    assert retry_hosts(retry_dir) == ['cam-a-02', 'cam-a-03', 'cam-b-01']
    assert_far_from_lockout(fleet, 'cam-b-01', allowed=1)
    for name in ('cam-a-01', 'cam-a-02', 'cam-a-03', 'cam-b-02'):
        assert_far_from_lockout(fleet, name)

    for name in ('cam-a-02', 'cam-a-03'):
        fleet.fault(name, clear=True)
    for camera in fleet.cameras():
        fleet.reset_counters(camera['name'])
    rerun = run_playbook(HARDEN, fleet.inventory, '--limit', f'@{retry_dir / "harden.retry"}', workdir=tmp_path,
                         retry_dir=retry_dir)

    assert rerun.returncode == 0, rerun.output
    assert sorted(rerun.recap) == ['cam-a-02', 'cam-a-03', 'cam-b-01']
    assert requests_per_camera(fleet)['cam-a-01'] == 0
    assert requests_per_camera(fleet)['cam-b-02'] == 0
