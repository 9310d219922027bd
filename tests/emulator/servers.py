"""Start, stop and restart the HTTP and HTTPS listeners of each camera."""

from __future__ import annotations

import asyncio
import logging
import ssl
from typing import Callable

from aiohttp import web

from .camera import Camera
from .cgi import CgiHandler

log = logging.getLogger(__name__)

# Firmware images are about 64 KiB; the limit leaves room for larger test uploads.
MAX_REQUEST_BYTES = 32 * 1024 * 1024
# Time that a handler in progress gets to finish when the listeners close.
SHUTDOWN_SECONDS = 1.0
# Time that the response which caused a restart gets to reach the client.
ANSWER_GRACE_SECONDS = 0.05


class CameraServer:
    """The listeners of one camera: one aiohttp application, one site per port."""

    def __init__(self, camera: Camera):
        self.camera = camera
        self._runner: web.AppRunner | None = None
        self._outage: asyncio.Task | None = None

    async def start(self) -> None:
        """Listen on every (scheme, port) of the camera's listen plan; raise OSError if a bind fails."""
        camera = self.camera
        if self._runner is not None:
            await self.stop()
        application = web.Application(client_max_size=MAX_REQUEST_BYTES)
        application.router.add_route("*", "/{tail:.*}", CgiHandler(camera, self))
        runner = web.AppRunner(application, access_log=None, shutdown_timeout=SHUTDOWN_SECONDS)
        await runner.setup()

        plan = camera.listen_plan()
        tls = camera.certificates.context(use_ca=False)
        tls.sni_callback = self._select_certificate
        try:
            for scheme, port in plan:
                context = tls if scheme == "https" else None
                await web.TCPSite(runner, camera.address, port, ssl_context=context, reuse_address=True).start()
        except OSError:
            await runner.cleanup()
            raise

        self._runner = runner
        camera.listening = plan
        camera.online = True
        camera.busy = False
        listening = ", ".join(f"{scheme}:{port}" for scheme, port in plan)
        log.info("%s: listening on %s (%s)", camera.name, camera.address, listening)

    def _select_certificate(self, connection: ssl.SSLObject, server_name: str | None, context: ssl.SSLContext) -> None:
        """Present the certificate that HTTPS_CERT selects now, so a change needs no restart.

        OpenSSL calls this for every handshake, also when the client sends no server name.
        """
        connection.context = self.camera.certificates.context(self.camera.serves_ca_certificate())

    async def stop(self) -> None:
        """Close the listeners and every open connection, and clear the camera's nonces."""
        runner, self._runner = self._runner, None
        self.camera.online = False
        self.camera.listening = []
        self.camera.nonces.clear()
        if runner is not None:
            await runner.cleanup()

    async def close(self) -> None:
        """Stop for good: cancel any outage in progress, then close the listeners."""
        if self._outage is not None and not self._outage.done():
            self._outage.cancel()
            try:
                await self._outage
            except asyncio.CancelledError:
                pass
        await self.stop()
        log.info("%s: stopped", self.camera.name)

    async def relisten(self) -> None:
        """Reopen the listeners at once, for settings changed by the control API.

        An outage in progress reopens them anyway when it ends, so nothing happens then.
        """
        if self._outage is not None and not self._outage.done():
            return
        await self.stop()
        await self._start_or_log()

    def schedule_outage(self, seconds: float, reason: str, before_start: Callable[[], None] | None = None) -> bool:
        """Restart the web service: respond 503 until the listeners close, stay down, listen again.

        ``before_start`` runs while the camera is down, for example to install firmware.
        Returns False when an outage is already in progress, which then also covers this one.
        """
        if self._outage is not None and not self._outage.done():
            log.info("%s: restart (%s) skipped: a restart is already in progress", self.camera.name, reason)
            return False
        self.camera.busy = True
        self._outage = asyncio.get_running_loop().create_task(self._run_outage(seconds, reason, before_start))
        return True

    async def _run_outage(self, seconds: float, reason: str, before_start: Callable[[], None] | None) -> None:
        camera = self.camera
        await asyncio.sleep(ANSWER_GRACE_SECONDS)
        log.info("%s: restarting web service for %g s: %s", camera.name, seconds, reason)
        camera.log.add("event", "200", f"web service restart: {reason}")
        await self.stop()
        await asyncio.sleep(seconds)

        if before_start is not None:
            before_start()
        await self._start_or_log()
        camera.restarts += 1

    async def _start_or_log(self) -> None:
        try:
            await self.start()
        except OSError as error:
            self.camera.busy = False
            self.camera.log.add("error", "301", f"listener failed: {error.strerror}")
            log.error("%s: cannot listen on %s: %s", self.camera.name, self.camera.address, error)
