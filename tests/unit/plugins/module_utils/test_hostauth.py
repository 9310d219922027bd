"""Tests of the ipro_hostauth logic: address parsing, write order and the lockout guard."""

from __future__ import annotations

import ipaddress

import pytest

from ansible_collections.ipro.camera.plugins.module_utils import hostauth
from ansible_collections.ipro.camera.plugins.module_utils.errors import CameraError, OptionError
from tests.unit.plugins.module_utils.fake_client import FakeClient

CONTROLLER = ipaddress.ip_address('192.0.2.50')


def net(text):
    return ipaddress.IPv4Network(text)


def camera(enabled=False, hosts=None, ipv6='off'):
    """A camera whose get_hostauth lists `hosts` ({address text: level number}) and HAUTH from its settings."""
    client = FakeClient(settings={'HAUTH': 'on' if enabled else 'off', 'IP6': ipv6})
    client.host_lines = dict(hosts or {})

    def get_hostauth(client):
        lines = {'HAUTH': client.settings['HAUTH']}
        for number, (address, level) in enumerate(client.host_lines.items(), start=1):
            lines['host%d' % number] = '%s,%s' % (address, level)
        return lines

    def set_hostauth(client, data):
        if data['mode'] == 'add':
            client.host_lines[data['HADD']] = data['HLEVEL']
        else:
            client.host_lines.pop(data['HADD'], None)

    client.optional['get_hostauth'] = get_hostauth
    client.handlers['set_hostauth'] = set_hostauth
    return client


def params(hosts=None, **overrides):
    values = dict(enabled=None, hosts=hosts, exclusive=False, allow_lockout=False)
    values.update(overrides)
    return values


@pytest.fixture
def controller(monkeypatch):
    """Make the camera see the controller at CONTROLLER. A test may set `address` to another one."""
    class Seen:
        address = CONTROLLER
        lookups = 0

    def controller_address(client):
        Seen.lookups += 1
        return Seen.address

    monkeypatch.setattr(hostauth, 'controller_address', controller_address)
    return Seen


# parse_network and validate.

@pytest.mark.parametrize('text, network', [
    ('192.0.2.10', '192.0.2.10/32'),
    ('192.0.2.10/32', '192.0.2.10/32'),
    ('192.0.2.0/24', '192.0.2.0/24'),
    ('0.0.0.0/0', '0.0.0.0/0'),
])
def test_parse_network_accepts(text, network):
    assert hostauth.parse_network('address', text) == net(network)


@pytest.mark.parametrize('text, problem, fix', [
    ('192.0.2.0/33', "value '192.0.2.0/33' has an invalid prefix length", 'use a prefix from /0 to /32'),
    ('192.0.2.10/24', "value '192.0.2.10/24' has host bits set", 'write the subnet as 192.0.2.0/24'),
    ('camera.example.org', "value 'camera.example.org' is not an IPv4 address or CIDR subnet",
     'the camera takes no host names'),
    ('2001:db8::10', "value '2001:db8::10' is not an IPv4 address or CIDR subnet", 'such as 192.0.2.10'),
    ('192.0.2.256', "value '192.0.2.256' is not an IPv4 address or CIDR subnet", 'such as 192.0.2.0/24'),
])
def test_parse_network_rejects(text, problem, fix):
    with pytest.raises(OptionError) as info:
        hostauth.parse_network('hosts[0].address', text)

    assert info.value.option == 'hosts[0].address'
    assert problem in str(info.value)
    assert fix in str(info.value)


def test_validate_names_entry_index():
    hosts = [dict(address='192.0.2.10'), dict(address='192.0.2.0/33')]

    with pytest.raises(OptionError) as info:
        hostauth.validate(params(hosts))

    assert info.value.option == 'hosts[1].address'


def test_validate_rejects_duplicate():
    hosts = [dict(address='192.0.2.10'), dict(address='192.0.2.10/32')]

    with pytest.raises(OptionError) as info:
        hostauth.validate(params(hosts))

    assert info.value.option == 'hosts[1].address'
    assert "value '192.0.2.10/32' is listed twice" in str(info.value)


def test_validate_exclusive_needs_hosts():
    with pytest.raises(OptionError) as info:
        hostauth.validate(params(None, exclusive=True))

    assert info.value.option == 'exclusive'
    assert 'needs the hosts option' in str(info.value)


# desired_hosts.

CURRENT = {net('192.0.2.10/32'): 'administrator', net('198.51.100.0/24'): 'live_only'}


@pytest.mark.parametrize('entries, exclusive, expected', [
    ([dict(address='203.0.113.5')], False,
     {net('192.0.2.10/32'): 'administrator', net('198.51.100.0/24'): 'live_only',
      net('203.0.113.5/32'): 'administrator'}),
    ([dict(address='203.0.113.5', level='camera_control')], True, {net('203.0.113.5/32'): 'camera_control'}),
    ([dict(address='198.51.100.0/24', state='absent')], False, {net('192.0.2.10/32'): 'administrator'}),
    ([dict(address='198.51.100.0/24', level='administrator')], False,
     {net('192.0.2.10/32'): 'administrator', net('198.51.100.0/24'): 'administrator'}),
    ([dict(address='192.0.2.10', state='absent')], True, {}),
    ([], False, CURRENT),
])
def test_desired_hosts(entries, exclusive, expected):
    assert hostauth.desired_hosts(params(entries, exclusive=exclusive), CURRENT) == expected


def test_desired_hosts_leaves_current_alone():
    current = dict(CURRENT)

    hostauth.desired_hosts(params([dict(address='192.0.2.10', state='absent')]), current)

    assert current == CURRENT


# _requests: the list is complete before filtering starts and stays complete while it runs.

ADD_CONTROLLER = ('set_hostauth', {'mode': 'add', 'HADD': '192.0.2.50', 'HLEVEL': '1'})
ADD_SUBNET = ('set_hostauth', {'mode': 'add', 'HADD': '198.51.100.0/24', 'HLEVEL': '3'})
DELETE_OLD = ('set_hostauth', {'mode': 'delete', 'HADD': '192.0.2.10'})
TURN_ON = ('setdata', {'HAUTH': 'on'})
TURN_OFF = ('setdata', {'HAUTH': 'off'})


@pytest.mark.parametrize('current, wanted, enabled, wanted_enabled, expected', [
    ({}, {net('192.0.2.50/32'): 'administrator', net('198.51.100.0/24'): 'live_only'}, False, True,
     [ADD_CONTROLLER, ADD_SUBNET, TURN_ON]),
    ({net('192.0.2.10/32'): 'administrator'}, {net('192.0.2.50/32'): 'administrator'}, True, True,
     [ADD_CONTROLLER, DELETE_OLD]),
    ({net('192.0.2.10/32'): 'administrator'}, {}, True, False, [TURN_OFF, DELETE_OLD]),
    ({net('198.51.100.0/24'): 'administrator'}, {net('198.51.100.0/24'): 'live_only'}, True, True, [ADD_SUBNET]),
    ({net('192.0.2.50/32'): 'administrator'}, {net('192.0.2.50/32'): 'administrator'}, True, True, []),
    ({net('192.0.2.50/32'): 'administrator'}, {net('192.0.2.50/32'): 'administrator'}, False, False, []),
])
def test_requests_order(current, wanted, enabled, wanted_enabled, expected):
    assert hostauth._requests(current, wanted, enabled, wanted_enabled) == expected


# _check_safe: the lockout guard.

def test_guard_skipped_while_off(controller):
    assert hostauth._check_safe(camera(), False, {}, allow_lockout=False) is None
    assert controller.lookups == 0


@pytest.mark.parametrize('allow_lockout', [False, True])
def test_guard_rejects_empty_list(controller, allow_lockout):
    with pytest.raises(CameraError) as info:
        hostauth._check_safe(camera(), True, {}, allow_lockout)

    assert 'refused to turn host authentication on with an empty list' in info.value.message
    assert 'locks every client out until a factory reset' in info.value.message


def test_guard_rejects_uncovered_controller(controller):
    hosts = {net('198.51.100.0/24'): 'administrator'}

    with pytest.raises(CameraError) as info:
        hostauth._check_safe(camera(), True, hosts, allow_lockout=False)

    message = info.value.message
    assert 'locks out this controller (192.0.2.50 as the camera sees it): no entry covers it' in message
    assert 'add 192.0.2.50/32 or its subnet at level administrator' in message
    assert 'set allow_lockout: true' in message


@pytest.mark.parametrize('level', ['camera_control', 'live_only'])
def test_guard_rejects_controller_below_admin(controller, level):
    hosts = {net('192.0.2.0/24'): level}

    with pytest.raises(CameraError) as info:
        hostauth._check_safe(camera(), True, hosts, allow_lockout=False)

    assert 'it is listed below administrator level' in info.value.message


@pytest.mark.parametrize('hosts', [
    {net('192.0.2.50/32'): 'administrator'},
    {net('192.0.2.0/24'): 'administrator'},
    {net('192.0.2.0/24'): 'live_only', net('192.0.2.48/29'): 'administrator'},
])
def test_guard_accepts_admin_entry(controller, hosts):
    assert hostauth._check_safe(camera(), True, hosts, allow_lockout=False) == CONTROLLER


def test_guard_allow_lockout_overrides(controller):
    hosts = {net('198.51.100.0/24'): 'administrator'}

    assert hostauth._check_safe(camera(), True, hosts, allow_lockout=True) == CONTROLLER


def test_guard_ipv6_controller_not_filtered(controller):
    # The camera does not filter IPv6 clients, so an IPv6 controller keeps access whatever the list.
    controller.address = ipaddress.ip_address('2001:db8::50')
    hosts = {net('198.51.100.0/24'): 'administrator'}

    assert hostauth._check_safe(camera(), True, hosts, allow_lockout=False) == controller.address


# controller_address against real sockets on 127.0.0.1.

def test_controller_address_from_socket(listening_port):
    client = FakeClient()
    client.conn.host, client.conn.protocol, client.conn.http_port = '127.0.0.1', 'http', listening_port

    assert hostauth.controller_address(client) == ipaddress.ip_address('127.0.0.1')


def test_controller_address_uses_https_port(listening_port, closed_port):
    client = FakeClient()
    client.conn.host, client.conn.protocol = '127.0.0.1', 'https'
    client.conn.http_port, client.conn.https_port = closed_port, listening_port

    assert hostauth.controller_address(client) == ipaddress.ip_address('127.0.0.1')


def test_controller_address_unreachable(closed_port):
    client = FakeClient()
    client.conn.host, client.conn.protocol, client.conn.http_port = '127.0.0.1', 'http', closed_port

    with pytest.raises(CameraError) as info:
        hostauth.controller_address(client)

    assert 'could not find the controller address: connection to 127.0.0.1:%d failed' % closed_port \
        in info.value.message
    assert 'check that the camera is reachable' in info.value.message


# apply.

def test_apply_turns_on_list_first(controller):
    client = camera()
    hosts = [dict(address='192.0.2.50'), dict(address='198.51.100.0/24', level='live_only')]

    result = hostauth.apply(client, params(hosts, enabled=True), check_mode=False)

    assert client.writes == [ADD_CONTROLLER, ADD_SUBNET, TURN_ON]
    assert result['changed'] is True
    assert result['controller_address'] == '192.0.2.50'
    assert result['after'] == dict(enabled=True, hosts=[dict(address='192.0.2.50', level='administrator'),
                                                        dict(address='198.51.100.0/24', level='live_only')])
    assert result['commands'] == ['set_hostauth mode=add HADD=192.0.2.50 HLEVEL=1',
                                  'set_hostauth mode=add HADD=198.51.100.0/24 HLEVEL=3', 'setdata HAUTH=on']


def test_apply_second_run_unchanged(controller):
    client = camera(enabled=True, hosts={'192.0.2.50': '1'})

    result = hostauth.apply(client, params([dict(address='192.0.2.50')], enabled=True), check_mode=False)

    assert result['changed'] is False
    assert result['commands'] == []
    assert client.writes == []
    assert controller.lookups == 0


def test_apply_check_mode_writes_nothing(controller):
    client = camera()

    result = hostauth.apply(client, params([dict(address='192.0.2.50')], enabled=True), check_mode=True)

    assert result['changed'] is True
    assert result['after']['enabled'] is True
    assert client.writes == []


def test_apply_check_mode_still_guards(controller):
    client = camera()

    with pytest.raises(CameraError) as info:
        hostauth.apply(client, params([dict(address='198.51.100.0/24')], enabled=True), check_mode=True)

    assert 'no entry covers it' in info.value.message
    assert client.writes == []


def test_apply_guard_sends_nothing(controller):
    client = camera(enabled=True, hosts={'192.0.2.50': '1'})
    hosts = [dict(address='192.0.2.50', state='absent'), dict(address='198.51.100.0/24')]

    with pytest.raises(CameraError):
        hostauth.apply(client, params(hosts), check_mode=False)

    assert client.writes == []
    assert client.host_lines == {'192.0.2.50': '1'}


def test_apply_turning_off_skips_guard(controller):
    client = camera(enabled=True, hosts={'192.0.2.50': '1'})

    result = hostauth.apply(client, params(None, enabled=False), check_mode=False)

    assert client.writes == [TURN_OFF]
    assert result['controller_address'] is None
    assert controller.lookups == 0


@pytest.mark.parametrize('ipv6, enabled, warned', [
    ('on', True, True),
    ('off', True, False),
    ('on', False, False),
])
def test_apply_ipv6_warning(controller, ipv6, enabled, warned):
    client = camera(enabled=not enabled, hosts={'192.0.2.50': '1'}, ipv6=ipv6)

    result = hostauth.apply(client, params(None, enabled=enabled), check_mode=True)

    assert bool(result['warnings']) is warned
    if warned:
        assert 'IPv6 is on at camera cam-01 (192.0.2.10)' in result['warnings'][0]
        assert 'ipv6: false' in result['warnings'][0]


def test_apply_lockout_allowed_read_back_denied(controller):
    client = camera()

    def turn_on_and_deny(client, data):
        client.host_lines[data['HADD']] = data['HLEVEL']
        client.failures['get_hostauth'] = [CameraError('cam-01', 'get_hostauth', 'failed with HTTP 403: '
                                                       'error=host_denied', status=403, error='host_denied')]

    client.handlers['set_hostauth'] = turn_on_and_deny
    hosts = [dict(address='198.51.100.0/24')]

    result = hostauth.apply(client, params(hosts, enabled=True, allow_lockout=True), check_mode=False)

    assert result['changed'] is True
    assert 'denies this controller, as allow_lockout permitted' in result['msg']
    assert client.writes[-1] == TURN_ON


def test_apply_read_back_denied_without_allow_raises(controller):
    client = camera()
    denied = CameraError('cam-01', 'get_hostauth', 'failed with HTTP 403: error=host_denied', status=403,
                         error='host_denied')

    def add_and_deny(client, data):
        client.host_lines[data['HADD']] = data['HLEVEL']
        client.failures['get_hostauth'] = [denied]

    client.handlers['set_hostauth'] = add_and_deny

    with pytest.raises(CameraError) as info:
        hostauth.apply(client, params([dict(address='192.0.2.50')], enabled=True), check_mode=False)

    assert info.value is denied


def test_apply_read_back_mismatch(controller):
    client = camera()
    client.ignored_cgis = {'set_hostauth'}

    with pytest.raises(CameraError) as info:
        hostauth.apply(client, params([dict(address='192.0.2.50')], enabled=True), check_mode=False)

    assert 'set_hostauth was answered but the camera reports' in info.value.message
    assert info.value.result['after'] == dict(enabled=True, hosts=[])
