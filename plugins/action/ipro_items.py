# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run a list of guide items on one camera in one task (see module_utils/items.py)."""

from __future__ import annotations

from ansible.module_utils.parsing.convert_bool import boolean
from ansible.plugins.action import ActionBase

from ansible_collections.ipro.camera.plugins.module_utils import info, items
from ansible_collections.ipro.camera.plugins.module_utils.client import CameraClient
from ansible_collections.ipro.camera.plugins.module_utils.connection import CONNECTION_SPEC
from ansible_collections.ipro.camera.plugins.module_utils.errors import CameraError, OptionError

items.preload_modules()


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _supports_check_mode = True
    _supports_async = False

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        task_vars = task_vars or {}
        params, errors = items.validated_arguments(items.plain(self._task.args))
        if errors:
            return dict(result, failed=True, msg='; '.join(errors))
        if params['item_variables']:
            try:
                params['items'] = items.items_from_variables(params['item_variables'], task_vars,
                                                             self._templar.template)
            except OptionError as exc:
                return dict(result, failed=True, changed=False, msg=str(exc))

        shared = {option: params[option] for option in CONNECTION_SPEC if params.get(option) is not None}
        known = task_vars.get(info.CAPABILITIES_FACT)
        known = known if isinstance(known, dict) and known else None
        session = items.Session(CameraClient, known)
        capabilities = info.capabilities(known) if known else None
        facts = {}
        selected = _selection(task_vars.get('ansible_run_tags'), task_vars.get('ansible_skip_tags'))
        try:
            if capabilities is None and any(item.get('requires') for item in params['items']):
                capabilities, facts[info.CAPABILITIES_FACT] = items.read_capabilities(
                    shared, task_vars, self._templar.template, session)
            plans, secrets = items.plan_items(params['items'], shared, task_vars, self._templar.template,
                                              lambda item: self._switched_on(item, task_vars), selected,
                                              capabilities)
        except OptionError as exc:
            session.close()
            return dict(result, failed=True, changed=False, msg=str(exc))
        except CameraError as exc:
            session.close()
            return dict(result, failed=True, changed=False, msg=exc.message)

        outcome = items.run_plans(plans, task_vars, self._templar.template, bool(self._task.check_mode),
                                  CameraClient, session=session)
        if facts:
            outcome['ansible_facts'] = dict(facts, **outcome.get('ansible_facts', {}))
        result.update(items.masked(outcome, secrets))
        return result

    def _switched_on(self, item, task_vars):
        """Return the value of the item's switch variable; an item without a switch is on."""
        name = item.get('switch')
        if not name:
            return True
        if name not in task_vars:
            raise items.ItemError(item, 'switch variable %s is not defined' % name,
                                  'define it, or remove switch from the item')
        try:
            return boolean(self._templar.template(task_vars[name]), strict=True)
        except TypeError:
            raise items.ItemError(item, 'switch variable %s is %r, not true or false' % (name, task_vars[name]),
                                  'set it to true or false') from None


def _selection(run_tags, skip_tags):
    """Return whether an item is selected by --tags and --skip-tags, matched against its id and tags."""
    run_tags = set(run_tags or ['all'])
    skip_tags = set(skip_tags or [])

    def selected(item):
        tags = {item['id']} | set(item.get('tags') or [])
        requested = bool(run_tags & {'all', 'tagged', 'always'}) or bool(run_tags & tags)
        return requested and not skip_tags & tags

    return selected
