"""The CA-signed certificate flow: certificates.yml, ipro_certificate and ipro_https against the emulator."""

from __future__ import annotations

import datetime
import hashlib
import ssl

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.support.ansible import REPO_ROOT, play, run_playbook, task

CERTIFICATES = REPO_ROOT / 'playbooks' / 'certificates.yml'


def make_ca(directory):
    """Write a test CA's certificate and key, and return (cert, key, cert path, key path)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, 'ipro.camera test CA')])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                         content_commitment=False, key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, encipher_only=False, decipher_only=False),
                           critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = directory / 'ca.pem', directory / 'ca.key'
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert, key, cert_path, key_path


def sign(csr_pem, ca_cert, ca_key, days=30, expired=False):
    csr = x509.load_pem_x509_csr(csr_pem.encode())
    now = datetime.datetime.now(datetime.timezone.utc)
    start, end = (now - datetime.timedelta(days=10), now - datetime.timedelta(days=1)) if expired else \
        (now - datetime.timedelta(minutes=5), now + datetime.timedelta(days=days))
    builder = (x509.CertificateBuilder().subject_name(csr.subject).issuer_name(ca_cert.subject)
               .public_key(csr.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(start).not_valid_after(end))
    for extension in csr.extensions:
        builder = builder.add_extension(extension.value, extension.critical)
    return builder.sign(ca_key, hashes.SHA256()).public_bytes(serialization.Encoding.PEM).decode()


def served_fingerprint(camera):
    der = ssl.PEM_cert_to_DER_cert(ssl.get_server_certificate((camera['address'], camera['https_port'])))
    return hashlib.sha256(der).hexdigest()


@pytest.fixture
def fleet(emulator_factory, tmp_path):
    fleet = emulator_factory(cameras=2, sites=1, restart_seconds=1, keygen_seconds=1)
    result = run_playbook(play(task('ipro_admin', {'name': 'admin', 'password': 'Ipro-Demo-7391'})),
                          fleet.inventory, workdir=tmp_path)
    assert result.returncode == 0, result.output
    return fleet


def test_certificates_playbook_end_to_end(fleet, tmp_path):
    ca_cert, _, ca_path, key_path = make_ca(tmp_path)
    bundle = tmp_path / 'trust.pem'
    bundle.write_text(fleet.ca_path.read_text() + ca_path.read_text())
    extra = {'ipro_ca_certificate_path': str(ca_path), 'ipro_ca_privatekey_path': str(key_path),
             'ipro_ca_path': str(bundle)}

    first = run_playbook(CERTIFICATES, fleet.inventory, workdir=tmp_path, extra_vars=extra)
    assert first.returncode == 0, first.output
    for camera in fleet.cameras():
        state = fleet.camera(camera['name'])
        assert state['settings']['HTTPS_CERT'] == 'ca'
        served = x509.load_pem_x509_certificate(
            ssl.get_server_certificate((camera['address'], camera['https_port'])).encode())
        assert served.issuer == ca_cert.subject

    writes = {c['name']: fleet.camera(c['name'])['counters']['writes'] for c in fleet.cameras()}
    second = run_playbook(CERTIFICATES, fleet.inventory, workdir=tmp_path, extra_vars=extra)
    assert second.returncode == 0, second.output
    assert all(counts['changed'] == 0 for counts in second.recap.values()), second.output
    assert {c['name']: fleet.camera(c['name'])['counters']['writes'] for c in fleet.cameras()} == writes

    # Later plays verify the CA-signed certificate for real through the bundle.
    info = run_playbook(play(task('ipro_info', {'ca_path': str(ca_path)})), fleet.inventory, workdir=tmp_path)
    assert info.returncode == 0, info.output


def test_mismatched_or_expired_certificate_keeps_the_current_one(fleet, tmp_path):
    ca_cert, ca_key, _, _ = make_ca(tmp_path)
    csr_run = run_playbook(play(task('ipro_certificate', {'csr': {'common_name': 'cam-a-01'}}), hosts='cam-a-01'),
                           fleet.inventory, workdir=tmp_path)
    csr = csr_run.results(action='ipro_certificate')[0]['result']['csr']
    good = sign(csr, ca_cert, ca_key)
    assert run_playbook(play(task('ipro_certificate', {'certificate': good}), hosts='cam-a-01'), fleet.inventory,
                        workdir=tmp_path).returncode == 0
    installed = fleet.camera('cam-a-01')['certificates']

    other_csr = run_playbook(play(task('ipro_certificate', {'csr': {'common_name': 'cam-a-02'}}), hosts='cam-a-02'),
                             fleet.inventory, workdir=tmp_path).results(action='ipro_certificate')[0]['result']['csr']
    mismatched = sign(other_csr, ca_cert, ca_key)
    expired = sign(csr, ca_cert, ca_key, expired=True)
    for certificate, words in ((mismatched, 'does not match the camera\'s CRT key'), (expired, 'has expired')):
        result = run_playbook(play(task('ipro_certificate', {'certificate': certificate}), hosts='cam-a-01'),
                              fleet.inventory, workdir=tmp_path)
        failed = result.results(action='ipro_certificate', status='failed')
        assert failed, result.output
        assert words in failed[0]['result']['msg']
        assert 'current certificate stays in place' in failed[0]['result']['msg']
        assert fleet.camera('cam-a-01')['certificates'] == installed


def test_key_generation_and_check_mode(fleet, tmp_path):
    writes = fleet.camera('cam-a-01')['counters']['writes']
    check = run_playbook(play(task('ipro_certificate', {'csr': {'common_name': 'cam-a-01'}}), hosts='cam-a-01'),
                         fleet.inventory, '--check', workdir=tmp_path)
    result = check.results(action='ipro_certificate')[0]
    assert result['status'] == 'changed'
    assert result['result']['csr'] is None
    assert fleet.camera('cam-a-01')['counters']['writes'] == writes

    generate = run_playbook(play(task('ipro_certificate', {'key_bits': 2048}), hosts='cam-a-01'), fleet.inventory,
                            workdir=tmp_path)
    assert generate.results(action='ipro_certificate')[0]['status'] == 'changed', generate.output
    again = run_playbook(play(task('ipro_certificate', {}), hosts='cam-a-01'), fleet.inventory, workdir=tmp_path)
    assert again.results(action='ipro_certificate')[0]['status'] == 'ok'


def test_selecting_ca_certificate_without_one_fails_before_writing(fleet, tmp_path):
    fleet.reset_counters('cam-a-01')
    result = run_playbook(play(task('ipro_https', {'certificate': 'ca'}), hosts='cam-a-01'), fleet.inventory,
                          workdir=tmp_path)
    failed = result.results(action='ipro_https', status='failed')
    assert failed, result.output
    assert 'ipro_certificate' in failed[0]['result']['msg']
    assert fleet.camera('cam-a-01')['counters']['writes'] == 0
