"""Tests of the client's TLS options against a local HTTPS server with a self-signed certificate."""

from __future__ import annotations

import socket

import pytest

from ansible_collections.ipro.camera.plugins.module_utils.errors import CameraError
from tests.unit.plugins.module_utils.http_camera import Reply, server_context


@pytest.fixture
def https_camera(camera_server, certificate):
    return camera_server(lambda received: Reply(body='NAME=WV-S2136\r\n'), tls=server_context(certificate))


def colon_separated(fingerprint):
    return ':'.join(fingerprint[i:i + 2] for i in range(0, len(fingerprint), 2)).upper()


@pytest.mark.parametrize('shape', [str, colon_separated])
def test_pinned_fingerprint_accepted(https_camera, make_client, certificate, shape):
    client = make_client(https_camera.port, protocol='https', fingerprint=shape(certificate.sha256))

    assert client.info() == {'NAME': 'WV-S2136'}
    assert client.warnings == []


def test_pinned_fingerprint_mismatch(https_camera, make_client):
    client = make_client(https_camera.port, protocol='https', fingerprint='00' * 32)

    with pytest.raises(CameraError) as info:
        client.info()

    message = info.value.message
    assert 'failed TLS verification at https://127.0.0.1:%d/cgi-bin/getinfo' % https_camera.port in message
    assert 'ipro_ca_path' in message
    assert 'ipro_fingerprint' in message
    assert client.sleeps == []
    assert https_camera.requests == []


def test_ca_path_accepted(https_camera, make_client, certificate):
    client = make_client(https_camera.port, protocol='https', ca_path=certificate.cert_path)

    assert client.info() == {'NAME': 'WV-S2136'}


def test_untrusted_certificate_rejected(https_camera, make_client):
    client = make_client(https_camera.port, protocol='https')

    with pytest.raises(CameraError, match='failed TLS verification'):
        client.info()

    assert https_camera.requests == []


def test_validation_disabled_warns(https_camera, make_client):
    client = make_client(https_camera.port, protocol='https', validate_certs=False)

    assert client.info() == {'NAME': 'WV-S2136'}
    assert len(client.warnings) == 1
    assert 'TLS certificate validation is disabled for camera cam-01 (127.0.0.1)' in client.warnings[0]
    assert 'Set ipro_ca_path or ipro_fingerprint instead' in client.warnings[0]


def test_ca_bundle_variable_ignored(https_camera, make_client, certificate, monkeypatch):
    monkeypatch.setenv('REQUESTS_CA_BUNDLE', certificate.cert_path)
    monkeypatch.setenv('CURL_CA_BUNDLE', certificate.cert_path)
    client = make_client(https_camera.port, protocol='https')

    with pytest.raises(CameraError, match='failed TLS verification'):
        client.info()


def test_proxy_variables_ignored(https_camera, make_client, certificate, monkeypatch):
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        unused = probe.getsockname()[1]
    for variable in ('HTTPS_PROXY', 'https_proxy', 'ALL_PROXY'):
        monkeypatch.setenv(variable, 'http://127.0.0.1:%d' % unused)
    monkeypatch.delenv('NO_PROXY', raising=False)
    monkeypatch.delenv('no_proxy', raising=False)
    client = make_client(https_camera.port, protocol='https', ca_path=certificate.cert_path)

    assert client.info() == {'NAME': 'WV-S2136'}
