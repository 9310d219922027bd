"""Fleet-scale benchmark of ipro.camera against a plain ansible.builtin.uri playbook, driven by bench/run.py."""
