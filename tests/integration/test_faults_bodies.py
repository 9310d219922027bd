"""Damaged answers and writes that the camera answers with result=ok but does not apply."""

from __future__ import annotations

import pytest

from tests.integration.test_advanced import _pki
from tests.integration.test_certificates import make_ca, sign
from tests.support.faults import (
    CAMERA, assert_far_from_lockout, fault_task, only, registered_fleet, run_tasks,
)

NTP = {'mode': 'ntp', 'server': 'ntp.example.org', 'interval': 6}
OPERATOR = {'name': 'operator', 'password': 'Camera-Ctl-4821', 'level': 'camera_control'}


@pytest.fixture
def camera(emulator_factory):
    return registered_fleet(emulator_factory, keygen_seconds=1)


@pytest.mark.parametrize('variant', ['unexpected_keys', 'bom', 'content_type'])
def test_harmless_body_quirks_are_accepted(camera, tmp_path, variant):
    camera.fault(CAMERA, malformed=variant, seconds=60)

    result = run_tasks(camera, tmp_path, fault_task('ipro_ntp', NTP, name='apply'),
                       fault_task('ipro_ntp', NTP, name='rerun'))

    first, rerun = result.results(action='ipro_ntp')
    assert first['status'] == 'changed', result.output
    assert rerun['status'] == 'ok', result.output
    assert camera.camera(CAMERA)['settings']['NTPADD'] == 'ntp.example.org'
    assert_far_from_lockout(camera)


@pytest.mark.parametrize('variant', ['garbage', 'truncated', 'duplicate_keys'])
def test_damaged_body_once_is_retried(camera, tmp_path, variant):
    camera.fault(CAMERA, malformed=variant, requests=1)

    result = only(run_tasks(camera, tmp_path, fault_task('ipro_ntp', NTP)), 'ipro_ntp')

    assert result['status'] == 'changed', result
    assert camera.camera(CAMERA)['settings']['NTPADD'] == 'ntp.example.org'
    assert_far_from_lockout(camera)


@pytest.mark.parametrize('variant, words', [
    ('garbage', 'the body is not text'),
    ('truncated', 'the body ends in the middle of a line'),
    ('duplicate_keys', 'appears twice, with the values'),
])
def test_damaged_body_fails_before_any_write(camera, tmp_path, variant, words):
    camera.fault(CAMERA, malformed=variant, seconds=60)

    result = only(run_tasks(camera, tmp_path, fault_task('ipro_ntp', NTP)), 'ipro_ntp')

    assert result['status'] == 'failed'
    assert 'was malformed after 5 tries' in result['result']['msg']
    assert words in result['result']['msg']
    assert camera.camera(CAMERA)['counters']['writes'] == 0
    assert_far_from_lockout(camera)


def test_settings_write_not_applied_fails(camera, tmp_path):
    camera.fault(CAMERA, ignore_writes=True, seconds=60)

    result = only(run_tasks(camera, tmp_path, fault_task('ipro_ntp', NTP)), 'ipro_ntp')

    assert result['status'] == 'failed'
    assert result['result']['changed'] is False
    assert 'was answered but not applied' in result['result']['msg']
    assert result['result']['not_applied']['server'] == {'expected': 'ntp.example.org', 'actual': ''}
    assert_far_from_lockout(camera)


def test_new_user_not_applied_fails(camera, tmp_path):
    camera.fault(CAMERA, ignore_writes=True, cgi='set_user', seconds=60)

    result = only(run_tasks(camera, tmp_path, fault_task('ipro_user', OPERATOR)), 'ipro_user')

    assert result['status'] == 'failed'
    assert result['result']['not_applied']['present'] == {'expected': True, 'actual': False}
    assert 'Camera-Ctl-4821' not in str(result)
    assert_far_from_lockout(camera)


def test_password_change_not_applied_fails(camera, tmp_path):
    created = only(run_tasks(camera, tmp_path, fault_task('ipro_user', OPERATOR)), 'ipro_user')
    assert created['status'] == 'changed', created
    camera.fault(CAMERA, ignore_writes=True, cgi='set_user', seconds=60)

    changed = dict(OPERATOR, password='Rotated-Ctl-9034', update_password='always')
    result = only(run_tasks(camera, tmp_path, fault_task('ipro_user', changed)), 'ipro_user')

    assert result['status'] == 'failed'
    assert result['result']['not_applied'] == {'password': {'expected': 'accepted', 'actual': 'rejected'}}
    assert 'Rotated-Ctl-9034' not in str(result)
    # One login to see whether the password differs, one to see whether the camera took it.
    assert_far_from_lockout(camera, allowed=2)


def test_host_list_not_applied_fails(camera, tmp_path):
    camera.fault(CAMERA, ignore_writes=True, seconds=60)
    hosts = {'enabled': True, 'hosts': [{'address': '127.0.0.0/8', 'level': 'administrator'}]}

    result = only(run_tasks(camera, tmp_path, fault_task('ipro_hostauth', hosts)), 'ipro_hostauth')

    assert result['status'] == 'failed'
    assert result['result']['not_applied']['enabled'] == {'expected': True, 'actual': False}
    assert camera.camera(CAMERA)['settings']['HAUTH'] == 'off'
    assert_far_from_lockout(camera)


def test_certificate_install_and_delete_not_applied_fail(camera, tmp_path):
    ca_cert, ca_key, _, _ = make_ca(tmp_path)
    csr_run = run_tasks(camera, tmp_path, fault_task('ipro_certificate', {'csr': {'common_name': CAMERA}}))
    signed = sign(only(csr_run, 'ipro_certificate')['result']['csr'], ca_cert, ca_key)
    camera.fault(CAMERA, ignore_writes=True, cgi='https_cacert', requests=1)

    install = only(run_tasks(camera, tmp_path, fault_task('ipro_certificate', {'certificate': signed})),
                   'ipro_certificate')

    assert install['status'] == 'failed'
    assert install['result']['not_applied']['sha256']['actual'] is None
    assert only(run_tasks(camera, tmp_path, fault_task('ipro_certificate', {'certificate': signed})),
                'ipro_certificate')['status'] == 'changed'
    camera.fault(CAMERA, ignore_writes=True, cgi='https_cacert', requests=1)

    delete = only(run_tasks(camera, tmp_path, fault_task('ipro_certificate', {'state': 'absent'})),
                  'ipro_certificate')

    assert delete['status'] == 'failed'
    assert delete['result']['not_applied'] == {'state': {'expected': 'none', 'actual': 'installed'}}
    assert camera.camera(CAMERA)['certificates']['ca']['state'] == 'installed'
    assert_far_from_lockout(camera)


def test_dot1x_certificates_not_applied_fail_before_enabling(camera, tmp_path):
    camera.fault(CAMERA, ignore_writes=True, cgi='dot1x_cert', seconds=60)
    args = dict(_pki(tmp_path), enabled=True, eap='tls', identity=CAMERA)

    result = only(run_tasks(camera, tmp_path, fault_task('ipro_dot1x', args)), 'ipro_dot1x')

    assert result['status'] == 'failed'
    assert sorted(result['result']['not_applied']) == ['ca_certificate', 'client_certificate', 'client_key']
    assert camera.camera(CAMERA)['settings']['DOT1X'] == 'off'
    assert args['client_key'] not in str(result)
    assert_far_from_lockout(camera)


def test_admin_registration_not_applied_fails(emulator_factory, tmp_path):
    fleet = emulator_factory(cameras=1, sites=1, restart_seconds=1)
    fleet.fault(CAMERA, ignore_writes=True, cgi='register_admin', requests=1)

    result = only(run_tasks(fleet, tmp_path, fault_task('ipro_admin', {'name': 'admin',
                                                                     'password': 'Ipro-Demo-7391'})), 'ipro_admin')

    assert result['status'] == 'failed'
    assert 'still reports no administrator' in result['result']['msg']
    assert fleet.camera(CAMERA)['admin_registered'] is False
    assert_far_from_lockout(fleet)
