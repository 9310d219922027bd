"""Tests of plan_items and run_plans, the runner behind ipro_items, with fake module logic and clients.

The fake ipro_* modules below are installed in sys.modules under the collection's module package, so
load_module imports them as it imports the real ones. A few tests use real modules (ipro_ntp, ipro_audio)
over the in-memory FakeClient.
"""

from __future__ import annotations

import json
import sys
import types

import pytest
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.ipro.camera.plugins.module_utils import info, items
from ansible_collections.ipro.camera.plugins.module_utils.connection import CONNECTION_SPEC
from ansible_collections.ipro.camera.plugins.module_utils.errors import CameraError, OptionError
from tests.unit.plugins.module_utils.fake_client import FakeClient

TASK_VARS = dict(inventory_hostname='cam-01', ansible_host='192.0.2.10', ipro_username='admin',
                 ipro_password='Admin-pass1', ipro_protocol='http')
FAKE_OPTIONS = dict(
    name=dict(type='str'),
    value=dict(type='str'),
    level=dict(type='str', choices=['administrator', 'live_only']),
    secret=dict(type='str', no_log=True),
    state=dict(type='str', choices=['present', 'absent'], default='present'),
)
RAW_CAPABILITIES = {'audio': 'no', 'sd': 'yes', 'max_users': '24'}


def template(value):
    return value


def everything(item):
    return True


def item(**fields):
    """Return an item with the defaults the ipro_items argument spec fills in."""
    fields.setdefault('id', '2.7')
    fields.setdefault('module', 'ipro_fake')
    validation = ArgumentSpecValidator(items.ITEM_OPTIONS).validate(fields)
    assert not validation.error_messages
    return validation.validated_parameters


class FakeLogic:
    """Module logic that records each apply and returns a settings-like result.

    `changed` is a bool or a function of the params. Each apply takes the next
    entry of `errors` and raises it unless it is None. `facts` go into every
    result as ansible_facts, and `result` adds keys to it.
    """

    def __init__(self, changed=True, errors=(), facts=None, result=None):
        self.changed = changed
        self.errors = list(errors)
        self.facts = facts
        self.result = result or {}
        self.validated = []
        self.applied = []

    def validate(self, params):
        self.validated.append(dict(params))
        if params.get('value') == 'invalid':
            raise OptionError('value', "value 'invalid' is not allowed", 'give another value')

    def apply(self, client, params, check_mode):
        self.applied.append(dict(params=dict(params), check_mode=check_mode, client=client))
        error = self.errors.pop(0) if self.errors else None
        if error is not None:
            raise error

        changed = self.changed(params) if callable(self.changed) else self.changed
        before = dict(value='old')
        after = dict(value=params.get('value') or params.get('name'))
        result = dict(changed=changed, before=before, after=after if changed else before,
                      diff=dict(before=before, after=after if changed else before),
                      commands=['setdata VALUE=%s' % after['value']] if changed else [], **self.result)
        if self.facts:
            result['ansible_facts'] = dict(self.facts)
        return result


class SessionClient:
    """The parts of CameraClient that the runner itself uses: conn, capabilities, warnings and close."""

    def __init__(self, conn, raw_capabilities, warnings):
        self.conn = conn
        self.raw_capabilities = raw_capabilities
        self.warnings = list(warnings)
        self.known_capabilities = None
        self.read_cache = None
        self.capability_reads = 0
        self.closed = False

    def capabilities(self):
        if self.known_capabilities is None:
            self.capability_reads += 1
            self.known_capabilities = dict(self.raw_capabilities)
        return self.known_capabilities

    def close(self):
        self.closed = True


class ClientFactory:
    """Build a SessionClient per connection and keep each one, so tests can count them."""

    def __init__(self, raw_capabilities=None, warnings=()):
        self.raw_capabilities = dict(raw_capabilities or RAW_CAPABILITIES)
        self.warnings = warnings
        self.built = []

    def __call__(self, conn):
        client = SessionClient(conn, self.raw_capabilities, self.warnings)
        self.built.append(client)
        return client


@pytest.fixture
def install(monkeypatch):
    """Install a fake ipro_* module with the given logic; return the logic."""

    def install_module(name, logic, options=None):
        module = types.ModuleType(items.MODULES_PACKAGE + name)
        module.ARGUMENT_SPEC = dict(CONNECTION_SPEC, **(options or FAKE_OPTIONS))
        module.LOGIC = logic
        monkeypatch.setitem(sys.modules, module.__name__, module)
        return logic

    return install_module


def plan(item_list, shared=None, task_vars=None, enabled=everything, selected=everything, capabilities=None):
    return items.plan_items(item_list, shared or {}, dict(task_vars or TASK_VARS), template, enabled, selected,
                            capabilities)


def run(item_list, check_mode=False, factory=None, task_vars=None, **plan_options):
    """Plan and run the items as the action does; return the task result."""
    task_vars = dict(task_vars or TASK_VARS)
    plans, _secrets = plan(item_list, task_vars=task_vars, **plan_options)
    return items.run_plans(plans, task_vars, template, check_mode, factory or ClientFactory())


def statuses(result):
    return [(entry['id'], entry['status']) for entry in result['items']]


# plan_items: every item is checked before the first request.

def test_bad_third_item_stops_all(install):
    logic = install('ipro_fake', FakeLogic())
    item_list = [item(id='2.5', params=dict(value='a')), item(id='2.6', params=dict(value='b')),
                 item(id='2.7', title='Synchronize the clock', params=dict(level='guest'))]
    factory = ClientFactory()

    with pytest.raises(items.ItemError) as error:
        plans, _secrets = plan(item_list)
        items.run_plans(plans, dict(TASK_VARS), template, False, factory)

    assert '2.7 Synchronize the clock' in str(error.value)
    assert 'level' in str(error.value)
    assert 'guest' in str(error.value)
    assert factory.built == []
    assert logic.applied == []


def test_logic_validation_error_names_item(install):
    install('ipro_fake', FakeLogic())
    item_list = [item(id='2.5', params=dict(value='a')), item(id='2.6', title='Set it', params=dict(value='invalid'))]

    with pytest.raises(OptionError) as error:
        plan(item_list)

    assert "value 'invalid' is not allowed" in str(error.value)
    assert '2.6 Set it' in str(error.value)


def test_real_module_rule_names_item():
    ntp = item(id='2.7', title='Synchronize the clock with NTP', module='ipro_ntp', params=dict(interval=25))

    with pytest.raises(items.ItemError) as error:
        plan([item(id='2.6', module='ipro_ntp'), ntp])

    assert str(error.value) == ('option items: 2.7 Synchronize the clock with NTP: option interval: value 25 is '
                                'outside 1-24 hours; %s' % error.value.fix)


def test_connection_error_not_blamed_on_item(install):
    install('ipro_fake', FakeLogic())
    task_vars = dict(TASK_VARS, ipro_timeout=0)

    with pytest.raises(OptionError) as error:
        plan([item(id='2.5')], task_vars=task_vars)

    assert error.value.option == 'timeout'


def test_unknown_option_names_module_and_option():
    ntp = item(id='2.7', title='Synchronize the clock with NTP', module='ipro_ntp',
               params=dict(mode='ntp', server='192.0.2.123', servr='192.0.2.124'))

    with pytest.raises(items.ItemError) as error:
        plan([ntp])

    message = str(error.value)
    assert message.startswith('option items: 2.7 Synchronize the clock with NTP: ')
    assert 'module ipro_ntp has no option servr' in message
    assert 'remove it or correct its name' in message


def test_invalid_choice_of_real_module():
    ntp = item(id='2.7', module='ipro.camera.ipro_ntp', params=dict(mode='sometimes'))

    with pytest.raises(items.ItemError) as error:
        plan([ntp])

    assert 'mode' in str(error.value)
    assert 'sometimes' in str(error.value)


@pytest.mark.parametrize('module', ['ipro_audit', 'ipro.camera.ipro_report', 'ipro_items', 'ipro_nonexistent',
                                    'ansible.builtin.debug'])
def test_module_that_is_no_item_rejected(module):
    with pytest.raises(items.ItemError) as error:
        plan([item(id='3.1', module=module)])

    assert repr(module) in str(error.value)
    assert 'is not an ipro.camera module that changes settings' in str(error.value)


def test_full_module_name_accepted():
    plans, _secrets = plan([item(id='2.7', module='ipro.camera.ipro_ntp', params=dict(port=1123))])

    assert plans[0].runs[0][0]['port'] == 1123


def test_input_error_raised(install):
    install('ipro_fake', FakeLogic())
    bad = item(id='2.7', input_error='ipro_ntp_server is empty: set it')

    with pytest.raises(items.ItemError) as error:
        plan([item(id='2.5'), bad])

    assert 'ipro_ntp_server is empty: set it' in str(error.value)


def test_skipped_items_not_validated(install):
    install('ipro_fake', FakeLogic())
    bad = dict(params=dict(level='guest'), input_error='broken', requires='audio')
    item_list = [item(id='2.5', switch='ipro_a_enabled', **bad), item(id='2.6', tags=['b'], **bad),
                 item(id='2.8', **bad)]

    plans, _secrets = plan(item_list, enabled=lambda i: i['id'] != '2.5', selected=lambda i: i['id'] != '2.6',
                           capabilities={'audio': False})

    assert [p.skip['msg'] for p in plans] == ['2.5 skipped: switched off by ipro_a_enabled',
                                              '2.6 skipped: not selected by --tags or --skip-tags',
                                              '2.8 skipped: this model has no audio']


# run_plans: skipped items.

def test_switched_off_item_skipped(install):
    logic = install('ipro_fake', FakeLogic())
    factory = ClientFactory()

    result = run([item(id='2.8', switch='ipro_audio_enabled')], enabled=lambda i: False, factory=factory)

    entry = result['items'][0]
    assert entry['status'] == items.SKIPPED
    assert entry['skipped'] is True
    assert entry['switched_off'] == 'ipro_audio_enabled'
    assert entry['changed'] is False
    assert result['changed'] is False
    assert logic.applied == []
    assert factory.built == []


def test_unselected_item_skipped(install):
    logic = install('ipro_fake', FakeLogic())

    result = run([item(id='2.8', tags=['audio']), item(id='2.9', tags=['sd'])],
                 selected=lambda i: 'sd' in i['tags'])

    assert statuses(result) == [('2.8', items.SKIPPED), ('2.9', items.CHANGED)]
    assert result['items'][0]['not_selected'] is True
    assert len(logic.applied) == 1


def test_missing_capability_known_at_plan(install):
    logic = install('ipro_fake', FakeLogic())
    factory = ClientFactory()

    result = run([item(id='2.8', requires='audio'), item(id='2.9', requires='sd')], factory=factory,
                 capabilities=info.capabilities(RAW_CAPABILITIES))

    assert statuses(result) == [('2.8', items.SKIPPED), ('2.9', items.CHANGED)]
    assert result['items'][0]['missing_capability'] == 'audio'
    assert 'not applicable to this model: 2.8' in result['msg']
    assert len(logic.applied) == 1


def test_missing_capability_read_at_run(install):
    logic = install('ipro_fake', FakeLogic())
    factory = ClientFactory()

    result = run([item(id='2.8', title='Keep audio off', requires='audio'), item(id='2.9', requires='sd'),
                  item(id='3.1', requires='audio')], factory=factory)

    assert statuses(result) == [('2.8', items.SKIPPED), ('2.9', items.CHANGED), ('3.1', items.SKIPPED)]
    assert result['items'][0]['missing_capability'] == 'audio'
    assert result['items'][0]['msg'] == '2.8 skipped: this model has no audio'
    assert result['msg'] == 'changed 2.9 of 3 items; not applicable to this model: 2.8, 3.1'
    assert [a['params'].get('name') for a in logic.applied] == [None]
    assert len(factory.built) == 1
    assert factory.built[0].capability_reads == 1


def test_capability_fact_given_to_client(install):
    install('ipro_fake', FakeLogic())
    factory = ClientFactory()
    task_vars = dict(TASK_VARS, **{info.CAPABILITIES_FACT: dict(RAW_CAPABILITIES, audio='yes')})

    result = run([item(id='2.8', requires='audio')], factory=factory, task_vars=task_vars)

    assert statuses(result) == [('2.8', items.CHANGED)]
    assert factory.built[0].known_capabilities['audio'] == 'yes'
    assert factory.built[0].capability_reads == 0


# run_plans: loops.

def test_loop_of_dicts_labelled(install):
    logic = install('ipro_fake', FakeLogic(changed=lambda params: params['name'] == 'viewer'))
    users = item(id='2.4', title='Create accounts', params=dict(level='live_only'),
                 loop=[dict(name='viewer', secret='Viewer-pass1'), dict(name='operator', level='administrator')])

    result = run([users])

    assert [a['params']['name'] for a in logic.applied] == ['viewer', 'operator']
    assert logic.applied[0]['params']['level'] == 'live_only'
    assert logic.applied[0]['params']['secret'] == 'Viewer-pass1'
    assert logic.applied[1]['params']['level'] == 'administrator'
    entry = result['items'][0]
    assert entry['status'] == items.CHANGED
    assert [part['item'] for part in entry['results']] == ['viewer', 'operator']
    assert [part['changed'] for part in entry['results']] == [True, False]
    assert result['commands'] == ['2.4: setdata VALUE=viewer']


def test_loop_of_scalars_labelled(install):
    logic = install('ipro_fake', FakeLogic(changed=False))
    removals = item(id='2.4', params=dict(state='absent'), loop=['guest1', 'guest2'])

    result = run([removals])

    assert [(a['params']['name'], a['params']['state']) for a in logic.applied] == [('guest1', 'absent'),
                                                                                    ('guest2', 'absent')]
    assert [part['item'] for part in result['items'][0]['results']] == ['guest1', 'guest2']
    assert result['items'][0]['status'] == items.OK
    assert result['changed'] is False


def test_loop_param_chosen_by_item(install):
    logic = install('ipro_fake', FakeLogic())

    result = run([item(id='3.7', loop=['a', 'b'], loop_param='value')])

    assert [a['params']['value'] for a in logic.applied] == ['a', 'b']
    assert [part['item'] for part in result['items'][0]['results']] == ['a', 'b']


def test_empty_loop_ok(install):
    logic = install('ipro_fake', FakeLogic())

    result = run([item(id='2.4', loop=[])])

    assert result['items'][0]['status'] == items.OK
    assert result['items'][0]['results'] == []
    assert logic.applied == []


def test_loop_elements_validated(install):
    install('ipro_fake', FakeLogic())
    users = item(id='2.4', loop=[dict(name='viewer'), dict(name='operator', level='guest')])

    with pytest.raises(items.ItemError) as error:
        plan([users])

    assert 'guest' in str(error.value)


# run_plans: failures and check mode.

def test_failure_stops_run(install):
    error = CameraError('cam-01 (192.0.2.10)', 'setdata', 'failed with HTTP 500', 'check the camera',
                        result=dict(before=dict(value='old')))
    install('ipro_fake', FakeLogic())
    install('ipro_broken', FakeLogic(errors=[error]))
    item_list = [item(id='2.5'), item(id='2.6', title='Set the network mode', module='ipro_broken'),
                 item(id='2.7'), item(id='2.8')]

    result = run(item_list)

    assert statuses(result) == [('2.5', items.CHANGED), ('2.6', items.FAILED), ('2.7', items.NOT_RUN),
                                ('2.8', items.NOT_RUN)]
    assert result['failed'] is True
    assert result['items'][1]['before'] == dict(value='old')
    assert result['items'][2]['msg'] == '2.7 not run: item 2.6 failed before it'
    assert result['msg'].startswith('2.6 Set the network mode failed: camera cam-01 (192.0.2.10): setdata failed '
                                    'with HTTP 500; check the camera; ')
    assert 'changed 2.5 of 4 items' in result['msg']
    assert 'not run: 2.7, 2.8; fix the failure and rerun' in result['msg']


def test_option_error_at_run_fails_item(install):
    install('ipro_fake', FakeLogic(errors=[OptionError('port', 'port 80 is reserved', 'use another port')]))

    result = run([item(id='3.8', title='Change the ports')])

    assert result['failed'] is True
    message = result['items'][0]['msg']
    assert message == '3.8 Change the ports failed: option port: port 80 is reserved; use another port'


def test_failed_loop_keeps_earlier_elements(install):
    error = CameraError('cam-01 (192.0.2.10)', 'set_user', 'failed with HTTP 500')
    # The first element applies, the second fails and the third is never tried.
    logic = install('ipro_fake', FakeLogic(errors=[None, error]))

    result = run([item(id='2.4', loop=['viewer', 'operator', 'guest'])])

    entry = result['items'][0]
    assert entry['status'] == items.FAILED
    assert [part['item'] for part in entry['results']] == ['viewer']
    assert [a['params']['name'] for a in logic.applied] == ['viewer', 'operator']
    assert result['commands'] == ['2.4: setdata VALUE=viewer']


def test_check_mode_stop_ends_run(install):
    install('ipro_admin_fake', FakeLogic())
    logic = install('ipro_fake', FakeLogic())
    stop = 'the camera has no administrator yet'
    item_list = [item(id='2.3', module='ipro_admin_fake', check_mode_stop=stop), item(id='2.2'), item(id='2.4')]

    result = run(item_list, check_mode=True)

    assert statuses(result) == [('2.3', items.CHANGED), ('2.2', items.NOT_RUN), ('2.4', items.NOT_RUN)]
    assert 'failed' not in result
    assert result['items'][1]['msg'] == '2.2 not run: ' + stop
    assert result['msg'] == 'would change 2.3 of 3 items; not checked: 2.2, 2.4 (%s)' % stop
    assert logic.applied == []


def test_check_mode_stop_only_on_change(install):
    install('ipro_admin_fake', FakeLogic(changed=False))
    logic = install('ipro_fake', FakeLogic())
    item_list = [item(id='2.3', module='ipro_admin_fake', check_mode_stop='no administrator'), item(id='2.2')]

    result = run(item_list, check_mode=True)

    assert statuses(result) == [('2.3', items.OK), ('2.2', items.CHANGED)]
    assert [a['check_mode'] for a in logic.applied] == [True]


def test_check_mode_stop_ignored_when_applying(install):
    install('ipro_admin_fake', FakeLogic())
    logic = install('ipro_fake', FakeLogic())
    item_list = [item(id='2.3', module='ipro_admin_fake', check_mode_stop='no administrator'), item(id='2.2')]

    result = run(item_list)

    assert statuses(result) == [('2.3', items.CHANGED), ('2.2', items.CHANGED)]
    assert result['msg'] == 'changed 2.3, 2.2 of 2 items'
    assert len(logic.applied) == 1


def test_read_only_item_applies_in_check_mode(install):
    reader = install('ipro_reader', FakeLogic(changed=False))
    logic = install('ipro_fake', FakeLogic())

    run([item(id='0', module='ipro_reader', read_only=True), item(id='2.7')], check_mode=True)

    assert [a['check_mode'] for a in reader.applied] == [False]
    assert [a['check_mode'] for a in logic.applied] == [True]


# run_plans: one session, and facts passed on.

def test_items_share_one_client(install):
    logic = install('ipro_fake', FakeLogic())
    factory = ClientFactory(warnings=['TLS certificate validation is disabled for camera cam-01'])

    result = run([item(id='2.5'), item(id='2.6'), item(id='2.7')], factory=factory)

    assert len(factory.built) == 1
    assert factory.built[0].closed is True
    assert factory.built[0].read_cache == {}
    assert {id(a['client']) for a in logic.applied} == {id(factory.built[0])}
    assert result['warnings'] == ['TLS certificate validation is disabled for camera cam-01']


def test_facts_reach_next_connection(install):
    install('ipro_https_fake', FakeLogic(facts=dict(ipro_protocol='https', ipro_https_port=8443)))
    logic = install('ipro_fake', FakeLogic())
    factory = ClientFactory(warnings=['same warning'])

    result = run([item(id='2.5'), item(id='3.7', module='ipro_https_fake'), item(id='3.8')], factory=factory)

    assert [(c.conn.protocol, c.conn.https_port) for c in factory.built] == [('http', 443), ('https', 8443)]
    assert [c.closed for c in factory.built] == [True, True]
    assert logic.applied[-1]['client'] is factory.built[1]
    assert result['ansible_facts'] == dict(ipro_protocol='https', ipro_https_port=8443)
    assert 'ansible_facts' not in result['items'][1]
    assert result['warnings'] == ['same warning']


def test_same_facts_keep_client(install):
    install('ipro_https_fake', FakeLogic(facts=dict(ipro_protocol='http')))
    install('ipro_fake', FakeLogic())
    factory = ClientFactory()

    run([item(id='3.7', module='ipro_https_fake'), item(id='3.8')], factory=factory)

    assert len(factory.built) == 1


def test_task_option_beats_fact(install):
    install('ipro_https_fake', FakeLogic(facts=dict(ipro_protocol='https')))
    install('ipro_fake', FakeLogic())
    factory = ClientFactory()
    task_vars = dict(TASK_VARS)
    plans, _secrets = plan([item(id='3.7', module='ipro_https_fake'), item(id='3.8')], shared=dict(protocol='http'),
                           task_vars=task_vars)

    items.run_plans(plans, task_vars, template, False, factory)

    assert [c.conn.protocol for c in factory.built] == ['http']


def test_capability_fact_reaches_new_client(install):
    raw_after_update = dict(RAW_CAPABILITIES, audio='yes')
    install('ipro_firmware_fake', FakeLogic(facts={info.CAPABILITIES_FACT: raw_after_update}))
    install('ipro_https_fake', FakeLogic(facts=dict(ipro_protocol='https')))
    logic = install('ipro_fake', FakeLogic())
    factory = ClientFactory()
    item_list = [item(id='2.2', module='ipro_firmware_fake'), item(id='3.7', module='ipro_https_fake'),
                 item(id='2.8', requires='audio')]

    result = run(item_list, factory=factory)

    assert statuses(result) == [('2.2', items.CHANGED), ('3.7', items.CHANGED), ('2.8', items.CHANGED)]
    assert factory.built[1].known_capabilities == raw_after_update
    assert factory.built[1].capability_reads == 0
    assert len(logic.applied) == 1


def test_loop_facts_reach_next_element(install):
    logic = install('ipro_https_fake', FakeLogic(facts=dict(ipro_protocol='https')))
    install('ipro_fake', FakeLogic())
    factory = ClientFactory()

    result = run([item(id='3.7', module='ipro_https_fake', loop=['a', 'b']), item(id='3.8')], factory=factory)

    assert [c.conn.protocol for c in factory.built] == ['http', 'https']
    assert logic.applied[1]['client'] is factory.built[1]
    assert result['ansible_facts'] == dict(ipro_protocol='https')
    assert all('ansible_facts' not in part for part in result['items'][0]['results'])


def test_failed_loop_keeps_facts(install):
    error = CameraError('cam-01 (192.0.2.10)', 'setdata', 'failed with HTTP 500')
    install('ipro_https_fake', FakeLogic(facts=dict(ipro_protocol='https'), errors=[None, error]))

    result = run([item(id='3.7', module='ipro_https_fake', loop=['a', 'b'])])

    assert result['failed'] is True
    assert result['ansible_facts'] == dict(ipro_protocol='https')


# The task result: secrets, diffs, commands and summary.

def test_secrets_masked(install):
    install('ipro_fake', FakeLogic(result=dict(msg='set the password to Secret-pass1')))
    plans, secrets = plan([item(id='2.9', params=dict(secret='Secret-pass1'))],
                          shared=dict(login_password='Login-pass1'))

    result = items.masked(items.run_plans(plans, dict(TASK_VARS), template, False, ClientFactory()), secrets)

    text = json.dumps(result)
    assert secrets == {'Secret-pass1', 'Login-pass1'}
    assert 'Secret-pass1' not in text
    assert 'Login-pass1' not in text
    assert result['items'][0]['msg'] == 'set the password to ********'


def test_secrets_of_loop_elements_masked(install):
    install('ipro_fake', FakeLogic(result=dict(note='password Viewer-pass1 set')))
    users = item(id='2.4', loop=[dict(name='viewer', secret='Viewer-pass1')])
    plans, secrets = plan([users])

    result = items.masked(items.run_plans(plans, dict(TASK_VARS), template, False, ClientFactory()), secrets)

    assert 'Viewer-pass1' not in json.dumps(result)
    assert result['items'][0]['results'][0]['item'] == 'viewer'


def test_masked_without_secrets_unchanged():
    result = dict(changed=False, msg='ok')

    assert items.masked(result, set()) is result


def test_diff_list_has_headers(install):
    install('ipro_fake', FakeLogic(changed=lambda params: params.get('name') != 'operator'))
    item_list = [item(id='2.5', title='Use Digest authentication'),
                 item(id='2.6', title='Unchanged', params=dict(name='operator')),
                 item(id='2.4', title='Create accounts', loop=['viewer', 'operator'])]

    result = run(item_list)

    headers = [(d['before_header'], d['after_header']) for d in result['diff']]
    assert headers == [('2.5 Use Digest authentication', '2.5 Use Digest authentication'),
                       ('2.4 Create accounts (viewer)', '2.4 Create accounts (viewer)')]
    assert result['diff'][1]['after'] == dict(value='viewer')
    assert all('diff' not in entry for entry in result['items'])
    assert all('diff' not in part for part in result['items'][2]['results'])


def test_diff_header_without_title(install):
    install('ipro_fake', FakeLogic())

    result = run([item(id='2.5')])

    assert result['diff'][0]['before_header'] == '2.5'


def test_commands_prefixed_by_section(install):
    install('ipro_fake', FakeLogic())

    result = run([item(id='2.5', params=dict(value='digest')), item(id='2.7', params=dict(value='ntp'))])

    assert result['commands'] == ['2.5: setdata VALUE=digest', '2.7: setdata VALUE=ntp']


def test_summary_names_repeated_section_once(install):
    install('ipro_fake', FakeLogic())

    result = run([item(id='2.4', loop=['viewer']), item(id='2.4', loop=['guest'], params=dict(state='absent'))],
                 check_mode=True)

    assert result['msg'] == 'would change 2.4 of 2 items'


def test_nothing_changed_summary(install):
    install('ipro_fake', FakeLogic(changed=False))

    result = run([item(id='2.5'), item(id='2.7')])

    assert result['changed'] is False
    assert result['msg'] == 'changed none of 2 items'
    assert result['diff'] == []
    assert 'ansible_facts' not in result
    assert 'warnings' not in result


# Real module logic over one in-memory camera.

class SessionFakeClient(FakeClient):
    """FakeClient with the session parts the runner uses."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.warnings = []
        self.known_capabilities = None
        self.read_cache = None

    def close(self):
        pass


def test_real_modules_idempotent():
    camera = SessionFakeClient(settings={'TIMEADJUST': 'manual', 'NTPADD': '', 'NTPPORT': '123', 'AUDIO': 'mic'})
    item_list = [item(id='2.7', module='ipro_ntp', params=dict(mode='ntp', server_mode='manual', server='192.0.2.123')),
                 item(id='2.8', module='ipro_audio', requires='audio', params=dict(mode='off'))]

    checked = run(item_list, check_mode=True, factory=lambda conn: camera)
    writes_in_check_mode = list(camera.writes)
    first = run(item_list, factory=lambda conn: camera)
    writes_after_first = len(camera.writes)
    second = run(item_list, factory=lambda conn: camera)

    assert statuses(checked) == [('2.7', items.CHANGED), ('2.8', items.CHANGED)]
    assert writes_in_check_mode == []
    assert statuses(first) == [('2.7', items.CHANGED), ('2.8', items.CHANGED)]
    assert camera.settings['TIMEADJUST'] == 'ntp'
    assert camera.settings['AUDIO'] == 'off'
    assert statuses(second) == [('2.7', items.OK), ('2.8', items.OK)]
    assert second['changed'] is False
    assert len(camera.writes) == writes_after_first
