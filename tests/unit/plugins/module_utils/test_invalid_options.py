"""Every invalid module option fails before the first request, naming the option and the value.

Hypothesis draws invalid values for each option of each camera module, as task arguments and,
for connection options, as host variables. The checks are those the action plugin runs; the
client they get fails the test on any use. A secret's value must never appear in the message.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.invalid_options import CASES, SECRET_MARK, check_task, names_value


@pytest.mark.parametrize('case', CASES, ids=str)
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_invalid_option_fails_before_any_request(case, data):
    value = data.draw(case.values, label=str(case))

    message = check_task(case, value)

    assert (case.label or case.option) in message, message
    if case.secret:
        assert value not in message or not value.startswith(SECRET_MARK), message
        assert SECRET_MARK not in message, message
    elif case.shows_value:
        assert names_value(message, value), message
