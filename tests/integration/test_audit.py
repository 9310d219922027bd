"""playbooks/audit.yml: a report an auditor can file, from reads only."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import jsonschema
import pytest
import yaml

from tests.support.ansible import REPO_ROOT, run_playbook

HARDEN = REPO_ROOT / 'playbooks' / 'harden.yml'
AUDIT = REPO_ROOT / 'playbooks' / 'audit.yml'
SCHEMA = json.loads((REPO_ROOT / 'docs' / 'report-schema.json').read_text())


@pytest.fixture
def fleet(emulator_factory, tmp_path):
    fleet = emulator_factory(cameras=3, sites=2, restart_seconds=1, firmware_seconds=1, lockout_seconds=60)
    inventory = yaml.safe_load(fleet.inventory.read_text())
    inventory['all']['children']['cameras']['vars']['ipro_protection_level'] = 'standard'
    fleet.standard_inventory = tmp_path / 'standard.yml'
    fleet.standard_inventory.write_text(yaml.safe_dump(inventory))
    hardened = run_playbook(HARDEN, fleet.standard_inventory, workdir=tmp_path)
    assert hardened.returncode == 0, hardened.output
    return fleet


def writes(fleet):
    return {c['name']: fleet.camera(c['name'])['counters']['writes'] for c in fleet.cameras()}


def audit(fleet, tmp_path, *args, **extra):
    report_dir = tmp_path / 'report'
    result = run_playbook(AUDIT, fleet.standard_inventory, *args, workdir=tmp_path,
                          extra_vars=dict({'ipro_report_dir': str(report_dir)}, **extra))
    report = json.loads((report_dir / 'report.json').read_text()) if (report_dir / 'report.json').exists() else None
    return result, report, report_dir


def statuses(report):
    return {(r['camera'], r['section']): r['status'] for r in report['records']}


def test_hardened_fleet_is_fully_compliant(fleet, tmp_path):
    before = writes(fleet)
    result, report, report_dir = audit(fleet, tmp_path)
    assert result.returncode == 0, result.output
    jsonschema.validate(report, SCHEMA)
    assert writes(fleet) == before
    assert report['summary']['by_status']['drift'] == 0
    assert report['summary']['by_status']['error'] == 0
    assert report['summary']['cameras_compliant'] == 3
    not_applicable = {(r['camera'], r['section']) for r in report['records'] if r['status'] == 'not_applicable'}
    assert ('cam-a-02', '2.8') in not_applicable
    assert ('cam-b-01', '3.8') in not_applicable

    suites = ET.parse(report_dir / 'report.xml').getroot()
    cases = suites.findall('.//testcase')
    assert len(cases) == len(report['records'])
    assert len(suites.findall('.//failure')) == 0
    assert len(suites.findall('.//skipped')) == len(not_applicable)
    assert (report_dir / 'report.html').read_text().count('<script') >= 1


def test_drift_is_reported_exactly(fleet, tmp_path):
    fleet.patch('cam-a-01', AUDIO='mic')
    fleet.patch('cam-b-01', FTPSVR='allow', TIMEADJUST='manual')
    before = writes(fleet)

    result, report, report_dir = audit(fleet, tmp_path, '--check')
    assert result.returncode == 0, result.output
    drifted = sorted(key for key, status in statuses(report).items() if status == 'drift')
    assert drifted == [('cam-a-01', '2.8'), ('cam-b-01', '2.7'), ('cam-b-01', '3.2.1')]
    record = next(r for r in report['records'] if (r['camera'], r['section']) == ('cam-a-01', '2.8'))
    assert record['expected'] == {'mode': 'off'}
    assert record['actual'] == {'mode': 'mic'}
    assert writes(fleet) == before
    assert 'worst cameras: cam-b-01 (0 errors, 2 drift), cam-a-01 (0 errors, 1 drift)' in result.output
    failures = ET.parse(report_dir / 'report.xml').getroot().findall('.//failure')
    assert len(failures) == 3

    gated = audit(fleet, tmp_path, ipro_audit_fail_on_drift=True)[0]
    assert gated.returncode != 0
    assert '3 guide items drift' in gated.output


def test_unreachable_and_locked_out_cameras_are_errors(fleet, tmp_path):
    fleet.fault('cam-a-02', refuse_connections=True, seconds=120)
    fleet.fault('cam-b-01', lockout=True, source='127.0.0.1')

    result, report, _ = audit(fleet, tmp_path)
    assert report is not None, result.output
    cameras = {camera['name']: camera for camera in report['cameras']}
    assert 'no answer from' in cameras['cam-a-02']['error']
    assert 'locked out' in cameras['cam-b-01']['error']
    assert cameras['cam-a-01']['error'] is None
    assert {status for (camera, _), status in statuses(report).items() if camera == 'cam-a-01'} <= \
        {'compliant', 'not_applicable'}
    assert fleet.camera('cam-b-01')['counters']['auth_failures'] == 0
