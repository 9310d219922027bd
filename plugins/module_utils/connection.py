# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Connection options shared by every module, and where their defaults come from.

An option given to the task (directly or through `module_defaults`) wins; else
the action plugin takes the host variable named in HOST_VARIABLES; else the
default below applies.
"""

from __future__ import annotations

import ipaddress
import os

from ansible.module_utils.parsing.convert_bool import boolean

from ansible_collections.ipro.camera.plugins.module_utils import validation
from ansible_collections.ipro.camera.plugins.module_utils.errors import OptionError

CONNECTION_SPEC = dict(
    host=dict(type='str'),
    protocol=dict(type='str', choices=['https', 'http']),
    http_port=dict(type='int'),
    https_port=dict(type='int'),
    login_user=dict(type='str'),
    login_password=dict(type='str', no_log=True),
    ca_path=dict(type='path'),
    fingerprint=dict(type='str'),
    validate_certs=dict(type='bool'),
    timeout=dict(type='int'),
)

DEFAULTS = dict(protocol='https', http_port=80, https_port=443, validate_certs=True, timeout=10)

# Option -> host variables consulted in order when the option is not set.
HOST_VARIABLES = dict(
    host=('ipro_host', 'ansible_host', 'inventory_hostname'),
    protocol=('ipro_protocol',),
    http_port=('ipro_http_port',),
    https_port=('ipro_https_port',),
    login_user=('ipro_username',),
    login_password=('ipro_password',),
    ca_path=('ipro_ca_path',),
    fingerprint=('ipro_fingerprint',),
    validate_certs=('ipro_validate_certs',),
    timeout=('ipro_timeout',),
)


class Connection:
    """Where and how to reach one camera."""

    def __init__(self, host, protocol, http_port, https_port, username, password,
                 ca_path=None, fingerprint=None, validate_certs=True, timeout=10, name=None):
        self.host = host
        self.protocol = protocol
        self.http_port = http_port
        self.https_port = https_port
        self.username = username
        self.password = password
        self.ca_path = ca_path
        self.fingerprint = fingerprint
        self.validate_certs = validate_certs
        self.timeout = timeout
        self.name = name or host

    @property
    def label(self):
        """The camera as error messages name it: inventory name and address."""
        if self.name and self.name != self.host:
            return '%s (%s)' % (self.name, self.host)
        return self.host

    @property
    def url_host(self):
        return '[%s]' % self.host if ':' in self.host else self.host


def connection_from_params(params, name=None):
    """Build a Connection from resolved module parameters, checking each value."""
    values = dict(DEFAULTS)
    values.update((key, value) for key, value in params.items() if key in CONNECTION_SPEC and value is not None)

    if not values.get('host'):
        raise OptionError('host', 'no camera address given',
                          'set the host option, or ansible_host in the inventory')
    if not values.get('login_user') or values.get('login_password') is None:
        raise OptionError('login_user', 'no camera credentials given',
                          'set ipro_username and ipro_password for the host (keep the password in Ansible Vault)')
    # Host variables reach this point without the argument spec's checks.
    if values['protocol'] not in CONNECTION_SPEC['protocol']['choices']:
        raise OptionError('protocol', 'value %r is neither https nor http' % (values['protocol'],),
                          'set ipro_protocol to https or http')
    # Credentials the camera can never hold would only cost a failed login toward its lockout.
    validation.check_user_name('login_user', values['login_user'])
    # An empty password passes: a camera without an administrator serves getinfo without authentication.
    validation.check_secret('login_password', values['login_password'], 0, validation.PASSWORD_MAX, 'the password')
    for port_option, own_default in (('http_port', 80), ('https_port', 443)):
        validation.check_port(port_option, int(values[port_option]), default=own_default)
    if values.get('ca_path') and values['validate_certs'] and not values.get('fingerprint') \
            and not os.path.exists(values['ca_path']):
        raise OptionError('ca_path', 'file %r does not exist on the controller' % values['ca_path'],
                          'give the PEM file of the CA that signed the camera certificates')
    if values['timeout'] < 1:
        raise OptionError('timeout', 'timeout %s is below 1 second' % values['timeout'],
                          'use a timeout of at least a few seconds')
    if values.get('fingerprint'):
        digits = values['fingerprint'].replace(':', '')
        if len(digits) != 64 or any(c not in '0123456789abcdefABCDEF' for c in digits):
            raise OptionError('fingerprint', 'value %r is not a SHA-256 fingerprint' % values['fingerprint'],
                              'give 64 hexadecimal digits, with or without colons')
    _check_host(values['host'])

    return Connection(
        host=values['host'], protocol=values['protocol'], http_port=int(values['http_port']),
        https_port=int(values['https_port']), username=values['login_user'], password=values['login_password'],
        ca_path=values.get('ca_path'), fingerprint=values.get('fingerprint'),
        validate_certs=values['validate_certs'], timeout=values['timeout'], name=name)


def _check_host(host):
    try:
        ipaddress.ip_address(host)
        return
    except ValueError:
        pass
    labels = host.rstrip('.').split('.')
    valid = all(label and len(label) <= 63 and label.replace('-', '').isalnum() for label in labels)
    if not valid or len(host) > 253:
        raise OptionError('host', 'value %r is neither an IP address nor a host name' % host,
                          'set ansible_host or the host option to the camera\'s address')


def prepare_task(logic, argument_spec, params, task_vars, template):
    """Complete a task's validated parameters and check them all; return its Connection.

    The action plugins run this after Ansible's argument spec validation and
    before any request. It fills connection options from host variables
    (templated with `template`), rejects true and false for whole-number
    options, runs the module's own checks and builds the Connection. Raises
    OptionError naming the option. It lives in module_utils so that tests can
    run it without importing Ansible's controller code, which changes how
    modules report warnings in the same process.
    """
    fill_connection(params, task_vars, template)
    validation.check_whole_numbers(argument_spec, params)
    logic.validate(params)
    return connection_from_params(params, name=task_vars.get('inventory_hostname'))


def fill_connection(params, task_vars, template):
    """Fill connection options the task left unset from the host's variables."""
    for option in CONNECTION_SPEC:
        if params.get(option) is not None:
            continue
        for variable in HOST_VARIABLES[option]:
            if variable in task_vars and task_vars[variable] is not None:
                params[option] = template(task_vars[variable])
                break
    for option in ('http_port', 'https_port', 'timeout'):
        if params.get(option) is not None:
            params[option] = _to_int(option, params[option])
    if params.get('validate_certs') is not None and not isinstance(params['validate_certs'], bool):
        try:
            params['validate_certs'] = boolean(params['validate_certs'], strict=True)
        except TypeError:
            raise OptionError('validate_certs', 'value %r is not true or false' % (params['validate_certs'],),
                              'give true or false') from None


def _to_int(option, value):
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        raise OptionError(option, 'value %r is not a whole number' % (value,), 'give a number, for example 443')
    try:
        return int(value)
    except (TypeError, ValueError):
        raise OptionError(option, 'value %r is not a whole number' % (value,), 'give a number, for example 443') from None
