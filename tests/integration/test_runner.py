"""harden.yml and audit.yml under ansible-runner, the library that AWX runs every job with."""

from __future__ import annotations

import json
import os

import ansible_runner
import pytest

from tests.support.ansible import BIN, COLLECTIONS, REPO_ROOT, ensure_collection_link
from tests.support.emulator import Emulator

HARDEN = REPO_ROOT / 'playbooks' / 'harden.yml'
AUDIT = REPO_ROOT / 'playbooks' / 'audit.yml'
HOSTS = ['cam-a-01', 'cam-a-02', 'cam-b-01']
SECRETS = ('Ipro-Demo-7391', 'Camera-Ctl-4821', 'Live-View-5930', 'Sd-Lock-6284')


def run(playbook, fleet, private_data_dir, ident, **options):
    """Run `playbook` with ansible-runner in `private_data_dir`, as an AWX job does."""
    ensure_collection_link()
    # ansible-runner starts the ansible-playbook that it finds on PATH.
    envvars = {'ANSIBLE_COLLECTIONS_PATH': str(COLLECTIONS), 'ANSIBLE_CONFIG': str(REPO_ROOT / 'ansible.cfg'),
               'ANSIBLE_RETRY_FILES_ENABLED': 'false',
               'PATH': '%s%s%s' % (BIN, os.pathsep, os.environ.get('PATH', ''))}
    return ansible_runner.run(
        private_data_dir=str(private_data_dir),
        ident=ident,
        playbook=str(playbook),
        inventory=str(fleet.inventory),
        envvars=envvars,
        quiet=True,
        timeout=600,
        **options,
    )


@pytest.fixture(scope='module')
def hardened(tmp_path_factory):
    """Harden a 3-camera fleet once under ansible-runner; yield the fleet, the private data folder and the result."""
    fleet = Emulator(tmp_path_factory.mktemp('emulator'), cameras=3, sites=2, restart_seconds=1, firmware_seconds=1)
    fleet.start()
    private_data_dir = tmp_path_factory.mktemp('runner')
    try:
        yield fleet, private_data_dir, run(HARDEN, fleet, private_data_dir, 'harden')
    finally:
        fleet.stop()


def stored_stats(private_data_dir, ident) -> dict:
    """Return the data of the playbook_on_stats event that ansible-runner wrote to artifacts/<ident>/job_events."""
    events = private_data_dir / 'artifacts' / ident / 'job_events'
    found = []
    for path in events.glob('*.json'):
        event = json.loads(path.read_text())
        if event['event'] == 'playbook_on_stats':
            found.append(event)
    assert len(found) == 1, sorted(path.name for path in events.iterdir())
    return found[0]['event_data']


def recap(result) -> dict:
    events = [event for event in result.events if event['event'] == 'playbook_on_stats']
    assert len(events) == 1
    return events[0]['event_data']


def writes(fleet) -> dict:
    return {host: fleet.camera(host)['counters']['writes'] for host in HOSTS}


def test_harden_recap_names_every_host(hardened):
    _fleet, private_data_dir, result = hardened
    assert result.status == 'successful', result.stdout.read()
    assert result.rc == 0

    stats = recap(result)
    assert sorted(stats['ok']) == HOSTS
    assert sorted(stats['changed']) == HOSTS
    assert not stats['failures']
    assert not stats['dark']


def test_harden_artifacts_hold_stats(hardened):
    _fleet, private_data_dir, result = hardened
    artifacts = private_data_dir / 'artifacts' / 'harden'
    stored = stored_stats(private_data_dir, 'harden')
    assert stored['changed'] == recap(result)['changed']
    assert sorted(stored['ok']) == HOSTS
    assert (artifacts / 'rc').read_text() == '0'
    assert (artifacts / 'status').read_text() == 'successful'


def test_harden_artifacts_hide_passwords(hardened):
    _fleet, private_data_dir, _result = hardened
    for path in (private_data_dir / 'artifacts' / 'harden').rglob('*'):
        if not path.is_file():
            continue
        text = path.read_text(errors='replace')
        for secret in SECRETS:
            assert secret not in text, path


def test_harden_rerun_changes_nothing(hardened):
    fleet, private_data_dir, _first = hardened
    writes_before = writes(fleet)

    rerun = run(HARDEN, fleet, private_data_dir, 'harden-rerun')
    assert rerun.status == 'successful', rerun.stdout.read()
    assert rerun.stats['changed'] == {}
    assert sorted(rerun.stats['ok']) == HOSTS
    assert writes(fleet) == writes_before


@pytest.mark.parametrize('job_type', ['run', 'check'])
def test_audit_hands_summary_to_awx(hardened, tmp_path, job_type):
    """Run audit.yml as an AWX job template of either job type; check adds --check."""
    fleet, private_data_dir, _result = hardened
    fleet.patch('cam-a-01', AUDIO='mic')
    writes_before = writes(fleet)
    report_dir = tmp_path / 'report'
    ident = 'audit-' + job_type
    try:
        result = run(AUDIT, fleet, private_data_dir, ident, extravars={'ipro_report_dir': str(report_dir)},
                     cmdline='--check' if job_type == 'check' else None)
    finally:
        # The other tests of this module expect a converged fleet.
        fleet.patch('cam-a-01', AUDIO='off')

    assert result.status == 'successful', result.stdout.read()
    assert writes(fleet) == writes_before
    stored = stored_stats(private_data_dir, ident)
    assert stored['artifact_data'] == recap(result)['artifact_data']

    summary = stored['artifact_data']['ipro_audit_summary']
    assert summary['cameras'] == len(HOSTS)
    assert summary['cameras_with_drift'] == 1, summary
    assert summary['by_status']['drift'] == 1, summary
    files = stored['artifact_data']['ipro_audit_files']
    expected = sorted(str(report_dir / name) for name in ('report.json', 'report.xml', 'report.html'))
    assert sorted(files) == expected
    # audit.yml writes the reports under --check too, because they are the audit's output.
    for path in files:
        assert os.path.isfile(path), path
