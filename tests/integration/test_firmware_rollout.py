"""playbooks/firmware.yml: batches, the health check, and the stop when a batch fails."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from tests.support.ansible import REPO_ROOT, play, run_playbook, task

FIRMWARE = REPO_ROOT / 'playbooks' / 'firmware.yml'
# The emulator's inventory carries an image one minor version newer for each model.
NEW_VERSIONS = {'s2136': '2.50', 's1536': '1.70', 'sfv130': '1.30'}
DAMAGED_CAMERA = 'cam-a-03'


@pytest.fixture
def fleet(emulator_factory, tmp_path):
    """Six registered cameras, cam-a-01..03 and cam-b-01..03, in this order in the play."""
    fleet = emulator_factory(cameras=6, sites=2, restart_seconds=1, firmware_seconds=1)
    registered = run_playbook(play(task('ipro_admin', {'name': 'admin', 'password': 'Ipro-Demo-7391'})),
                              fleet.inventory, workdir=tmp_path)
    assert registered.returncode == 0, registered.output
    return fleet


def inventory_with_damaged_image(fleet, tmp_path):
    """Copy the inventory, giving DAMAGED_CAMERA an image whose payload fails its checksum."""
    family = fleet.camera(DAMAGED_CAMERA)['firmware']['family']
    image = tmp_path / f'{family}-damaged.img'
    subprocess.run([sys.executable, '-m', 'tests.emulator', 'make-firmware', '--family', family,
                    '--version', NEW_VERSIONS[family], '--out', str(image), '--damaged'],
                   cwd=REPO_ROOT, check=True, capture_output=True)

    inventory = yaml.safe_load(fleet.inventory.read_text())
    site_a = inventory['all']['children']['cameras']['children']['cameras_site_a']['hosts']
    site_a[DAMAGED_CAMERA]['ipro_firmware_image'] = str(image)
    path = tmp_path / 'hosts-damaged.yml'
    path.write_text(yaml.safe_dump(inventory))
    return path


def versions(fleet):
    return {camera['name']: fleet.camera(camera['name'])['firmware']['version'] for camera in fleet.cameras()}


def writes(fleet):
    return {camera['name']: fleet.camera(camera['name'])['counters']['writes'] for camera in fleet.cameras()}


def is_new(fleet, name):
    firmware = fleet.camera(name)['firmware']
    return firmware['version'] == NEW_VERSIONS[firmware['family']]


def test_rollout_updates_every_batch(fleet, tmp_path):
    run = run_playbook(FIRMWARE, fleet.inventory, workdir=tmp_path)
    assert run.returncode == 0, run.output
    assert all(is_new(fleet, camera['name']) for camera in fleet.cameras()), versions(fleet)
    assert len(run.results(action='ipro_info', status='ok')) == 6
    assert len(run.results(action='assert', status='ok')) == 12

    rerun = run_playbook(FIRMWARE, fleet.inventory, workdir=tmp_path)
    assert rerun.returncode == 0, rerun.output
    assert all(counts['changed'] == 0 for counts in rerun.recap.values()), rerun.output


def test_failed_batch_stops_rollout(fleet, tmp_path):
    inventory = inventory_with_damaged_image(fleet, tmp_path)
    writes_before = writes(fleet)

    # Batches of 1, 10 % and 25 % of six cameras contain one camera each, and the third one fails.
    run = run_playbook(FIRMWARE, inventory, workdir=tmp_path)

    assert run.returncode != 0, run.output
    assert run.recap[DAMAGED_CAMERA]['failed'] == 1, run.output
    assert 'rejected image' in run.results(host=DAMAGED_CAMERA, status='failed')[0]['result']['msg']
    assert is_new(fleet, 'cam-a-01')
    assert is_new(fleet, 'cam-a-02')
    assert not is_new(fleet, DAMAGED_CAMERA)
    for name in ('cam-b-01', 'cam-b-02', 'cam-b-03'):
        assert name not in run.recap, run.output
        assert not is_new(fleet, name)
        assert writes(fleet)[name] == writes_before[name]


def test_failures_within_limit_continue(fleet, tmp_path):
    inventory = inventory_with_damaged_image(fleet, tmp_path)

    # One failure in a batch of three is 33 %, within a limit of 50 %, so the second batch runs.
    run = run_playbook(FIRMWARE, inventory, workdir=tmp_path,
                       extra_vars={'ipro_firmware_batches': [3], 'ipro_firmware_max_fail_percentage': 50})

    assert run.returncode != 0, run.output
    assert run.recap[DAMAGED_CAMERA]['failed'] == 1, run.output
    assert not is_new(fleet, DAMAGED_CAMERA)
    for name in ('cam-a-01', 'cam-a-02', 'cam-b-01', 'cam-b-02', 'cam-b-03'):
        assert is_new(fleet, name), versions(fleet)
        assert run.recap[name]['failed'] == 0, run.output
