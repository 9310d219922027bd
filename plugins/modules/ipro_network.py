#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: ipro_network
short_description: Set an i-PRO camera's IPv4 network mode, addresses and DNS
version_added: 0.1.0
description:
  - Sets the camera's network mode (static, DHCP, AutoIP or Auto Advanced), its static address, DNS and IPv6.
  - Implements item 2.6 (Entry level) of i-PRO's Camera Hardening Guide, which asks for the mode the
    network design calls for and DNS left unset when it is not used.
  - A change of mode or address makes the camera restart its web service; the module waits for it and
    reads the settings back.
options:
  mode:
    description:
      - How the camera gets its IPv4 address.
    type: str
    choices: [dhcp, static, auto_ip, auto_advanced]
  address:
    description:
      - Static IPv4 address, dotted. Required with O(mode=static).
      - The module keeps talking to the address it connected to. When you change a camera's address,
        update C(ansible_host) for the next run.
    type: str
  netmask:
    description:
      - Static IPv4 netmask, dotted, for example V(255.255.255.0). Required with O(mode=static).
    type: str
  gateway:
    description:
      - Default gateway, dotted.
    type: str
  dns:
    description:
      - V(auto) takes DNS servers from DHCP; V(manual) uses O(dns_primary) and O(dns_secondary).
    type: str
    choices: [auto, manual]
  dns_primary:
    description:
      - Primary DNS server, dotted. Required with O(dns=manual).
    type: str
  dns_secondary:
    description:
      - Secondary DNS server, dotted.
    type: str
  ipv6:
    description:
      - Whether IPv6 is on. Host authentication does not filter IPv6 clients, so keep it off unless it is used.
    type: bool
extends_documentation_fragment:
  - ipro.camera.connection
  - ipro.camera.connection.attributes
author:
  - ipro.camera contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: 2.6 | Use a static address from the site plan
  ipro.camera.ipro_network:
    mode: static
    address: 192.0.2.10
    netmask: 255.255.255.0
    gateway: 192.0.2.1
    dns: manual
    dns_primary: 192.0.2.53
    ipv6: false
'''

RETURN = r'''
before:
  description: The network settings before the task.
  returned: always
  type: dict
  sample: {mode: dhcp, address: 192.0.2.10, netmask: 255.255.255.0, gateway: 192.0.2.1, dns: auto,
           dns_primary: '', dns_secondary: '', ipv6: false}
after:
  description: The network settings after the task (in check mode, as they would be).
  returned: always
  type: dict
  sample: {mode: static, address: 192.0.2.10, netmask: 255.255.255.0, gateway: 192.0.2.1, dns: manual,
           dns_primary: 192.0.2.53, dns_secondary: '', ipv6: false}
commands:
  description: The writes sent to the camera, or that check mode would send. Empty when nothing changed.
  returned: always
  type: list
  elements: str
  sample: ['setdata NW=static DNS=manual PRISRV=192.0.2.53']
'''

from ansible_collections.ipro.camera.plugins.module_utils.connection import CONNECTION_SPEC
from ansible_collections.ipro.camera.plugins.module_utils.runner import run_module
from ansible_collections.ipro.camera.plugins.module_utils.settings_modules import SettingsLogic

ARGUMENT_SPEC = dict(
    CONNECTION_SPEC,
    mode=dict(type='str', choices=['dhcp', 'static', 'auto_ip', 'auto_advanced']),
    address=dict(type='str'),
    netmask=dict(type='str'),
    gateway=dict(type='str'),
    dns=dict(type='str', choices=['auto', 'manual']),
    dns_primary=dict(type='str'),
    dns_secondary=dict(type='str'),
    ipv6=dict(type='bool'),
)
LOGIC = SettingsLogic('network')


def main():
    run_module(ARGUMENT_SPEC, LOGIC)


if __name__ == '__main__':
    main()
