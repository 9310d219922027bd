"""Run ansible-playbook against the emulator and read what happened."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
COLLECTIONS = REPO_ROOT / '.cache' / 'collections'
RECAP = re.compile(r'^(?P<host>\S+)\s+: ok=(?P<ok>\d+)\s+changed=(?P<changed>\d+)\s+unreachable=(?P<unreachable>\d+)'
                   r'\s+failed=(?P<failed>\d+)')


@dataclass
class Run:
    """The outcome of one ansible-playbook run."""

    returncode: int
    output: str
    records: list = field(default_factory=list)

    @property
    def recap(self) -> dict:
        """Return {host: {ok, changed, unreachable, failed}} from the PLAY RECAP."""
        counts = {}
        for line in self.output.splitlines():
            match = RECAP.match(line)
            if match:
                counts[match['host']] = {k: int(v) for k, v in match.groupdict().items() if k != 'host'}
        return counts

    @property
    def item_records(self) -> list:
        """Return the task records, each ipro_items task followed by one record per item it ran.

        An item's record has its module as `action`, its status (changed, ok, skipped, failed or
        not_run), `<section> | <title>` as `task` and its entry as `result`.
        """
        expanded = []
        for record in self.records:
            expanded.append(record)
            if not record['action'].endswith('ipro_items'):
                continue
            for entry in record['result'].get('items') or []:
                expanded.append(dict(host=record['host'], action='ipro.camera.' + entry['module'],
                                     status=entry['status'], task='%s | %s' % (entry['id'], entry['title']),
                                     result=entry))
        return expanded

    def results(self, host=None, action=None, status=None) -> list:
        """Return the recorded task and item results that match every given filter."""
        selected = []
        for record in self.item_records:
            if host and record['host'] != host:
                continue
            if action and not record['action'].endswith(action):
                continue
            if status and record['status'] != status:
                continue
            selected.append(record)
        return selected

    def changed_tasks(self, host) -> list:
        """Return the names of the tasks and items that changed `host`, without the role prefix.

        An ipro_items task is left out: its items are listed instead.
        """
        return [r['task'].split(' : ', 1)[-1] for r in self.results(host=host, status='changed')
                if not r['action'].endswith('ipro_items')]


def ensure_collection_link():
    link = COLLECTIONS / 'ansible_collections' / 'ipro' / 'camera'
    if not link.exists():
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(REPO_ROOT, target_is_directory=True)


def run_playbook(playbook, inventory, *args, workdir, extra_vars=None, timeout=600, retry_dir=None) -> Run:
    """Run `playbook` (a path, or a list of plays to write) with the repository's ansible.cfg.

    Retry files are off unless `retry_dir` names the folder to write them to.
    """
    ensure_collection_link()
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    if not isinstance(playbook, (str, Path)):
        path = workdir / 'playbook.yml'
        path.write_text(yaml.safe_dump(playbook, sort_keys=False))
        playbook = path
    record_path = workdir / ('records-%d.jsonl' % len(list(workdir.glob('records-*.jsonl'))))

    command = [str(BIN / 'ansible-playbook'), str(playbook), '-i', str(inventory), *args]
    if extra_vars:
        command += ['-e', json.dumps(extra_vars)]
    env = dict(os.environ,
               ANSIBLE_CONFIG=str(REPO_ROOT / 'ansible.cfg'),
               ANSIBLE_COLLECTIONS_PATH=str(COLLECTIONS),
               ANSIBLE_CALLBACK_PLUGINS=str(REPO_ROOT / 'tests' / 'support' / 'callbacks'),
               ANSIBLE_CALLBACKS_ENABLED='record',
               ANSIBLE_RETRY_FILES_ENABLED='true' if retry_dir else 'false',
               ANSIBLE_NOCOLOR='1',
               ANSIBLE_FORCE_COLOR='0',
               IPRO_RECORD_PATH=str(record_path))
    if retry_dir:
        env['ANSIBLE_RETRY_FILES_SAVE_PATH'] = str(retry_dir)
    completed = subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=timeout,
                               check=False)
    records = []
    if record_path.exists():
        records = [json.loads(line) for line in record_path.read_text().splitlines() if line.strip()]
    return Run(completed.returncode, completed.stdout + completed.stderr, records)


def task(module, args=None, name=None, **task_options) -> dict:
    """Build a task that calls `ipro.camera.<module>` with `args`."""
    body = {'name': name or module, 'ipro.camera.' + module: args or {}}
    body.update(task_options)
    return body


def play(*tasks, hosts='cameras') -> list:
    """Build a playbook of one play running `tasks` against the emulated cameras."""
    return [{'name': 'test play', 'hosts': hosts, 'connection': 'local', 'gather_facts': False,
             'tasks': list(tasks)}]
