"""Drive headless Chromium over the DevTools protocol, for tests of the HTML report.

Chromium talks the protocol over a pipe (`--remote-debugging-pipe`: it reads
commands from file descriptor 3 and writes replies and events to 4, each a JSON
message ended by a NUL byte), so no port is opened. The flags turn off
Chromium's background services (component updates, sync, metrics, safe
browsing), and the host resolver resolves no name, so a page that tried to
load a remote asset by name would fail instead of sending traffic.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path

CHROMIUM = '/usr/bin/chromium'
FLAGS = (
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--disable-default-apps', '--disable-extensions', '--disable-domain-reliability',
    '--disable-client-side-phishing-detection', '--disable-breakpad', '--no-pings', '--no-first-run',
    '--no-default-browser-check', '--metrics-recording-only', '--host-resolver-rules=MAP * ~NOTFOUND',
    '--remote-debugging-pipe',
)


class ProtocolError(Exception):
    """Chromium returned an error for a DevTools command, or sent nothing in time."""


class Chromium:
    """One headless Chromium process with one page; collects console errors and exceptions."""

    def __init__(self, profile: Path, width=1400, height=900, timeout=60.0):
        self.profile = Path(profile)
        self.size = (width, height)
        self.timeout = timeout
        self.process = None
        self.session = None
        self.console_errors: list[str] = []
        self.events: list[dict] = []
        self._next_id = 0
        self._buffer = b''

    @staticmethod
    def available() -> bool:
        return Path(CHROMIUM).exists() or shutil.which('chromium') is not None

    def start(self) -> 'Chromium':
        to_chromium_read, to_chromium_write = os.pipe()
        from_chromium_read, from_chromium_write = os.pipe()

        # bash moves Chromium's ends of the pipes to descriptors 3 and 4. They are first copied
        # above 9, so neither redirection can overwrite the other's source. dash, Debian's sh,
        # rejects descriptors above 9 in redirections.
        command_fd = fcntl.fcntl(to_chromium_read, fcntl.F_DUPFD, 10)
        reply_fd = fcntl.fcntl(from_chromium_write, fcntl.F_DUPFD, 10)
        for fd in (to_chromium_read, from_chromium_write):
            os.close(fd)
        script = 'exec "$0" "$@" 3<&%d 4>&%d %d<&- %d>&-' % (command_fd, reply_fd, command_fd, reply_fd)
        command = ['/bin/bash', '-c', script, CHROMIUM, *FLAGS, '--user-data-dir=%s' % self.profile,
                   '--window-size=%d,%d' % self.size, 'about:blank']
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, pass_fds=(command_fd, reply_fd))
        os.close(command_fd)
        os.close(reply_fd)
        self._writer = to_chromium_write
        self._reader = from_chromium_read

        targets = self.command('Target.getTargets')['targetInfos']
        page = next(target for target in targets if target['type'] == 'page')
        self.session = self.command('Target.attachToTarget', targetId=page['targetId'], flatten=True)['sessionId']
        for domain in ('Page', 'Runtime', 'Log'):
            self.command(domain + '.enable', session=True)
        self.command('Emulation.setDeviceMetricsOverride', session=True, width=self.size[0], height=self.size[1],
                     deviceScaleFactor=1, mobile=False)
        return self

    def stop(self):
        if self.process is None:
            return
        try:
            self.command('Browser.close')
        except (ProtocolError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._writer)
        os.close(self._reader)
        self.process = None

    def command(self, method, session=False, **params) -> dict:
        """Send one command and return its result, keeping the events that arrive meanwhile."""
        self._next_id += 1
        message = {'id': self._next_id, 'method': method, 'params': params}
        if session:
            message['sessionId'] = self.session
        os.write(self._writer, json.dumps(message).encode() + b'\0')

        while True:
            reply = self._receive()
            if reply.get('id') == self._next_id:
                if 'error' in reply:
                    raise ProtocolError('%s failed: %s' % (method, reply['error']))
                return reply.get('result', {})
            self._keep_event(reply)

    def navigate(self, url: str):
        """Open `url` and return when its load event has fired.

        A URL that differs from the current one only after `#` does not load the page again.
        Chromium then replies without a loaderId, and this returns at once.
        """
        self.events.clear()
        result = self.command('Page.navigate', session=True, url=url)
        if 'errorText' in result:
            raise ProtocolError('cannot open %s: %s' % (url, result['errorText']))
        if result.get('loaderId'):
            self.wait_for('Page.loadEventFired')

    def wait_for(self, method: str) -> dict:
        for event in self.events:
            if event['method'] == method:
                return event
        while True:
            event = self._receive()
            self._keep_event(event)
            if event.get('method') == method:
                return event

    def evaluate(self, expression: str):
        """Run JavaScript in the page and return its value (promises are awaited)."""
        result = self.command('Runtime.evaluate', session=True, expression=expression, returnByValue=True,
                              awaitPromise=True)
        if 'exceptionDetails' in result:
            raise ProtocolError('script failed: %s' % result['exceptionDetails'])
        return result['result'].get('value')

    def screenshot(self, path: Path, full_page=False):
        params = {'format': 'png'}
        if full_page:
            params['captureBeyondViewport'] = True
        data = self.command('Page.captureScreenshot', session=True, **params)['data']
        Path(path).write_bytes(base64.b64decode(data))

    def emulate_media(self, media: str):
        self.command('Emulation.setEmulatedMedia', session=True, media=media)

    def _keep_event(self, event):
        method = event.get('method')
        if method is None:
            return
        self.events.append(event)
        params = event.get('params', {})
        if method == 'Runtime.exceptionThrown':
            details = params['exceptionDetails']
            self.console_errors.append(details.get('exception', {}).get('description') or details.get('text'))
        elif method == 'Runtime.consoleAPICalled' and params.get('type') in ('error', 'assert', 'warning'):
            self.console_errors.append(' '.join(str(arg.get('value', arg.get('description')))
                                                for arg in params.get('args', [])))
        elif method == 'Log.entryAdded' and params['entry']['level'] in ('error', 'warning'):
            self.console_errors.append(params['entry']['text'])

    def _receive(self) -> dict:
        deadline = time.monotonic() + self.timeout
        while b'\0' not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ProtocolError('Chromium sent nothing for %.0f s' % self.timeout)
            ready, _, _ = select.select([self._reader], [], [], remaining)
            if ready:
                chunk = os.read(self._reader, 1 << 20)
                if not chunk:
                    raise ProtocolError('Chromium closed the DevTools pipe (exit status %s)' % self.process.poll())
                self._buffer += chunk
        message, self._buffer = self._buffer.split(b'\0', 1)
        return json.loads(message)
