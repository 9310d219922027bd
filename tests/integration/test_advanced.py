"""The Advanced-level modules against the emulator: SNMPv3, 802.1X and the log review."""

from __future__ import annotations

import pytest
import requests

from tests.support.ansible import play, run_playbook, task

ADMIN = {'name': 'admin', 'password': 'Ipro-Demo-7391'}
SNMP_V3 = {'version': 'v3', 'user': 'monitoring', 'auth_protocol': 'sha256', 'auth_password': 'Snmp-Auth-Secret-1',
           'priv_protocol': 'aes128', 'priv_password': 'Snmp-Priv-Secret-2'}


@pytest.fixture
def camera(emulator_factory, tmp_path):
    fleet = emulator_factory(cameras=1, sites=1, restart_seconds=1, lockout_failures=8, lockout_window=30)
    result = run_playbook(play(task('ipro_admin', ADMIN)), fleet.inventory, workdir=tmp_path)
    assert result.returncode == 0, result.output
    return fleet


def run(fleet, tmp_path, *tasks, args=()):
    return run_playbook(play(*tasks), fleet.inventory, *args, workdir=tmp_path)


def only(result, action):
    records = result.results(action=action)
    assert len(records) == 1, result.output
    return records[0]


def test_snmp_v3_check_apply_rerun_and_community_cleared(camera, tmp_path):
    assert only(run(camera, tmp_path, task('ipro_snmp', {'version': 'v1v2', 'community': 'Public-Community-7'})),
                'ipro_snmp')['status'] == 'changed'
    assert camera.camera('cam-a-01')['settings']['SNMPCOM_SET'] is True
    writes = camera.camera('cam-a-01')['counters']['writes']

    check = run(camera, tmp_path, task('ipro_snmp', SNMP_V3), args=('--check', '--diff'))
    assert only(check, 'ipro_snmp')['status'] == 'changed'
    assert camera.camera('cam-a-01')['counters']['writes'] == writes

    apply = run(camera, tmp_path, task('ipro_snmp', SNMP_V3))
    result = only(apply, 'ipro_snmp')
    assert result['status'] == 'changed', apply.output
    state = camera.camera('cam-a-01')['settings']
    assert state['SNMPVER'] == 'v3'
    assert state['SNMPCOM_SET'] is False
    assert state['SNMPV3_AUTHPASS_SET'] is True

    rerun = run(camera, tmp_path, task('ipro_snmp', SNMP_V3))
    assert only(rerun, 'ipro_snmp')['status'] == 'ok', rerun.output
    output = check.output + apply.output + rerun.output
    for secret in ('Public-Community-7', 'Snmp-Auth-Secret-1', 'Snmp-Priv-Secret-2'):
        assert secret not in output


@pytest.mark.parametrize('args, expected', [
    (dict(SNMP_V3, auth_password='short'), 'option auth_password'),
    (dict(SNMP_V3, community='Public-Community-7'), 'option community'),
    ({'version': 'v3', 'user': 'monitoring'}, 'is required with version=v3'),
])
def test_snmp_invalid_options_send_nothing(camera, tmp_path, args, expected):
    camera.reset_counters('cam-a-01')
    result = only(run(camera, tmp_path, task('ipro_snmp', args)), 'ipro_snmp')
    assert result['status'] == 'failed'
    assert expected in result['result']['msg']
    assert camera.camera('cam-a-01')['counters']['requests'] == 0


def test_log_review_finds_provoked_failed_logins(camera, tmp_path):
    camera_info = camera.cameras()[0]
    url = 'https://%s:%d/cgi-bin/getinfo?FILE=1' % (camera_info['address'], camera_info['https_port'])
    for _ in range(3):
        response = requests.get(url, auth=requests.auth.HTTPDigestAuth('intruder', 'Guess-Pass-1'),
                                verify=str(camera.ca_path), timeout=5)
        assert response.status_code == 401

    result = run(camera, tmp_path, task('ipro_log', {'threshold': 3, 'on_threshold': 'warn'}), args=('--check',))
    review = only(result, 'ipro_log')
    assert review['status'] == 'ok', result.output
    sources = {entry['source']: entry for entry in review['result']['failed_logins']}
    assert sources['127.0.0.1']['count'] == 3
    assert sources['127.0.0.1']['users'] == ['intruder']
    assert review['result']['over_threshold'][0]['source'] == '127.0.0.1'
    assert any('127.0.0.1 (3)' in warning for warning in review['result']['warnings'])

    failing = only(run(camera, tmp_path, task('ipro_log', {'threshold': 3, 'on_threshold': 'fail'})), 'ipro_log')
    assert failing['status'] == 'failed'
    assert '127.0.0.1 (3)' in failing['result']['msg']

    quiet = only(run(camera, tmp_path, task('ipro_log', {'threshold': 4})), 'ipro_log')
    assert quiet['result']['over_threshold'] == []
