# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""HTTP authentication for the camera: Digest (SHA-256 or MD5, qop=auth) or Basic.

The camera locks a source address out after 8 failed logins in 30 seconds, so
this handler answers a challenge at most once per request and never resends
credentials the camera has rejected. A stale nonce is not a failure and is
answered once with the fresh nonce.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import time

try:
    from requests.auth import AuthBase
except ImportError:  # pragma: no cover - reported by the client's import check
    AuthBase = object

from urllib.parse import urlsplit

DIGEST_ALGORITHMS = {
    'SHA-256': hashlib.sha256,
    'MD5': hashlib.md5,
}
# The camera may offer several algorithms; the strongest offered wins.
ALGORITHM_PREFERENCE = ('SHA-256', 'MD5')

_PARAM = re.compile(r'([a-zA-Z0-9_-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^,\s]*)')


def parse_challenges(header_values):
    """Parse WWW-Authenticate header values into a list of (scheme, params).

    Several challenges may arrive as separate headers or joined by commas in
    one; a new challenge starts at a bare scheme word.
    """
    challenges = []
    for value in header_values:
        for piece in re.split(r',\s*(?=(?:Digest|Basic|Bearer)\b)', value, flags=re.IGNORECASE):
            piece = piece.strip()
            if not piece:
                continue
            scheme, _separator, rest = piece.partition(' ')
            params = {}
            for name, raw in _PARAM.findall(rest):
                if raw.startswith('"'):
                    raw = raw[1:-1].replace('\\"', '"')
                params[name.lower()] = raw
            challenges.append((scheme.lower(), params))
    return challenges


def choose_challenge(challenges):
    """Pick Digest with the strongest known algorithm, else Basic, else None."""
    digests = [params for scheme, params in challenges if scheme == 'digest']
    for algorithm in ALGORITHM_PREFERENCE:
        for params in digests:
            if params.get('algorithm', 'MD5').upper() == algorithm:
                return 'digest', params
    if any(scheme == 'basic' for scheme, _params in challenges):
        return 'basic', {}
    return None, {}


class CameraAuth(AuthBase):
    """A requests auth handler that remembers the negotiated scheme and nonce.

    After the first challenge, later requests of the same session carry
    credentials at once (Digest with an increasing nonce count), which saves a
    round trip per request.
    """

    def __init__(self, username, password):
        self.username = username
        self.password = password
        self.forget()

    def forget(self):
        """Drop the negotiated scheme and nonce, as after a web-service restart."""
        self.scheme = None
        self.challenge = {}
        self.nonce_count = 0
        self.rejected = False

    def __call__(self, request):
        # After a rejection only forget() (new credentials or a restart) re-arms the handler.
        header = None if self.rejected else self._authorization(request.method, request.url)
        if header:
            request.headers['Authorization'] = header
        try:
            self._body_position = request.body.tell()
        except AttributeError:
            self._body_position = None
        request.register_hook('response', self._handle_401)
        return request

    def _authorization(self, method, url):
        if self.scheme == 'basic':
            token = base64.b64encode(('%s:%s' % (self.username, self.password)).encode('utf-8'))
            return 'Basic ' + token.decode('ascii')
        if self.scheme == 'digest':
            return self._digest_header(method, url)
        return None

    def _digest_header(self, method, url):
        challenge = self.challenge
        algorithm = challenge.get('algorithm', 'MD5').upper()
        digest = DIGEST_ALGORITHMS[algorithm]

        def hash_text(text):
            return digest(text.encode('utf-8')).hexdigest()

        parts = urlsplit(url)
        uri = parts.path + ('?' + parts.query if parts.query else '')
        realm = challenge.get('realm', '')
        nonce = challenge.get('nonce', '')
        self.nonce_count += 1
        nc = '%08x' % self.nonce_count
        cnonce = hashlib.sha256(os.urandom(16) + str(time.time()).encode()).hexdigest()[:16]
        ha1 = hash_text('%s:%s:%s' % (self.username, realm, self.password))
        ha2 = hash_text('%s:%s' % (method, uri))
        qop_offered = [word.strip() for word in challenge.get('qop', '').split(',')]
        if 'auth' in qop_offered:
            response = hash_text('%s:%s:%s:%s:auth:%s' % (ha1, nonce, nc, cnonce, ha2))
        else:
            response = hash_text('%s:%s:%s' % (ha1, nonce, ha2))

        fields = [
            'username="%s"' % self.username.replace('\\', '\\\\').replace('"', '\\"'),
            'realm="%s"' % realm,
            'nonce="%s"' % nonce,
            'uri="%s"' % uri,
            'algorithm=%s' % algorithm,
            'response="%s"' % response,
        ]
        if 'opaque' in challenge:
            fields.append('opaque="%s"' % challenge['opaque'])
        if 'auth' in qop_offered:
            fields.extend(['qop=auth', 'nc=%s' % nc, 'cnonce="%s"' % cnonce])
        return 'Digest ' + ', '.join(fields)

    def _handle_401(self, response, **kwargs):
        if response.status_code != 401:
            return response

        request = response.request
        values = response.raw.headers.getlist('WWW-Authenticate') if response.raw is not None else []
        scheme, params = choose_challenge(parse_challenges(values))
        sent_credentials = 'Authorization' in request.headers
        stale = params.get('stale', '').lower() == 'true'

        # Credentials the camera rejected count toward its lockout: never resend them. A stale nonce,
        # or a scheme the camera no longer offers (its authentication method changed), is no rejection.
        renegotiate = stale or (scheme is not None and scheme != self.scheme)
        if sent_credentials and not renegotiate:
            self.rejected = True
            return response
        if scheme is None or self.rejected or getattr(request, '_ipro_answered', False):
            return response

        self.scheme = scheme
        self.challenge = params
        self.nonce_count = 0

        if self._body_position is not None:
            request.body.seek(self._body_position)
        response.content  # noqa: B018 - drain the body so the connection can be reused
        response.close()
        retry = request.copy()
        retry._ipro_answered = True
        retry.headers['Authorization'] = self._authorization(retry.method, retry.url)
        answered = response.connection.send(retry, **kwargs)
        answered.history.append(response)
        answered.request = retry
        if answered.status_code == 401:
            self.rejected = True
        return answered
