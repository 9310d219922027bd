"""Credential rotation: verify before success, continue with the new password, recover half-finished runs."""

from __future__ import annotations

import pytest

from tests.support.ansible import REPO_ROOT, play, run_playbook, task

ROTATE = REPO_ROOT / 'playbooks' / 'rotate_credentials.yml'
OLD = 'Ipro-Demo-7391'
# Characters the camera accepts in passwords, which must survive the form-encoded POST and Digest.
NEW = "N3w +#/%@!?'<> pw"


@pytest.fixture
def camera(emulator_factory, tmp_path):
    fleet = emulator_factory(cameras=1, sites=1, restart_seconds=1)
    result = run_playbook(play(task('ipro_admin', {'name': 'admin', 'password': OLD})), fleet.inventory,
                          workdir=tmp_path)
    assert result.returncode == 0, result.output
    return fleet


def rotate(fleet, tmp_path, *args, **extra_vars):
    return run_playbook(ROTATE, fleet.inventory, *args, workdir=tmp_path, extra_vars=extra_vars or None)


def test_rotation_verifies_and_continues(camera, tmp_path):
    camera.reset_counters('cam-a-01')
    result = rotate(camera, tmp_path, ipro_new_password=NEW)
    assert result.returncode == 0, result.output
    rotation = result.results(action='ipro_password')[0]['result']
    assert rotation['rotated'] is True
    assert result.results(action='ipro_info')[0]['status'] == 'ok'
    assert NEW not in result.output
    assert all(NEW not in str(record) for record in result.records)
    # One failure: the check that the old password is now rejected.
    assert camera.camera('cam-a-01')['counters']['auth_failures'] == 1

    with_new = run_playbook(play(task('ipro_info', {'login_password': NEW})), camera.inventory, workdir=tmp_path)
    assert with_new.results(action='ipro_info')[0]['status'] == 'ok', with_new.output
    with_old = run_playbook(play(task('ipro_info')), camera.inventory, workdir=tmp_path)
    assert with_old.results(action='ipro_info')[0]['status'] == 'failed'


def test_rerun_with_new_password_in_inventory_is_noop(camera, tmp_path):
    assert rotate(camera, tmp_path, ipro_new_password=NEW).returncode == 0
    writes = camera.camera('cam-a-01')['counters']['writes']
    rerun = rotate(camera, tmp_path, ipro_new_password=NEW, ipro_password=NEW)
    assert rerun.returncode == 0, rerun.output
    assert rerun.results(action='ipro_password')[0]['status'] == 'ok'
    assert camera.camera('cam-a-01')['counters']['writes'] == writes


def test_half_finished_rotation_recovers_with_one_try_each(camera, tmp_path):
    assert rotate(camera, tmp_path, ipro_new_password=NEW).returncode == 0
    camera.reset_counters('cam-a-01')

    recovered = rotate(camera, tmp_path, ipro_new_password=NEW)
    assert recovered.returncode == 0, recovered.output
    result = recovered.results(action='ipro_password')[0]
    assert result['status'] == 'ok'
    assert result['result']['recovered'] is True
    assert camera.camera('cam-a-01')['counters']['auth_failures'] == 1
    assert camera.camera('cam-a-01')['lockouts'] == {}


def test_both_passwords_wrong_stops_after_two_failures(camera, tmp_path):
    camera.reset_counters('cam-a-01')
    result = rotate(camera, tmp_path, ipro_new_password='Other-Pass-2028', ipro_password='Wrong-Pass-2027')
    failed = result.results(action='ipro_password', status='failed')
    assert failed, result.output
    assert 'rejected both' in failed[0]['result']['msg']
    assert camera.camera('cam-a-01')['counters']['auth_failures'] == 2


def test_weak_new_password_is_refused_before_any_request(camera, tmp_path):
    camera.reset_counters('cam-a-01')
    result = rotate(camera, tmp_path, ipro_new_password='password')
    failed = result.results(action='ipro_password', status='failed')
    assert failed, result.output
    assert 'option new_password' in failed[0]['result']['msg']
    assert camera.camera('cam-a-01')['counters']['requests'] == 0
