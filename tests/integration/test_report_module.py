"""ipro_report through ansible-playbook: files, idempotence, check mode and errors."""

from __future__ import annotations

import json

import yaml

from tests.support.ansible import run_playbook
from tests.support.report_fleet import synthetic_fleet

GENERATED_AT = '2024-05-01T12:00:00Z'


def write_play(tmp_path, tasks, records):
    """Write an inventory of the controller, the records as a vars file, and one play of `tasks`."""
    (tmp_path / 'inventory.yml').write_text(yaml.safe_dump({'all': {'hosts': {'localhost': {
        'ansible_connection': 'local', 'ansible_python_interpreter': '{{ ansible_playbook_python }}'}}}}))
    (tmp_path / 'records.json').write_text(json.dumps({'records': records}))
    play = [{'name': 'report', 'hosts': 'localhost', 'gather_facts': False, 'vars_files': ['records.json'],
             'tasks': tasks}]
    path = tmp_path / 'play.yml'
    path.write_text(yaml.safe_dump(play, sort_keys=False))
    return path


def report_task(name, dest='reports', generated_at=GENERATED_AT, **options):
    return dict({'name': name, 'ipro.camera.ipro_report': {
        'cameras': '{{ records }}', 'dest': dest, 'meta': {'generated_at': generated_at, 'playbook': 'audit.yml'}}},
        **options)


def results_by_task(run):
    return {record['task']: record for record in run.results(action='ipro_report')}


def test_report_writes_once_then_unchanged(tmp_path):
    playbook = write_play(tmp_path, [
        report_task('first'),
        report_task('rerun'),
        report_task('check with a new time', generated_at='2024-05-02T12:00:00Z', check_mode=True),
    ], synthetic_fleet(cameras=12))

    run = run_playbook(playbook, tmp_path / 'inventory.yml', workdir=tmp_path)

    assert run.returncode == 0, run.output
    results = results_by_task(run)
    assert results['first']['status'] == 'changed'
    assert results['rerun']['status'] == 'ok'
    assert results['check with a new time']['status'] == 'changed'
    assert sorted(path.name for path in (tmp_path / 'reports').iterdir()) == [
        'report.html', 'report.json', 'report.xml']
    assert GENERATED_AT in (tmp_path / 'reports' / 'report.json').read_text()
    assert results['first']['result']['files'][0] == str(tmp_path / 'reports' / 'report.json')
    assert results['first']['result']['summary']['cameras'] == 12


def test_report_play_in_check_mode_writes_nothing(tmp_path):
    playbook = write_play(tmp_path, [report_task('audit report')], synthetic_fleet(cameras=3))

    run = run_playbook(playbook, tmp_path / 'inventory.yml', '--check', workdir=tmp_path)

    assert run.returncode == 0, run.output
    assert results_by_task(run)['audit report']['status'] == 'changed'
    assert not (tmp_path / 'reports').exists()


def test_report_rejects_bad_record_before_writing(tmp_path):
    records = synthetic_fleet(cameras=3)
    records[1]['items'][0]['status'] = 'drifted'
    playbook = write_play(tmp_path, [report_task('audit report')], records)

    run = run_playbook(playbook, tmp_path / 'inventory.yml', workdir=tmp_path)

    assert run.returncode != 0
    message = results_by_task(run)['audit report']['result']['msg']
    assert message.startswith("option cameras[1] (cam-b-001).items[0].status: value 'drifted' is not a status")
    assert not (tmp_path / 'reports').exists()


def test_report_rejects_unknown_meta_key(tmp_path):
    task = report_task('audit report')
    task['ipro.camera.ipro_report']['meta']['inventory'] = 'production'
    playbook = write_play(tmp_path, [task], synthetic_fleet(cameras=1))

    run = run_playbook(playbook, tmp_path / 'inventory.yml', workdir=tmp_path)

    assert run.returncode != 0
    assert 'inventory' in results_by_task(run)['audit report']['result']['msg']
