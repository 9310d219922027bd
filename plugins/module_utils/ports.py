# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The logic of ipro_ports: which TCP service ports accept connections, against what the settings say."""

from __future__ import annotations

import socket

from ansible_collections.ipro.camera.plugins.module_utils.errors import CameraError

RTSP_PORT = 554
SERVICES = ('http', 'https', 'rtsp', 'rtsps')


def validate(params):
    pass


def expected_ports(client, settings):
    """Return {service: (port, should_be_open)} from the camera's settings."""
    connection = settings.get('HTTPS_TYPE', 'http_https')
    return dict(
        http=(client.conn.http_port, connection != 'https'),
        https=(int(settings.get('HTTPS_PORT') or client.conn.https_port), connection != 'http'),
        rtsp=(RTSP_PORT, True),
        rtsps=(int(settings.get('RTSPS_PORT') or 322), settings.get('SRTP') == 'on'),
    )


def is_open(host, port, timeout):
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def apply(client, params, check_mode):
    keys = ['HTTPS_TYPE', 'HTTPS_PORT']
    if 'rtsps' in params['services']:
        # Models without SRTP reject these keys, so read them only when asked to check RTSPS.
        keys += ['SRTP', 'RTSPS_PORT']
    settings = client.getdata(keys)
    expected = expected_ports(client, settings)
    ports = []
    for service in params['services']:
        port, should_be_open = expected[service]
        actual = is_open(client.conn.host, port, client.conn.timeout)
        ports.append(dict(service=service, port=port, expected='open' if should_be_open else 'closed',
                          actual='open' if actual else 'closed'))
    mismatches = [p for p in ports if p['expected'] != p['actual']]
    result = dict(changed=False, ports=ports, mismatches=mismatches)
    if mismatches:
        text = ', '.join('%s port %d is %s, expected %s' % (p['service'], p['port'], p['actual'], p['expected'])
                         for p in mismatches)
        if params['fail_on_mismatch']:
            raise CameraError(client.conn.label, 'port check', 'found %s' % text,
                              'check the camera\'s HTTPS and streaming settings and any firewall between',
                              result=dict(ports=ports, mismatches=mismatches))
        result['warnings'] = ['camera %s: %s' % (client.conn.label, text)]
    return result
