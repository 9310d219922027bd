"""Tests of Digest and Basic authentication against a local HTTP server.

The server checks each Digest response itself (RFC 7616, qop=auth), so a
wrong hash fails here as it would on a camera.
"""

from __future__ import annotations

import base64
import hashlib
import io

import pytest
import requests

from ansible_collections.ipro.camera.plugins.module_utils.auth import CameraAuth, choose_challenge, parse_challenges
from tests.unit.plugins.module_utils.http_camera import PASSWORD, USER, DigestResponder, Reply, parse_authorization


@pytest.fixture
def session():
    with requests.Session() as session:
        session.trust_env = False
        session.auth = CameraAuth(USER, PASSWORD)
        yield session


def url(camera, path='/cgi-bin/getinfo?FILE=1'):
    return 'http://127.0.0.1:%d%s' % (camera.port, path)


def authorizations(camera):
    return [r.headers.get('Authorization') for r in camera.requests]


# Challenge parsing.

def test_parse_separate_headers():
    challenges = parse_challenges([
        'Digest realm="i-PRO", qop="auth", algorithm=SHA-256, nonce="abc"',
        'Basic realm="i-PRO", charset="UTF-8"',
    ])

    assert challenges == [
        ('digest', {'realm': 'i-PRO', 'qop': 'auth', 'algorithm': 'SHA-256', 'nonce': 'abc'}),
        ('basic', {'realm': 'i-PRO', 'charset': 'UTF-8'}),
    ]


def test_parse_challenges_joined_in_one_header():
    challenges = parse_challenges(['Digest realm="i-PRO", qop="auth,auth-int", algorithm=MD5, nonce="n1", '
                                   'Digest realm="i-PRO", algorithm=SHA-256, nonce="n2", Basic realm="i-PRO"'])

    assert [scheme for scheme, _params in challenges] == ['digest', 'digest', 'basic']
    assert challenges[0][1]['qop'] == 'auth,auth-int'
    assert challenges[1][1]['nonce'] == 'n2'


def test_parse_quoted_escape_and_case():
    challenges = parse_challenges(['DIGEST Realm="say \\"hi\\"", NONCE=xyz'])

    assert challenges == [('digest', {'realm': 'say "hi"', 'nonce': 'xyz'})]


def test_parse_ignores_empty_values():
    assert parse_challenges(['', ' ']) == []


@pytest.mark.parametrize('offered, scheme, algorithm', [
    ([('digest', {'algorithm': 'MD5'}), ('digest', {'algorithm': 'SHA-256'})], 'digest', 'SHA-256'),
    ([('digest', {'algorithm': 'sha-256'}), ('basic', {})], 'digest', 'sha-256'),
    ([('digest', {})], 'digest', None),
    ([('basic', {}), ('digest', {'algorithm': 'MD5'})], 'digest', 'MD5'),
    ([('digest', {'algorithm': 'SHA-512-256'}), ('basic', {})], 'basic', None),
    ([('basic', {})], 'basic', None),
    ([('digest', {'algorithm': 'SHA-512-256'})], None, None),
    ([('bearer', {})], None, None),
    ([], None, None),
])
def test_choose_challenge(offered, scheme, algorithm):
    chosen, params = choose_challenge(offered)

    assert chosen == scheme
    assert params.get('algorithm') == algorithm


# Digest handshakes.

@pytest.mark.parametrize('algorithms, chosen', [
    (('MD5', 'SHA-256'), 'SHA-256'),
    (('SHA-256',), 'SHA-256'),
    (('MD5',), 'MD5'),
])
def test_digest_handshake(camera_server, session, algorithms, chosen):
    responder = DigestResponder(USER, PASSWORD, algorithms, body='NAME=WV-S2136\r\n')
    camera = camera_server(responder)

    response = session.get(url(camera))

    assert response.status_code == 200
    assert response.text == 'NAME=WV-S2136\r\n'
    assert len(camera.requests) == 2
    fields = responder.accepted[0]
    assert fields['algorithm'] == chosen
    assert fields['qop'] == 'auth'
    assert fields['nc'] == '00000001'
    assert fields['uri'] == '/cgi-bin/getinfo?FILE=1'
    assert fields['opaque'] == 'op1'
    assert fields['realm'] == 'i-PRO'


def test_digest_without_qop_rfc2069(camera_server, session):
    def responder(received):
        header = received.headers.get('Authorization')
        if not header:
            return Reply(401, '', [('WWW-Authenticate', 'Digest realm="i-PRO", nonce="legacy"')])
        _scheme, fields = parse_authorization(header)
        ha1 = hashlib.md5(('%s:i-PRO:%s' % (USER, PASSWORD)).encode()).hexdigest()
        ha2 = hashlib.md5(('GET:%s' % fields['uri']).encode()).hexdigest()
        if fields['response'] != hashlib.md5(('%s:legacy:%s' % (ha1, ha2)).encode()).hexdigest():
            return Reply(401, '', [('WWW-Authenticate', 'Digest realm="i-PRO", nonce="legacy"')])
        assert 'qop' not in fields
        return Reply(200)

    camera = camera_server(responder)

    assert session.get(url(camera)).status_code == 200


def test_digest_reuses_nonce_with_next_count(camera_server, session):
    responder = DigestResponder(USER, PASSWORD)
    camera = camera_server(responder)

    session.get(url(camera))
    response = session.get(url(camera, '/cgi-bin/getdata?NW&EIP'))

    assert response.status_code == 200
    assert len(camera.requests) == 3
    assert responder.accepted[1]['nc'] == '00000002'
    assert responder.accepted[1]['nonce'] == responder.accepted[0]['nonce']
    assert responder.accepted[1]['uri'] == '/cgi-bin/getdata?NW&EIP'


def test_digest_cnonce_differs_per_request(camera_server, session):
    responder = DigestResponder(USER, PASSWORD)
    camera = camera_server(responder)

    session.get(url(camera))
    session.get(url(camera))

    assert responder.accepted[0]['cnonce'] != responder.accepted[1]['cnonce']


def test_wrong_password_is_sent_once(camera_server):
    camera = camera_server(DigestResponder(USER, 'Other-pass1'))
    auth = CameraAuth(USER, PASSWORD)

    with requests.Session() as session:
        response = session.get(url(camera), auth=auth)

    assert response.status_code == 401
    assert auth.rejected is True
    assert len(camera.requests) == 2
    assert authorizations(camera)[0] is None


def test_rejected_credentials_not_resent(camera_server):
    camera = camera_server(DigestResponder(USER, 'Other-pass1'))
    auth = CameraAuth(USER, PASSWORD)

    with requests.Session() as session:
        session.get(url(camera), auth=auth)
        response = session.get(url(camera), auth=auth)

    assert response.status_code == 401
    assert len([header for header in authorizations(camera) if header]) == 1


def test_forget_allows_new_credentials(camera_server):
    camera = camera_server(DigestResponder(USER, PASSWORD))
    auth = CameraAuth(USER, 'Wrong-pass1')

    with requests.Session() as session:
        session.get(url(camera), auth=auth)
        auth.password = PASSWORD
        auth.forget()
        response = session.get(url(camera), auth=auth)

    assert response.status_code == 200


def test_stale_nonce_answered_once(camera_server, session):
    responder = DigestResponder(USER, PASSWORD)
    camera = camera_server(responder)
    session.get(url(camera))
    responder.stale_nonces.add(responder.nonce)

    response = session.get(url(camera))

    assert response.status_code == 200
    assert len(camera.requests) == 4
    assert responder.accepted[-1]['nonce'] == 'nonce0002'
    assert responder.accepted[-1]['nc'] == '00000001'
    assert session.auth.rejected is False


def test_second_stale_nonce_fails(camera_server, session):
    responder = DigestResponder(USER, PASSWORD)
    camera = camera_server(responder)
    session.get(url(camera))
    responder.stale_nonces.update({'nonce0001', 'nonce0002'})

    response = session.get(url(camera))

    assert response.status_code == 401
    assert len(camera.requests) == 4


def test_answered_request_resends_streamed_body(camera_server, session):
    camera = camera_server(DigestResponder(USER, PASSWORD))

    response = session.post(url(camera, '/cgi-bin/setdata'), data=io.BytesIO(b'AUDIO=off'),
                            headers={'Content-Type': 'application/x-www-form-urlencoded'})

    assert response.status_code == 200
    assert [r.body for r in camera.requests] == [b'AUDIO=off', b'AUDIO=off']


def test_answered_response_keeps_challenge_in_history(camera_server, session):
    camera = camera_server(DigestResponder(USER, PASSWORD))

    response = session.get(url(camera))

    assert [r.status_code for r in response.history] == [401]


# Basic.

def basic_responder(received):
    expected = 'Basic ' + base64.b64encode(('%s:%s' % (USER, PASSWORD)).encode()).decode()
    if received.headers.get('Authorization') == expected:
        return Reply(200)
    return Reply(401, '', [('WWW-Authenticate', 'Basic realm="i-PRO", charset="UTF-8"')])


def test_basic_when_only_basic_offered(camera_server, session):
    camera = camera_server(basic_responder)

    first = session.get(url(camera))
    second = session.get(url(camera))

    assert first.status_code == 200
    assert second.status_code == 200
    assert len(camera.requests) == 3
    assert authorizations(camera)[0] is None
    assert authorizations(camera)[2].startswith('Basic ')


def test_digest_preferred_over_basic(camera_server, session):
    responder = DigestResponder(USER, PASSWORD, ('SHA-256',))

    def both(received):
        reply = responder(received)
        if reply.status == 401:
            reply.headers.append(('WWW-Authenticate', 'Basic realm="i-PRO"'))
        return reply

    camera = camera_server(both)

    assert session.get(url(camera)).status_code == 200
    assert authorizations(camera)[1].startswith('Digest ')


def test_no_challenge_returns_401(camera_server, session):
    camera = camera_server(lambda received: Reply(401, ''))

    response = session.get(url(camera))

    assert response.status_code == 401
    assert len(camera.requests) == 1
