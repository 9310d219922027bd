# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Render drift-audit records as JSON, JUnit XML and HTML reports.

Input is a list of camera records, as documented in the ipro_report module:
`{name, site, address, model, firmware, serial, level, error, items}` with
items `{section, status, expected, actual, reason}`. Secrets in `expected` and
`actual` arrive masked and stay masked. Every function validates its input
first and raises OptionError on a bad record. Output depends only on the input:
the same records and meta render to the same bytes.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from ansible_collections.ipro.camera.plugins.module_utils import guide
from ansible_collections.ipro.camera.plugins.module_utils.report_html import render_html
from ansible_collections.ipro.camera.plugins.module_utils.report_input import (
    STATUSES, camera_counts, is_compliant, prepare_cameras, prepare_meta)

SCHEMA_VERSION = 1
FILE_NAMES = {'json': 'report.json', 'junit': 'report.xml', 'html': 'report.html'}

# Characters that XML 1.0 does not allow, even escaped.
XML_INVALID = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]')


WORST_CAMERAS = 5


def summarize(cameras):
    """Count the audit results by status, site, guide level and guide item."""
    return _summary(prepare_cameras(cameras))


def to_json(cameras, meta=None):
    """Render the report as JSON text: meta, summary, cameras, and one record per camera and item."""
    prepared = prepare_cameras(cameras)
    return _json(prepared, _summary(prepared), prepare_meta(meta))


def to_junit(cameras, meta=None):
    """Render the report as JUnit XML: one testsuite per camera, one testcase per guide item."""
    return _junit(prepare_cameras(cameras), prepare_meta(meta))


def to_html(cameras, meta=None):
    """Render the report as one self-contained HTML page."""
    prepared = prepare_cameras(cameras)
    return render_html(prepared, _summary(prepared), prepare_meta(meta))


def render_reports(cameras, meta, formats):
    """Validate the records once and return {file name: text} for each format in `formats`."""
    prepared = prepare_cameras(cameras)
    meta = prepare_meta(meta)
    summary = _summary(prepared)

    texts = {}
    if 'json' in formats:
        texts[FILE_NAMES['json']] = _json(prepared, summary, meta)
    if 'junit' in formats:
        texts[FILE_NAMES['junit']] = _junit(prepared, meta)
    if 'html' in formats:
        texts[FILE_NAMES['html']] = render_html(prepared, summary, meta)
    return texts, summary


def _summary(cameras):
    by_status = dict.fromkeys(STATUSES, 0)
    by_site = {}
    by_level = {level: dict.fromkeys(STATUSES, 0) for level in guide.LEVELS}
    by_item = {}
    cameras_by_level = dict.fromkeys(guide.LEVELS, 0)
    compliant = with_drift = with_errors = 0
    worst = []

    for camera in cameras:
        counts = camera_counts(camera)
        if counts['drift'] or counts['error'] or camera['error'] is not None:
            worst.append({'name': camera['name'], 'drift': counts['drift'], 'error': counts['error']})
        site = by_site.setdefault(camera['site'], {'cameras': 0, 'cameras_compliant': 0,
                                                   'by_status': dict.fromkeys(STATUSES, 0)})
        site['cameras'] += 1
        cameras_by_level[camera['level']] += 1
        if is_compliant(camera):
            compliant += 1
            site['cameras_compliant'] += 1
        with_drift += counts['drift'] > 0
        with_errors += camera['error'] is not None or counts['error'] > 0

        for item in camera['items']:
            status = item['status']
            by_status[status] += 1
            site['by_status'][status] += 1
            by_level[item['level']][status] += 1
            by_item.setdefault(item['section'], dict.fromkeys(STATUSES, 0))[status] += 1

    return {
        'cameras': len(cameras),
        'cameras_compliant': compliant,
        'cameras_with_drift': with_drift,
        'cameras_with_errors': with_errors,
        'cameras_by_level': cameras_by_level,
        'items': sum(by_status.values()),
        'by_status': by_status,
        'by_site': by_site,
        'by_level': by_level,
        'by_item': dict(sorted(by_item.items(), key=lambda pair: guide.ORDER[pair[0]])),
        # The cameras that need attention first: most errors, then most drift.
        'worst_cameras': sorted(worst, key=lambda c: (-c['error'], -c['drift'], c['name']))[:WORST_CAMERAS],
    }


def _json(cameras, summary, meta):
    """Write one camera and one record per line, so reports diff and grep well."""
    camera_lines = []
    record_lines = []
    for camera in cameras:
        described = {key: camera[key] for key in ('name', 'site', 'address', 'model', 'firmware', 'serial',
                                                  'level', 'error')}
        camera_lines.append(described)
        for item in camera['items']:
            record = {key: camera[key] for key in ('site', 'address', 'model', 'firmware', 'serial')}
            record['camera'] = camera['name']
            record.update(item)
            record_lines.append(record)

    def dump(value, indent=None):
        return json.dumps(value, indent=indent, sort_keys=True, ensure_ascii=False, allow_nan=False)

    def dump_lines(values):
        if not values:
            return '[]'
        return '[\n    ' + ',\n    '.join(dump(value) for value in values) + '\n  ]'

    head = {'schema_version': SCHEMA_VERSION, 'meta': meta, 'summary': summary}
    lines = ['{']
    for key in ('schema_version', 'meta', 'summary'):
        lines.append('  %s: %s,' % (dump(key), dump(head[key], 2).replace('\n', '\n  ')))
    lines.append('  "cameras": %s,' % dump_lines(camera_lines))
    lines.append('  "records": %s' % dump_lines(record_lines))
    lines.append('}')
    return '\n'.join(lines) + '\n'


def _junit(cameras, meta):
    totals = {'tests': 0, 'failures': 0, 'errors': 0, 'skipped': 0}
    root = ET.Element('testsuites', name='ipro.camera hardening audit')

    for camera in cameras:
        suite = ET.SubElement(root, 'testsuite', name=_xml(camera['name']))
        counts = _junit_cases(suite, camera)
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        if meta['generated_at']:
            suite.set('timestamp', meta['generated_at'])

    for key, value in totals.items():
        root.set(key, str(value))
    _indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding='unicode') + '\n'


def _junit_cases(suite, camera):
    """Add a camera's properties and testcases to `suite`; return its JUnit counts."""
    properties = ET.SubElement(suite, 'properties')
    for key in ('site', 'address', 'model', 'firmware', 'serial', 'level'):
        if camera[key] is not None:
            ET.SubElement(properties, 'property', name=key, value=_xml(camera[key]))

    # JUnit viewers split a classname at dots into a package tree, so dots inside a site or
    # camera name (an address, a domain name) become underscores to keep the tree 3 deep.
    classname = 'ipro.%s.%s' % (camera['site'].replace('.', '_'), camera['name'].replace('.', '_'))
    counts = {'tests': 0, 'failures': 0, 'errors': 0, 'skipped': 0}

    # A camera that could not be audited gets a testcase of its own, so a CI view
    # shows it as failed rather than as an empty, passing suite.
    if camera['error'] is not None:
        case = ET.SubElement(suite, 'testcase', classname=_xml(classname), name='audit')
        ET.SubElement(case, 'error', message=_xml(camera['error']), type='camera').text = _xml(camera['error'])
        counts['tests'] += 1
        counts['errors'] += 1

    for item in camera['items']:
        case = ET.SubElement(suite, 'testcase', classname=_xml(classname),
                             name='%s %s' % (item['section'], item['title']))
        counts['tests'] += 1
        status = item['status']
        if status == 'drift':
            element = ET.SubElement(case, 'failure', message=_xml(_drift_message(item)), type='drift')
            element.text = _xml(_drift_text(item))
            counts['failures'] += 1
        elif status == 'error':
            element = ET.SubElement(case, 'error', message=_xml(item['reason'] or 'error'), type='error')
            element.text = _xml(_drift_text(item))
            counts['errors'] += 1
        elif status == 'not_applicable':
            ET.SubElement(case, 'skipped', message=_xml(item['reason'] or 'not applicable'))
            counts['skipped'] += 1
    return counts


def _drift_message(item):
    changed = sorted(key for key in set(item['expected'] or {}) | set(item['actual'] or {})
                     if (item['expected'] or {}).get(key) != (item['actual'] or {}).get(key))
    text = 'drift in %s' % ', '.join(changed) if changed else 'drift'
    if item['reason']:
        text += ': ' + item['reason']
    return text


def _drift_text(item):
    lines = ['expected: %s' % json.dumps(item['expected'], sort_keys=True, ensure_ascii=False),
             'actual: %s' % json.dumps(item['actual'], sort_keys=True, ensure_ascii=False)]
    if item['reason']:
        lines.append('reason: %s' % item['reason'])
    return '\n'.join(lines)


def _indent(element, level=0):
    """Indent the tree by two spaces per level, like ElementTree.indent of Python 3.9 and later."""
    children = list(element)
    if not children:
        return
    element.text = '\n' + '  ' * (level + 1)
    for child in children:
        _indent(child, level + 1)
        child.tail = '\n' + '  ' * (level + 1)
    children[-1].tail = '\n' + '  ' * level


def _xml(text):
    """Replace the characters XML 1.0 cannot carry; ElementTree escapes the rest."""
    return XML_INVALID.sub('\ufffd', text)
