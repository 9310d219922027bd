"""Helpers of the fault tests: a registered camera, one-play runs and the lockout check."""

from __future__ import annotations

from tests.support.ansible import play, run_playbook, task
from tests.support.cameras import register_admin

CAMERA = 'cam-a-01'
# Short enough that a persistent fault fails within seconds: the client tries 5 times with 0.5-4 s pauses.
TIMEOUT = 2
# The camera locks a source out at 8 failed logins; a fault must never bring it near that.
LOCKOUT_FAILURES = 8


def registered_fleet(emulator_factory, cameras=1, sites=1, **options):
    """Start an emulator with fast restarts and register the demo administrator on every camera."""
    options = dict(dict(restart_seconds=1, firmware_seconds=1), **options)
    fleet = emulator_factory(cameras=cameras, sites=sites, **options)
    register_admin(fleet, *[camera['name'] for camera in fleet.cameras()])
    for camera in fleet.cameras():
        fleet.reset_counters(camera['name'])
    return fleet


def run_tasks(fleet, tmp_path, *tasks, args=(), **kwargs):
    """Run the tasks as one play against every camera of the fleet."""
    return run_playbook(play(*tasks), fleet.inventory, *args, workdir=tmp_path, **kwargs)


def fault_task(module, module_args=None, **task_options):
    """Build a task with the short TIMEOUT, so that a persistent fault fails quickly."""
    return task(module, dict({'timeout': TIMEOUT}, **(module_args or {})), **task_options)


def only(result, action, host=CAMERA):
    """Return the one record of `action` on `host`, failing with the run's output otherwise."""
    records = result.results(host=host, action=action)
    assert len(records) == 1, result.output
    return records[0]


def auth_failures(fleet, name=CAMERA):
    return fleet.camera(name)['counters']['auth_failures']


def assert_far_from_lockout(fleet, name=CAMERA, allowed=0):
    """Check that the camera counted at most `allowed` failed logins, far below its lockout."""
    failures = auth_failures(fleet, name)
    assert failures <= allowed < LOCKOUT_FAILURES // 2, f'{name}: {failures} failed logins, allowed {allowed}'
    assert fleet.camera(name)['lockouts'] == {}
