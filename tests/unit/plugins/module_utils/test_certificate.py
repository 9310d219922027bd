"""Tests of the ipro_certificate logic: PEM parsing, CRT key generation, installing and deleting the CA certificate."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization

from ansible_collections.ipro.camera.plugins.module_utils import certificate
from ansible_collections.ipro.camera.plugins.module_utils.errors import CameraError, OptionError
from tests.unit.plugins.module_utils.fake_client import FakeClient, FakeClock
from tests.unit.plugins.module_utils.pem import colon_hex, issue

CSR_PEM = '-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n'


@pytest.fixture(scope='module')
def signed():
    return issue('cam-01.example.org')


@pytest.fixture(scope='module')
def other():
    return issue('cam-02.example.org')


@pytest.fixture
def clock(monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(certificate, 'time', clock)
    return clock


def busy():
    return CameraError('cam-01', 'get_https', 'failed with HTTP 503: error=busy', status=503, error='busy')


def camera(clock, key='generated', ca=None, serving='preinstalled', busy_polls=0):
    """A camera with CRT key state `key` and CA certificate `ca` (an Issued, or None).

    After https_crtkey, get_https fails with HTTP 503 `busy_polls` times, then reports the key.
    """
    client = FakeClient(settings={'HTTPS_CERT': serving})
    client.sleep = clock.sleep
    client.https = {'CRTKEY': key, 'CRTKEY_BITS': '2048' if key == 'generated' else '',
                    'PREINSTALLED_STATE': 'installed', 'PREINSTALLED_SUBJECT': 'CN=WV-S2136',
                    'PREINSTALLED_NOTAFTER': '2036-01-01T00:00:00Z', 'PREINSTALLED_SHA256': colon_hex('ab' * 32)}
    install(client, ca.certificate if ca else None)

    def crtkey(client, data):
        client.https.update(CRTKEY='generated', CRTKEY_BITS=data['bits'])
        client.failures['get_https'] = [busy() for _ in range(busy_polls)]

    def cacert(client, data):
        install(client, None if data.get('mode') == 'delete' else data['cert'])

    client.optional['get_https'] = lambda client: client.https
    client.handlers['https_crtkey'] = crtkey
    client.handlers['https_cacert'] = cacert
    client.raw_bodies['https_csr'] = CSR_PEM
    return client


def install(client, pem):
    if pem is None:
        client.https.update(CA_STATE='none', CA_SUBJECT='', CA_NOTAFTER='', CA_SHA256='')
        return
    cert = x509.load_pem_x509_certificate(pem.encode('ascii'))
    client.https.update(CA_STATE='installed', CA_SUBJECT=cert.subject.rfc4514_string(),
                        CA_NOTAFTER=cert.not_valid_after_utc.strftime('%Y-%m-%dT%H:%M:%SZ'),
                        CA_SHA256=colon_hex(cert.fingerprint(hashes.SHA256()).hex()))


def params(**overrides):
    values = dict(state='present', key_bits=2048, regenerate_key=False, certificate=None, csr=None,
                  wait_timeout=300)
    values.update(overrides)
    return values


# certificate_der and fingerprint.

def test_der_of_single_certificate(signed):
    der = x509.load_pem_x509_certificate(signed.certificate.encode('ascii')).public_bytes(serialization.Encoding.DER)

    assert certificate.certificate_der('certificate', signed.certificate) == der


@pytest.mark.parametrize('count', [0, 2])
def test_der_rejects_count(signed, other, count):
    pem = {0: signed.key, 2: signed.certificate + other.certificate}[count]

    with pytest.raises(OptionError) as info:
        certificate.certificate_der('certificate', pem)

    assert info.value.option == 'certificate'
    assert 'contains %d PEM certificates' % count in str(info.value)
    assert 'give exactly one PEM certificate' in str(info.value)


@pytest.mark.parametrize('pem', ['', None])
def test_der_rejects_empty(pem):
    with pytest.raises(OptionError) as info:
        certificate.certificate_der('certificate', pem)

    assert 'contains 0 PEM certificates' in str(info.value)


def test_der_rejects_bad_base64():
    pem = '-----BEGIN CERTIFICATE-----\nMIIB*not*base64\n-----END CERTIFICATE-----\n'

    with pytest.raises(OptionError) as info:
        certificate.certificate_der('certificate', pem)

    assert 'the PEM certificate is not valid base64' in str(info.value)


def test_fingerprint_format(signed):
    der = certificate.certificate_der('certificate', signed.certificate)

    value = certificate.fingerprint(der)

    assert re.fullmatch(r'([0-9A-F]{2}:){31}[0-9A-F]{2}', value)
    assert value == colon_hex(signed.der_sha256)


def test_fingerprint_of_bytes():
    assert certificate.fingerprint(b'') == colon_hex(hashlib.sha256(b'').hexdigest())


# validate.

def test_validate_accepts(signed):
    certificate.validate(params(certificate=signed.certificate, key_bits=4096, csr=dict(country='JP')))


@pytest.mark.parametrize('overrides, option, detail', [
    (dict(key_bits=1024), 'key_bits', 'value 1024 is not supported'),
    (dict(csr=dict(country='jp')), 'csr.country', "value 'jp' is not a two-letter country code"),
    (dict(csr=dict(country='JPN')), 'csr.country', "value 'JPN' is not a two-letter country code"),
    (dict(certificate='no certificate here'), 'certificate', 'contains 0 PEM certificates'),
])
def test_validate_rejects(overrides, option, detail):
    with pytest.raises(OptionError) as info:
        certificate.validate(params(**overrides))

    assert info.value.option == option
    assert detail in str(info.value)


def test_validate_rejects_certificate_with_absent(signed):
    with pytest.raises(OptionError) as info:
        certificate.validate(params(state='absent', certificate=signed.certificate))

    assert info.value.option == 'certificate'
    assert 'cannot be given with state=absent' in str(info.value)


# CRT key generation.

def test_key_generated_through_503(clock):
    client = camera(clock, key='none', busy_polls=3)

    result = certificate.apply(client, params(), check_mode=False)

    assert client.writes == [('https_crtkey', {'cmd': 'generate', 'bits': '2048'})]
    assert client.write_options[0]['retries'] == 0
    assert clock.now == 3 * certificate.KEYGEN_POLL_SECONDS
    assert result['changed'] is True
    assert result['after']['key'] == 'generated'
    assert result['commands'] == ['https_crtkey cmd=generate bits=2048']


def test_key_generation_times_out(clock):
    client = camera(clock, key='none', busy_polls=100)

    with pytest.raises(CameraError) as info:
        certificate.apply(client, params(wait_timeout=10), check_mode=False)

    assert 'did not finish generating the CRT key within 10 seconds' in info.value.message
    assert 'raise wait_timeout' in info.value.message
    assert 10 < clock.now <= 10 + certificate.KEYGEN_POLL_SECONDS


def test_key_wait_stops_on_other_error(clock):
    client = camera(clock, key='none')
    denied = CameraError('cam-01', 'get_https', 'failed with HTTP 500', status=500)
    client.handlers['https_crtkey'] = lambda client, data: client.failures.update(get_https=[denied])

    with pytest.raises(CameraError) as info:
        certificate.apply(client, params(), check_mode=False)

    assert info.value is denied


def test_existing_key_kept(clock):
    client = camera(clock)

    result = certificate.apply(client, params(), check_mode=False)

    assert result['changed'] is False
    assert client.writes == []


def test_regenerate_key_4096(clock):
    client = camera(clock)

    result = certificate.apply(client, params(regenerate_key=True, key_bits=4096), check_mode=False)

    assert client.writes == [('https_crtkey', {'cmd': 'generate', 'bits': '4096'})]
    assert result['after']['key_bits'] == 4096


def test_key_check_mode_writes_nothing(clock):
    client = camera(clock, key='none')

    result = certificate.apply(client, params(), check_mode=True)

    assert result['changed'] is True
    assert result['after']['key'] == 'generated'
    assert client.writes == []


@pytest.mark.parametrize('check_mode', [False, True])
def test_new_key_rejected_while_ca_installed(clock, signed, check_mode):
    client = camera(clock, ca=signed)

    with pytest.raises(CameraError) as info:
        certificate.apply(client, params(regenerate_key=True), check_mode=check_mode)

    assert 'cannot generate a new CRT key while a CA-signed certificate is installed' in info.value.message
    assert 'delete it first with state: absent' in info.value.message
    assert client.writes == []


# Installing the CA-signed certificate.

def test_same_certificate_not_installed(clock, signed):
    client = camera(clock, ca=signed)

    result = certificate.apply(client, params(certificate=signed.certificate), check_mode=False)

    assert result['changed'] is False
    assert result['commands'] == []
    assert client.writes == []


def test_other_certificate_installed(clock, signed, other):
    client = camera(clock, ca=other)
    wanted = colon_hex(signed.der_sha256)

    result = certificate.apply(client, params(certificate=signed.certificate), check_mode=False)

    assert client.writes == [('https_cacert', {'cert': signed.certificate})]
    assert result['changed'] is True
    assert result['commands'] == ['https_cacert cert=<certificate %s>' % wanted]
    assert result['after']['ca']['sha256'] == wanted
    assert result['before']['ca']['sha256'] == colon_hex(other.der_sha256)


def test_new_key_then_certificate(clock, signed):
    client = camera(clock, key='none', busy_polls=1)

    result = certificate.apply(client, params(certificate=signed.certificate), check_mode=False)

    assert [name for name, _data in client.writes] == ['https_crtkey', 'https_cacert']
    assert result['after']['ca']['state'] == 'installed'


def test_install_check_mode_writes_nothing(clock, signed):
    client = camera(clock)

    result = certificate.apply(client, params(certificate=signed.certificate), check_mode=True)

    assert result['changed'] is True
    assert result['after']['ca'] == dict(state='installed', subject='', not_after='',
                                         sha256=colon_hex(signed.der_sha256))
    assert client.writes == []


@pytest.mark.parametrize('error, problem, fix', [
    ('key_mismatch', 'rejected the certificate: it does not match the camera\'s CRT key',
     'sign the CSR this camera produced since its last key generation'),
    ('expired', 'rejected the certificate: it has expired', 'sign a new one'),
])
def test_install_rejection_explained(clock, signed, error, problem, fix):
    client = camera(clock)

    def reject(client, data):
        raise CameraError('cam-01', 'https_cacert', 'rejected %s' % error, status=400, error=error)

    client.handlers['https_cacert'] = reject

    with pytest.raises(CameraError) as info:
        certificate.apply(client, params(certificate=signed.certificate), check_mode=False)

    assert problem in info.value.message
    assert fix in info.value.message
    assert 'the current certificate stays in place' in info.value.message
    assert signed.certificate not in info.value.message


def test_other_install_error_propagates(clock, signed):
    client = camera(clock)
    error = CameraError('cam-01', 'https_cacert', 'failed with HTTP 500', status=500)

    def fail(client, data):
        raise error

    client.handlers['https_cacert'] = fail

    with pytest.raises(CameraError) as info:
        certificate.apply(client, params(certificate=signed.certificate), check_mode=False)

    assert info.value is error


def test_install_read_back_mismatch(clock, signed, other):
    client = camera(clock, ca=other)
    client.ignored_cgis = {'https_cacert'}

    with pytest.raises(CameraError) as info:
        certificate.apply(client, params(certificate=signed.certificate), check_mode=False)

    message = info.value.message
    assert 'was answered but the camera serves certificate %s, expected %s' % (
        colon_hex(other.der_sha256), colon_hex(signed.der_sha256)) in message
    assert info.value.result['commands'] == ['https_cacert cert=<certificate %s>' % colon_hex(signed.der_sha256)]


def test_install_result_has_no_pem(clock, signed):
    client = camera(clock)

    result = certificate.apply(client, params(certificate=signed.certificate), check_mode=False)

    body = base64.b64encode(certificate.certificate_der('certificate', signed.certificate)).decode('ascii')
    assert body[:64] not in json.dumps(result)


# Deleting the CA-signed certificate.

def test_delete_rejected_while_serving_ca(clock, signed):
    client = camera(clock, ca=signed, serving='ca')

    with pytest.raises(CameraError) as info:
        certificate.apply(client, params(state='absent'), check_mode=False)

    assert 'refused to delete the CA-signed certificate the camera is serving' in info.value.message
    assert 'switch to certificate: preinstalled with ipro.camera.ipro_https first' in info.value.message
    assert client.writes == []


def test_delete_when_serving_preinstalled(clock, signed):
    client = camera(clock, ca=signed)

    result = certificate.apply(client, params(state='absent'), check_mode=False)

    assert client.writes == [('https_cacert', {'mode': 'delete'})]
    assert result['changed'] is True
    assert result['after']['ca']['state'] == 'none'


def test_delete_check_mode_writes_nothing(clock, signed):
    client = camera(clock, ca=signed)

    result = certificate.apply(client, params(state='absent'), check_mode=True)

    assert result['commands'] == ['https_cacert mode=delete']
    assert result['after']['ca'] == dict(state='none', subject=None, not_after=None, sha256=None)
    assert client.writes == []


def test_delete_without_certificate_unchanged(clock):
    client = camera(clock)

    result = certificate.apply(client, params(state='absent'), check_mode=False)

    assert result['changed'] is False
    assert client.writes == []


# CSR.

def test_csr_fetched(clock):
    client = camera(clock)
    subject = dict(common_name='cam-01.example.org', organization='Example', organizational_unit=None,
                   locality=None, state=None, country='JP')

    result = certificate.apply(client, params(csr=subject), check_mode=False)

    assert result['csr'] == CSR_PEM
    assert result['changed'] is False
    assert client.writes == [('https_csr', {'CN': 'cam-01.example.org', 'O': 'Example', 'C': 'JP'})]


def test_csr_not_fetched_in_check_mode(clock):
    client = camera(clock)

    result = certificate.apply(client, params(csr=dict(common_name='cam-01.example.org')), check_mode=True)

    assert result['csr'] is None
    assert client.writes == []


def test_csr_not_fetched_when_absent(clock, signed):
    client = camera(clock, ca=signed)

    result = certificate.apply(client, params(state='absent', csr=dict(common_name='cam-01')), check_mode=False)

    assert result['csr'] is None
    assert ('https_csr', {'CN': 'cam-01'}) not in client.writes
