"""Tests of CameraClient requests against a local HTTP server: parsing, retries and error mapping."""

from __future__ import annotations

import socket
from urllib.parse import parse_qs

import pytest

from ansible_collections.ipro.camera.plugins.module_utils.client import compare_versions, parse_lines
from ansible_collections.ipro.camera.plugins.module_utils.errors import AuthenticationError, CameraError
from tests.unit.plugins.module_utils.http_camera import PASSWORD, USER, DigestResponder, Reply

RANDOMNUM = '8C53C75B9462F1D8'


def sequence(*replies):
    """Return each reply in turn, then repeat the last one."""
    remaining = list(replies)

    def respond(received):
        return remaining.pop(0) if len(remaining) > 1 else remaining[0]

    return respond


def closed_port():
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]


# parse_lines and compare_versions.

def test_parse_lines_bom_and_crlf():
    assert parse_lines('\ufeffNAME=WV-S2136\r\nVERSION=2.40\r\n') == {'NAME': 'WV-S2136', 'VERSION': '2.40'}


def test_parse_lines_skips_lines_without_key():
    text = 'result=ok\r\n\r\n<html>\r\n=orphan\r\nSTATE = on \r\n'

    assert parse_lines(text) == {'result': 'ok', 'STATE': 'on'}


def test_parse_lines_keeps_equals_in_value():
    assert parse_lines('CA_SUBJECT=CN=cam-01,O=Example\n') == {'CA_SUBJECT': 'CN=cam-01,O=Example'}


def test_parse_lines_empty_value():
    assert parse_lines('NTPADD=\r\n') == {'NTPADD': ''}


@pytest.mark.parametrize('left, right, order', [
    ('2.40', '2.40', 0),
    ('2.40', '2.50', -1),
    ('2.50', '2.40', 1),
    ('2.9', '2.10', -1),
    ('v2.50', '2.50', 0),
    ('V2.50', 'v2.50', 0),
    ('1.2.3', '1.2', 1),
    ('10.0', '9.99', 1),
])
def test_compare_versions(left, right, order):
    assert compare_versions(left, right) == order


# Request shape.

def test_sends_no_accept_header(camera_server, make_client):
    camera = camera_server(lambda received: Reply(body='NAME=WV-S2136\r\n'))
    client = make_client(camera.port)

    client.info()

    headers = {name.lower(): value for name, value in camera.requests[0].headers.items()}
    assert 'accept' not in headers
    assert headers['user-agent'] == 'ipro.camera'


def test_getinfo_query(camera_server, make_client):
    camera = camera_server(lambda received: Reply(body='NAME=WV-S2136\r\n'))
    client = make_client(camera.port)

    assert client.info() == {'NAME': 'WV-S2136'}
    assert camera.requests[0].target == '/cgi-bin/getinfo?FILE=1'


def test_getdata_names_keys_in_query(camera_server, make_client):
    camera = camera_server(lambda received: Reply(body='NW=dhcp\r\nEIP=192.0.2.10\r\n'))
    client = make_client(camera.port)

    assert client.getdata(['NW', 'EIP']) == {'NW': 'dhcp', 'EIP': '192.0.2.10'}
    assert camera.requests[0].target == '/cgi-bin/getdata?NW&EIP'


def test_getdata_without_keys_reads_all(camera_server, make_client):
    camera = camera_server(lambda received: Reply(body='NW=dhcp\r\n'))
    client = make_client(camera.port)

    client.getdata([])

    assert camera.requests[0].target == '/cgi-bin/getdata'


def test_setdata_posts_form_body(camera_server, make_client):
    camera = camera_server(lambda received: Reply())
    client = make_client(camera.port)

    assert client.setdata({'SDLOCK': 'on', 'SDLOCKPASS': 'Sd-pass-01'}) == {'result': 'ok'}

    received = camera.requests[0]
    assert received.method == 'POST'
    assert received.target == '/cgi-bin/setdata'
    assert parse_qs(received.body.decode()) == {'SDLOCK': ['on'], 'SDLOCKPASS': ['Sd-pass-01']}


def test_bom_body_with_utf8_charset(camera_server, make_client):
    body = b'\xef\xbb\xbfNAME=WV-S2136\r\nVERSION=2.40\r\n'
    camera = camera_server(lambda received: Reply(body=body))

    assert make_client(camera.port).info() == {'NAME': 'WV-S2136', 'VERSION': '2.40'}


@pytest.mark.parametrize('content_type', ['text/plain', None])
def test_bom_body_without_charset(camera_server, make_client, content_type):
    body = '\ufeffNAME=WV-S2136\r\nCA_SUBJECT=CN=Caf\u00e9\r\n'.encode('utf-8')
    camera = camera_server(lambda received: Reply(body=body, content_type=content_type))

    assert make_client(camera.port).info() == {'NAME': 'WV-S2136', 'CA_SUBJECT': 'CN=Caf\u00e9'}


def test_base_url_follows_protocol(make_client):
    assert make_client(8443, protocol='https').base_url == 'https://127.0.0.1:8443'
    assert make_client(8080).base_url == 'http://127.0.0.1:8080'


# Retries.

def test_retries_503_with_backoff(camera_server, make_client):
    camera = camera_server(sequence(Reply(503, 'error=busy\r\n'), Reply(503, 'error=busy\r\n'),
                                    Reply(body='NAME=WV-S2136\r\n')))
    client = make_client(camera.port)

    assert client.info() == {'NAME': 'WV-S2136'}
    assert len(camera.requests) == 3
    assert client.sleeps == [0.5, 1.0]


def test_503_after_every_retry_fails(camera_server, make_client):
    camera = camera_server(lambda received: Reply(503, 'error=busy\r\n'))
    client = make_client(camera.port)

    with pytest.raises(CameraError) as info:
        client.info()

    assert info.value.status == 503
    assert info.value.error == 'busy'
    assert 'getinfo failed: the camera stayed busy (HTTP 503) after 5 tries' in info.value.message
    assert 'wait for the restart, key generation or firmware update to finish, then rerun' in info.value.message
    assert len(camera.requests) == 5
    assert client.sleeps == [0.5, 1.0, 2.0, 4.0]


def test_503_tries_count_retries_option(camera_server, make_client):
    camera = camera_server(lambda received: Reply(503))
    client = make_client(camera.port)

    with pytest.raises(CameraError) as info:
        client.request('GET', 'getinfo', retries=1)

    assert 'the camera stayed busy (HTTP 503) after 2 tries' in info.value.message
    assert len(camera.requests) == 2


def test_backoff_is_capped(camera_server, make_client):
    camera = camera_server(lambda received: Reply(503))
    client = make_client(camera.port)

    with pytest.raises(CameraError):
        client.request('GET', 'getinfo', retries=6)

    assert client.sleeps == [0.5, 1.0, 2.0, 4.0, 5.0, 5.0]


def test_no_retry_when_retries_zero(camera_server, make_client):
    camera = camera_server(lambda received: Reply(503))
    client = make_client(camera.port)

    with pytest.raises(CameraError) as info:
        client.get('getinfo', retries=0)

    assert len(camera.requests) == 1
    assert client.sleeps == []
    assert info.value.status == 503
    assert 'failed with HTTP 503' in info.value.message


def test_connection_refused_retried_then_fails(make_client):
    port = closed_port()
    client = make_client(port)

    with pytest.raises(CameraError) as info:
        client.info()

    message = info.value.message
    assert 'no answer from http://127.0.0.1:%d/cgi-bin/getinfo after 5 tries' % port in message
    assert 'check that the camera is powered' in message
    assert client.sleeps == [0.5, 1.0, 2.0, 4.0]


def test_read_timeout_retried(make_client):
    # The kernel completes the TCP handshake for a listening socket that never accepts or responds.
    with socket.socket() as silent:
        silent.bind(('127.0.0.1', 0))
        silent.listen(8)
        client = make_client(silent.getsockname()[1], timeout=0.2)

        with pytest.raises(CameraError) as info:
            client.get('getinfo', retries=1)

    assert 'after 2 tries' in info.value.message
    assert client.sleeps == [0.5]


# Authentication failures.

def test_401_not_retried(camera_server, make_client):
    camera = camera_server(DigestResponder(USER, 'Other-pass1'))
    client = make_client(camera.port)

    with pytest.raises(AuthenticationError) as info:
        client.info()

    message = info.value.message
    assert info.value.status == 401
    assert "authentication as user 'admin' was rejected" in message
    assert '8 failed logins within 30 seconds' in message
    assert PASSWORD not in message
    assert len(camera.requests) == 2
    assert client.sleeps == []


def test_digest_session_through_client(camera_server, make_client):
    responder = DigestResponder(USER, PASSWORD, body='NW=dhcp\r\n')
    camera = camera_server(responder)
    client = make_client(camera.port)

    client.getdata(['NW'])
    client.getdata(['NW'])

    assert len(camera.requests) == 3
    assert [fields['nc'] for fields in responder.accepted] == ['00000001', '00000002']


def test_reset_forgets_nonce(camera_server, make_client):
    camera = camera_server(DigestResponder(USER, PASSWORD))
    client = make_client(camera.port)

    client.info()
    client.reset()
    client.info()

    assert camera.requests[2].headers.get('Authorization') is None


def test_use_credentials_switches_login(camera_server, make_client):
    responder = DigestResponder('operator', 'Oper-pass-1')
    camera = camera_server(responder)
    client = make_client(camera.port)

    client.use_credentials('operator', 'Oper-pass-1')
    client.info()

    assert client.conn.username == 'operator'
    assert responder.accepted[0]['username'] == 'operator'


@pytest.mark.parametrize('retry_after, when', [
    ('600', 'for 600 more seconds'),
    (None, 'for a while (10 minutes by default)'),
])
def test_locked_out(camera_server, make_client, retry_after, when):
    headers = [('Retry-After', retry_after)] if retry_after else []
    camera = camera_server(lambda received: Reply(403, 'error=locked\r\n', headers))
    client = make_client(camera.port)

    with pytest.raises(AuthenticationError) as info:
        client.info()

    assert 'locked out the controller address ' + when in info.value.message
    assert info.value.error == 'locked'
    assert len(camera.requests) == 1
    assert client.sleeps == []


# Error mapping.

@pytest.mark.parametrize('status, body, problem', [
    (403, 'error=admin_not_registered', 'the camera has no administrator yet; register one first'),
    (403, 'error=access_level', "user 'admin' has too low an access level; connect with an administrator"),
    (403, 'error=user_limit', 'holds the most users its model allows; delete an unused account'),
    (403, 'error=admin_registered', "already has an administrator; connect with that administrator's"),
    (404, 'error=not_found', 'does not know this CGI (HTTP 404); check that the model and firmware'),
    (400, 'error=NTPPORT', 'rejected NTPPORT: the camera reports the value invalid; check the value'),
    (403, 'error=host_denied', "host authentication denies this controller's address; add the controller"),
    (403, 'error=cert_in_use', 'failed with HTTP 403: error=cert_in_use'),
    (500, '', 'failed with HTTP 500'),
    (404, '<html>Not Found</html>', 'failed with HTTP 404'),
])
def test_error_mapping(camera_server, make_client, status, body, problem):
    camera = camera_server(lambda received: Reply(status, body))
    client = make_client(camera.port)

    with pytest.raises(CameraError) as info:
        client.getdata(['NTPPORT'])

    assert info.value.message.startswith('camera cam-01 (127.0.0.1): getdata ')
    assert problem in info.value.message
    assert info.value.status == status
    assert not isinstance(info.value, AuthenticationError)


# Enhanced security.

def randomnum_camera(received):
    if received.path == '/cgi-bin/get_randomnum':
        return Reply(body='randomnum=%s\r\n' % RANDOMNUM)
    if parse_qs(received.query).get('Randomnum') != [RANDOMNUM]:
        return Reply(400, 'error=randomnum\r\n')
    return Reply(body='NW=dhcp\r\n')


def test_randomnum_handshake_on_post(camera_server, make_client):
    camera = camera_server(randomnum_camera)
    client = make_client(camera.port)

    assert client.setdata({'AUDIO': 'off'}) == {'NW': 'dhcp'}
    assert [r.path for r in camera.requests] == ['/cgi-bin/setdata', '/cgi-bin/get_randomnum', '/cgi-bin/setdata']
    assert camera.requests[2].body == b'AUDIO=off'


def test_randomnum_handshake_with_dict_query(camera_server, make_client):
    camera = camera_server(randomnum_camera)
    client = make_client(camera.port)

    assert client.info() == {'NW': 'dhcp'}
    assert parse_qs(camera.requests[2].query) == {'FILE': ['1'], 'Randomnum': [RANDOMNUM]}


def test_randomnum_handshake_on_getdata_keys(camera_server, make_client):
    camera = camera_server(randomnum_camera)
    client = make_client(camera.port)

    assert client.getdata(['NW', 'EIP']) == {'NW': 'dhcp'}
    assert camera.requests[2].target == '/cgi-bin/getdata?NW&EIP&Randomnum=' + RANDOMNUM


def test_randomnum_handshake_runs_once(camera_server, make_client):
    camera = camera_server(lambda received: Reply(400, 'error=randomnum\r\n') if received.path != '/cgi-bin/get_randomnum'
                           else Reply(body='randomnum=%s\r\n' % RANDOMNUM))
    client = make_client(camera.port)

    with pytest.raises(CameraError) as info:
        client.info()

    assert info.value.error == 'randomnum'
    assert len(camera.requests) == 3


def test_info_without_authentication(camera_server, make_client):
    camera = camera_server(DigestResponder(USER, PASSWORD, body='NAME=WV-S2136\r\n'))
    client = make_client(camera.port)
    client.info()

    with pytest.raises(AuthenticationError):
        client.info(authenticate=False)

    assert len(camera.requests) == 3
    assert camera.requests[2].headers.get('Authorization') is None


@pytest.mark.parametrize('left, right, order', [
    ('2.40b', '2.40', 1),
    ('2.40', '2.40b', -1),
    ('2.40b', '2.41', -1),
    ('2.40a', '2.40b', -1),
    ('2.beta', '2.0', -1),
])
def test_compare_versions_with_text(left, right, order):
    assert compare_versions(left, right) == order


@pytest.mark.parametrize('content_type', ['text/plain', 'text/plain; charset=utf-8'])
def test_raw_body_without_bom(camera_server, make_client, content_type):
    pem = '-----BEGIN CERTIFICATE REQUEST-----\r\nMIIB\r\n-----END CERTIFICATE REQUEST-----\r\n'
    camera = camera_server(lambda received: Reply(body=b'\xef\xbb\xbf' + pem.encode(), content_type=content_type))

    assert make_client(camera.port).request('POST', 'https_csr', data={'CN': 'cam-01'}, raw=True) == pem
