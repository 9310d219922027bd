"""Bootstrap pip from ensurepip, in place of the upstream get-pip.py.

ansible-test creates an empty virtual environment for each sanity test and runs a cached
get-pip.py script in it, which it otherwise downloads from a host outside the package
registries. `make sanity` copies this file to ~/.ansible/test/cache/get_pip_<version>.py, the
name ansible-test 2.19 looks for. ansible-test passes the same arguments as to get-pip.py,
for example: --disable-pip-version-check pip==24.2 --no-setuptools --no-wheel
"""

from __future__ import annotations

import os
import subprocess
import sys

# Debian's CA bundle, passed as --cert so that pip trusts the system's certificate authorities
# rather than only those of the certifi bundle that pip vendors.
SYSTEM_CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt'

# get-pip.py options that `pip install` does not accept.
GET_PIP_ONLY_OPTIONS = ('--no-setuptools', '--no-wheel')


def run(command: list[str]) -> None:
    """Run a command, and exit with an error message if it fails."""
    result = subprocess.run(command, check=False)

    if result.returncode != 0:
        sys.exit('get_pip.py: %s failed with exit status %d' % (' '.join(command), result.returncode))


def main() -> None:
    """Install pip with ensurepip, then the requested packages and pip version from the index."""
    arguments = sys.argv[1:]
    pip_arguments = [argument for argument in arguments if argument not in GET_PIP_ONLY_OPTIONS]

    run([sys.executable, '-m', 'ensurepip', '--upgrade', '--default-pip'])

    certificate_options = ['--cert', SYSTEM_CA_BUNDLE] if os.path.exists(SYSTEM_CA_BUNDLE) else []
    run([sys.executable, '-m', 'pip', 'install', '--upgrade'] + certificate_options + pip_arguments)

    # ensurepip of Python 3.11 also installs setuptools, which get-pip.py leaves out when asked to.
    if '--no-setuptools' in arguments:
        run([sys.executable, '-m', 'pip', 'uninstall', '--yes', '--quiet', 'setuptools'])


if __name__ == '__main__':
    main()
