"""An in-memory camera behind the CameraClient methods that the module logic calls.

It applies writes the way camera-api describes them: setdata stores keys,
write-only keys show only as `<KEY>_SET` and an empty value clears them, and
set_user adds or overwrites. It lists every write in `writes`, so a test can
assert that none was sent.
"""

from __future__ import annotations

from ansible_collections.ipro.camera.plugins.module_utils import cgi
from ansible_collections.ipro.camera.plugins.module_utils.connection import Connection
from ansible_collections.ipro.camera.plugins.module_utils.errors import CameraError

WRITE_ONLY_KEYS = frozenset(f.key for fields in cgi.SETTINGS.values() for f in fields if f.write_only)
LABEL = 'cam-01 (192.0.2.10)'


class FakeClient:
    """A camera as a dict of settings, a dict of users and the getinfo values.

    `ignored_keys` (setdata keys) and `ignored_cgis` (other write CGIs) return
    `result=ok` but are not applied, as by a camera that drops a write.
    `failures` maps a read CGI to exceptions raised by its next calls, in order.
    `optional` maps other read CGIs to their response: a dict, or a function of
    the client that returns one. `handlers` maps a POST CGI to a function of
    (client, data) that applies it or raises CameraError. `raw_bodies` maps a
    CGI to the text that a `raw=True` request returns, or to a function of the
    request's params that returns it.
    """

    def __init__(self, settings=None, secrets=None, users=None, info=None, capabilities=None):
        self.conn = Connection('192.0.2.10', 'https', 80, 443, 'admin', 'Admin-pass1', name='cam-01')
        self.settings = dict(settings or {})
        self.secrets = dict(secrets or {})
        self.users = dict(users if users is not None else {'admin': ('Admin-pass1', '1')})
        self.info_values = dict(info or {'NAME': 'WV-S2136', 'VERSION': '2.40', 'FIRMWARE': 's2136',
                                         'ADMIN_REGISTERED': '1'})
        self.capability_values = dict(capabilities or {'audio': 'yes', 'sd': 'yes', 'max_users': '24'})
        self.optional = {}
        self.handlers = {}
        self.raw_bodies = {}
        self.ignored_keys = set()
        self.ignored_cgis = set()
        self.failures = {}
        self.writes = []
        self.write_options = []
        self.reads = []
        self.restarts = []
        self.sleeps = []
        self.resets = 0
        self.upload = None

    # Reads.

    def getdata(self, keys):
        self.reads.append(('getdata', list(keys)))
        values = {}
        for key in keys or list(self.settings) + [k + cgi.WRITE_ONLY_SET_SUFFIX for k in WRITE_ONLY_KEYS]:
            base = key[:-len(cgi.WRITE_ONLY_SET_SUFFIX)]
            if key.endswith(cgi.WRITE_ONLY_SET_SUFFIX) and base in WRITE_ONLY_KEYS:
                values[key] = '1' if base in self.secrets else '0'
            elif key in self.settings:
                values[key] = self.settings[key]
        return values

    def get(self, name, params=None, **kwargs):
        self.reads.append((name, params))
        if self.failures.get(name):
            raise self.failures[name].pop(0)
        if name == 'getinfo':
            return dict(self.info_values)
        if name == 'get_capability':
            return dict(self.capability_values)
        if name == 'get_user':
            return {'user%d' % n: '%s,%s' % (user, level)
                    for n, (user, (_password, level)) in enumerate(self.users.items(), start=1)}
        if name in self.optional:
            answer = self.optional[name]
            return dict(answer(self) if callable(answer) else answer)
        raise CameraError(LABEL, name, 'failed: the camera does not know this CGI (HTTP 404)', status=404,
                          error='not_found')

    def info(self, authenticate=True):
        return self.get('getinfo', cgi.GETINFO_QUERY)

    def capabilities(self):
        return self.get('get_capability')

    # Writes.

    def setdata(self, values):
        self.writes.append(('setdata', dict(values)))
        return self._store(values)

    def _store(self, values):
        for key, value in values.items():
            if key in self.ignored_keys:
                continue
            if key in WRITE_ONLY_KEYS and value == '':
                self.secrets.pop(key, None)
            elif key in WRITE_ONLY_KEYS:
                self.secrets[key] = value
            else:
                self.settings[key] = value
        return {'result': 'ok'}

    def post(self, name, data, **kwargs):
        self.writes.append((name, dict(data)))
        self.write_options.append(kwargs)
        if name in self.ignored_cgis:
            return {'result': 'ok'}

        if name in self.handlers:
            return self.handlers[name](self, dict(data)) or {'result': 'ok'}
        if name == 'setdata':
            return self._store(data)
        if name == 'set_user' and data.get('mode') == 'add':
            self.users[data[cgi.USER_NAME]] = (data[cgi.USER_PASSWORD], data[cgi.USER_LEVEL])
        elif name == 'set_user' and data.get('mode') == 'delete':
            self.users.pop(data[cgi.USER_NAME], None)
        elif name == 'register_admin':
            self.users[data[cgi.USER_NAME]] = (data[cgi.USER_PASSWORD], '1')
            self.info_values['ADMIN_REGISTERED'] = '1'
        return {'result': 'ok'}

    def request(self, method, name, params=None, data=None, files=None, raw=False, **kwargs):
        if method == 'GET':
            self.reads.append((name, params))
        else:
            self.writes.append((name, sorted(files) if files is not None else dict(data or {})))
            self.write_options.append(kwargs)
        if method == 'POST' and files is not None and self.upload is not None:
            self.upload(self, files)
        if raw:
            body = self.raw_bodies[name]
            return body(params) if callable(body) else body
        return {'result': 'ok'}

    # Session.

    def wait_for_restart(self, timeout, down_grace=5.0):
        self.restarts.append(timeout)
        return dict(self.info_values)

    def use_credentials(self, username, password):
        self.conn.username = username
        self.conn.password = password

    def reset(self):
        self.resets += 1

    def sleep(self, seconds):
        self.sleeps.append(seconds)


class FakeClock:
    """Stands in for a module's `time`: the client's `sleep` advances `monotonic()`.

    Install it with `monkeypatch.setattr(module, 'time', clock)` and set
    `client.sleep = clock.sleep`, so a wait loop runs without waiting.
    """

    def __init__(self):
        self.now = 0.0

    def monotonic(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds
