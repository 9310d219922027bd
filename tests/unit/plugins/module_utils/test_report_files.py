"""Tests of writing the report files: idempotence, check mode and errors."""

from __future__ import annotations

import os
import re

import pytest

from ansible_collections.ipro.camera.plugins.module_utils.errors import OptionError
from ansible_collections.ipro.camera.plugins.module_utils.report_files import default_meta, write_reports
from tests.support.report_fleet import synthetic_fleet

META = {'generated_at': '2024-05-01T12:00:00Z'}
ALL = ['json', 'junit', 'html']


def write(dest, formats=ALL, meta=META, check_mode=False, cameras=None):
    return write_reports(cameras or synthetic_fleet(cameras=10), str(dest), formats, meta, check_mode)


def test_first_run_writes_every_format(tmp_path):
    result = write(tmp_path / 'reports')

    assert result['changed'] is True
    assert [os.path.basename(path) for path in result['files']] == ['report.json', 'report.xml', 'report.html']
    assert all(os.path.getsize(path) > 0 for path in result['files'])
    assert result['summary']['cameras'] == 10


def test_rerun_with_same_data_is_unchanged(tmp_path):
    write(tmp_path)
    times = [os.stat(path).st_mtime_ns for path in sorted(tmp_path.iterdir())]

    result = write(tmp_path)

    assert result['changed'] is False
    assert [os.stat(path).st_mtime_ns for path in sorted(tmp_path.iterdir())] == times


def test_new_generated_at_changes_files(tmp_path):
    write(tmp_path)

    result = write(tmp_path, meta={'generated_at': '2024-05-02T12:00:00Z'})

    assert result['changed'] is True
    assert '2024-05-02T12:00:00Z' in (tmp_path / 'report.json').read_text()


def test_check_mode_writes_nothing(tmp_path):
    dest = tmp_path / 'reports'

    result = write(dest, check_mode=True)

    assert result['changed'] is True
    assert not dest.exists()


def test_check_mode_after_write_is_unchanged(tmp_path):
    write(tmp_path)

    assert write(tmp_path, check_mode=True)['changed'] is False


def test_only_requested_formats_are_written(tmp_path):
    result = write(tmp_path, formats=['junit'])

    assert [path.name for path in tmp_path.iterdir()] == ['report.xml']
    assert result['files'] == [str(tmp_path / 'report.xml')]


def test_no_temporary_file_is_left(tmp_path):
    write(tmp_path)

    assert sorted(path.name for path in tmp_path.iterdir()) == ['report.html', 'report.json', 'report.xml']


def test_dest_that_is_a_file_is_rejected(tmp_path):
    dest = tmp_path / 'reports'
    dest.write_text('')

    with pytest.raises(OptionError) as caught:
        write(dest)
    assert caught.value.option == 'dest'
    assert 'is not a directory' in caught.value.problem


def test_empty_formats_is_rejected(tmp_path):
    with pytest.raises(OptionError) as caught:
        write(tmp_path, formats=[])
    assert caught.value.option == 'formats'


def test_invalid_record_writes_nothing(tmp_path):
    cameras = synthetic_fleet(cameras=3)
    cameras[2]['items'][0]['status'] = 'unknown'

    with pytest.raises(OptionError):
        write(tmp_path, cameras=cameras)
    assert list(tmp_path.iterdir()) == []


def test_unwritable_dest_names_path(tmp_path):
    # A directory below a regular file cannot be created, even by root.
    (tmp_path / 'plain-file').write_text('')
    dest = tmp_path / 'plain-file' / 'reports'

    with pytest.raises(OptionError) as caught:
        write(dest)
    assert caught.value.option == 'dest'
    assert 'cannot write %s' % (dest / 'report.json') in caught.value.problem


def test_default_meta_fills_time_and_version():
    meta = default_meta({'playbook': 'audit.yml', 'generated_at': None})

    assert re.match(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$', meta['generated_at'])
    assert re.match(r'^\d+\.\d+', meta['ansible_version'])
    assert meta['playbook'] == 'audit.yml'


def test_default_meta_keeps_given_values():
    meta = default_meta({'generated_at': '2024-05-01T12:00:00Z', 'ansible_version': '2.16.0'})

    assert meta == {'generated_at': '2024-05-01T12:00:00Z', 'ansible_version': '2.16.0'}
