# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The HTML report: one self-contained page for operators and auditors.

Every value from the records passes through `html.escape`, in text and in
attributes. The matrix leaves out the optional `</td>` and `</tr>` end tags,
which HTML5 allows, because a fleet of 500 cameras and 24 items has 12,000
cells and each end tag would add 5 bytes to every one of them.
"""

from __future__ import annotations

import json
import math
from html import escape

from ansible_collections.ipro.camera.plugins.module_utils import guide
from ansible_collections.ipro.camera.plugins.module_utils.report_assets import SCRIPT, STYLE
from ansible_collections.ipro.camera.plugins.module_utils.report_input import camera_counts

CODES = {'compliant': 'c', 'drift': 'd', 'error': 'e', 'not_applicable': 'n'}
SYMBOLS = {'compliant': '\u2713', 'drift': '\u2717', 'error': '!', 'not_applicable': '\u2013'}
LABELS = {'compliant': 'compliant', 'drift': 'drift', 'error': 'error', 'not_applicable': 'not applicable'}
# Order of the status columns in the summary tables: the ones that need action first.
SHOWN = ('drift', 'error', 'compliant', 'not_applicable')
META_LABELS = (('playbook', 'Playbook'), ('level_filter', 'Levels'), ('ansible_version', 'ansible-core'),
               ('collection_version', 'ipro.camera'))
# Stands for an option that one side of a drift does not list, so it differs from any value.
_ABSENT = object()


def render_html(cameras, summary, meta):
    """Render prepared cameras, their summary and meta as the text of report.html."""
    sections = list(summary['by_item'])
    title = 'Camera hardening audit'
    if meta['generated_at']:
        title += ', ' + meta['generated_at']

    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        '<title>%s</title>\n<style>%s</style>\n</head>\n<body>\n' % (escape(title), STYLE),
        _header(summary, meta),
        '<main>\n',
        _summary_section(summary),
        _matrix_section(cameras, sections, summary),
        _details_section(cameras),
        _items_section(summary),
        '</main>\n<footer>Written by the ipro.camera collection (ipro_report), report schema version 1.</footer>\n',
        '<script>%s</script>\n</body>\n</html>\n' % SCRIPT,
    ]
    return ''.join(parts)


def _header(summary, meta):
    facts = []
    if meta['generated_at']:
        readable = meta['generated_at'].replace('T', ' ').replace('Z', ' UTC').replace('+00:00', ' UTC')
        facts.append('Generated <time datetime="%s">%s</time>' % (escape(meta['generated_at']), escape(readable)))
    facts.extend('%s %s' % (label, escape(meta[key])) for key, label in META_LABELS if meta[key])

    counts = summary['by_status']
    tiles = [
        '<li><b>%d</b>cameras</li>' % summary['cameras'],
        '<li><b>%d</b>cameras without drift or error</li>' % summary['cameras_compliant'],
        '<li><b>%s</b>of applicable checks compliant</li>' % _percent(counts),
    ]
    for status in SHOWN:
        tiles.append('<li class="%s"><b>%d</b>%s %s</li>' % (CODES[status], counts[status], SYMBOLS[status],
                                                             LABELS[status]))
    return ('<header>\n<h1>Camera hardening audit</h1>\n<p class="meta">%s</p>\n<ul class="totals">%s</ul>\n'
            '</header>\n' % (' \u00b7 '.join(facts) or 'No run details given', ''.join(tiles)))


def _summary_section(summary):
    status_heads = ''.join('<th class="%s" title="%s">%s</th>' % (CODES[status], LABELS[status], SYMBOLS[status])
                           for status in SHOWN)

    site_rows = []
    for site, entry in summary['by_site'].items():
        site_rows.append('<tr><th>%s</th><td class="r">%d</td><td class="r">%d</td>%s<td class="r">%s</td></tr>' % (
            escape(site), entry['cameras'], entry['cameras_compliant'], _status_cells(entry['by_status']),
            _percent(entry['by_status'])))

    level_rows = []
    for level in guide.LEVELS:
        counts = summary['by_level'][level]
        level_rows.append('<tr><th>%s</th><td class="r">%d</td><td class="r">%d</td>%s<td class="r">%s</td></tr>' % (
            level.capitalize(), summary['cameras_by_level'][level], sum(counts.values()), _status_cells(counts),
            _percent(counts)))

    return (
        '<section id="summary">\n<h2>Summary</h2>\n<div class="cols">\n'
        '<table><caption>By site</caption><thead><tr><th>Site</th><th>Cameras</th>'
        '<th>Without drift or error</th>%s<th>Compliant</th></tr></thead>\n<tbody>%s</tbody></table>\n'
        '<table><caption>By guide level</caption><thead><tr><th>Level</th><th>Cameras audited at level</th>'
        '<th>Checks of its items</th>%s<th>Compliant</th></tr></thead>\n'
        '<tbody>%s</tbody></table>\n</div>\n<p class="ok">Compliant is the share of checks that are compliant, '
        'leaving out the ones that do not apply. A camera audited at a level is checked on the items of that level '
        'and the levels below it.</p>\n</section>\n'
        % (status_heads, '\n'.join(site_rows), status_heads, '\n'.join(level_rows)))


def _matrix_section(cameras, sections, summary):
    sites = ''.join('<option>%s</option>' % escape(site) for site in summary['by_site'])
    statuses = ''.join('<option value="%s">%s</option>' % (s, LABELS[s]) for s in SHOWN)
    items = ''.join('<option value="%s">%s %s</option>' % (s, s, escape(guide.BY_SECTION[s].title)) for s in sections)
    filters = (
        '<form id="filters" class="filters" hidden>'
        '<label>Site<select name="site"><option value="">All sites</option>%s</select></label>'
        '<label>Status<select name="status"><option value="">Any status</option>%s</select></label>'
        '<label>Item<select name="item"><option value="">All items</option>%s</select></label>'
        '<label>Camera name<input name="q" type="search" placeholder="contains"></label>'
        '<button type="reset">Clear filters</button><output id="count"></output></form>\n'
        % (sites, statuses, items))
    legend = ''.join('<span class="%s">%s %s</span>' % (CODES[s], SYMBOLS[s], LABELS[s]) for s in SHOWN)
    heads = ''.join('<th data-s="%s" title="%s">%s</th>' % (section, escape(guide.BY_SECTION[section].title), section)
                    for section in sections)

    rows = []
    for index, camera in enumerate(cameras):
        by_section = {item['section']: item['status'] for item in camera['items']}
        present = set(CODES[status] for status in by_section.values())
        name = '<a href="#c%d">%s</a>' % (index, escape(camera['name']))
        if camera['error'] is not None:
            present.add('e')
            name += '<span class="badge e" title="camera error">!</span>'
        cells = ''.join('<td class=%s>%s' % (CODES[by_section[s]], SYMBOLS[by_section[s]]) if s in by_section
                        else '<td>' for s in sections)
        rows.append('<tr data-site="%s" data-st="%s"><th>%s<td>%s<td>%s%s' % (
            escape(camera['site']), ''.join(sorted(present)), name, escape(camera['site']), camera['level'], cells))

    return (
        '<section id="matrix">\n<h2>Cameras by guide item</h2>\n%s<p id="filter-note" class="note" hidden></p>\n'
        '<p class="legend">%s <span>blank: not audited</span></p>\n<div class="scroll"><table id="m"><thead><tr>'
        '<th>Camera</th><th>Site</th><th>Level</th>%s</tr></thead>\n<tbody>\n%s\n</tbody></table></div>\n</section>\n'
        % (filters, legend, heads, '\n'.join(rows)))


def _details_section(cameras):
    blocks = [_camera_details(index, camera) for index, camera in enumerate(cameras)]
    return '<section id="details">\n<h2>Camera details</h2>\n%s\n</section>\n' % '\n'.join(blocks)


def _camera_details(index, camera):
    counts = camera_counts(camera)
    badges = ''.join('<span class="badge %s">%d %s</span>' % (CODES[s], counts[s], SYMBOLS[s])
                     for s in ('drift', 'error') if counts[s])
    if camera['error'] is not None:
        badges += '<span class="badge e">! camera error</span>'
    if not badges:
        badges = '<span class="badge c">%s no findings</span>' % SYMBOLS['compliant']
    facts = ''.join('<dt>%s<dd>%s' % (label, escape(camera[key] or '\u2014')) for key, label in (
        ('model', 'Model'), ('firmware', 'Firmware'), ('serial', 'Serial number'),
        ('level', 'Audited level')))

    body = ['<dl>%s</dl>' % facts]
    if camera['error'] is not None:
        body.append('<p class="camerr e">! Camera error: %s</p>' % escape(camera['error']))

    findings = [item for item in camera['items'] if item['status'] != 'compliant']
    if findings:
        body.append('<table class="items"><thead><tr><th>Item<th>Status<th>Expected<th>Actual<th>Reason</thead>'
                    '<tbody>%s</tbody></table>' % ''.join(_finding_row(i) for i in findings))
    compliant = [item['section'] for item in camera['items'] if item['status'] == 'compliant']
    if compliant:
        body.append('<p class="ok">%s Compliant: %s</p>' % (SYMBOLS['compliant'], ', '.join(compliant)))

    return '<details id="c%d"><summary><b>%s</b><span>%s</span><span>%s</span>%s</summary>%s</details>' % (
        index, escape(camera['name']), escape(camera['site']), escape(camera['address'] or ''), badges,
        ''.join(body))


def _finding_row(item):
    """Render one item that is not compliant as a table row, without the optional end tags."""
    status = '<td class="%s">%s %s' % (CODES[item['status']], SYMBOLS[item['status']], LABELS[item['status']])
    if item['expected'] is None and item['actual'] is None:
        values = '<td colspan="2">'
    else:
        expected = item['expected'] or {}
        actual = item['actual'] or {}
        keys = sorted(set(expected) | set(actual))
        differs = set(key for key in keys if expected.get(key, _ABSENT) != actual.get(key, _ABSENT))
        values = '<td class="kv">%s<td class="kv">%s' % (
            _values(item['expected'], keys, differs), _values(item['actual'], keys, differs))
    return '<tr><td>%s %s%s%s<td>%s' % (item['section'], escape(item['title']), status, values,
                                        escape(item['reason'] or ''))


def _values(values, keys, differs):
    """Render option values one per line, marking the ones that differ between expected and actual."""
    if values is None:
        return ''
    lines = []
    for key in keys:
        if key in values:
            value = values[key]
            text = value if isinstance(value, str) else json.dumps(value, sort_keys=True, ensure_ascii=False)
        else:
            text = '(not set)'
        line = '%s: %s' % (escape(key), escape(text))
        lines.append('<mark>%s</mark>' % line if key in differs else line)
    return '\n'.join(lines)


def _items_section(summary):
    rows = []
    for item in guide.ITEMS:
        counts = summary['by_item'].get(item.section)
        cells = _status_cells(counts) if counts else '<td colspan="4">not audited</td>'
        rows.append('<tr><th>%s</th><td>%s</td><td>%s</td><td>%s</td><td>%s</td>%s</tr>' % (
            item.section, item.level.capitalize(), escape(item.title), ', '.join(item.iec62443) or '\u2014',
            ', '.join(item.etsi) or '\u2014', cells))
    status_heads = ''.join('<th class="%s" title="%s">%s</th>' % (CODES[status], LABELS[status], SYMBOLS[status])
                           for status in SHOWN)
    return (
        '<section id="items">\n<h2>Guide items and standards</h2>\n<p class="ok">Each item of i-PRO\'s Camera '
        'Hardening Guide with the IEC 62443-4-2:2019 requirements and ETSI EN 303 645 V2.1.1 provisions that its '
        'setting supports. A mapping is not a claim that the camera meets the whole requirement.</p>\n'
        '<table><thead><tr><th>Item</th><th>Level</th><th>Title</th><th>IEC 62443-4-2</th><th>EN 303 645</th>%s'
        '</tr></thead>\n<tbody>%s</tbody></table>\n</section>\n' % (status_heads, '\n'.join(rows)))


def _status_cells(counts):
    return ''.join('<td class="r">%d</td>' % counts[status] for status in SHOWN)


def _percent(counts):
    applicable = counts['compliant'] + counts['drift'] + counts['error']
    if not applicable:
        return '\u2014'
    # Rounded down, so 99.96 % shows as 99.9 % and 100.0 % means every check is compliant.
    return '%.1f\u00a0%%' % (math.floor(1000.0 * counts['compliant'] / applicable) / 10)
