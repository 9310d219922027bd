"""A sample of generated invalid options through ansible-playbook: every task fails, no request is sent."""

from __future__ import annotations

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.support.ansible import play, run_playbook
from tests.support.invalid_options import CASES, CONTROL, SECRET_MARK, names_value

SAMPLE_SIZE = 20
# YAML carries control characters poorly; the in-process fuzz covers them.
ARGUMENT_CASES = [case for case in CASES if case.placement == 'args']


def printable(value):
    return not any(character in CONTROL for character in str(value))


def invalid_tasks():
    drawn = st.sampled_from(ARGUMENT_CASES).flatmap(
        lambda case: st.tuples(st.just(case), case.values.filter(printable)))
    return st.lists(drawn, min_size=SAMPLE_SIZE, max_size=SAMPLE_SIZE)


# One sample of 20 tasks, so the function-scoped fixtures serve exactly one generated input.
@settings(max_examples=1, deadline=None, phases=[Phase.generate], database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much,
                                 HealthCheck.too_slow])
@given(sample=invalid_tasks())
def test_generated_invalid_options_send_nothing(sample, emulator_factory, tmp_path_factory):
    fleet = emulator_factory(cameras=1, sites=1)
    tasks = [{'name': 'invalid %d: %s' % (index, case), 'ipro.camera.' + case.module: case.args(value),
              'ignore_errors': True}
             for index, (case, value) in enumerate(sample)]

    result = run_playbook(play(*tasks), fleet.inventory, workdir=tmp_path_factory.mktemp('play'))

    assert result.returncode == 0, result.output
    assert len(result.records) == SAMPLE_SIZE, result.output
    for record, (case, value) in zip(result.records, sample):
        message = record['result']['msg']
        assert record['status'] == 'failed', (case, value, record)
        assert (case.label or case.option) in message, (case, value, message)
        if case.secret:
            assert SECRET_MARK not in message, (case, message)
        elif case.shows_value:
            assert names_value(message, value), (case, value, message)
    # The whole output is not searched: ansible-core 2.19 quotes the playbook's source lines around a failed
    # task, and this playbook holds its invalid secrets literally. Real playbooks take them from variables.
    assert fleet.camera('cam-a-01')['counters']['requests'] == 0
