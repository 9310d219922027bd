#!/usr/bin/env bash
# Demonstrate ipro.camera on an emulated fleet: harden site A to the Entry level, show that a
# rerun changes nothing, change a setting behind Ansible's back, and find it with --check --diff.
# Run it through `make demo`, which prepares .venv and the collection link first.
set -euo pipefail

cd "$(dirname "$0")/.."
python=.venv/bin/python
playbook=.venv/bin/ansible-playbook
workdir=demo
control_port=${IPRO_DEMO_CONTROL_PORT:-8765}
control="http://127.0.0.1:${control_port}"
export ANSIBLE_CONFIG="$PWD/ansible.cfg"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

rm -rf "$workdir"
mkdir -p "$workdir"

step "Starting an emulated fleet of 6 cameras on two sites (loopback addresses 127.0.1.x)"
"$python" -m tests.emulator serve --cameras 6 --sites 2 --inventory "$workdir/hosts.yml" \
  --control-port "$control_port" --restart-seconds 1 --firmware-seconds 2 \
  >"$workdir/emulator.out" 2>"$workdir/emulator.log" &
emulator=$!
trap 'kill "$emulator" 2>/dev/null || true; wait "$emulator" 2>/dev/null || true' EXIT

for _ in $(seq 1 120); do
  if grep -q '^emulator ready' "$workdir/emulator.out" 2>/dev/null; then break; fi
  if ! kill -0 "$emulator" 2>/dev/null; then
    echo "The emulator stopped before it was ready:" >&2
    cat "$workdir/emulator.log" >&2
    exit 1
  fi
  sleep 0.5
done
cat "$workdir/emulator.out"

step "Hardening site A to the Entry level (first run: registers the administrator, updates firmware, ...)"
"$playbook" playbooks/harden.yml -i "$workdir/hosts.yml" -l cameras_site_a

step "Running the same playbook again: a converged fleet reports changed=0"
"$playbook" playbooks/harden.yml -i "$workdir/hosts.yml" -l cameras_site_a

step "A technician turns the microphone on at cam-a-01 through its web page (control API PATCH)"
"$python" - "$control" <<'PY'
import json, sys, urllib.request
request = urllib.request.Request(sys.argv[1] + '/cameras/cam-a-01/settings', method='PATCH',
                                 data=json.dumps({'AUDIO': 'mic'}).encode(),
                                 headers={'Content-Type': 'application/json'})
with urllib.request.urlopen(request) as response:
    print('cam-a-01 AUDIO is now', json.load(response)['settings']['AUDIO'])
PY

step "Drift audit: --check --diff reads every camera, writes nothing, and shows the drift"
"$playbook" playbooks/harden.yml -i "$workdir/hosts.yml" -l cameras_site_a --check --diff

step "Done: the emulator stops now. Its inventory stays in $workdir/hosts.yml"
