# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Write the report files: the part of ipro_report shared by its action plugin and its module."""

from __future__ import annotations

import datetime
import os

from ansible.module_utils.ansible_release import __version__ as ANSIBLE_VERSION

from ansible_collections.ipro.camera.plugins.module_utils.errors import OptionError
from ansible_collections.ipro.camera.plugins.module_utils.report import render_reports

FORMATS = ('json', 'junit', 'html')


def default_meta(meta):
    """Return a copy of `meta` with generated_at (now, in UTC) and ansible_version filled in when unset."""
    meta = dict(meta or {})
    if not meta.get('generated_at'):
        now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        meta['generated_at'] = now.strftime('%Y-%m-%dT%H:%M:%SZ')
    if not meta.get('ansible_version'):
        meta['ansible_version'] = ANSIBLE_VERSION
    return meta


def write_reports(cameras, dest, formats, meta, check_mode):
    """Render the reports and write each file whose content differs; return changed, files and summary.

    Check mode writes nothing, not even the directory, and reports what would change.
    """
    if not formats:
        raise OptionError('formats', 'is empty', 'give at least one of %s' % ', '.join(FORMATS))
    if os.path.exists(dest) and not os.path.isdir(dest):
        raise OptionError('dest', '%s exists and is not a directory' % dest, 'give the path of a directory')

    texts, summary = render_reports(cameras, meta, formats)

    changed = False
    files = []
    for name, text in texts.items():
        path = os.path.join(dest, name)
        files.append(path)
        content = text.encode('utf-8')
        if _read(path) == content:
            continue
        changed = True
        if not check_mode:
            _write(dest, path, content)
    return {'changed': changed, 'files': files, 'summary': summary}


def _read(path):
    try:
        with open(path, 'rb') as handle:
            return handle.read()
    except (FileNotFoundError, NotADirectoryError):
        # No report yet. A missing or blocked directory is reported by the write that follows.
        return None
    except OSError as exc:
        raise OptionError('dest', 'cannot read %s: %s' % (path, exc.strerror),
                          'choose a directory that the controller user can read and write') from None


def _write(dest, path, content):
    """Replace `path` in one step, so a reader never sees half a report."""
    temporary = os.path.join(dest, '.%s.%d.tmp' % (os.path.basename(path), os.getpid()))
    try:
        os.makedirs(dest, exist_ok=True)

        # Mode 0o666 less the umask, as for any new file, where mkstemp would give 0o600.
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        with os.fdopen(descriptor, 'wb') as handle:
            handle.write(content)
        os.replace(temporary, path)
    except OSError as exc:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise OptionError('dest', 'cannot write %s: %s' % (path, exc.strerror),
                          'choose a directory that the controller user can write') from None
