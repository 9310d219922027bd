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
    'https_crtkey': '/cgi-bin/https_crtkey',
    'https_csr': '/cgi-bin/https_csr',
    'https_cacert': '/cgi-bin/https_cacert',
    'firmware_update': '/cgi-bin/firmware_update',
    'initial': '/cgi-bin/initial',
    'get_systemlog': '/cgi-bin/get_systemlog',
    'dot1x_cert': '/cgi-bin/dot1x_cert',
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

# set_hostauth parameters and get_hostauth lines (`host<n>=<address>[/<prefix>],<level>`).
HOSTAUTH_ADD = {'mode': 'add'}
HOSTAUTH_DELETE = {'mode': 'delete'}
HOSTAUTH_ADDRESS = 'HADD'
HOSTAUTH_LEVEL = 'HLEVEL'
HOSTAUTH_LINE_PREFIX = 'host'
HOSTAUTH_STATE = 'HAUTH'

# Certificate CGIs: parameters and get_https keys. Certificate keys are `<PREFIX>_<FIELD>`.
CRTKEY_GENERATE = {'cmd': 'generate'}
CRTKEY_BITS = 'bits'
CRTKEY_STATE = 'CRTKEY'
CRTKEY_STATE_BITS = 'CRTKEY_BITS'
CRTKEY_GENERATED = 'generated'
CSR_FIELDS = {'common_name': 'CN', 'organization': 'O', 'organizational_unit': 'OU', 'locality': 'L',
              'state': 'ST', 'country': 'C'}
CACERT_FIELD = 'cert'
CACERT_DELETE = {'mode': 'delete'}
CERT_PREFIXES = {'preinstalled': 'PREINSTALLED', 'ca': 'CA'}
CERT_FIELDS = {'state': 'STATE', 'subject': 'SUBJECT', 'not_after': 'NOTAFTER', 'sha256': 'SHA256'}
CERT_INSTALLED = 'installed'

# IEEE 802.1X certificates: POST dot1x_cert with `type` and `cert`. The camera reports what it holds as
# the SHA-256 of each certificate's DER (of the public key, for the private key) in these getdata keys.
# NOTE: the public material names no getter for installed 802.1X certificates; these keys are modeled.
DOT1X_CERT_TYPE = 'type'
DOT1X_CERT_FIELD = 'cert'
DOT1X_CERT_TYPES = {'ca_certificate': 'ca', 'client_certificate': 'client', 'client_key': 'key'}
DOT1X_CERT_KEYS = {'ca_certificate': 'DOT1X_CA_SHA256', 'client_certificate': 'DOT1X_CLIENT_SHA256',
                   'client_key': 'DOT1X_KEY_SHA256'}
DOT1X_CERT_MAX_BYTES = 10 * 1024
ERROR_DOT1X_ON = 'dot1x_on'

# System log: `get_systemlog?type=<log>` answers one line of `$`-separated entries with `\`-separated
# fields `<no>\<mm/dd/yyyy hh:mm:ss>\<code>\<text>`; `\\` and `\$` escape those characters in a text.
LOG_TYPES = ('access', 'event', 'error')
LOG_TYPE_PARAM = 'type'
LOG_TIME_FORMAT = '%m/%d/%Y %H:%M:%S'
LOG_LOGIN_OK = '100'
LOG_LOGIN_FAILED = '101'
LOG_LOCKED_OUT = '102'

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
ERROR_NEEDS_MP4 = 'needs_mp4'
ERROR_NTP_AUTO = 'ntp_auto_needs_dynamic_network'
ERROR_HOST_DENIED = 'host_denied'
ERROR_CA_CERT_INSTALLED = 'ca_cert_installed'
ERROR_KEY_MISMATCH = 'key_mismatch'
ERROR_EXPIRED = 'expired'

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
    `capability` names the get_capability feature the field needs, if any.
    """

    def __init__(self, option, key, values=None, kind='str', write_only=False, restarts=False, default=None,
                 capability=None):
        self.option = option
        self.key = key
        self.values = values
        self.kind = kind
        self.write_only = write_only
        self.restarts = restarts
        self.default = default
        self.capability = capability

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
        Field('mode', 'AUDIO', _choices('off', 'mic', 'out', 'interactive'), capability='audio'),
    ),
    'sdcard': (
        Field('lock', 'SDLOCK', ON_OFF, capability='sd'),
        Field('password', 'SDLOCKPASS', write_only=True, capability='sd'),
        Field('recording_format', 'SDRECFMT', _choices('mp4', 'jpeg'), capability='sd'),
    ),
    'ftp': (
        Field('server', 'FTPSVR', {True: 'allow', False: 'forbid'}),
        Field('client', 'FTPCLIENT', ON_OFF),
    ),
    'upnp': (
        Field('port_forwarding', 'PORTFORWARD', ON_OFF),
    ),
    'easyip': (
        Field('period', 'EASYIPSETUP', _choices('20min', 'unlimited')),
    ),
    'smtp': (
        Field('ssl', 'MLSSL', ON_OFF),
        Field('server', 'MLSRV'),
        Field('port', 'SMTPPORT', kind='int', default=25),
        Field('auth', 'MLAUTH', _choices('off', 'smtp', 'pop_before_smtp')),
        Field('user', 'MLUSER'),
        Field('password', 'MLPASS', write_only=True),
    ),
    'stream': (
        Field('internet_mode', 'INTERNETMODE', ON_OFF, capability='internet_mode'),
        Field('srtp', 'SRTP', ON_OFF, capability='srtp'),
        Field('rtsps_port', 'RTSPS_PORT', kind='int', default=322, capability='srtp'),
    ),
    'encryption': (
        Field('enabled', 'DATAENC', ON_OFF, capability='data_encryption'),
    ),
    'alteration': (
        Field('enabled', 'ALTERATION', ON_OFF, capability='alteration_detection'),
    ),
    'https': (
        Field('connection', 'HTTPS_TYPE', _choices('http_https', 'https', 'http'), restarts=True),
        Field('port', 'HTTPS_PORT', kind='int', default=443, restarts=True),
        Field('certificate', 'HTTPS_CERT', _choices('preinstalled', 'ca')),
    ),
    'hostauth': (
        Field('enabled', 'HAUTH', ON_OFF),
    ),
    'snmp': (
        Field('version', 'SNMPVER', _choices('v1v2', 'v3', 'off')),
        Field('community', 'SNMPCOM', write_only=True),
        Field('user', 'SNMPV3_UNAME'),
        Field('auth_protocol', 'SNMPV3_AUTH', _choices('md5', 'sha1', 'sha256')),
        Field('auth_password', 'SNMPV3_AUTHPASS', write_only=True),
        Field('priv_protocol', 'SNMPV3_ENCR', _choices('des', 'aes128')),
        Field('priv_password', 'SNMPV3_ENCRPASS', write_only=True),
    ),
    'dot1x': (
        Field('enabled', 'DOT1X', ON_OFF, restarts=True, capability='dot1x'),
        Field('eap', 'DOT1X_EAP', _choices('md5', 'peap', 'tls'), capability='dot1x'),
        Field('identity', 'DOT1X_USER', capability='dot1x'),
        Field('password', 'DOT1X_PASS', write_only=True, capability='dot1x'),
    ),
    'ipv6': (
        Field('enabled', 'IP6', ON_OFF),
    ),
    'recording': (
        Field('format', 'SDRECFMT', _choices('mp4', 'jpeg')),
    ),
}


def field(group, option):
    """Return the Field for `option` in settings group `group`."""
    for candidate in SETTINGS[group]:
        if candidate.option == option:
            return candidate
    raise KeyError('%s.%s' % (group, option))
