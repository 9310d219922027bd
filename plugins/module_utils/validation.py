# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Checks of option values, run before anything is sent to a camera.

Messages name the option and the value, except for secrets, whose value is
never repeated.
"""

from __future__ import annotations

import ipaddress
import re

from ansible_collections.ipro.camera.plugins.module_utils import cgi
from ansible_collections.ipro.camera.plugins.module_utils.errors import OptionError

USER_NAME_FORBIDDEN = '"&:;\\'
PASSWORD_FORBIDDEN = '"&'
PASSWORD_MIN = 8
PASSWORD_MAX = 32
NTP_SERVER = re.compile(r'^[A-Za-z0-9:._-]{1,128}$')
TIMEZONE = re.compile(r'^[A-Za-z0-9+:_/-]{1,64}$')


def check_user_name(option, name):
    """Apply the camera's rule: 1-32 characters, none of `" & : ; \\`."""
    if not 1 <= len(name) <= 32:
        raise OptionError(option, 'user name %r has %d characters' % (name, len(name)), 'use 1 to 32 characters')
    bad = sorted(set(name) & set(USER_NAME_FORBIDDEN))
    if bad:
        raise OptionError(option, 'user name %r contains %s' % (name, ' '.join(bad)),
                          'the camera rejects the characters " & : ; \\ in user names')
    if any(ord(c) < 0x20 or ord(c) > 0x7e for c in name):
        raise OptionError(option, 'user name %r contains characters outside printable ASCII' % name,
                          'the camera accepts single-byte printable characters only')


def password_classes(password):
    """Return the character classes a password uses."""
    classes = set()
    for char in password:
        if char.isupper():
            classes.add('upper case')
        elif char.islower():
            classes.add('lower case')
        elif char.isdigit():
            classes.add('digits')
        else:
            classes.add('symbols')
    return classes


def check_password(option, password, user_name=None):
    """Apply the hardening guide's password rule, which is stricter than the camera's.

    The camera takes 8-32 characters without `"` or `&`, from at least two of
    letters, digits and symbols. The guide asks for three of upper case, lower
    case, digits and symbols, and forbids containing the user name.
    """
    fix = ('use 8-32 characters with at least three of upper case, lower case, digits and symbols, '
           'without " or & and without the user name')
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        raise OptionError(option, 'the password has %d characters, outside %d-%d'
                          % (len(password), PASSWORD_MIN, PASSWORD_MAX), fix)
    if set(password) & set(PASSWORD_FORBIDDEN):
        raise OptionError(option, 'the password contains " or &, which the camera rejects', fix)
    if any(ord(c) < 0x20 or ord(c) > 0x7e for c in password):
        raise OptionError(option, 'the password contains characters outside printable ASCII', fix)
    classes = password_classes(password)
    if len(classes) < 3:
        raise OptionError(option, 'the password uses only %s' % ' and '.join(sorted(classes)), fix)
    if user_name and user_name.lower() in password.lower():
        raise OptionError(option, 'the password contains the user name %r' % user_name, fix)


def check_ipv4(option, value, netmask=False):
    try:
        address = ipaddress.IPv4Address(value)
    except ValueError:
        raise OptionError(option, 'value %r is not a dotted IPv4 address' % value,
                          'write it as four numbers, for example 192.0.2.10') from None
    if netmask:
        bits = bin(int(address))[2:].zfill(32)
        if '01' in bits:
            raise OptionError(option, 'value %r is not a contiguous netmask' % value,
                              'use a mask such as 255.255.255.0')


def check_ntp_server(option, value):
    if not NTP_SERVER.fullmatch(value):
        raise OptionError(option, 'value %r is not a host name or address of 1-128 characters' % value,
                          'use letters, digits and : . _ - only, for example ntp.example.org or 192.0.2.123')


def check_port(option, value, default=None):
    """Reject ports outside 1-65535 and those the camera reserves for its own services."""
    if not 1 <= value <= 65535:
        raise OptionError(option, 'port %d is outside 1-65535' % value, 'choose a port from 1 to 65535')
    if value in cgi.RESERVED_PORTS and value != default:
        raise OptionError(option, 'port %d is reserved by the camera' % value,
                          'choose a port outside 20, 21, 23, 25, 42, 53, 67-69, 80, 110, 123, 161, 162, 443, '
                          '554, 995, 10669, 10670 and 59000-61000')


def check_range(option, value, low, high, unit):
    if not low <= value <= high:
        raise OptionError(option, 'value %d is outside %d-%d %s' % (value, low, high, unit),
                          'choose %d to %d %s' % (low, high, unit))


def check_secret(option, value, low, high, what='the value', fix=None):
    """Apply the camera's rule for write-only values: `low`-`high` printable ASCII characters without `"` or `&`.

    The message never repeats the value.
    """
    fix = fix or 'use %d to %d characters, printable ASCII without " or &' % (low, high)
    if not low <= len(value) <= high:
        raise OptionError(option, '%s has %d characters' % (what, len(value)), fix)
    if any(ord(c) < 0x20 or ord(c) > 0x7e for c in value):
        raise OptionError(option, '%s contains characters outside printable ASCII' % what, fix)
    if set(value) & set(PASSWORD_FORBIDDEN):
        raise OptionError(option, '%s contains " or &, which the camera rejects' % what, fix)


def check_timezone(option, value):
    if not TIMEZONE.fullmatch(value):
        raise OptionError(option, 'value %r is not a time zone name of 1-64 characters' % value,
                          'use letters, digits and + : _ / - only, for example UTC or Asia/Tokyo')


def check_at_least(option, value, low, unit):
    if value < low:
        raise OptionError(option, 'value %d is below %d %s' % (value, low, unit), 'use %d %s or more' % (low, unit))


def check_whole_numbers(argument_spec, params):
    """Reject true and false given for a whole-number option: Python counts them as 1 and 0."""
    for option, spec in argument_spec.items():
        if spec.get('type') == 'int' and isinstance(params.get(option), bool):
            raise OptionError(option, 'value %r is not a whole number' % params[option], 'give a number')
