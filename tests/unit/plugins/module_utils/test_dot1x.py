"""Tests of the ipro_dot1x logic: certificate checks and fingerprints, and installs that turn 802.1X off and on."""

from __future__ import annotations

import hashlib
import json

import pytest
from cryptography.hazmat.primitives import serialization

from ansible_collections.ipro.camera.plugins.module_utils import dot1x
from ansible_collections.ipro.camera.plugins.module_utils.dot1x import Dot1xLogic
from ansible_collections.ipro.camera.plugins.module_utils.errors import CameraError, OptionError
from tests.unit.plugins.module_utils.fake_client import FakeClient
from tests.unit.plugins.module_utils.pem import colon_hex, issue

PASSWORD = 'Dot1x-Pass-01'
KEYS = {'ca': 'DOT1X_CA_SHA256', 'client': 'DOT1X_CLIENT_SHA256', 'key': 'DOT1X_KEY_SHA256'}


@pytest.fixture(scope='module')
def ca():
    return issue('Example Network CA')


@pytest.fixture(scope='module')
def client_cert():
    return issue('cam-01.example.org')


def installed_fingerprint(kind, pem):
    """Return the fingerprint the camera reports for an upload, computed with cryptography alone."""
    if kind == 'key':
        key = serialization.load_pem_private_key(pem.encode('ascii'), password=None)
        public = key.public_key().public_bytes(serialization.Encoding.DER,
                                               serialization.PublicFormat.SubjectPublicKeyInfo)
        return hashlib.sha256(public).hexdigest()
    return hashlib.sha256(dot1x._der_blocks(pem, 'CERTIFICATE')[0][1]).hexdigest()


def camera(enabled=True, installed=None, eap='tls'):
    """A camera with 802.1X `enabled`, with the certificates in `installed` ({type: fingerprint})."""
    settings = {'DOT1X': 'on' if enabled else 'off', 'DOT1X_EAP': eap, 'DOT1X_USER': 'cam-01'}
    for kind, value in (installed or {}).items():
        settings[KEYS[kind]] = value
    client = FakeClient(settings=settings, secrets={'DOT1X_PASS': PASSWORD},
                        capabilities={'dot1x': 'yes', 'max_users': '24'})

    def dot1x_cert(client, data):
        if client.settings['DOT1X'] == 'on':
            raise CameraError('cam-01', 'dot1x_cert', 'failed with HTTP 403: error=dot1x_on', status=403,
                              error='dot1x_on')
        client.settings[KEYS[data['type']]] = installed_fingerprint(data['type'], data['cert'])

    client.handlers['dot1x_cert'] = dot1x_cert
    return client


def params(**overrides):
    values = dict(enabled=None, eap=None, identity=None, password=None, ca_certificate=None,
                  client_certificate=None, client_key=None, update_password='on_create')
    values.update(overrides)
    return values


def all_certificates(ca, client_cert, **overrides):
    return params(ca_certificate=ca.certificate, client_certificate=client_cert.certificate,
                  client_key=client_cert.key, **overrides)


def fingerprints(ca, client_cert):
    return {'ca': ca.der_sha256, 'client': client_cert.der_sha256, 'key': client_cert.public_key_sha256}


# check_certificate.

def test_check_certificate_accepts_one(ca):
    dot1x.check_certificate('ca_certificate', ca.certificate)


def test_check_certificate_rejects_size(ca):
    pem = ca.certificate + '# padding\n' * 1100

    with pytest.raises(OptionError) as info:
        dot1x.check_certificate('ca_certificate', pem)

    assert info.value.option == 'ca_certificate'
    assert "the PEM file has %d bytes, over the camera's limit of 10240" % len(pem) in str(info.value)
    assert 'without a chain' in str(info.value)


@pytest.mark.parametrize('count', [0, 2])
def test_check_certificate_rejects_count(ca, client_cert, count):
    pem = {0: client_cert.key, 2: ca.certificate + client_cert.certificate}[count]

    with pytest.raises(OptionError) as info:
        dot1x.check_certificate('client_certificate', pem)

    assert info.value.option == 'client_certificate'
    assert 'contains %d PEM certificates' % count in str(info.value)
    assert 'exactly one certificate per type' in str(info.value)


def test_check_certificate_rejects_bad_base64():
    pem = '-----BEGIN CERTIFICATE-----\nMIIBx\n-----END CERTIFICATE-----\n'

    with pytest.raises(OptionError) as info:
        dot1x.check_certificate('ca_certificate', pem)

    assert 'the PEM certificate is not valid base64' in str(info.value)


# fingerprint.

def test_fingerprint_of_certificate(ca):
    assert dot1x.fingerprint('ca_certificate', ca.certificate) == ca.der_sha256


def test_fingerprint_of_key_is_public_key(client_cert):
    assert dot1x.fingerprint('client_key', client_cert.key) == client_cert.public_key_sha256


def test_key_fingerprint_matches_certificate_key(client_cert):
    assert dot1x.fingerprint('client_key', client_cert.key) == installed_fingerprint('key', client_cert.key)


def test_fingerprint_rejects_encrypted_key(client_cert):
    key = serialization.load_pem_private_key(client_cert.key.encode('ascii'), password=None)
    encrypted = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.BestAvailableEncryption(b'Key-Pass-01')).decode('ascii')

    with pytest.raises(OptionError) as info:
        dot1x.fingerprint('client_key', encrypted)

    assert info.value.option == 'client_key'
    assert 'is not an unencrypted PEM private key' in str(info.value)
    assert encrypted not in str(info.value)


# validate.

def test_validate_accepts_all(ca, client_cert):
    Dot1xLogic().validate(all_certificates(ca, client_cert, enabled=True, eap='tls'))


def test_validate_rejects_large_key(client_cert):
    with pytest.raises(OptionError) as info:
        Dot1xLogic().validate(params(client_key=client_cert.key + '#' * 10240))

    assert info.value.option == 'client_key'
    assert "the key file is over the camera's limit of 10 KB" in str(info.value)


def test_validate_rejects_key_as_certificate(client_cert):
    with pytest.raises(OptionError) as info:
        Dot1xLogic().validate(params(client_certificate=client_cert.key))

    assert info.value.option == 'client_certificate'
    assert client_cert.key not in str(info.value)


# apply.

def test_install_cycles_dot1x(ca, client_cert):
    client = camera(enabled=True)

    result = Dot1xLogic().apply(client, all_certificates(ca, client_cert), check_mode=False)

    assert [(name, data.get('type', data.get('DOT1X'))) for name, data in client.writes] == [
        ('setdata', 'off'), ('dot1x_cert', 'ca'), ('dot1x_cert', 'client'), ('dot1x_cert', 'key'),
        ('setdata', 'on')]
    assert len(client.restarts) == 2
    assert client.settings['DOT1X'] == 'on'
    assert result['changed'] is True
    assert result['dot1x_cycled'] is True
    assert result['certificates_installed'] == ['ca_certificate', 'client_certificate', 'client_key']


def test_install_reports_commands(ca, client_cert):
    client = camera(enabled=True)

    result = Dot1xLogic().apply(client, params(ca_certificate=ca.certificate), check_mode=False)

    assert result['commands'] == ['setdata DOT1X=off', 'dot1x_cert type=ca cert=<ca_certificate sha256 %s>'
                                  % ca.der_sha256, 'setdata DOT1X=on']
    assert result['before']['enabled'] is True
    assert result['after']['enabled'] is True
    assert result['after']['certificates'] == ['ca_certificate']


def test_install_while_off_no_cycle(ca, client_cert):
    client = camera(enabled=False)

    result = Dot1xLogic().apply(client, all_certificates(ca, client_cert), check_mode=False)

    assert [name for name, _data in client.writes] == ['dot1x_cert'] * 3
    assert client.settings['DOT1X'] == 'off'
    assert result['dot1x_cycled'] is False


def test_install_then_enable(ca, client_cert):
    client = camera(enabled=False)

    Dot1xLogic().apply(client, all_certificates(ca, client_cert, enabled=True), check_mode=False)

    assert client.writes[-1] == ('setdata', {'DOT1X': 'on'})
    assert client.settings['DOT1X'] == 'on'


def test_only_differing_certificate_installed(ca, client_cert):
    installed = fingerprints(ca, client_cert)
    installed['ca'] = issue('Old Network CA').der_sha256
    client = camera(enabled=True, installed=installed)

    result = Dot1xLogic().apply(client, all_certificates(ca, client_cert), check_mode=False)

    assert [data.get('type') for name, data in client.writes if name == 'dot1x_cert'] == ['ca']
    assert result['certificates_installed'] == ['ca_certificate']


def test_same_certificates_twice_unchanged(ca, client_cert):
    client = camera(enabled=True)
    Dot1xLogic().apply(client, all_certificates(ca, client_cert), check_mode=False)
    client.writes.clear()

    result = Dot1xLogic().apply(client, all_certificates(ca, client_cert), check_mode=False)

    assert result['changed'] is False
    assert client.writes == []
    assert 'dot1x_cycled' not in result


@pytest.mark.parametrize('reported_form', [str.lower, str.upper, colon_hex])
def test_reported_fingerprint_format_ignored(ca, client_cert, reported_form):
    installed = {kind: reported_form(value) for kind, value in fingerprints(ca, client_cert).items()}
    client = camera(enabled=True, installed=installed)

    result = Dot1xLogic().apply(client, all_certificates(ca, client_cert), check_mode=False)

    assert result['changed'] is False
    assert client.writes == []


def test_check_mode_writes_nothing(ca, client_cert):
    client = camera(enabled=True)

    result = Dot1xLogic().apply(client, all_certificates(ca, client_cert), check_mode=True)

    assert client.writes == []
    assert client.restarts == []
    assert result['changed'] is True
    assert result['dot1x_cycled'] is True
    assert result['commands'][0] == 'setdata DOT1X=off'
    assert len([c for c in result['commands'] if c.startswith('dot1x_cert')]) == 3


def test_eap_tls_needs_certificates(ca):
    client = camera(enabled=False)

    with pytest.raises(OptionError) as info:
        Dot1xLogic().apply(client, params(enabled=True, eap='tls', ca_certificate=ca.certificate), check_mode=False)

    assert info.value.option == 'client_certificate'
    assert 'EAP-TLS needs it and the camera holds none' in str(info.value)
    assert client.writes == []


def test_eap_tls_uses_installed_certificates(ca, client_cert):
    client = camera(enabled=False, installed=fingerprints(ca, client_cert))

    result = Dot1xLogic().apply(client, params(enabled=True, eap='tls'), check_mode=False)

    assert client.writes == [('setdata', {'DOT1X': 'on'})]
    assert result['changed'] is True


def test_install_failure_says_dot1x_off(ca, client_cert):
    client = camera(enabled=True)

    def reject(client, data):
        raise CameraError('cam-01', 'dot1x_cert', 'rejected cert: the camera reports the value invalid', status=400,
                          error='cert')

    client.handlers['dot1x_cert'] = reject

    with pytest.raises(CameraError) as info:
        Dot1xLogic().apply(client, all_certificates(ca, client_cert), check_mode=False)

    message = info.value.message
    assert '802.1X was on before the install and is now off' in message
    assert 'the module turns 802.1X on again once they are in' in message
    assert client.settings['DOT1X'] == 'off'
    assert info.value.result['commands'][0] == 'setdata DOT1X=off'


def test_missing_capability_rejected(ca):
    client = camera()
    client.capability_values['dot1x'] = 'no'

    with pytest.raises(CameraError) as info:
        Dot1xLogic().apply(client, params(ca_certificate=ca.certificate), check_mode=False)

    assert 'reports that this model has no dot1x' in info.value.message
    assert client.writes == []


def test_results_never_carry_secrets(ca, client_cert):
    client = camera(enabled=True)

    result = Dot1xLogic().apply(client, all_certificates(ca, client_cert, password=PASSWORD,
                                                         update_password='always'), check_mode=False)

    output = json.dumps(result)
    assert PASSWORD not in output
    assert 'PRIVATE KEY' not in output
    assert 'DOT1X_PASS=********' in ' '.join(result['commands'])
