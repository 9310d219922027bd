"""Hypothesis strategies of invalid module options, and the action plugin's checks run in-process.

Each Case names a module, an option, where the value goes (task argument or host variable), a
strategy of values that the module must reject, and whether the value is a secret. check_task()
runs the checks that the action plugin runs before its first request, with a client that fails
the test on any use.
"""

from __future__ import annotations

import datetime
import importlib
import ipaddress
import re
import string
from dataclasses import dataclass, field

import sys

from hypothesis import strategies as st

from tests.support.ansible import COLLECTIONS, ensure_collection_link

# The integration tests import this file too, without the unit tests' conftest that sets the path.
ensure_collection_link()
if str(COLLECTIONS) not in sys.path:
    sys.path.insert(0, str(COLLECTIONS))

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator  # noqa: E402
from ansible.module_utils.parsing.convert_bool import BOOLEANS  # noqa: E402
from ansible_collections.ipro.camera.plugins.module_utils import cgi  # noqa: E402
from ansible_collections.ipro.camera.plugins.module_utils.connection import HOST_VARIABLES, prepare_task  # noqa: E402
from ansible_collections.ipro.camera.plugins.module_utils.errors import OptionError  # noqa: E402

# Every module that talks to a camera; ipro_audit and ipro_report run on the controller alone.
CAMERA_MODULES = (
    'ipro_admin', 'ipro_alteration', 'ipro_audio', 'ipro_auth', 'ipro_certificate', 'ipro_dot1x', 'ipro_easyip',
    'ipro_encryption', 'ipro_firmware', 'ipro_ftp', 'ipro_hostauth', 'ipro_https', 'ipro_info', 'ipro_log',
    'ipro_maintenance', 'ipro_network', 'ipro_ntp', 'ipro_password', 'ipro_ports', 'ipro_sdcard', 'ipro_smtp',
    'ipro_snmp', 'ipro_stream', 'ipro_upnp', 'ipro_user',
)
# The smallest valid arguments of each module, so that the fuzzed option is the only invalid one.
BASE_ARGS = {
    'ipro_admin': {'name': 'admin', 'password': 'Ipro-Demo-7391'},
    'ipro_maintenance': {'action': 'restart'},
    'ipro_password': {'new_password': 'Rotated-Chief-2027'},
    'ipro_user': {'name': 'operator'},
}
# Values of the host variables that an inventory gives every camera.
HOST_VARS = {
    'inventory_hostname': 'cam-a-01',
    'ansible_host': '192.0.2.10',
    'ipro_username': 'admin',
    'ipro_password': 'Ipro-Demo-7391',
    'ipro_protocol': 'https',
}

# Printable ASCII without the braces that Ansible would take for a template.
PRINTABLE = ''.join(c for c in map(chr, range(0x20, 0x7f)) if c not in '{}')
CONTROL = ''.join(map(chr, range(1, 0x20))) + '\x7f'
NON_ASCII = 'éü日本ß€'
# Secrets start with a token that no message contains, so a leaked secret is always found.
SECRET_MARK = 'zqxj'
BOOLEAN_WORDS = {str(word).lower() for word in BOOLEANS}


def text(alphabet=PRINTABLE, min_size=0, max_size=12):
    return st.text(st.sampled_from(alphabet), min_size=min_size, max_size=max_size)


def containing(characters, alphabet=PRINTABLE, prefix=''):
    """Text of `alphabet` with at least one of `characters` in it, after `prefix`."""
    return st.tuples(text(alphabet), st.sampled_from(characters), text(alphabet)).map(
        lambda parts: prefix + ''.join(parts))


def of_length(alphabet, low, high, prefix=''):
    return text(alphabet, max(low - len(prefix), 0), max(high - len(prefix), 0)).map(lambda body: prefix + body)


# Strategies of invalid values, by the rule they break.

def not_whole_numbers():
    return st.one_of(st.booleans(), containing('abcxyz'), st.floats(0.1, 1e6).filter(lambda f: not f.is_integer()),
                     st.just([]), st.just({'value': 1}))


def ports(own_default=None):
    reserved = sorted(cgi.RESERVED_PORTS - {own_default})
    return st.one_of(st.integers(max_value=0), st.integers(min_value=65536), st.sampled_from(reserved),
                     not_whole_numbers())


def below(low):
    return st.one_of(st.integers(max_value=low - 1), st.booleans())


def outside(low, high):
    return st.one_of(st.integers(max_value=low - 1), st.integers(min_value=high + 1), st.booleans())


def not_in(choices):
    """Text that is none of `choices`, nor a word Ansible reads as a boolean (it maps false to a choice off)."""
    words = {str(choice) for choice in choices} | BOOLEAN_WORDS
    return text(PRINTABLE, 1).filter(lambda value: value.strip().lower() not in words)


def not_booleans():
    return st.one_of(text(PRINTABLE, 1).filter(lambda value: value.strip().lower() not in BOOLEAN_WORDS),
                     st.integers().filter(lambda number: number not in (0, 1)))


def user_names(allow_empty=False):
    """Names the camera rejects: forbidden or non-ASCII characters, over 32 characters, or empty."""
    strategies = [containing('"&:;\\'), containing(NON_ASCII + CONTROL), of_length(string.ascii_letters, 33, 40)]
    if not allow_empty:
        strategies.append(st.just(''))
    return st.one_of(*strategies)


def guide_passwords():
    """Passwords that break the hardening guide's rule, each starting with SECRET_MARK."""
    mark = SECRET_MARK
    return st.one_of(
        of_length('Aa1-', 0, 7, prefix=mark[:3]),
        of_length('Aa1-', 33, 40, prefix=mark),
        containing('"&', 'Aa1-', prefix=mark + 'A1'),
        containing(CONTROL + NON_ASCII, 'Aa1-', prefix=mark + 'A1'),
        of_length(string.ascii_lowercase, 8, 20, prefix=mark),
    )


def secrets(low, high):
    """Write-only values outside `low`-`high` printable ASCII characters or with `"` or `&`."""
    strategies = [
        of_length('Aa1-', high + 1, high + 8, prefix=SECRET_MARK),
        containing('"&', 'Aa1-', prefix=SECRET_MARK),
        containing(CONTROL + NON_ASCII, 'Aa1-', prefix=SECRET_MARK),
    ]
    if low > len(SECRET_MARK):
        strategies.append(of_length('Aa1-', 0, low - 1 - len(SECRET_MARK), prefix=SECRET_MARK))
    elif low == 1:
        strategies.append(st.just(''))
    return st.one_of(*strategies)


def hosts():
    return st.one_of(containing(' /_@!,;*?()[]<>|"\'#%^~`=+&$'), st.just(''), st.just('.'),
                     of_length(string.ascii_lowercase, 64, 70), of_length(string.ascii_lowercase + '.', 254, 260)
                     .filter(lambda name: '..' not in name))


def not_ipv4():
    def invalid(value):
        try:
            ipaddress.IPv4Address(value)
        except ValueError:
            return True
        return False
    return st.one_of(text(PRINTABLE, 1).filter(invalid),
                     st.tuples(*[st.integers(0, 300)] * 4).map(lambda octets: '.'.join(map(str, octets))).filter(invalid),
                     st.just('192.0.2.010'))


def non_contiguous_netmasks():
    def contiguous(number):
        bits = bin(number)[2:].zfill(32)
        return '01' not in bits
    return st.integers(0, 2 ** 32 - 1).filter(lambda number: not contiguous(number)).map(
        lambda number: str(ipaddress.IPv4Address(number)))


def not_networks():
    return st.one_of(not_ipv4().filter(lambda value: '/' not in value),
                     st.sampled_from(['192.0.2.1/24', '198.51.100.0/33', '203.0.113.0/-1', 'camera.example.org']))


def host_names_of(pattern, maximum, allow_empty=False):
    """Text that does not fully match `pattern`, or is longer than `maximum`."""
    compiled = re.compile(pattern)
    strategies = [text(PRINTABLE + NON_ASCII + CONTROL, 1).filter(lambda value: not compiled.fullmatch(value)),
                  of_length('abc', maximum + 1, maximum + 10)]
    if not allow_empty:
        strategies.append(st.just(''))
    return st.one_of(*strategies)


def not_pem():
    block = '-----BEGIN CERTIFICATE-----\nTUlJQg==\n-----END CERTIFICATE-----\n'
    return st.one_of(text(PRINTABLE, 0, 40), st.just(block * 2))


def nonexistent_paths():
    return text(string.ascii_lowercase, 1, 12).map(lambda name: '/nonexistent/ipro-%s.pem' % name)


@dataclass(frozen=True)
class Case:
    """One option of one module and the invalid values to give it."""

    module: str
    option: str
    values: object = field(compare=False)
    secret: bool = False
    # 'args' puts the value into the task's arguments; 'host_var' into the first host variable of the option.
    placement: str = 'args'
    # Builds the task arguments from the value, for nested or dependent options.
    wrap: object = field(default=None, compare=False)
    # Text that names the option in the message; the option itself by default.
    label: str = ''
    # False where the message describes the value (a PEM file's certificate count) instead of repeating it.
    shows_value: bool = True

    def __str__(self):
        return '%s.%s(%s)' % (self.module, self.option, self.placement)

    __repr__ = __str__

    def args(self, value):
        args = dict(BASE_ARGS.get(self.module, {}))
        if self.placement == 'args':
            args.update(self.wrap(value) if self.wrap else {self.option: value})
        return args

    def host_vars(self, value):
        host_vars = dict(HOST_VARS)
        if self.placement == 'host_var':
            host_vars[HOST_VARIABLES[self.option][0]] = value
        return host_vars


def connection_cases(module):
    """Invalid connection options of `module`, as task arguments and as host variables."""
    cases = []
    for placement in ('args', 'host_var'):
        cases += [
            Case(module, 'host', hosts(), placement=placement),
            Case(module, 'http_port', ports(80), placement=placement),
            Case(module, 'https_port', ports(443), placement=placement),
            Case(module, 'timeout', st.one_of(below(1), not_whole_numbers()), placement=placement),
            Case(module, 'fingerprint', text('0123456789abcdefABCDEF:xyz', 1, 70).filter(
                lambda value: len(value.replace(':', '')) != 64 or re.search('[^0-9a-fA-F:]', value)),
                placement=placement),
            Case(module, 'login_user', user_names(), placement=placement),
            Case(module, 'login_password', secrets(0, 32).filter(bool), secret=True, placement=placement),
            Case(module, 'ca_path', nonexistent_paths(), placement=placement),
            Case(module, 'protocol', not_in(['https', 'http']), placement=placement),
            Case(module, 'validate_certs', not_booleans(), placement=placement),
        ]
    return cases


def module_cases():
    """Invalid values of each module's own options."""
    boolean_options = {'ipro_alteration': ['enabled'], 'ipro_encryption': ['enabled'], 'ipro_ftp': ['server', 'client'],
                       'ipro_upnp': ['port_forwarding'], 'ipro_stream': ['internet_mode', 'srtp'],
                       'ipro_network': ['ipv6'], 'ipro_sdcard': ['lock'], 'ipro_smtp': ['ssl'],
                       'ipro_hostauth': ['enabled', 'exclusive', 'allow_lockout'], 'ipro_dot1x': ['enabled'],
                       'ipro_firmware': ['allow_downgrade'], 'ipro_maintenance': ['confirm', 'wait'],
                       'ipro_certificate': ['regenerate_key'], 'ipro_password': ['verify_old_rejected'],
                       'ipro_log': ['return_entries'], 'ipro_ports': ['fail_on_mismatch']}
    choices = {'ipro_audio': {'mode': ['off', 'mic', 'out', 'interactive']},
               'ipro_auth': {'method': ['digest', 'digest_basic', 'basic']},
               'ipro_easyip': {'period': ['20min', 'unlimited']},
               'ipro_https': {'connection': ['https', 'http_https', 'http'], 'certificate': ['preinstalled', 'ca']},
               'ipro_network': {'mode': ['dhcp', 'static', 'auto_ip', 'auto_advanced'], 'dns': ['auto', 'manual']},
               'ipro_ntp': {'mode': ['ntp', 'manual'], 'server_mode': ['manual', 'auto']},
               'ipro_sdcard': {'recording_format': ['mp4', 'jpeg'], 'update_password': ['on_create', 'always']},
               'ipro_smtp': {'auth': ['off', 'smtp', 'pop_before_smtp']},
               'ipro_snmp': {'version': ['v3', 'v1v2', 'off'], 'auth_protocol': ['md5', 'sha1', 'sha256'],
                             'priv_protocol': ['des', 'aes128']},
               'ipro_dot1x': {'eap': ['md5', 'peap', 'tls']},
               'ipro_user': {'level': ['administrator', 'camera_control', 'live_only'], 'state': ['present', 'absent']},
               'ipro_certificate': {'state': ['present', 'absent']},
               'ipro_maintenance': {'action': ['restart', 'initialize'], 'scope': ['data', 'all']},
               'ipro_log': {'on_threshold': ['warn', 'fail', 'ignore']}}
    cases = [Case(module, option, not_booleans()) for module, options in boolean_options.items() for option in options]
    cases += [Case(module, option, not_in(words)) for module, options in choices.items()
              for option, words in options.items()]
    cases += [
        Case('ipro_admin', 'name', user_names()),
        Case('ipro_admin', 'password', guide_passwords(), secret=True),
        Case('ipro_admin', 'wait_timeout', st.one_of(below(1), not_whole_numbers())),
        Case('ipro_user', 'name', user_names()),
        Case('ipro_user', 'password', guide_passwords(), secret=True),
        Case('ipro_password', 'new_password', guide_passwords(), secret=True),
        Case('ipro_sdcard', 'password', guide_passwords(), secret=True),
        Case('ipro_network', 'address', not_ipv4()),
        Case('ipro_network', 'gateway', not_ipv4()),
        Case('ipro_network', 'dns_primary', not_ipv4()),
        Case('ipro_network', 'dns_secondary', not_ipv4()),
        Case('ipro_network', 'netmask', st.one_of(not_ipv4(), non_contiguous_netmasks())),
        Case('ipro_ntp', 'server', host_names_of(r'[A-Za-z0-9:._-]{1,128}', 128)),
        Case('ipro_ntp', 'port', ports(123)),
        Case('ipro_ntp', 'interval', st.one_of(outside(1, 24), not_whole_numbers())),
        Case('ipro_ntp', 'timezone', host_names_of(r'[A-Za-z0-9+:_/-]{1,64}', 64)),
        Case('ipro_smtp', 'server', host_names_of(r'[A-Za-z0-9:._-]{1,128}', 128, allow_empty=True)),
        Case('ipro_smtp', 'port', ports(25)),
        Case('ipro_smtp', 'user', user_names(allow_empty=True)),
        Case('ipro_smtp', 'password', secrets(1, 32), secret=True),
        Case('ipro_snmp', 'community', secrets(1, 32), secret=True),
        Case('ipro_snmp', 'user', user_names(allow_empty=True)),
        Case('ipro_snmp', 'auth_password', secrets(8, 32), secret=True),
        Case('ipro_snmp', 'priv_password', secrets(8, 32), secret=True),
        Case('ipro_dot1x', 'identity', user_names(allow_empty=True)),
        Case('ipro_dot1x', 'password', secrets(4, 32), secret=True),
        Case('ipro_dot1x', 'ca_certificate', not_pem(), shows_value=False),
        Case('ipro_dot1x', 'client_certificate', not_pem(), shows_value=False),
        Case('ipro_dot1x', 'client_key', of_length(PRINTABLE, 0, 30, prefix=SECRET_MARK), secret=True),
        Case('ipro_stream', 'rtsps_port', ports(322)),
        Case('ipro_https', 'port', ports(443)),
        Case('ipro_certificate', 'key_bits', st.one_of(st.integers().filter(lambda bits: bits not in (2048, 4096)),
                                                       not_whole_numbers())),
        Case('ipro_certificate', 'wait_timeout', st.one_of(below(1), not_whole_numbers())),
        Case('ipro_certificate', 'certificate', not_pem(), shows_value=False),
        Case('ipro_certificate', 'common_name', host_names_of(r'[\x20-\x7e]{1,64}', 64),
             wrap=lambda value: {'csr': {'common_name': value}}),
        Case('ipro_certificate', 'locality', host_names_of(r'[\x20-\x7e]{1,128}', 128),
             wrap=lambda value: {'csr': {'common_name': 'cam-a-01', 'locality': value}}),
        Case('ipro_certificate', 'country', text(PRINTABLE + NON_ASCII, 0, 4).filter(
            lambda value: not re.fullmatch('[A-Z]{2}', value)),
            wrap=lambda value: {'csr': {'common_name': 'cam-a-01', 'country': value}}),
        Case('ipro_firmware', 'version', text(PRINTABLE, 1).filter(lambda value: not re.fullmatch(r'[vV]?\d+(\.\d+)*',
                                                                                                 value))),
        Case('ipro_firmware', 'image', nonexistent_paths(), wrap=lambda value: {'image': value, 'version': '2.50'}),
        Case('ipro_firmware', 'wait_timeout', st.one_of(below(1), not_whole_numbers())),
        Case('ipro_maintenance', 'wait_timeout', st.one_of(below(1), not_whole_numbers())),
        Case('ipro_hostauth', 'address', not_networks(), wrap=lambda value: {'hosts': [{'address': value}]}),
        Case('ipro_log', 'since', text(PRINTABLE, 1).filter(lambda value: not _iso_time(value))),
        Case('ipro_log', 'threshold', st.one_of(below(1), not_whole_numbers())),
        Case('ipro_log', 'logs', not_in(['access', 'event', 'error']).map(lambda word: ['access', word]),
             label='logs'),
        Case('ipro_info', 'gather_subset', not_in(['capabilities', 'settings', 'users', 'hosts', 'certificates'])
             .map(lambda word: [word]), label='gather_subset'),
        Case('ipro_ports', 'services', not_in(['http', 'https', 'rtsp', 'rtsps']).map(lambda word: [word])),
    ]
    return cases


def _iso_time(value):
    try:
        datetime.datetime.fromisoformat(value.replace('Z', '+00:00'))
    except ValueError:
        return False
    return True


# Connection options are checked alike in every module, so two modules of different kinds carry them.
CASES = module_cases() + connection_cases('ipro_info') + connection_cases('ipro_user')


class RequestTrap:
    """A client that fails the test on any use: the checks must stop invalid input before it."""

    def __init__(self, case, value):
        self.description = '%s accepted the invalid value %r and used the camera client' % (case, value)

    def __getattr__(self, name):
        raise AssertionError('%s (client.%s)' % (self.description, name))


def check_task(case, value):
    """Run the action plugin's checks on the case's task; return the failure message, or fail on any request."""
    module = importlib.import_module('ansible_collections.ipro.camera.plugins.modules.' + case.module)
    args = case.args(value)
    validation = ArgumentSpecValidator(module.ARGUMENT_SPEC, **getattr(module, 'SPEC_OPTIONS', {})).validate(args)
    # As ActionBase.validate_argument_spec does: the message of the first error, if any.
    if validation.error_messages:
        return validation.errors.msg
    params = dict(args)
    params.update(validation.validated_parameters)
    try:
        prepare_task(module.LOGIC, module.ARGUMENT_SPEC, params, case.host_vars(value), lambda template: template)
    except OptionError as exc:
        return str(exc)
    module.LOGIC.apply(RequestTrap(case, value), params, False)
    raise AssertionError('%s accepted the invalid value %r' % (case, value))


def names_value(message, value):
    """Tell whether an error message shows the value, as text or as Python writes it; for a list, one element."""
    if isinstance(value, list) and value:
        return any(names_value(message, element) for element in value)
    return str(value) in message or repr(value) in message
