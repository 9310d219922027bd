"""harden.yml against an emulated fleet: first run, converged rerun, drift audit, failures."""

from __future__ import annotations

import pytest

from tests.support.ansible import REPO_ROOT, run_playbook

HARDEN = REPO_ROOT / 'playbooks' / 'harden.yml'


@pytest.fixture
def fleet(emulator_factory):
    return emulator_factory(cameras=3, sites=2, restart_seconds=1, firmware_seconds=1)


def writes(fleet):
    return {camera['name']: fleet.camera(camera['name'])['counters']['writes'] for camera in fleet.cameras()}


def harden(fleet, tmp_path, *args, **kwargs):
    return run_playbook(HARDEN, fleet.inventory, *args, workdir=tmp_path, **kwargs)


def test_first_run_hardens_then_rerun_changes_nothing(fleet, tmp_path):
    first = harden(fleet, tmp_path)
    assert first.returncode == 0, first.output
    for host, counts in first.recap.items():
        assert counts['failed'] == 0, first.output
        assert counts['changed'] > 0, host

    for camera in fleet.cameras():
        state = fleet.camera(camera['name'])
        assert state['admin_registered'] is True
        assert state['settings']['UAUTHMTD'] == 'digest'
        assert state['settings']['TIMEADJUST'] == 'ntp'
        assert state['settings']['NTPADD'] == '192.0.2.123'
        assert {'name': 'operator', 'level': 2} in state['users']
        assert {'name': 'viewer', 'level': 3} in state['users']
    writes_after_first = writes(fleet)

    second = harden(fleet, tmp_path)
    assert second.returncode == 0, second.output
    assert all(counts['changed'] == 0 for counts in second.recap.values()), second.output
    assert writes(fleet) == writes_after_first


def test_firmware_updated_on_first_run(fleet, tmp_path):
    run = harden(fleet, tmp_path, '--tags', 'admin,firmware')
    assert run.returncode == 0, run.output
    assert fleet.camera('cam-a-01')['firmware']['version'] == '2.50'
    assert run.results(host='cam-a-01', action='ipro_firmware', status='changed')


def test_check_mode_reports_exactly_the_drift(fleet, tmp_path):
    assert harden(fleet, tmp_path).returncode == 0
    fleet.patch('cam-a-01', AUDIO='mic')
    fleet.patch('cam-b-01', TIMEADJUST='manual', UAUTHMTD='digest_basic')
    writes_before = writes(fleet)

    audit = harden(fleet, tmp_path, '--check', '--diff')
    assert audit.returncode == 0, audit.output
    assert audit.changed_tasks('cam-a-01') == ['2.8 | Keep audio off']
    assert audit.changed_tasks('cam-a-02') == []
    assert sorted(audit.changed_tasks('cam-b-01')) == ['2.5 | Use Digest authentication',
                                                        '2.7 | Synchronize the clock with NTP']
    assert '-    mode: mic' in audit.output
    assert "+    mode: 'off'" in audit.output
    assert writes(fleet) == writes_before
    assert fleet.camera('cam-a-01')['settings']['AUDIO'] == 'mic'


def test_check_mode_on_fresh_camera_writes_nothing(fleet, tmp_path):
    audit = harden(fleet, tmp_path, '--check', '--diff')
    assert audit.returncode == 0, audit.output
    assert all(count == 0 for count in writes(fleet).values())
    assert not fleet.camera('cam-a-01')['admin_registered']
    assert 'has no administrator yet' in audit.output


def test_wrong_password_fails_after_two_requests(fleet, tmp_path):
    assert harden(fleet, tmp_path, '--tags', 'admin').returncode == 0
    fleet.reset_counters('cam-a-01')

    run = harden(fleet, tmp_path, '-l', 'cam-a-01', extra_vars={'ipro_password': 'Wrong-Pass-1234'})
    assert run.returncode != 0
    failed = run.results(host='cam-a-01', status='failed')
    assert len(failed) == 1
    assert 'authentication as user' in failed[0]['result']['msg']
    assert 'ipro_password' in failed[0]['result']['msg']
    counters = fleet.camera('cam-a-01')['counters']
    assert counters['requests'] <= 2
    assert counters['auth_failures'] == 1
    assert fleet.camera('cam-a-01')['lockouts'] == {}


def test_lockout_fails_at_once_with_wait_time(fleet, tmp_path):
    assert harden(fleet, tmp_path, '--tags', 'admin').returncode == 0
    fleet.fault('cam-a-01', lockout=True, source='127.0.0.1')
    fleet.reset_counters('cam-a-01')

    run = harden(fleet, tmp_path, '-l', 'cam-a-01')
    failed = run.results(host='cam-a-01', status='failed')
    assert len(failed) == 1
    assert 'locked out the controller address' in failed[0]['result']['msg']
    assert 'more seconds' in failed[0]['result']['msg']
    assert fleet.camera('cam-a-01')['counters']['requests'] == 1


def test_unknown_level_fails_clearly(fleet, tmp_path):
    run = harden(fleet, tmp_path, extra_vars={'ipro_protection_level': 'ultimate'})
    assert run.returncode != 0
    assert 'ultimate' in run.output
    assert all(count == 0 for count in writes(fleet).values())


def test_no_secret_in_verbose_output(fleet, tmp_path):
    secrets = ['Ipro-Demo-7391', 'Camera-Ctl-4821', 'Live-View-5930', 'Sd-Lock-6284']
    inventory_text = fleet.inventory.read_text()
    assert all(secret in inventory_text for secret in secrets), 'the demo passwords changed; update this test'

    outputs = [harden(fleet, tmp_path, '-vvv'), harden(fleet, tmp_path, '-vvv', '--check', '--diff')]
    fleet.patch('cam-a-01', AUDIO='mic')
    outputs.append(harden(fleet, tmp_path, '-vvv', '--diff'))
    for run in outputs:
        assert run.returncode == 0, run.output
        for secret in secrets:
            assert secret not in run.output
            assert all(secret not in str(record) for record in run.records)
