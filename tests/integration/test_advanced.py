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


def _pki(directory):
    """Make a RADIUS CA and a client certificate with its key, as PEM text."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.datetime.now(datetime.timezone.utc)

    def certificate(subject, issuer, public_key, signing_key, ca):
        return (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(public_key)
                .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
                .not_valid_after(now + datetime.timedelta(days=365))
                .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
                .sign(signing_key, hashes.SHA256()))

    ca_key, client_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, 'RADIUS test CA')])
    client_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, 'cam-a-01')])
    ca = certificate(ca_name, ca_name, ca_key.public_key(), ca_key, True)
    client = certificate(client_name, ca_name, client_key.public_key(), ca_key, False)
    pem = serialization.Encoding.PEM
    return dict(ca_certificate=ca.public_bytes(pem).decode(), client_certificate=client.public_bytes(pem).decode(),
                client_key=client_key.private_bytes(pem, serialization.PrivateFormat.PKCS8,
                                                    serialization.NoEncryption()).decode())


def test_dot1x_eap_tls_installs_once_and_cycles(camera, tmp_path):
    pki = _pki(tmp_path)
    args = dict(pki, enabled=True, eap='tls', identity='cam-a-01')
    check = run(camera, tmp_path, task('ipro_dot1x', args), args=('--check', '--diff'))
    assert only(check, 'ipro_dot1x')['status'] == 'changed', check.output
    assert camera.camera('cam-a-01')['settings']['DOT1X'] == 'off'

    first = only(run(camera, tmp_path, task('ipro_dot1x', args)), 'ipro_dot1x')
    assert first['status'] == 'changed', first
    assert first['result']['certificates_installed'] == ['ca_certificate', 'client_certificate', 'client_key']
    assert first['result']['dot1x_cycled'] is False
    assert camera.camera('cam-a-01')['settings']['DOT1X'] == 'on'
    writes = camera.camera('cam-a-01')['counters']['writes']

    again = only(run(camera, tmp_path, task('ipro_dot1x', args)), 'ipro_dot1x')
    assert again['status'] == 'ok', again
    assert camera.camera('cam-a-01')['counters']['writes'] == writes

    renewed = dict(args, **{k: v for k, v in _pki(tmp_path).items() if k != 'ca_certificate'})
    cycled = only(run(camera, tmp_path, task('ipro_dot1x', renewed)), 'ipro_dot1x')
    assert cycled['status'] == 'changed', cycled
    assert cycled['result']['dot1x_cycled'] is True
    assert cycled['result']['commands'][0] == 'setdata DOT1X=off'
    assert camera.camera('cam-a-01')['settings']['DOT1X'] == 'on'
    assert pki['client_key'] not in str(cycled)


@pytest.mark.parametrize('mutate, words', [
    (lambda pki: dict(pki, ca_certificate=pki['ca_certificate'] * 2), 'contains 2 PEM certificates'),
    (lambda pki: dict(pki, ca_certificate=pki['ca_certificate'] + '#' * 11000), 'over the camera\'s limit'),
])
def test_dot1x_rejects_bad_certificates_before_sending(camera, tmp_path, mutate, words):
    camera.reset_counters('cam-a-01')
    args = dict(mutate(_pki(tmp_path)), enabled=True, eap='tls', identity='cam-a-01')
    result = only(run(camera, tmp_path, task('ipro_dot1x', args)), 'ipro_dot1x')
    assert result['status'] == 'failed'
    assert words in result['result']['msg']
    assert camera.camera('cam-a-01')['counters']['requests'] == 0


def test_advanced_level_converges(emulator_factory, tmp_path):
    import yaml

    from tests.support.ansible import REPO_ROOT

    fleet = emulator_factory(cameras=3, sites=2, restart_seconds=1, firmware_seconds=1)
    inventory = yaml.safe_load(fleet.inventory.read_text())
    inventory['all']['children']['cameras']['vars']['ipro_protection_level'] = 'advanced'
    path = tmp_path / 'advanced.yml'
    path.write_text(yaml.safe_dump(inventory))
    harden = REPO_ROOT / 'playbooks' / 'harden.yml'

    first = run_playbook(harden, path, workdir=tmp_path)
    assert first.returncode == 0, first.output
    assert fleet.camera('cam-a-01')['settings']['DOT1X'] == 'on'
    assert fleet.camera('cam-b-01')['settings']['SNMPVER'] == 'v3'
    [dot1x] = first.results(host='cam-b-01', action='ipro_dot1x')
    assert dot1x['status'] == 'skipped'
    assert dot1x['result']['missing_capability'] == 'dot1x'
    assert '5.3 log review of cam-a-01' in first.output
    writes = {c['name']: fleet.camera(c['name'])['counters']['writes'] for c in fleet.cameras()}

    second = run_playbook(harden, path, workdir=tmp_path)
    assert second.returncode == 0, second.output
    assert all(counts['changed'] == 0 for counts in second.recap.values()), second.output
    assert {c['name']: fleet.camera(c['name'])['counters']['writes'] for c in fleet.cameras()} == writes


def test_log_texts_with_separators_parse_back(camera, tmp_path):
    camera_info = camera.cameras()[0]
    url = 'https://%s:%d/cgi-bin/getinfo?FILE=1' % (camera_info['address'], camera_info['https_port'])
    odd_user = 'cost$center'
    response = requests.get(url, auth=requests.auth.HTTPDigestAuth(odd_user, 'Guess-Pass-1'),
                            verify=str(camera.ca_path), timeout=5)
    assert response.status_code == 401

    review = only(run(camera, tmp_path, task('ipro_log', {'logs': ['access'], 'threshold': 1})), 'ipro_log')
    entries = review['result']['failed_logins']
    assert entries[0]['users'] == [odd_user]
    assert entries[0]['source'] == '127.0.0.1'
