"""A camera that refuses connections or locks the controller out fails alone, and its retry file reruns it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.ansible import COLLECTIONS, REPO_ROOT, Run, ensure_collection_link

HARDEN = REPO_ROOT / 'playbooks' / 'harden.yml'
REFUSED_CAMERA = 'cam-a-02'
LOCKED_CAMERA = 'cam-b-01'
# The controller reaches the loopback cameras from this address.
CONTROLLER = '127.0.0.1'


@pytest.fixture
def fleet(emulator_factory):
    return emulator_factory(cameras=4, sites=2, restart_seconds=1, firmware_seconds=1)


def harden(inventory, retry_dir, *args) -> Run:
    """Run harden.yml with the retry files that ansible.cfg enables, saved to `retry_dir`."""
    ensure_collection_link()
    env = dict(os.environ,
               ANSIBLE_CONFIG=str(REPO_ROOT / 'ansible.cfg'),
               ANSIBLE_COLLECTIONS_PATH=str(COLLECTIONS),
               # Each test keeps its retry file apart from other runs of harden.yml.
               ANSIBLE_RETRY_FILES_SAVE_PATH=str(retry_dir),
               ANSIBLE_NOCOLOR='1')
    command = [str(Path(sys.executable).parent / 'ansible-playbook'), str(HARDEN), '-i', str(inventory), *args]
    completed = subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=600,
                               check=False)
    return Run(completed.returncode, completed.stdout + completed.stderr)


def test_unreachable_cameras_fail_alone_then_retry(fleet, tmp_path):
    first = harden(fleet.inventory, tmp_path)
    assert first.returncode == 0, first.output
    fleet.fault(REFUSED_CAMERA, refuse_connections=True, seconds=25)
    fleet.fault(LOCKED_CAMERA, lockout=True, source=CONTROLLER)

    run = harden(fleet.inventory, tmp_path)

    assert run.returncode == 2, run.output
    assert run.recap[REFUSED_CAMERA]['failed'] == 1, run.output
    assert run.recap[LOCKED_CAMERA]['failed'] == 1, run.output
    assert run.recap['cam-a-01']['failed'] == 0, run.output
    assert run.recap['cam-b-02']['failed'] == 0, run.output
    assert 'no answer from' in run.output
    assert 'locked out the controller' in run.output
    retry_file = tmp_path / 'harden.retry'
    assert sorted(retry_file.read_text().split()) == sorted([REFUSED_CAMERA, LOCKED_CAMERA])

    fleet.fault(LOCKED_CAMERA, clear=True)
    fleet.wait_for(REFUSED_CAMERA, lambda details: details['online'], timeout=60)
    for camera in fleet.cameras():
        fleet.reset_counters(camera['name'])

    retry = harden(fleet.inventory, tmp_path, '--limit', f'@{retry_file}')

    assert retry.returncode == 0, retry.output
    assert sorted(retry.recap) == sorted([REFUSED_CAMERA, LOCKED_CAMERA])
    assert fleet.camera('cam-a-01')['counters']['requests'] == 0
    assert fleet.camera('cam-b-02')['counters']['requests'] == 0
