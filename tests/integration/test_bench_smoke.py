"""The benchmark driver (python -m bench) on five cameras, so that `make bench` keeps working.

It checks what the driver produces and that converged reruns write nothing, never how long a run took.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.support.ansible import REPO_ROOT, ensure_collection_link
from tests.support.emulator import next_base_address

SIZE = 5
LEVELS = ('entry', 'standard')
TOOLS = ('ipro.camera', 'uri baseline')


def test_bench_on_five_cameras(tmp_path):
    ensure_collection_link()
    report = tmp_path / 'benchmarks.md'
    workdir = tmp_path / 'bench'
    command = [
        sys.executable, '-m', 'bench',
        '--sizes', str(SIZE),
        '--levels', ','.join(LEVELS),
        '--runs', 'first,rerun',
        '--load-seconds', '1',
        '--base-address', next_base_address(SIZE),
        '--workdir', str(workdir),
        '--output', str(report),
    ]

    completed = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=800, check=False)

    assert completed.returncode == 0, completed.stdout + completed.stderr
    text = report.read_text()
    assert '## Headline: uri baseline time / ipro.camera time' in text
    for level in LEVELS:
        assert f'| {SIZE} | {level} | converged rerun |' in text

    results = json.loads((workdir / 'results.json').read_text())
    runs = {(record['tool'], record['level'], record['run']): record for record in results['runs']}
    assert sorted(runs) == sorted((tool, level, run) for tool in TOOLS for level in LEVELS
                                  for run in ('first', 'rerun'))
    for (tool, level, run), record in runs.items():
        assert record['returncode'] == 0, (tool, level, run)
        assert record['failed_hosts'] == 0, (tool, level, run)
        assert record['hosts'] == SIZE, (tool, level, run)
    for tool in TOOLS:
        for level in LEVELS:
            assert runs[(tool, level, 'first')]['writes_sum'] > 0, (tool, level)
            assert runs[(tool, level, 'rerun')]['writes_sum'] == 0, (tool, level)
            assert runs[(tool, level, 'rerun')]['changed_hosts'] == 0, (tool, level)
    assert [record['pattern'] for record in results['load']] == ['keep-alive', 'new connection']
    assert all(record['errors'] == 0 for record in results['load'])
