# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Validation of the audit records that ipro_report renders.

`prepare_cameras` checks the records before any report is written, adds each
item's guide data, and sorts cameras by site and name and items in guide order,
so the same records always render to the same bytes. Errors are OptionErrors
that name the record, the value and the fix.
"""

from __future__ import annotations

import math
import re

from ansible_collections.ipro.camera.plugins.module_utils import guide
from ansible_collections.ipro.camera.plugins.module_utils.errors import OptionError

STATUSES = ('compliant', 'drift', 'error', 'not_applicable')
MASK = '********'
META_KEYS = ('generated_at', 'playbook', 'level_filter', 'ansible_version', 'collection_version')
CAMERA_KEYS = ('name', 'site', 'address', 'model', 'firmware', 'serial', 'level', 'error', 'items')
ITEM_KEYS = ('section', 'status', 'expected', 'actual', 'reason')
GENERATED_AT = re.compile(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|\+00:00)$')

# Option names that carry a secret. The audit masks secrets before they reach the report, and this
# second check masks any value under such a name that arrives in clear.
SECRET_OPTION = re.compile(r'password|passphrase|community|secret', re.IGNORECASE)


def prepare_meta(meta):
    """Return `meta` with every known key, each a string or None."""
    meta = meta or {}
    if not isinstance(meta, dict):
        raise OptionError('meta', 'value of type %s is not a dict' % type(meta).__name__,
                          'give a dict with the keys %s' % ', '.join(META_KEYS))
    _check_keys('meta', meta, META_KEYS)

    prepared = {key: _text('meta.%s' % key, meta.get(key)) for key in META_KEYS}
    generated_at = prepared['generated_at']
    if generated_at is not None and not GENERATED_AT.fullmatch(generated_at):
        raise OptionError('meta.generated_at', 'value %r is not an ISO 8601 time in UTC' % generated_at,
                          'use the form 2024-05-01T12:00:00Z, for example ansible_date_time.iso8601')
    return prepared


def prepare_cameras(cameras):
    """Return validated copies of the camera records, sorted, with guide data on every item."""
    if not isinstance(cameras, list):
        raise OptionError('cameras', 'value of type %s is not a list' % type(cameras).__name__,
                          'give a list with one dict per camera')

    prepared = [_prepare_camera('cameras[%d]' % index, camera) for index, camera in enumerate(cameras)]

    seen = set()
    for camera in prepared:
        if camera['name'] in seen:
            raise OptionError('cameras', 'camera name %r appears more than once' % camera['name'],
                              'give one record per camera')
        seen.add(camera['name'])

    prepared.sort(key=lambda camera: (camera['site'], camera['name']))
    return prepared


def camera_counts(camera):
    """Return {status: number of items} for one prepared camera."""
    counts = {status: 0 for status in STATUSES}
    for item in camera['items']:
        counts[item['status']] += 1
    return counts


def is_compliant(camera):
    """Tell whether a camera was audited without an error and has no drifted or failed item."""
    counts = camera_counts(camera)
    return camera['error'] is None and counts['drift'] == 0 and counts['error'] == 0


def _prepare_camera(where, camera):
    if not isinstance(camera, dict):
        raise OptionError(where, 'value of type %s is not a dict' % type(camera).__name__,
                          'give a dict with the keys %s' % ', '.join(CAMERA_KEYS))
    _check_keys(where, camera, CAMERA_KEYS)

    prepared = {key: _text('%s.%s' % (where, key), camera.get(key)) for key in CAMERA_KEYS[:-1]}
    for key in ('name', 'site'):
        if not prepared[key]:
            raise OptionError('%s.%s' % (where, key), 'is missing or empty', 'give the camera\'s %s' % key)
    if prepared['level'] not in guide.LEVELS:
        raise OptionError('%s.level' % where, 'value %r is not a protection level' % (prepared['level'],),
                          'use one of %s' % ', '.join(guide.LEVELS))

    items = camera.get('items')
    if items is None:
        items = []
    if not isinstance(items, list):
        raise OptionError('%s.items' % where, 'value of type %s is not a list' % type(items).__name__,
                          'give a list with one dict per guide item')
    where = '%s (%s)' % (where, prepared['name'])
    prepared['items'] = [_prepare_item('%s.items[%d]' % (where, index), item) for index, item in enumerate(items)]

    sections = [item['section'] for item in prepared['items']]
    duplicates = sorted(set(section for section in sections if sections.count(section) > 1), key=guide.ORDER.get)
    if duplicates:
        raise OptionError('%s.items' % where, 'section %s appears more than once' % ', '.join(duplicates),
                          'give one record per camera and guide item')
    prepared['items'].sort(key=lambda item: guide.ORDER[item['section']])
    return prepared


def _prepare_item(where, item):
    if not isinstance(item, dict):
        raise OptionError(where, 'value of type %s is not a dict' % type(item).__name__,
                          'give a dict with the keys %s' % ', '.join(ITEM_KEYS))
    _check_keys(where, item, ITEM_KEYS)

    section = _text('%s.section' % where, item.get('section'))
    if section not in guide.BY_SECTION:
        raise OptionError('%s.section' % where, 'value %r is not a section of the hardening guide' % (section,),
                          'use one of %s' % ', '.join(guide.BY_SECTION))
    status = item.get('status')
    if status not in STATUSES:
        raise OptionError('%s.status' % where, 'value %r is not a status' % (status,),
                          'use one of %s' % ', '.join(STATUSES))

    entry = guide.BY_SECTION[section]
    return {
        'section': section,
        'level': entry.level,
        'title': entry.title,
        'iec62443': list(entry.iec62443),
        'etsi': list(entry.etsi),
        'status': status,
        'expected': _settings('%s.expected' % where, item.get('expected')),
        'actual': _settings('%s.actual' % where, item.get('actual')),
        'reason': _text('%s.reason' % where, item.get('reason')),
    }


def _settings(where, values):
    """Copy a dict of option values, masking any secret that arrives in clear."""
    if values is None:
        return None
    if not isinstance(values, dict):
        raise OptionError(where, 'value of type %s is not a dict' % type(values).__name__,
                          'give a dict of option names to values, or null')

    copied = {}
    for option, value in values.items():
        option = str(option)
        if SECRET_OPTION.search(option) and isinstance(value, str) and value not in ('', MASK):
            value = MASK
        copied[option] = _plain('%s.%s' % (where, option), value)
    return copied


def _plain(where, value):
    """Copy a JSON value into plain Python types, so every report serializes it alike."""
    if value is None or isinstance(value, bool):
        return None if value is None else bool(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float) and math.isfinite(value):
        return float(value)
    if isinstance(value, (list, tuple)):
        return [_plain('%s[%d]' % (where, index), element) for index, element in enumerate(value)]
    if isinstance(value, dict):
        return {str(key): _plain('%s.%s' % (where, key), element) for key, element in value.items()}
    raise OptionError(where, 'value of type %s cannot be reported' % type(value).__name__,
                      'give a string, number, boolean, list, dict or null')


def _text(where, value):
    """Return a descriptive field as a string, or None when it is unset."""
    if value is None:
        return None
    if isinstance(value, str):
        return str(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise OptionError(where, 'value of type %s is not a string' % type(value).__name__, 'give a string or null')


def _check_keys(where, record, known):
    unknown = sorted(str(key) for key in record if key not in known)
    if unknown:
        raise OptionError(where, 'unknown key %s' % ', '.join(repr(key) for key in unknown),
                          'use only %s' % ', '.join(known))
