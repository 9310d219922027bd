"""Firmware updates that fail half way, and updates that reset the camera's settings."""

from __future__ import annotations

import yaml

from tests.support.ansible import REPO_ROOT, run_playbook
from tests.support.faults import CAMERA, assert_far_from_lockout, fault_task, only, registered_fleet, run_tasks

HARDEN = REPO_ROOT / 'playbooks' / 'harden.yml'
STANDARD = {'ipro_protection_level': 'standard'}


def firmware_args(fleet):
    """Return the image and version that the emulator's inventory gives the camera."""
    inventory = yaml.safe_load(fleet.inventory.read_text())
    for group in inventory['all']['children']['cameras']['children'].values():
        host = group.get('hosts', {}).get(CAMERA)
        if host:
            # A small wait_timeout turns a missed failure into a quick, plainly different failure.
            return {'image': host['ipro_firmware_image'], 'version': host['ipro_firmware_version'],
                    'wait_timeout': 60}
    raise AssertionError(f'{CAMERA} not in {fleet.inventory}')


def test_failed_update_reports_the_old_version(emulator_factory, tmp_path):
    fleet = registered_fleet(emulator_factory)
    fleet.patch(CAMERA, AUDIO='mic')
    fleet.fault(CAMERA, firmware='fail')

    result = only(run_tasks(fleet, tmp_path, fault_task('ipro_firmware', firmware_args(fleet))), 'ipro_firmware')

    message = result['result']['msg']
    assert result['status'] == 'failed'
    assert 'still runs version 2.40 instead of 2.50' in message
    assert 'the update failed and the camera kept its firmware' in message
    assert 'camera error log: firmware update to 2.50 failed while writing' in message
    assert result['result']['not_applied'] == {'version': {'expected': '2.50', 'actual': '2.40'}}
    state = fleet.camera(CAMERA)
    assert state['firmware']['version'] == '2.40'
    assert state['settings']['AUDIO'] == 'mic'
    assert_far_from_lockout(fleet)


def test_update_that_resets_settings_is_hardened_again(emulator_factory, tmp_path):
    fleet = emulator_factory(cameras=1, sites=1, restart_seconds=1, firmware_seconds=1)
    hardened = run_playbook(HARDEN, fleet.inventory, workdir=tmp_path,
                            extra_vars=dict(STANDARD, ipro_firmware_enabled=False))
    assert hardened.returncode == 0, hardened.output
    before = fleet.camera(CAMERA)
    fleet.fault(CAMERA, firmware='factory_settings')

    updated = run_playbook(HARDEN, fleet.inventory, workdir=tmp_path, extra_vars=STANDARD)

    assert updated.returncode == 0, updated.output
    after = fleet.camera(CAMERA)
    assert after['firmware']['version'] == '2.50'
    assert after['settings'] == before['settings']
    assert after['hosts'] == before['hosts']
    changed = updated.changed_tasks(CAMERA)
    assert '2.2 | Run the latest firmware' in changed
    # Items after 2.2 found factory values and set them again in the same run.
    assert '2.7 | Synchronize the clock with NTP' in changed
    assert '2.9 | Lock the SD card with a password' in changed
    assert any(name.startswith('3.3 |') for name in changed), changed
    rerun = run_playbook(HARDEN, fleet.inventory, workdir=tmp_path, extra_vars=STANDARD)
    assert rerun.returncode == 0, rerun.output
    assert rerun.recap[CAMERA]['changed'] == 0, rerun.output
    assert_far_from_lockout(fleet)


def test_upload_answered_but_not_applied_times_out(emulator_factory, tmp_path):
    fleet = registered_fleet(emulator_factory)
    fleet.fault(CAMERA, ignore_writes=True, cgi='firmware_update', requests=1)
    args = dict(firmware_args(fleet), wait_timeout=5)

    result = only(run_tasks(fleet, tmp_path, fault_task('ipro_firmware', args)), 'ipro_firmware')

    assert result['status'] == 'failed'
    assert 'accepted the image but still reports version 2.40 after 5 seconds' in result['result']['msg']
    assert fleet.camera(CAMERA)['firmware']['version'] == '2.40'
    assert_far_from_lockout(fleet)
