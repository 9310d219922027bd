# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one HTTP client every module uses to talk to a camera."""

from __future__ import annotations

import time
import warnings
from urllib.parse import urlencode

try:
    import requests
    from requests.adapters import HTTPAdapter
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - depends on the controller
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = exc
    HTTPAdapter = object

from ansible_collections.ipro.camera.plugins.module_utils import cgi
from ansible_collections.ipro.camera.plugins.module_utils.auth import CameraAuth
from ansible_collections.ipro.camera.plugins.module_utils.errors import AuthenticationError, CameraError

# Connection errors and 503 answers are retried this many times, waiting
# RETRY_BACKOFF * 2**n seconds (capped at RETRY_BACKOFF_MAX) between tries.
RETRIES = 4
# Reads that ipro_items may serve from an earlier item's read until a write or a restart. The polls
# that wait for a restart always reach the camera.
CACHED_READS = ('getinfo', 'get_user')
SETTINGS_CACHE = 'settings'
RETRY_BACKOFF = 0.5
RETRY_BACKOFF_MAX = 5.0
MALFORMED_HELP = ('check that the address is an i-PRO camera and that no proxy or captive portal answers in its '
                  'place, then rerun; check the camera\'s firmware if it persists')
LOCKOUT_HELP = (
    'the camera blocks an address for a while after 8 failed logins within 30 seconds '
    '(10 minutes by default); wait, then check the user name and password'
)


def parse_lines(text):
    """Parse a `key=value` response body into a dict.

    The camera may start the body with a UTF-8 BOM, ends lines with CRLF, and
    may add lines without `=`; those are skipped.
    """
    values = {}
    for line in text.lstrip('\ufeff').splitlines():
        key, sep, value = line.partition('=')
        if sep and key.strip():
            values[key.strip()] = value.strip()
    return values


# Known (status, error word) answers, with what they mean and the fix.
_ERRORS = {
    (403, cgi.ERROR_ADMIN_NOT_REGISTERED): (
        'failed: the camera has no administrator yet',
        'register one first with ipro.camera.ipro_admin (the entry role does this)'),
    (403, cgi.ERROR_ACCESS_LEVEL): (
        'failed: user %(user)r has too low an access level',
        'connect with an administrator (access level 1) account'),
    (403, cgi.ERROR_USER_LIMIT): (
        'failed: the camera holds the most users its model allows',
        'delete an unused account first'),
    (403, cgi.ERROR_ADMIN_REGISTERED): (
        'failed: the camera already has an administrator',
        'connect with that administrator\'s credentials'),
    (403, cgi.ERROR_HOST_DENIED): (
        'failed: the camera\'s host authentication denies this controller\'s address',
        'add the controller to the list from an allowed host, or factory-reset the camera'),
    (403, cgi.ERROR_NEEDS_MP4): (
        'failed: alteration detection needs MP4 recording',
        'set recording_format: mp4 with ipro.camera.ipro_sdcard first'),
    (403, cgi.ERROR_NTP_AUTO): (
        'failed: the NTP server cannot come from DHCP with a static network mode',
        'use server_mode: manual with a server address'),
    (403, cgi.ERROR_DOT1X_ON): (
        'failed: the camera takes 802.1X certificates only while 802.1X is off',
        'let ipro.camera.ipro_dot1x install them; it turns 802.1X off and on again'),
    (404, 'not_found'): (
        'failed: the camera does not know this CGI (HTTP 404)',
        'check that the model and firmware support this function'),
}


class FingerprintAdapter(HTTPAdapter):
    """Accept only a TLS certificate whose SHA-256 fingerprint matches.

    Pinning replaces CA validation for cameras that keep their pre-installed
    certificate, so the host name check is skipped too.
    """

    def __init__(self, fingerprint, **kwargs):
        self.fingerprint = fingerprint
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs['assert_fingerprint'] = self.fingerprint
        kwargs['cert_reqs'] = 'CERT_NONE'
        return super().init_poolmanager(*args, **kwargs)


class CameraClient:
    """A session with one camera: authentication, retries, TLS and parsing.

    `conn` is a `Connection` (see connection.py). `sleep` is injectable so unit
    tests do not wait.
    """

    def __init__(self, conn, sleep=time.sleep):
        if not HAS_REQUESTS:
            raise CameraError(conn.label, 'client', 'cannot start: the Python library requests is missing',
                              'install it on the controller with "pip install requests"')
        self.conn = conn
        self.sleep = sleep
        self.warnings = []
        self.known_capabilities = None
        # ipro_items sets a dict here so the items of one run share their reads; a write empties it.
        self.read_cache = None
        self.session = requests.Session()
        # requests sends "Accept: */*" by default; cameras with enhanced security
        # reject browser-like Accept headers, so send none at all.
        del self.session.headers['Accept']
        self.session.headers['User-Agent'] = 'ipro.camera'
        # Cameras are reached directly: proxy variables, .netrc credentials and
        # REQUESTS_CA_BUNDLE (which would override ca_path) must not apply.
        self.session.trust_env = False
        self.auth = CameraAuth(conn.username or '', conn.password or '')
        self.session.auth = self.auth
        self._configure_tls()

    def _configure_tls(self):
        conn = self.conn
        if conn.fingerprint:
            self.session.mount('https://', FingerprintAdapter(conn.fingerprint.replace(':', '').lower()))
            self.session.verify = False
        elif not conn.validate_certs:
            self.session.verify = False
            self.warnings.append(
                'TLS certificate validation is disabled for camera %s; anyone on the path can read '
                'the credentials. Set ipro_ca_path or ipro_fingerprint instead.' % conn.label)
        elif conn.ca_path:
            self.session.verify = conn.ca_path

    @property
    def base_url(self):
        conn = self.conn
        if conn.protocol == 'https':
            return 'https://%s:%d' % (conn.url_host, conn.https_port)
        return 'http://%s:%d' % (conn.url_host, conn.http_port)

    def use_credentials(self, username, password):
        """Switch the session to other credentials, as after a password change."""
        self.conn.username = username
        self.conn.password = password
        self.auth.username = username
        self.auth.password = password
        self.reset()

    def reset(self):
        """Forget connections and the Digest nonce, as the camera did when its web service restarted."""
        self.auth.forget()
        if self.read_cache:
            self.read_cache.clear()
        for adapter in self.session.adapters.values():
            adapter.close()

    def close(self):
        self.session.close()

    # Requests.

    def request(self, method, name, params=None, data=None, files=None, retries=RETRIES, authenticate=True,
                timeout=None, raw=False):
        """Send one CGI request and return the parsed `key=value` body (the text itself with `raw`).

        Retries connection errors, timeouts and `503` up to `retries` times with
        backoff, never a `401`. Raises CameraError with the operator's fix for
        every other failure.
        """
        if method != 'GET' and self.read_cache:
            self.read_cache.clear()
        url = self.base_url + cgi.PATHS[name]
        randomnum = None
        attempt = 0
        while True:
            try:
                response = self._send(method, url, params, data, files, randomnum, authenticate, timeout)
            except requests.exceptions.SSLError as exc:
                problem, fix = _tls_failure(self.conn, exc)
                raise CameraError(self.conn.label, name, 'failed TLS verification at %s: %s' % (url, problem),
                                  fix) from None
            # ChunkedEncodingError: the connection broke off while the answer's body was arriving.
            except (requests.exceptions.ConnectionError, requests.exceptions.Timeout,
                    requests.exceptions.ChunkedEncodingError) as exc:
                if attempt < retries:
                    attempt = self._backoff(attempt)
                    continue
                problem, fix = _transport_failure(exc, timeout or self.conn.timeout)
                raise CameraError(self.conn.label, name, 'failed: no answer from %s after %d tries: %s'
                                  % (url, attempt + 1, problem), fix) from None

            if response.status_code == 503 and attempt < retries:
                attempt = self._backoff(attempt)
                continue
            # Bodies are UTF-8. response.text would take ISO-8859-1 when the camera sends text/plain
            # without a charset, which turns the BOM into text and garbles every non-ASCII value.
            text = response.content.decode('utf-8', errors='replace')
            damage = malformed_body(text, raw) if response.status_code == 200 else None
            if damage is not None:
                # A damaged response is retried like a broken connection: every request the modules
                # send may be repeated, because a repeated write sets the same values again.
                if attempt < retries:
                    attempt = self._backoff(attempt)
                    continue
                raise CameraError(self.conn.label, name, 'failed: the response from %s was malformed after %d tries: '
                                  '%s' % (url, attempt + 1, damage), MALFORMED_HELP, status=200, error='malformed')
            body = parse_lines(text)
            if (response.status_code == 400 and body.get('error') == cgi.ERROR_RANDOMNUM
                    and randomnum is None):
                randomnum = self.request('GET', 'get_randomnum').get(cgi.RANDOMNUM_KEY, '')
                continue
            # With retries=0 the caller polls on its own and gets the plain HTTP 503 error.
            if response.status_code == 503 and retries > 0:
                raise CameraError(self.conn.label, name, 'failed: the camera stayed busy (HTTP 503) after %d tries'
                                  % (attempt + 1), 'wait for the restart, key generation or firmware update to '
                                  'finish, then rerun', status=503, error=body.get('error', ''))
            self._raise_for_status(name, response, body)
            return text.lstrip('\ufeff') if raw else body

    def _send(self, method, url, params, data, files, randomnum, authenticate, timeout):
        if randomnum is not None:
            extra = '%s=%s' % (cgi.RANDOMNUM_PARAM, randomnum)
            if isinstance(params, str):
                params = params + '&' + extra
            else:
                params = '&'.join(filter(None, [urlencode(params or {}), extra]))
        with warnings.catch_warnings():
            # The warning for unverified TLS is reported once in the task result instead.
            warnings.simplefilter('ignore')
            return self.session.request(
                method, url, params=params, data=data, files=files,
                auth=self.auth if authenticate else _send_without_credentials,
                timeout=(self.conn.timeout, timeout or self.conn.timeout), allow_redirects=False)

    def _backoff(self, attempt):
        self.reset()
        self.sleep(min(RETRY_BACKOFF * 2 ** attempt, RETRY_BACKOFF_MAX))
        return attempt + 1

    def _raise_for_status(self, name, response, body):
        status = response.status_code
        if status == 200:
            return
        error = body.get('error', '')
        label = self.conn.label
        user = self.conn.username
        if status == 401:
            raise AuthenticationError(label, name, 'failed: authentication as user %r was rejected' % user,
                                      'check ipro_username and ipro_password for this camera; the client stopped '
                                      'after one attempt because ' + LOCKOUT_HELP, status=status)
        if status == 403 and error == cgi.ERROR_LOCKED:
            wait = response.headers.get('Retry-After')
            when = ('for %s more seconds' % wait) if wait else 'for a while (10 minutes by default)'
            raise AuthenticationError(label, name, 'failed: the camera has locked out the controller address %s' % when,
                                      LOCKOUT_HELP, status=status, error=error)
        problem, fix = _ERRORS.get((status, error), (None, None))
        if problem is not None:
            problem = problem % {'user': user}
        elif status == 400 and error:
            problem, fix = ('rejected %s: the camera reports the value invalid' % error,
                            'check the value against the module documentation')
        else:
            problem = 'failed with HTTP %d%s' % (status, (': error=' + error) if error else '')
        raise CameraError(label, name, problem, fix, status=status, error=error)

    # CGI helpers.

    def get(self, name, params=None, **kwargs):
        # Polls pass retries or authenticate and always reach the camera.
        if self.read_cache is None or name not in CACHED_READS or kwargs:
            return self.request('GET', name, params=params, **kwargs)
        key = (name, params if isinstance(params, str) else repr(params))
        if key not in self.read_cache:
            self.read_cache[key] = self.request('GET', name, params=params)
        return dict(self.read_cache[key])

    def post(self, name, data, **kwargs):
        return self.request('POST', name, data=data, **kwargs)

    def getdata(self, keys):
        """Read settings keys (all of them when `keys` is empty)."""
        query = '&'.join(keys) if keys else None
        if self.read_cache is None or not keys:
            return self.request('GET', 'getdata', params=query)
        # Settings read by an earlier item (the IPv6 flag with the network group) are not read again.
        known = self.read_cache.setdefault(SETTINGS_CACHE, {})
        if not all(key in known for key in keys):
            known.update(self.request('GET', 'getdata', params=query))
        return {key: known[key] for key in keys if key in known}

    def setdata(self, values):
        """Write settings keys in one request: the camera applies all or none."""
        return self.request('POST', 'setdata', data=values)

    def info(self, authenticate=True):
        if not authenticate:
            return self.get('getinfo', cgi.GETINFO_QUERY, authenticate=False)
        return self.get('getinfo', cgi.GETINFO_QUERY)

    def capabilities(self):
        """Return get_capability, read once per client, or as known from the play.

        `known_capabilities` holds the answer an earlier task of the play read
        (the ipro_camera_capabilities fact), which saves a request per task.
        """
        if self.known_capabilities is None:
            self.known_capabilities = require_keys(self.conn.label, 'get_capability', self.get('get_capability'),
                                                   [cgi.CAPABILITY_MAX_USERS])
        return self.known_capabilities

    def wait_for_restart(self, timeout, down_grace=5.0):
        """Wait for the camera to go down after a restarting write, then come back.

        A camera answers the write before it restarts, so a read straight after
        could still reach the old web service. If no outage shows within
        `down_grace` seconds the restart is taken as done.
        """
        deadline = time.monotonic() + timeout
        down_deadline = time.monotonic() + down_grace
        self.reset()
        while time.monotonic() < down_deadline:
            try:
                self.get('getinfo', cgi.GETINFO_QUERY, retries=0)
            except AuthenticationError:
                raise
            except CameraError:
                break
            self.reset()
            self.sleep(RETRY_BACKOFF)
        return self.wait_until_up(max(deadline - time.monotonic(), 1))

    def wait_until_up(self, timeout, authenticate=True):
        """Poll getinfo until the camera answers again, for at most `timeout` seconds.

        Used after a write that restarts the web service or the camera. Returns
        the getinfo values.
        """
        self.reset()
        deadline = time.monotonic() + timeout
        delay = RETRY_BACKOFF
        while True:
            try:
                return self.get('getinfo', cgi.GETINFO_QUERY, retries=0, authenticate=authenticate)
            except AuthenticationError:
                raise
            except CameraError as exc:
                if time.monotonic() + delay > deadline:
                    raise CameraError(self.conn.label, 'getinfo', 'did not answer within %d seconds after the '
                                      'restart: %s' % (timeout, exc.problem),
                                      'check the camera; raise the timeout option for slow models') from None
            self.sleep(delay)
            delay = min(delay * 2, RETRY_BACKOFF_MAX)


def require_keys(label, name, body, keys):
    """Return `body`, or raise CameraError when it holds none of `keys`.

    The camera answers 400 for keys it does not know, so a 200 answer without
    any requested key is not the camera's: a proxy or captive portal sent it.
    """
    if keys and not any(key in body for key in keys):
        raise CameraError(label, name, 'returned an answer without any of %s, so it is not a valid answer of the '
                          'camera (keys received: %s)' % (', '.join(keys), ', '.join(sorted(body)[:10]) or 'none'),
                          MALFORMED_HELP, status=200, error='malformed')
    return body


def malformed_body(text, raw=False):
    """Return what is wrong with a `200` body, or None when it is well formed.

    The camera sends printable text in CRLF-terminated lines, so control
    characters mean binary noise and a missing final line end means the answer
    was cut short. A key listed twice with different values leaves its value
    unknown; raw bodies (logs, CSRs) are not key=value lines and skip that check.
    """
    stripped = text.lstrip('\ufeff')
    if '\ufffd' in stripped or any(ord(c) < 0x20 and c not in '\r\n\t' for c in stripped):
        return 'the body is not text (it starts with %r)' % stripped[:24]
    if stripped and not stripped.endswith('\n'):
        return 'the body ends in the middle of a line (the last line is %r)' % stripped.splitlines()[-1][:40]
    if raw:
        return None
    seen = {}
    for line in stripped.splitlines():
        key, sep, value = line.partition('=')
        key, value = key.strip(), value.strip()
        if not sep or not key:
            continue
        if key in seen and seen[key] != value:
            return 'key %s appears twice, with the values %r and %r' % (key, seen[key], value)
        seen[key] = value
    return None


def _causes(exc):
    """Yield an exception and everything that caused it, including urllib3's `reason` attributes."""
    pending, seen = [exc], set()
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending.extend([current.__cause__, current.__context__, getattr(current, 'reason', None)])
        pending.extend(arg for arg in getattr(current, 'args', ()) if isinstance(arg, BaseException))


def _transport_failure(exc, timeout):
    """Return (problem, fix) for an exception that left a request without an answer."""
    causes = list(_causes(exc))
    reason = _reason(exc)
    reachable = ('check that the camera is powered, reachable from the controller, and that ipro_protocol and the '
                 'port match its HTTPS setting')
    if isinstance(exc, requests.exceptions.ReadTimeout):
        return ('the camera accepted the connection but sent no answer within %d seconds' % timeout,
                'raise ipro_timeout (now %d seconds) for slow cameras or links, and check the camera\'s load' % timeout)
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return ('the connection broke off in the middle of the answer: %s' % reason,
                'check the network path to the camera (cable, switch port, VPN), then rerun')
    if any(isinstance(cause, ConnectionRefusedError) for cause in causes):
        return ('the camera refused the connection: %s' % reason,
                'the camera may be restarting; ' + reachable)
    if any(isinstance(cause, (ConnectionResetError, ConnectionAbortedError)) for cause in causes) or \
            'RemoteDisconnected' in repr(exc):
        return ('the camera closed the connection without an answer: %s' % reason,
                'the camera may be restarting or overloaded; ' + reachable)
    return reason, reachable


def _tls_failure(conn, exc):
    """Return (problem, fix) for a failed TLS handshake, naming the fix for the certificate's fault."""
    reason = _reason(exc)
    lowered = reason.lower()
    if conn.fingerprint and 'fingerprint' in lowered:
        return ('the certificate does not match ipro_fingerprint: %s' % reason,
                'if the camera\'s certificate was replaced on purpose (repair, reset or renewal), check the new one '
                'and set ipro_fingerprint to its SHA-256 fingerprint, or validate it with ipro_ca_path instead; '
                'otherwise another device answers in the camera\'s place')
    if 'expired' in lowered:
        return ('the camera\'s certificate has expired: %s' % reason,
                'renew it with playbooks/certificates.yml, or pin it with ipro_fingerprint until then')
    if 'mismatch' in lowered or "doesn't match" in lowered:
        return ('the certificate names another host: %s' % reason,
                'check that ipro_host or ansible_host is this camera\'s address, and that its certificate names '
                'that address')
    return (reason, 'set ipro_ca_path to the CA that signed the camera certificate, or pin it with ipro_fingerprint')


def _send_without_credentials(request):
    """Leave a request unauthenticated: with auth=None requests would use the session's handler."""
    return request


def _reason(exc):
    """Return the innermost readable reason of a requests exception."""
    reason = exc
    while reason.__context__ is not None and reason.__context__ is not reason:
        reason = reason.__context__
    return str(reason) or exc.__class__.__name__


def compare_versions(left, right):
    """Compare dotted firmware versions numerically: -1, 0 or 1.

    Each part compares by its leading number, then by the text after it, so
    2.40 < 2.40b < 2.41. A part without a leading number sorts before 0.
    """
    def parts(version):
        pieces = []
        for piece in version.lstrip('vV').split('.'):
            digits = piece[:len(piece) - len(piece.lstrip('0123456789'))]
            pieces.append((int(digits) if digits else -1, piece[len(digits):]))
        return pieces
    a, b = parts(left), parts(right)
    return (a > b) - (a < b)
