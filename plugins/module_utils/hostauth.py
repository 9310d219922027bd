# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The logic of ipro_hostauth: the camera's IPv4 allow list (host authentication).

A wrong list locks every client out until a factory reset, so the module works
out the address the camera sees for the controller and refuses any list that
would shut the controller out, unless the task overrides that on purpose.
"""

from __future__ import annotations

import ipaddress
import socket

from ansible_collections.ipro.camera.plugins.module_utils import cgi
from ansible_collections.ipro.camera.plugins.module_utils.errors import CameraError, OptionError
from ansible_collections.ipro.camera.plugins.module_utils.sync import mask_command

ADMINISTRATOR = 'administrator'


def parse_network(option, text):
    """Return the IPv4 network of an address or CIDR, rejecting host bits and host names."""
    try:
        network = ipaddress.IPv4Network(text, strict=True)
    except ipaddress.NetmaskValueError:
        raise OptionError(option, 'value %r has an invalid prefix length' % text, 'use a prefix from /0 to /32') from None
    except ValueError:
        try:
            loose = ipaddress.IPv4Network(text, strict=False)
        except ValueError:
            raise OptionError(option, 'value %r is not an IPv4 address or CIDR subnet' % text,
                              'use an address such as 192.0.2.10 or a subnet such as 192.0.2.0/24; the camera '
                              'takes no host names') from None
        raise OptionError(option, 'value %r has host bits set' % text, 'write the subnet as %s' % loose) from None
    return network


def entry_text(network):
    return str(network.network_address) if network.prefixlen == 32 else str(network)


def read_hosts(client):
    """Return (enabled, {network: level name}) from get_hostauth."""
    raw = client.get('get_hostauth')
    hosts = {}
    for key, value in raw.items():
        if not key.startswith(cgi.HOSTAUTH_LINE_PREFIX) or key == cgi.HOSTAUTH_STATE:
            continue
        address, _separator, level = value.rpartition(',')
        hosts[ipaddress.IPv4Network(address, strict=False)] = cgi.LEVEL_NAMES.get(level, level)
    return raw.get(cgi.HOSTAUTH_STATE) == 'on', hosts


def controller_address(client):
    """Return the source address the camera sees for this controller.

    The kernel picks the same source address for this probe as for the client's
    requests, because both go to the same camera address and port.
    """
    conn = client.conn
    port = conn.https_port if conn.protocol == 'https' else conn.http_port
    try:
        with socket.create_connection((conn.host, port), timeout=conn.timeout) as probe:
            return ipaddress.ip_address(probe.getsockname()[0])
    except OSError as exc:
        raise CameraError(conn.label, 'get_hostauth', 'could not find the controller address: connection to '
                          '%s:%d failed: %s' % (conn.host, port, exc), 'check that the camera is reachable') from None


def validate(params):
    seen = set()
    for index, entry in enumerate(params.get('hosts') or []):
        network = parse_network('hosts[%d].address' % index, entry['address'])
        if network in seen:
            raise OptionError('hosts[%d].address' % index, 'value %r is listed twice' % entry['address'],
                              'list each address or subnet once')
        seen.add(network)
    if params.get('exclusive') and params.get('hosts') is None:
        raise OptionError('exclusive', 'needs the hosts option', 'list the entries to keep')


def desired_hosts(params, current):
    hosts = {} if params.get('exclusive') else dict(current)
    for entry in params.get('hosts') or []:
        network = parse_network('address', entry['address'])
        if entry.get('state', 'present') == 'absent':
            hosts.pop(network, None)
        else:
            hosts[network] = entry.get('level') or ADMINISTRATOR
    return hosts


def _check_safe(client, enabled, hosts, allow_lockout):
    if not enabled:
        return None
    if not hosts:
        raise CameraError(client.conn.label, 'set_hostauth', 'refused to turn host authentication on with an '
                          'empty list, which locks every client out until a factory reset',
                          'list the controller, the recorders and the operators\' subnets in hosts')
    address = controller_address(client)
    if address.version != 4:
        return address
    covering = [network for network, level in hosts.items() if address in network]
    admin = [network for network in covering if hosts[network] == ADMINISTRATOR]
    if not admin and not allow_lockout:
        problem = ('refused a list that locks out this controller (%s as the camera sees it): %s'
                   % (address, 'it is listed below administrator level' if covering else 'no entry covers it'))
        raise CameraError(client.conn.label, 'set_hostauth', problem,
                          'add %s/32 or its subnet at level administrator, or set allow_lockout: true if the '
                          'controller may lose access on purpose' % address)
    return address


def _state(enabled, hosts):
    return dict(enabled=enabled, hosts=[dict(address=entry_text(n), level=level)
                                        for n, level in sorted(hosts.items(), key=lambda item: item[0])])


def apply(client, params, check_mode):
    enabled, current = read_hosts(client)
    before = _state(enabled, current)
    wanted_hosts = desired_hosts(params, current)
    wanted_enabled = enabled if params.get('enabled') is None else params['enabled']
    after = _state(wanted_enabled, wanted_hosts)
    warnings = []
    if wanted_enabled and client.getdata([cgi.field('ipv6', 'enabled').key]).get('IP6') == 'on':
        warnings.append('IPv6 is on at camera %s: host authentication does not filter IPv6 clients. Turn IPv6 '
                        'off with ipro.camera.ipro_network (ipv6: false) unless the site uses it.' % client.conn.label)

    requests = _requests(current, wanted_hosts, enabled, wanted_enabled)
    result = dict(changed=bool(requests), before=before, after=after, warnings=warnings,
                  commands=[mask_command(name, values, ()) for name, values in requests],
                  diff=dict(before=before, after=after))
    if not requests:
        return result
    controller = _check_safe(client, wanted_enabled, wanted_hosts, params.get('allow_lockout'))
    result['controller_address'] = str(controller) if controller else None
    if check_mode:
        return result

    for name, values in requests:
        client.post(name, values)
    try:
        actual_enabled, actual_hosts = read_hosts(client)
    except CameraError as exc:
        if exc.error != cgi.ERROR_HOST_DENIED or not params.get('allow_lockout'):
            raise
        result['msg'] = ('host authentication is on and denies this controller, as allow_lockout permitted; '
                         'the list could not be read back')
        return result
    actual = _state(actual_enabled, actual_hosts)
    if actual != after:
        not_applied = {key: dict(expected=after[key], actual=actual[key]) for key in after if after[key] != actual[key]}
        raise CameraError(client.conn.label, 'set_hostauth', 'was answered but the camera reports %s, expected %s'
                          % (actual, after), 'check the camera\'s host list, then rerun',
                          result=dict(before=before, after=actual, not_applied=not_applied,
                                      commands=result['commands']))
    result['after'] = actual
    return result


def _requests(current, wanted, enabled, wanted_enabled):
    """Order the writes so that the list is complete before filtering starts and stays so while it runs."""
    additions = [(network, level) for network, level in sorted(wanted.items()) if current.get(network) != level]
    removals = [network for network in sorted(current) if network not in wanted]
    requests = []
    if enabled and not wanted_enabled:
        requests.append(('setdata', {cgi.HOSTAUTH_STATE: 'off'}))
    for network, level in additions:
        fields = {cgi.HOSTAUTH_ADDRESS: entry_text(network), cgi.HOSTAUTH_LEVEL: cgi.LEVELS[level]}
        requests.append(('set_hostauth', dict(cgi.HOSTAUTH_ADD, **fields)))
    for network in removals:
        requests.append(('set_hostauth', dict(cgi.HOSTAUTH_DELETE, **{cgi.HOSTAUTH_ADDRESS: entry_text(network)})))
    if wanted_enabled and not enabled:
        requests.append(('setdata', {cgi.HOSTAUTH_STATE: 'on'}))
    return requests
