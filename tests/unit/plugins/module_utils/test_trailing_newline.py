"""Tests that option checks built on regular expressions reject a value with a trailing newline.

In Python's re, `$` also matches before a final newline, so `re.match('^...$')` accepted such values:
the camera options among them would have sent the newline to the camera.
"""

from __future__ import annotations

import pytest

from ansible_collections.ipro.camera.plugins.module_utils import certificate, firmware, report_input, validation
from ansible_collections.ipro.camera.plugins.module_utils.errors import OptionError


def check_csr(field, value):
    certificate.validate(dict(key_bits=2048, state='present', csr={field: value}))


@pytest.mark.parametrize('check, value, option', [
    (lambda value: validation.check_ntp_server('server', value), 'ntp.example.org\n', 'server'),
    (lambda value: validation.check_timezone('timezone', value), 'UTC\n', 'timezone'),
    (lambda value: firmware.validate(dict(version=value)), '2.50\n', 'version'),
    (lambda value: check_csr('common_name', value), 'cam-01\n', 'csr.common_name'),
    (lambda value: check_csr('country', value), 'JP\n', 'csr.country'),
    (lambda value: report_input.prepare_meta(dict(generated_at=value)), '2024-05-01T12:00:00Z\n',
     'meta.generated_at'),
])
def test_trailing_newline_rejected(check, value, option):
    with pytest.raises(OptionError) as error:
        check(value)

    assert error.value.option == option
    check(value.rstrip('\n'))
