# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Apply a list of guide items to one camera in one task.

The level roles describe their items as data: the guide section, the ipro_*
module whose logic applies it, that module's options and the variable that
switches it. ipro_items runs the items in order over one session. Against a
fleet this replaces some thirty tasks per camera with one, and Ansible's cost
per task and camera was most of a run's time (docs/benchmarks.md).

Every item is validated before the first request, so bad input fails the
whole camera before anything is sent.
"""

from __future__ import annotations

import importlib
import json
import pkgutil

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.common.parameters import remove_values

from ansible_collections.ipro.camera.plugins.module_utils import cgi, info
from ansible_collections.ipro.camera.plugins.module_utils.connection import (
    CONNECTION_SPEC, connection_from_params, fill_connection, prepare_task)
from ansible_collections.ipro.camera.plugins.module_utils.errors import CameraError, OptionError

MODULES_PACKAGE = 'ansible_collections.ipro.camera.plugins.modules.'
# ipro_items itself and the modules that only summarize other results cannot be items.
NOT_ITEMS = ('ipro_items', 'ipro_audit', 'ipro_report')

CHANGED = 'changed'
OK = 'ok'
SKIPPED = 'skipped'
FAILED = 'failed'
NOT_RUN = 'not_run'


class ItemError(OptionError):
    """An item that cannot run as given, found before anything is sent."""

    def __init__(self, item, problem, fix=None):
        super().__init__('items', '%s: %s' % (label(item), problem), fix)


def label(item):
    return ('%s %s' % (item['id'], item.get('title') or '')).strip()


def load_module(name):
    """Return (argument spec, spec options, logic) of an ipro_* module given by short or full name."""
    short = name.rsplit('.', 1)[-1]
    if not short.startswith('ipro_') or short in NOT_ITEMS:
        raise ValueError(short)
    module = importlib.import_module(MODULES_PACKAGE + short)
    return module.ARGUMENT_SPEC, getattr(module, 'SPEC_OPTIONS', {}), module.LOGIC


def preload_modules():
    """Import every module that can be an item.

    The action plugin calls this when Ansible's main process loads it. Each task
    of each camera runs in a new fork of that process, so modules imported there
    are not imported again per camera: that import cost 50 ms of CPU per camera.
    """
    package = importlib.import_module(MODULES_PACKAGE.rstrip('.'))
    for module in pkgutil.iter_modules(package.__path__):
        if module.name.startswith('ipro_') and module.name not in NOT_ITEMS:
            load_module(module.name)


class Plan:
    """One item as it will run: its validated option sets, or why it does not run."""

    def __init__(self, item):
        self.item = item
        self.spec = self.spec_options = self.logic = None
        self.runs = []
        self.skip = None

    def skipped(self, reason, **flags):
        self.skip = dict(status=SKIPPED, skipped=True, msg='%s skipped: %s' % (self.item['id'], reason), **flags)
        return self


def plan_items(items, shared, task_vars, template, enabled, selected, capabilities):
    """Validate every item and return its Plan; raise ItemError on the first bad one.

    `enabled` and `selected` are callables taking an item; `capabilities` maps
    capability names to booleans when an earlier task read them, else None.
    Returns (plans, secrets): the values of every no_log option, to be masked.
    """
    plans, secrets = [], set()
    for item in items:
        plan = Plan(item)
        plans.append(plan)
        if not selected(item):
            plan.skipped('not selected by --tags or --skip-tags', not_selected=True)
            continue
        if not enabled(item):
            plan.skipped('switched off by %s' % item['switch'], switched_off=item['switch'])
            continue
        if capabilities is not None and _missing(item, capabilities):
            plan.skipped('this model has no %s' % item['requires'], missing_capability=item['requires'])
            continue
        if item.get('input_error'):
            raise ItemError(item, item['input_error'])

        try:
            plan.spec, plan.spec_options, plan.logic = load_module(item['module'])
        except (ValueError, ImportError):
            raise ItemError(item, 'module %r is not an ipro.camera module that changes settings' % item['module'],
                            'name one of the ipro_* modules, for example ipro_ntp') from None
        for options, element_label in _option_sets(item):
            params = _validated(plan, dict(shared, **options), secrets)
            _check_rules(plan, params, task_vars, template)
            plan.runs.append((params, element_label))
    return plans, secrets


def _check_rules(plan, params, task_vars, template):
    """Run the module's own checks, naming the item when one of its options is invalid.

    A level has several items with options of the same name (port, mode), so
    the option's name alone does not tell which item to fix.
    """
    try:
        # Connection options are filled again when the item runs, from the facts of the items before it.
        prepare_task(plan.logic, plan.spec, dict(params), task_vars, template)
    except ItemError:
        raise
    except OptionError as exc:
        if exc.option in CONNECTION_SPEC:
            raise
        raise ItemError(plan.item, 'option %s: %s' % (exc.option, exc.problem), exc.fix) from None


def _missing(item, capabilities):
    return bool(item.get('requires')) and not capabilities.get(item['requires'], False)


def _option_sets(item):
    """Yield (options, label) once, or once per element of the item's loop."""
    params = dict(item.get('params') or {})
    if item.get('loop') is None:
        yield params, None
        return
    for element in item['loop']:
        if isinstance(element, dict):
            yield dict(params, **element), element.get(item['loop_param'])
        else:
            yield dict(params, **{item['loop_param']: element}), element


def _validated(plan, params, secrets):
    item = plan.item
    unknown = sorted(set(params) - set(plan.spec))
    if unknown:
        raise ItemError(item, 'module %s has no option %s' % (item['module'], ', '.join(unknown)),
                        'remove it or correct its name')
    validation = ArgumentSpecValidator(plan.spec, **plan.spec_options).validate(params)
    secrets.update(validation._no_log_values)
    if validation.error_messages:
        raise ItemError(item, '; '.join(validation.error_messages),
                        'correct the value in the variable this item takes it from')
    return validation.validated_parameters


class Session:
    """The client of the items so far, replaced when an item's connection differs (as after HTTPS is on)."""

    def __init__(self, client_factory, known_capabilities):
        self.client_factory = client_factory
        self.known = known_capabilities
        self.client = None
        self.warnings = []

    def client_for(self, conn):
        if self.client is not None and vars(self.client.conn) == vars(conn):
            return self.client
        self.close()
        self.client = self.client_factory(conn)
        self.client.read_cache = {}
        if self.known:
            self.client.known_capabilities = dict(self.known)
        return self.client

    def close(self):
        if self.client is not None:
            self.warnings.extend(w for w in self.client.warnings if w not in self.warnings)
            self.client.close()
            self.client = None


def read_capabilities(shared, task_vars, template, session):
    """Read the model's capabilities over the session's first connection; return (by name, as read).

    Runs before plan_items when no earlier task read them, so that an item the
    model lacks is skipped instead of rejected for its input. It is the one
    request before the items are validated, and it changes nothing.
    """
    params = dict(shared)
    fill_connection(params, task_vars, template)
    conn = connection_from_params(params, name=task_vars.get('inventory_hostname'))
    raw = session.client_for(conn).capabilities()
    session.known = raw
    return info.capabilities(raw), raw


def run_plans(plans, task_vars, template, check_mode, client_factory, session=None):
    """Run the plans in order and return the task result.

    Stops at the first failed item: the result names the items applied before
    it and those not run. In check mode, an item with `check_mode_stop` that
    would change ends the run the same way, without failing. `session` is the
    one read_capabilities used, if any, so that its connection is reused.
    """
    item_vars = dict(task_vars)
    if session is None:
        known = task_vars.get(info.CAPABILITIES_FACT)
        session = Session(client_factory, known if isinstance(known, dict) else None)
    results, facts, stop = [], {}, None
    try:
        for plan in plans:
            if stop is not None:
                results.append(_entry(plan.item, dict(status=NOT_RUN, msg='%s not run: %s' % (plan.item['id'], stop))))
                continue
            if plan.skip is not None:
                results.append(_entry(plan.item, plan.skip))
                continue
            entry = _run_plan(plan, item_vars, template, check_mode, session)
            results.append(entry)
            facts.update(entry.pop('ansible_facts', {}))
            item_vars.update(facts)
            if facts.get(info.CAPABILITIES_FACT):
                session.known = facts[info.CAPABILITIES_FACT]
            if entry['status'] == FAILED:
                stop = 'item %s failed before it' % plan.item['id']
            elif check_mode and entry['changed'] and plan.item.get('check_mode_stop'):
                stop = plan.item['check_mode_stop']
                session.warnings.append('%s: %s; the items after it were not checked' % (plan.item['id'], stop))
    finally:
        session.close()
    return _task_result(results, facts, session.warnings, check_mode, stop)


def _run_plan(plan, item_vars, template, check_mode, session):
    item = plan.item
    outcomes = []
    try:
        for params, element_label in plan.runs:
            params = dict(params)
            conn = prepare_task(plan.logic, plan.spec, params, item_vars, template)
            client = session.client_for(conn)
            if _missing(item, info.capabilities(client.capabilities())):
                return _entry(item, plan.skipped('this model has no %s' % item['requires'],
                                                 missing_capability=item['requires']).skip)
            outcome = plan.logic.apply(client, params, check_mode and not item.get('read_only'))
            # A loop element's facts, such as a new protocol, decide how the next element connects.
            item_vars.update(outcome.get('ansible_facts') or {})
            if element_label is not None:
                outcome['item'] = element_label
            outcomes.append(outcome)
    except (CameraError, OptionError) as exc:
        failure = dict(exc.result) if isinstance(exc, CameraError) else {}
        failure.update(status=FAILED, failed=True, msg='%s failed: %s' % (label(item), exc))
        if outcomes:
            # The elements before the failure were applied: keep their writes and facts in the result.
            failure['results'] = outcomes
            failure['commands'] = _commands(outcomes) + list(failure.get('commands') or [])
            _move_facts(outcomes, failure)
        return _entry(item, failure)

    if plan.item.get('loop') is None:
        outcome = outcomes[0]
    else:
        outcome = dict(results=outcomes, changed=any(o.get('changed') for o in outcomes),
                       commands=_commands(outcomes))
        _move_facts(outcomes, outcome)
    outcome['status'] = CHANGED if outcome.get('changed') else OK
    return _entry(item, outcome)


def _commands(outcomes):
    return [command for outcome in outcomes for command in outcome.get('commands') or []]


def _move_facts(parts, outcome):
    """Move the facts of a loop's elements to the item's outcome, where run_plans collects them."""
    facts = {}
    for part in parts:
        facts.update(part.pop('ansible_facts', None) or {})
    if facts:
        outcome['ansible_facts'] = facts


def _without_diff(entry):
    """Return the entry without its diff, which the task's diff list already shows with a header."""
    entry.pop('diff', None)
    for part in entry.get('results') or []:
        part.pop('diff', None)
    return entry


def _entry(item, outcome):
    entry = dict(id=item['id'], title=item.get('title') or '', module=item['module'].rsplit('.', 1)[-1],
                 changed=False)
    entry.update(outcome)
    return entry


def _task_result(results, facts, warnings, check_mode, stop=None):
    changed = [r for r in results if r['status'] == CHANGED]
    result = dict(changed=bool(changed), diff=_diffs(results),
                  commands=['%s: %s' % (r['id'], c) for r in results for c in r.get('commands') or []],
                  msg=_summary(results, check_mode, stop))
    result['items'] = [_without_diff(entry) for entry in results]
    failed = [r for r in results if r['status'] == FAILED]
    if failed:
        result['failed'] = True
    if facts:
        result['ansible_facts'] = facts
    if warnings:
        result['warnings'] = list(warnings)
    return result


def _diffs(results):
    diffs = []
    for entry in results:
        for part in entry.get('results') or [entry]:
            diff = part.get('diff')
            if not part.get('changed') or not isinstance(diff, dict):
                continue
            header = label(entry) + (' (%s)' % part['item'] if 'item' in part else '')
            diffs.append(dict(diff, before_header=header, after_header=header))
    return diffs


def _summary(results, check_mode, stop):
    def ids(status, **flag):
        return [r['id'] for r in results if r['status'] == status and all(r.get(k) for k in flag)]

    failed = [r for r in results if r['status'] == FAILED]
    verb = 'would change' if check_mode else 'changed'
    parts = ['%s %s of %d items' % (verb, _list(ids(CHANGED)) or 'none', len(results))]
    not_applicable = ids(SKIPPED, missing_capability=True)
    if not_applicable:
        parts.append('not applicable to this model: ' + _list(not_applicable))
    not_run = ids(NOT_RUN)
    if failed:
        parts.insert(0, failed[0]['msg'])
        parts.append('not run: %s; fix the failure and rerun, the items already applied stay applied'
                     % (_list(not_run) or 'none'))
    elif not_run:
        parts.append('not checked: %s (%s)' % (_list(not_run), stop))
    return '; '.join(parts)


def _list(ids):
    return ', '.join(dict.fromkeys(ids))


def masked(result, secrets):
    """Return the result with every no_log value of the items masked."""
    return remove_values(result, secrets) if secrets else result


ITEM_OPTIONS = dict(
    id=dict(type='str', required=True),
    title=dict(type='str', default=''),
    module=dict(type='str', required=True),
    params=dict(type='dict', default={}),
    switch=dict(type='str'),
    requires=dict(type='str', choices=list(cgi.CAPABILITY_FEATURES)),
    input_error=dict(type='str', default=''),
    loop=dict(type='list', elements='raw'),
    loop_param=dict(type='str', default='name'),
    read_only=dict(type='bool', default=False),
    check_mode_stop=dict(type='str', default=''),
    tags=dict(type='list', elements='str', default=[]),
)

ARGUMENT_SPEC = dict(
    CONNECTION_SPEC,
    items=dict(type='list', elements='dict', options=ITEM_OPTIONS),
    item_variables=dict(type='list', elements='str'),
)
SPEC_OPTIONS = dict(mutually_exclusive=[('items', 'item_variables')],
                    required_one_of=[('items', 'item_variables')])


def plain(value):
    """Return `value` as plain JSON types.

    Templated values carry Ansible's tags, and copying them is slow: the
    argument check copies its input, which cost 19 ms of CPU per camera for
    the items of the Standard level.
    """
    return json.loads(json.dumps(value))


def validated_arguments(arguments):
    """Check the task's arguments (already plain) and return (params, error messages)."""
    validation = ArgumentSpecValidator(ARGUMENT_SPEC, **SPEC_OPTIONS).validate(arguments)
    return validation.validated_parameters, validation.error_messages


def _without_omitted(value, token):
    """Drop the values that are the omit placeholder, which ansible-core before 2.19 leaves in variables."""
    if not isinstance(token, str):
        return value
    if isinstance(value, dict):
        return {key: _without_omitted(item, token) for key, item in value.items() if item != token}
    if isinstance(value, list):
        return [_without_omitted(item, token) for item in value if item != token]
    return value


def items_from_variables(names, task_vars, template):
    """Return the items of the lists in the variables `names`, checked like the items option."""
    collected = []
    for name in names:
        if name not in task_vars:
            raise OptionError('item_variables', 'variable %s is not defined' % name,
                              'define it as a list of items, or remove it from item_variables')
        value = template(task_vars[name])
        if not isinstance(value, list):
            raise OptionError('item_variables', 'variable %s is not a list of items' % name,
                              'define it as a list of items')
        collected.extend(value)
    collected = _without_omitted(plain(collected), task_vars.get('omit'))
    params, errors = validated_arguments(dict(items=collected))
    if errors:
        raise OptionError('item_variables', '; '.join(errors), 'correct the items in those variables')
    return params['items']
