# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Classify the check-mode results of a level role into audit records.

The level roles register the result of their ipro_items task as
`ipro_items_<level>`, with one entry per guide item; a task of the user's own
may register an item's result as `ipro_item_<section>` (dots become
underscores). audit.yml runs a role in check mode, so the audit reports exactly
what `harden.yml --check` decides: a changed result is drift, an unchanged one
compliant, a skipped one not applicable, a failed or unrun one an error.
"""

from __future__ import annotations

import re

REGISTER_PREFIX = 'ipro_item_'
ITEMS_REGISTERS = ('ipro_items_entry', 'ipro_items_standard', 'ipro_items_advanced')
NOT_RUN = 'not_run'
COMPLIANT = 'compliant'
DRIFT = 'drift'
NOT_APPLICABLE = 'not_applicable'
ERROR = 'error'


def register_name(section):
    return REGISTER_PREFIX + section.replace('.', '_')


def _differences(before, after):
    """Return (expected, actual) holding only the keys whose values differ."""
    if not isinstance(before, dict) or not isinstance(after, dict):
        return after, before
    keys = sorted(set(before) | set(after), key=str)
    changed = [key for key in keys if before.get(key) != after.get(key)]
    return {key: after.get(key) for key in changed}, {key: before.get(key) for key in changed}


def from_items(items_results):
    """Return {register name: result} from the registered results of ipro_items tasks.

    Entries of one section (2.4 creates and removes accounts) become one loop result.
    """
    parts = {}
    for items_result in items_results:
        for entry in (items_result or {}).get('items') or []:
            parts.setdefault(register_name(entry['id']), []).append(entry)
    registered = {}
    for name, entries in parts.items():
        if len(entries) == 1 and not entries[0].get('failed'):
            registered[name] = entries[0]
        else:
            registered[name] = dict(results=[part for entry in entries for part in _loop_parts(entry)])
    return registered


def _loop_parts(entry):
    """Return an entry's element results, or the entry itself.

    A failed entry stays whole: its results hold only the elements applied
    before the failure, and classify would read them as drift or compliant.
    """
    if entry.get('results') and not entry.get('failed'):
        return entry['results']
    return [entry]


def _skip_reason(result, model):
    if result.get('switched_off'):
        return 'switched off by %s' % result['switched_off']
    if result.get('missing_capability'):
        return 'model %s has no %s' % (model or 'of this camera', result['missing_capability'])
    if result.get('not_selected'):
        return 'not selected by --tags or --skip-tags'
    condition = str(result.get('false_condition') or '')
    switch = re.search(r'(ipro_\w+_enabled)', condition)
    if switch:
        return 'switched off by %s' % switch.group(1)
    capability = re.search(r'capabilities(?:\.|\[.)(\w+)', condition)
    if capability:
        return 'model %s has no %s' % (model or 'of this camera', capability.group(1))
    if result.get('skipped_reason') == 'No items in the list':
        return 'nothing configured for this item'
    return 'skipped: %s' % condition if condition else 'skipped'


def _diff_of(result):
    diff = result.get('diff') or dict(before=result.get('before'), after=result.get('after'))
    if isinstance(diff, list):
        diff = diff[0] if diff else {}
    return diff.get('before'), diff.get('after')


def classify(result, model=None):
    """Return {status, expected, actual, reason} for one registered task result."""
    if result is None:
        return dict(status=ERROR, expected=None, actual=None, reason='the item did not run')
    # A loop's own skipped and failed flags carry only 'All items skipped' or 'One or more items failed',
    # so its reasons come from the item results. An empty loop has none and falls through to skipped.
    if result.get('results'):
        return _classify_loop(result['results'], model)
    if result.get('skipped'):
        return dict(status=NOT_APPLICABLE, expected=None, actual=None, reason=_skip_reason(result, model))
    if result.get('failed') or result.get('status') == NOT_RUN:
        return dict(status=ERROR, expected=None, actual=None, reason=str(result.get('msg') or 'failed'))

    if result.get('changed'):
        expected, actual = _differences(*_diff_of(result))
        return dict(status=DRIFT, expected=expected, actual=actual, reason=None)
    mismatches = result.get('mismatches')
    if mismatches:
        expected = {'%s/%s' % (m['service'], m['port']): m['expected'] for m in mismatches}
        actual = {'%s/%s' % (m['service'], m['port']): m['actual'] for m in mismatches}
        return dict(status=DRIFT, expected=expected, actual=actual, reason='ports differ from the settings')
    return dict(status=COMPLIANT, expected=None, actual=None, reason=None)


def _classify_loop(results, model):
    failed = [r for r in results if r.get('failed') or r.get('status') == NOT_RUN]
    if failed:
        return dict(status=ERROR, expected=None, actual=None, reason=str(failed[0].get('msg') or 'failed'))
    changed = [r for r in results if r.get('changed')]
    if not changed:
        if results and all(r.get('skipped') for r in results):
            return classify(results[0], model)
        return dict(status=COMPLIANT, expected=None, actual=None, reason=None)
    expected, actual = {}, {}
    for item_result in changed:
        label = str(item_result.get('item', len(expected)))
        before, after = _diff_of(item_result)
        expected[label], actual[label] = after, before
    return dict(status=DRIFT, expected=expected, actual=actual, reason=None)


def site_of(group_names, override=None, prefix='cameras_'):
    """Return the camera's site: `override`, else its first group named `<prefix>...`."""
    if override:
        return str(override)
    for group in sorted(group_names or []):
        if group.startswith(prefix):
            return group[len(prefix):]
    return 'default'


def camera_record(name, address, level, identity, registered, sections, error=None, site='default'):
    """Build the audit record of one camera.

    `registered` maps register names to results; `sections` lists the guide
    items of the camera's level. A camera-wide `error` marks every item whose
    result is missing.
    """
    camera = (identity or {}).get('camera') or {}
    model = camera.get('model')
    items = []
    for section in sections:
        result = registered.get(register_name(section))
        if result is None and error:
            item = dict(status=ERROR, expected=None, actual=None, reason=error)
        else:
            item = classify(result, model)
        items.append(dict(section=section, **item))
    return dict(name=name, site=site, address=address, level=level, model=model,
                firmware=camera.get('firmware_version'), serial=camera.get('serial'), error=error, items=items)


# Guide items per level, in the order the roles apply them; each level includes the ones below.
LEVEL_SECTIONS = {
    'entry': ('2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7', '2.8', '2.9'),
    'standard': ('3.1', '3.2.1', '3.2.2', '3.2.3', '3.2.4', '3.2.5', '3.3', '3.4', '3.5', '3.6', '3.7', '3.8'),
    'advanced': ('4.1', '4.2', '5.3'),
}
LEVELS = ('entry', 'standard', 'advanced')


def sections_for(level):
    """Return the guide sections of `level` and the levels below it."""
    sections = []
    for name in LEVELS[:LEVELS.index(level) + 1]:
        sections.extend(LEVEL_SECTIONS[name])
    return sections
