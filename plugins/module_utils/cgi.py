# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The camera's CGI vocabulary: every path, key and value word the collection sends.

This is the one place that knows the camera API. The public material behind it
covers only part of i-PRO's "CGI Command Interface Specification"; adapting to
the vendor's full specification means changing this file and nothing else.
"""

from __future__ import annotations

# CGI names used by the client, mapped to their paths on the camera.
PATHS = {
    'getinfo': '/cgi-bin/getinfo',
    'get_capability': '/cgi-bin/get_capability',
    'get_randomnum': '/cgi-bin/get_randomnum',
    'getdata': '/cgi-bin/getdata',
    'setdata': '/cgi-bin/setdata',
    'get_user': '/cgi-bin/get_user',
    'set_user': '/cgi-bin/set_user',
    'register_admin': '/cgi-bin/register_admin',
    'get_hostauth': '/cgi-bin/get_hostauth',
    'set_hostauth': '/cgi-bin/set_hostauth',
    'get_https': '/cgi-bin/get_https',
    'firmware_update': '/cgi-bin/firmware_update',
    'initial': '/cgi-bin/initial',
    'get_systemlog': '/cgi-bin/get_systemlog',
}

# Parameters of the CGIs that are not settings keys.
GETINFO_QUERY = {'FILE': '1'}
RANDOMNUM_PARAM = 'Randomnum'
RANDOMNUM_KEY = 'randomnum'
USER_ADD = {'mode': 'add'}
USER_DELETE = {'mode': 'delete'}
USER_NAME = 'UNAME'
USER_PASSWORD = 'UPASS'
USER_LEVEL = 'ULEVEL'
USER_LINE_PREFIX = 'user'
FIRMWARE_FILE_FIELD = 'file'
INITIAL_COMMAND = 'cmd'
INITIAL_COMMANDS = {'restart': 'reset', 'data': 'data', 'all': 'all'}

# getinfo keys.
INFO_MODEL = 'NAME'
INFO_MAC = 'MAC'
INFO_SERIAL = 'SERIAL'
INFO_VERSION = 'VERSION'
INFO_FAMILY = 'FIRMWARE'
INFO_ADMIN_REGISTERED = 'ADMIN_REGISTERED'

# get_capability keys: the optional features, and the user limit.
CAPABILITY_FEATURES = (
    'audio', 'sd', 'srtp', 'dot1x', 'ipv6', 'data_encryption',
    'alteration_detection', 'internet_mode',
)
CAPABILITY_MAX_USERS = 'max_users'

# Access levels, by the names the modules use.
LEVELS = {'administrator': '1', 'camera_control': '2', 'live_only': '3'}
LEVEL_NAMES = {number: name for name, number in LEVELS.items()}

# Error words the camera puts in `error=<word>` bodies.
ERROR_LOCKED = 'locked'
ERROR_ACCESS_LEVEL = 'access_level'
ERROR_ADMIN_NOT_REGISTERED = 'admin_not_registered'
ERROR_ADMIN_REGISTERED = 'admin_registered'
ERROR_USER_LIMIT = 'user_limit'
ERROR_RANDOMNUM = 'randomnum'
ERROR_INVALID_IMAGE = 'invalid_image'
ERROR_BUSY = 'busy'

# Suffix of the `getdata` key that says whether a write-only key holds a value.
WRITE_ONLY_SET_SUFFIX = '_SET'

# Ports the camera rejects for its service ports, except a key's own default.
RESERVED_PORTS = frozenset(
    [20, 21, 23, 25, 42, 53, 67, 68, 69, 80, 110, 123, 161, 162, 443, 554, 995, 10669, 10670]
    + list(range(59000, 61001))
)

ON_OFF = {True: 'on', False: 'off'}


class Field:
    """One module option and the settings key behind it.

    `values` maps the option's value to the camera's word; None sends the value
    as text. Write-only fields are never returned by `getdata`, which reports
    `<key>_SET` instead. Changing a `restarts` field restarts the web service.
    """

    def __init__(self, option, key, values=None, kind='str', write_only=False, restarts=False, default=None):
        self.option = option
        self.key = key
        self.values = values
        self.kind = kind
        self.write_only = write_only
        self.restarts = restarts
        self.default = default

    def encode(self, value):
        if self.values is not None:
            return self.values[value]
        return str(value)

    def decode(self, word):
        if word is None:
            return None
        if self.values is not None:
            for value, camera_word in self.values.items():
                if camera_word == word:
                    return value
            return word
        if self.kind == 'int':
            try:
                return int(word)
            except ValueError:
                return word
        return word

    @property
    def set_key(self):
        return self.key + WRITE_ONLY_SET_SUFFIX


def _choices(*words):
    return {word: word for word in words}


# Settings groups, one per module. The option names are the modules' options.
SETTINGS = {
    'auth': (
        Field('method', 'UAUTHMTD', _choices('digest', 'digest_basic', 'basic'), restarts=True),
    ),
    'network': (
        Field('mode', 'NW', _choices('dhcp', 'static', 'auto_ip', 'auto_advanced'), restarts=True),
        Field('address', 'EIP', restarts=True),
        Field('netmask', 'EMASK', restarts=True),
        Field('gateway', 'EDGW', restarts=True),
        Field('dns', 'DNS', _choices('auto', 'manual')),
        Field('dns_primary', 'PRISRV'),
        Field('dns_secondary', 'SECSRV'),
        Field('ipv6', 'IP6', ON_OFF),
    ),
    'ntp': (
        Field('mode', 'TIMEADJUST', _choices('manual', 'ntp')),
        Field('server_mode', 'NTPSVR', _choices('manual', 'auto')),
        Field('server', 'NTPADD'),
        Field('port', 'NTPPORT', kind='int', default=123),
        Field('interval', 'NTPINTERVAL', kind='int'),
        Field('timezone', 'TIMEZONE'),
    ),
    'audio': (
        Field('mode', 'AUDIO', _choices('off', 'mic', 'out', 'interactive')),
    ),
    'sdcard': (
        Field('lock', 'SDLOCK', ON_OFF),
        Field('password', 'SDLOCKPASS', write_only=True),
        Field('recording_format', 'SDRECFMT', _choices('mp4', 'jpeg')),
    ),
}


def field(group, option):
    """Return the Field for `option` in settings group `group`."""
    for candidate in SETTINGS[group]:
        if candidate.option == option:
            return candidate
    raise KeyError('%s.%s' % (group, option))
