"""Transport faults: refused and reset connections, missing and slow answers, 503, restarts during writes.

Every test checks that the fault never costs a failed login, so no fault can lock the controller out.
"""

from __future__ import annotations

import pytest

from tests.support.faults import (
    CAMERA, assert_far_from_lockout, fault_task, only, registered_fleet, run_tasks,
)

NTP = {'mode': 'ntp', 'server': 'ntp.example.org', 'interval': 6}


@pytest.fixture
def camera(emulator_factory):
    return registered_fleet(emulator_factory)


def apply_ntp(fleet, tmp_path, **task_options):
    return only(run_tasks(fleet, tmp_path, fault_task('ipro_ntp', NTP, **task_options)), 'ipro_ntp')


def assert_ntp_applied(fleet):
    settings = fleet.camera(CAMERA)['settings']
    assert settings['TIMEADJUST'] == 'ntp'
    assert settings['NTPADD'] == 'ntp.example.org'
    assert settings['NTPINTERVAL'] == '6'


def test_refused_briefly_is_retried(camera, tmp_path):
    camera.fault(CAMERA, refuse_connections=True, seconds=2)

    result = apply_ntp(camera, tmp_path)

    assert result['status'] == 'changed', result
    assert_ntp_applied(camera)
    assert_far_from_lockout(camera)


def test_refused_for_long_fails_naming_it(camera, tmp_path):
    camera.fault(CAMERA, refuse_connections=True, seconds=40)

    result = apply_ntp(camera, tmp_path)

    assert result['status'] == 'failed'
    assert 'refused the connection' in result['result']['msg']
    assert 'after 5 tries' in result['result']['msg']
    assert camera.camera(CAMERA)['settings']['TIMEADJUST'] == 'manual'
    assert_far_from_lockout(camera)


def test_reset_mid_answer_is_retried(camera, tmp_path):
    camera.fault(CAMERA, reset_connections=True, requests=2)

    result = apply_ntp(camera, tmp_path)

    assert result['status'] == 'changed', result
    assert_ntp_applied(camera)
    assert_far_from_lockout(camera)


def test_reset_every_answer_fails_naming_it(camera, tmp_path):
    camera.fault(CAMERA, reset_connections=True, seconds=60)

    result = apply_ntp(camera, tmp_path)

    assert result['status'] == 'failed'
    assert 'broke off in the middle of the answer' in result['result']['msg']
    assert camera.camera(CAMERA)['counters']['writes'] == 0
    assert_far_from_lockout(camera)


def test_missing_answer_is_retried(camera, tmp_path):
    camera.fault(CAMERA, no_answer=True, requests=1)

    result = apply_ntp(camera, tmp_path)

    assert result['status'] == 'changed', result
    assert_ntp_applied(camera)
    assert_far_from_lockout(camera)


def test_no_answer_times_out_naming_the_option(camera, tmp_path):
    camera.fault(CAMERA, no_answer=True, seconds=60)

    result = apply_ntp(camera, tmp_path)

    message = result['result']['msg']
    assert result['status'] == 'failed'
    assert 'sent no answer within 2 seconds' in message
    assert 'raise ipro_timeout' in message
    assert_far_from_lockout(camera)


def test_slow_answers_within_timeout_succeed(camera, tmp_path):
    camera.fault(CAMERA, slow_ms=1200, seconds=60)

    result = only(run_tasks(camera, tmp_path, fault_task('ipro_ntp', dict(NTP, timeout=3))), 'ipro_ntp')

    assert result['status'] == 'changed', result
    assert_ntp_applied(camera)
    # A slow answer is no failure: the write went out once.
    assert camera.camera(CAMERA)['counters']['writes'] == 1
    assert_far_from_lockout(camera)


def test_busy_while_restarting_is_retried(camera, tmp_path):
    camera.fault(CAMERA, busy=True, seconds=3)

    result = apply_ntp(camera, tmp_path)

    assert result['status'] == 'changed', result
    assert_ntp_applied(camera)
    assert_far_from_lockout(camera)


def test_busy_beyond_retries_fails_naming_it(camera, tmp_path):
    camera.fault(CAMERA, busy=True, seconds=60)

    result = apply_ntp(camera, tmp_path)

    assert result['status'] == 'failed'
    assert 'stayed busy (HTTP 503) after 5 tries' in result['result']['msg']
    assert_far_from_lockout(camera)


def test_lost_write_answer_is_retried(camera, tmp_path):
    camera.fault(CAMERA, drop_answers=True, cgi='setdata', requests=1)

    result = apply_ntp(camera, tmp_path)

    assert result['status'] == 'changed', result
    assert_ntp_applied(camera)
    assert_far_from_lockout(camera)


def test_restart_during_write_is_retried(camera, tmp_path):
    restarts = camera.restarts(CAMERA)
    camera.fault(CAMERA, restart_mid_write=True, cgi='setdata', requests=1)

    result = apply_ntp(camera, tmp_path)

    assert result['status'] == 'changed', result
    assert_ntp_applied(camera)
    assert camera.restarts(CAMERA) > restarts
    rerun = apply_ntp(camera, tmp_path)
    assert rerun['status'] == 'ok', rerun
    assert_far_from_lockout(camera)


def test_restart_during_auth_method_change(camera, tmp_path):
    camera.fault(CAMERA, restart_mid_write=True, cgi='setdata', requests=1)

    result = only(run_tasks(camera, tmp_path, fault_task('ipro_auth', {'method': 'basic'}),
                            fault_task('ipro_info', {'gather_subset': ['capabilities']})), 'ipro_auth')

    assert result['status'] == 'changed', result
    assert camera.camera(CAMERA)['settings']['UAUTHMTD'] == 'basic'
    assert_far_from_lockout(camera)


def test_restart_during_admin_registration(emulator_factory, tmp_path):
    fleet = emulator_factory(cameras=1, sites=1, restart_seconds=1)
    fleet.fault(CAMERA, restart_mid_write=True, cgi='register_admin', requests=1)

    result = only(run_tasks(fleet, tmp_path, fault_task('ipro_admin', {'name': 'admin',
                                                                     'password': 'Ipro-Demo-7391'})), 'ipro_admin')

    assert result['status'] == 'changed', result
    assert fleet.camera(CAMERA)['admin_registered'] is True
    assert_far_from_lockout(fleet)


def test_lockout_fails_at_once_without_more_logins(camera, tmp_path):
    camera.fault(CAMERA, lockout=True, source='127.0.0.1')

    result = apply_ntp(camera, tmp_path)

    assert result['status'] == 'failed'
    assert 'locked out the controller address' in result['result']['msg']
    # One request, answered 403: the client neither retried nor sent credentials again.
    assert camera.camera(CAMERA)['counters']['requests'] == 1
    # The fault locked the address out; the client added no failed login to it.
    assert camera.camera(CAMERA)['counters']['auth_failures'] == 0
