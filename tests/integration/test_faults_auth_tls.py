"""Authentication and TLS faults: stale nonces, a changed UAUTHMTD, wrong credentials, replaced certificates."""

from __future__ import annotations

import hashlib
import ssl

import pytest

from tests.support.faults import (
    CAMERA, assert_far_from_lockout, auth_failures, fault_task, only, registered_fleet, run_tasks,
)


@pytest.fixture
def camera(emulator_factory):
    return registered_fleet(emulator_factory)


def read_everything(fleet, tmp_path, **module_args):
    """Run ipro_info over every subset: several requests on one Digest session."""
    return only(run_tasks(fleet, tmp_path, fault_task('ipro_info', module_args)), 'ipro_info')


def served_fingerprint(fleet):
    details = fleet.cameras()[0]
    der = ssl.PEM_cert_to_DER_cert(ssl.get_server_certificate((details['address'], details['https_port'])))
    return hashlib.sha256(der).hexdigest()


def test_stale_nonces_are_renegotiated(camera, tmp_path):
    camera.fault(CAMERA, stale_nonces=True, seconds=60)

    result = read_everything(camera, tmp_path)

    assert result['status'] == 'ok', result
    assert result['result']['users'] == [{'name': 'admin', 'level': 'administrator'}]
    # Every request after the first answered a stale challenge, none a failed login.
    assert camera.camera(CAMERA)['counters']['auth_challenges'] >= 5
    assert_far_from_lockout(camera)


@pytest.mark.parametrize('start, switch', [('digest', 'basic'), ('basic', 'digest'), ('digest', 'digest_basic')])
def test_auth_method_changed_during_task(camera, tmp_path, start, switch):
    camera.patch(CAMERA, UAUTHMTD=start)
    camera.fault(CAMERA, auth_method=switch, after_requests=3)

    result = read_everything(camera, tmp_path)

    assert result['status'] == 'ok', result
    assert camera.camera(CAMERA)['settings']['UAUTHMTD'] == switch
    assert_far_from_lockout(camera)


def test_auth_method_changed_with_restart(camera, tmp_path):
    camera.fault(CAMERA, auth_method='basic', restart=True, after_requests=3)

    result = read_everything(camera, tmp_path)

    assert result['status'] == 'ok', result
    assert_far_from_lockout(camera)


def test_wrong_password_fails_after_one_login(camera, tmp_path):
    result = read_everything(camera, tmp_path, login_password='Not-The-Password-1')

    assert result['status'] == 'failed'
    assert "authentication as user 'admin' was rejected" in result['result']['msg']
    assert 'Not-The-Password-1' not in str(result)
    assert_far_from_lockout(camera, allowed=1)


def test_host_authentication_denies_controller(camera, tmp_path):
    camera.set_hosts(CAMERA, [{'address': '192.0.2.0/24', 'level': 1}])
    camera.patch(CAMERA, HAUTH='on')

    result = read_everything(camera, tmp_path)

    assert result['status'] == 'failed'
    assert 'host authentication denies this controller' in result['result']['msg']
    assert camera.camera(CAMERA)['counters']['requests'] == 1
    assert_far_from_lockout(camera)


def test_replaced_certificate_from_same_ca_is_trusted(camera, tmp_path):
    before = served_fingerprint(camera)
    camera.fault(CAMERA, certificate='replaced')

    result = read_everything(camera, tmp_path)

    assert result['status'] == 'ok', result
    assert served_fingerprint(camera) != before
    assert_far_from_lockout(camera)


def test_replaced_certificate_fails_pinned_fingerprint(camera, tmp_path):
    pinned = served_fingerprint(camera)
    camera.fault(CAMERA, certificate='replaced')

    result = read_everything(camera, tmp_path, fingerprint=pinned)

    message = result['result']['msg']
    assert result['status'] == 'failed'
    assert 'failed TLS verification' in message
    assert 'does not match ipro_fingerprint' in message
    assert 'set ipro_fingerprint to its SHA-256 fingerprint' in message
    assert camera.camera(CAMERA)['counters']['requests'] == 0
    assert_far_from_lockout(camera)


@pytest.mark.parametrize('variant, words, fix', [
    ('expired', "certificate has expired", 'playbooks/certificates.yml'),
    ('untrusted', 'certificate verify failed', 'set ipro_ca_path'),
    ('wrong_name', 'the certificate names another host', 'ipro_host or ansible_host'),
])
def test_bad_certificate_fails_naming_the_fix(camera, tmp_path, variant, words, fix):
    camera.fault(CAMERA, certificate=variant)

    result = read_everything(camera, tmp_path)

    message = result['result']['msg']
    assert result['status'] == 'failed'
    assert 'failed TLS verification' in message
    assert words in message
    assert fix in message
    # The handshake failed, so no request and no credentials reached the camera.
    assert camera.camera(CAMERA)['counters']['requests'] == 0
    assert auth_failures(camera) == 0
