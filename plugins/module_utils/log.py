# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The logic of ipro_log: read and parse the system logs, and count failed logins per source."""

from __future__ import annotations

import datetime
import re

from ansible_collections.ipro.camera.plugins.module_utils import cgi
from ansible_collections.ipro.camera.plugins.module_utils.errors import CameraError, OptionError

FIELD = re.compile(r'(\w+)=(\S+)')


def split_line(line):
    """Split a get_systemlog line into entries, each a list of fields.

    `$` ends an entry and `\\` ends a field, except where a backslash escapes
    either character inside a text (`\\$`, `\\\\`). Escapes occur only in
    the fourth field, the text. Number, time and code never contain a backslash,
    so the `\\` after each of them ends the field even where the text starts
    with an escape.
    """
    entries, fields, current = [], [], []
    index = 0
    while index < len(line):
        char = line[index]
        in_text = len(fields) >= 3
        if char == '\\' and in_text and line[index + 1:index + 2] in ('\\', '$'):
            current.append(line[index + 1])
            index += 2
            continue
        if char == '\\':
            fields.append(''.join(current))
            current = []
        elif char == '$':
            fields.append(''.join(current))
            entries.append(fields)
            fields, current = [], []
        else:
            current.append(char)
        index += 1
    if current or fields:
        fields.append(''.join(current))
        entries.append(fields)
    return entries


def parse_log(line, log_type):
    """Parse one get_systemlog line into entries with number, time (ISO 8601 UTC), code and text."""
    entries = []
    for fields in split_line(line.strip()):
        if len(fields) < 4:
            continue
        number, stamp, code, text = fields[0].strip(), fields[1].strip(), fields[2].strip(), '\\'.join(fields[3:])
        try:
            when = datetime.datetime.strptime(stamp, cgi.LOG_TIME_FORMAT).replace(tzinfo=datetime.timezone.utc)
        except ValueError:
            when = None
        details = dict(FIELD.findall(text))
        entries.append(dict(log=log_type, number=int(number) if number.isdigit() else number,
                            time=when.strftime('%Y-%m-%dT%H:%M:%SZ') if when else None, code=code,
                            text=text, source=details.get('source'), user=details.get('user')))
    return entries


def parse_since(option, text):
    try:
        when = datetime.datetime.fromisoformat(text.replace('Z', '+00:00'))
    except ValueError:
        raise OptionError(option, 'value %r is not an ISO 8601 time' % text,
                          'write it as 2026-12-01T00:00:00Z') from None
    return when if when.tzinfo else when.replace(tzinfo=datetime.timezone.utc)


def validate(params):
    if params.get('since'):
        parse_since('since', params['since'])
    if params['threshold'] < 1:
        raise OptionError('threshold', 'value %d is below 1' % params['threshold'], 'use 1 or more failed logins')


def read_logs(client, types):
    entries = []
    for log_type in types:
        body = client.request('GET', 'get_systemlog', params={cgi.LOG_TYPE_PARAM: log_type}, raw=True)
        entries.extend(parse_log(body, log_type))
    return entries


def apply(client, params, check_mode):
    entries = read_logs(client, params['logs'])
    if params.get('since'):
        since = parse_since('since', params['since'])
        entries = [e for e in entries if e['time'] and parse_since('time', e['time']) >= since]

    failed = [e for e in entries if e['log'] == 'access' and e['code'] == cgi.LOG_LOGIN_FAILED]
    per_source = {}
    for entry in failed:
        source = entry['source'] or 'unknown'
        record = per_source.setdefault(source, dict(source=source, count=0, users=[], first=entry['time'],
                                                    last=entry['time']))
        record['count'] += 1
        record['last'] = entry['time']
        if entry['user'] and entry['user'] not in record['users']:
            record['users'].append(entry['user'])
    failed_logins = sorted(per_source.values(), key=lambda r: (-r['count'], r['source']))
    over = [r for r in failed_logins if r['count'] >= params['threshold']]
    lockouts = [e for e in entries if e['log'] == 'access' and e['code'] == cgi.LOG_LOCKED_OUT]

    result = dict(changed=False, entries=entries if params['return_entries'] else [],
                  failed_logins=failed_logins, over_threshold=over, lockouts=lockouts,
                  summary=_summary(client, failed_logins, over, lockouts, params['threshold']))
    if over and params['on_threshold'] == 'fail':
        raise CameraError(client.conn.label, 'get_systemlog', result['summary'],
                          'review the sources; block them or rotate the passwords they tried', result=result)
    if over and params['on_threshold'] == 'warn':
        result['warnings'] = [result['summary']]
    return result


def _summary(client, failed_logins, over, lockouts, threshold):
    total = sum(r['count'] for r in failed_logins)
    text = '%d failed logins from %d sources' % (total, len(failed_logins))
    if over:
        text += '; at or over %d: %s' % (threshold, ', '.join('%s (%d)' % (r['source'], r['count']) for r in over))
    if lockouts:
        text += '; %d lockouts' % len(lockouts)
    return text
