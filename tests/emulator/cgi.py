"""The camera's /cgi-bin/ handlers and the checks every request passes first."""

from __future__ import annotations

import asyncio
import logging
import math
from typing import TYPE_CHECKING

from aiohttp import web

from . import faults
from .auth import authenticate, challenge_headers
from .camera import LOG_TYPES, Camera
from .firmware import InvalidImage, parse_image
from .settings import Rejected

if TYPE_CHECKING:
    from .servers import CameraServer

log = logging.getLogger(__name__)

READ_CGIS = frozenset(
    {"getinfo", "get_capability", "getdata", "get_user", "get_randomnum", "get_systemlog", "get_hostauth", "get_https"}
)
# Requests to these count as writes on receipt, whatever the response, also on models that lack the CGI.
WRITE_CGIS = frozenset(
    {
        "setdata", "set_user", "register_admin", "firmware_update", "initial",
        "set_hostauth", "https_crtkey", "https_csr", "https_cacert", "dot1x_cert",
    }
)
LIVE_ONLY_CGIS = frozenset({"getinfo", "get_capability"})
# These return 503 error=busy while the camera generates its CRT key.
KEYGEN_BUSY_CGIS = frozenset({"get_https", "https_crtkey", "https_csr", "https_cacert"})
BEFORE_ADMIN_CGIS = frozenset({"getinfo", "get_capability", "register_admin"})
BOM = "\ufeff"


def text_response(lines: list[str], status: int = 200, quirky: bool = False) -> web.Response:
    """Build a text/plain response of CRLF-terminated lines.

    A quirky response starts with a UTF-8 BOM and carries a line without '=' and an
    unknown key, as some firmware sends.
    """
    if quirky:
        lines = ["[i-PRO]", *lines[:1], "OEM_EXTENSION=1", *lines[1:]]
    body = "".join(f"{line}\r\n" for line in lines)
    if quirky:
        body = BOM + body
    return web.Response(status=status, body=body.encode("utf-8"), content_type="text/plain", charset="utf-8")


def error_response(status: int, reason: str) -> web.Response:
    return text_response([f"error={reason}"], status)


class CgiHandler:
    """The aiohttp handler for every path of one camera."""

    def __init__(self, camera: Camera, server: CameraServer):
        self.camera = camera
        self.server = server
        self.handlers = {
            "getinfo": self.getinfo,
            "get_capability": self.get_capability,
            "getdata": self.getdata,
            "setdata": self.setdata,
            "get_user": self.get_user,
            "set_user": self.set_user,
            "register_admin": self.register_admin,
            "get_randomnum": self.get_randomnum,
            "get_systemlog": self.get_systemlog,
            "initial": self.initial,
            "firmware_update": self.firmware_update,
            "get_hostauth": self.get_hostauth,
            "set_hostauth": self.set_hostauth,
            "get_https": self.get_https,
            "https_crtkey": self.https_crtkey,
            "https_csr": self.https_csr,
            "https_cacert": self.https_cacert,
        }
        # Models without 802.1X do not serve its CGI.
        if camera.profile.has("dot1x"):
            self.handlers["dot1x_cert"] = self.dot1x_cert

    async def __call__(self, request: web.Request) -> web.StreamResponse:
        camera = self.camera
        name = request.path[len("/cgi-bin/"):] if request.path.startswith("/cgi-bin/") else ""
        source = request.remote or ""
        camera.counters.requests += 1
        if name in READ_CGIS:
            camera.counters.reads += 1
        elif name in WRITE_CGIS:
            camera.counters.writes += 1
        log.debug("%s: %s %s from %s", camera.name, request.method, request.path, source)

        for pending in camera.faults.count_request():
            log.info("%s: delayed fault applied: %s", camera.name, pending.description)
            for action in pending.actions:
                action()

        delay = camera.faults.take_delay()
        if delay:
            await asyncio.sleep(delay)

        if camera.faults.take("busy", name):
            return error_response(503, "busy")
        no_answer = camera.faults.take("no_answer", name)
        if no_answer:
            return await faults.hold_without_answer(request, no_answer)
        reset = camera.faults.take("reset_connections", name)

        try:
            response = await self._dispatch(request, name, source)
        except Rejected as rejection:
            response = error_response(rejection.status, rejection.reason)
        return await self._deliver(request, name, response, reset is not None)

    async def _deliver(self, request: web.Request, name: str, response: web.StreamResponse,
                       reset: bool) -> web.StreamResponse:
        """Send ``response`` damaged, cut off or not at all, as the active faults require."""
        camera = self.camera
        succeeded = response.status == 200 and isinstance(response, web.Response)
        if succeeded and name in WRITE_CGIS and camera.faults.take("restart_mid_write", name):
            faults.abort_connection(request)
            self.server.schedule_outage(camera.options.restart_seconds, f"restart fault during {name}")
            return response
        if succeeded and camera.faults.take("drop_answers", name):
            faults.abort_connection(request)
            return response
        if succeeded and name in READ_CGIS:
            damage = camera.faults.take("malformed", name)
            if damage:
                response = faults.malformed(response, damage.variant)
        if reset and isinstance(response, web.Response):
            return await faults.send_half_then_reset(request, response)
        return response

    async def _dispatch(self, request: web.Request, name: str, source: str) -> web.StreamResponse:
        camera = self.camera
        # Host authentication filters by the TCP peer address before any other check.
        level_cap = camera.host_level_cap(source)
        if level_cap is None:
            log.debug("%s: %s denied by host authentication", camera.name, source)
            raise Rejected(403, "host_denied")

        locked_seconds = camera.lockout.seconds_left(source)
        if locked_seconds:
            response = error_response(403, "locked")
            response.headers["Retry-After"] = str(math.ceil(locked_seconds))
            return response

        handler = self.handlers.get(name)
        if handler is None:
            raise Rejected(404, "not_found")
        if camera.busy:
            raise Rejected(503, "busy")

        params = await self._read_params(request)
        randomnum = params.pop("Randomnum", None)

        if not camera.admin_registered:
            if name not in BEFORE_ADMIN_CGIS:
                raise Rejected(403, "admin_not_registered")
            return await self._handle(handler, request, name, params)

        outcome, user = authenticate(
            request.headers.get("Authorization"),
            camera.settings["UAUTHMTD"],
            camera.users,
            camera.nonces,
            request.method,
            request.raw_path,
        )
        if outcome.status == "bad_uri":
            raise Rejected(400, "uri")
        if outcome.status == "failure":
            camera.record_failure(outcome.user_name, source)
            return self._challenge()
        if outcome.status != "ok":
            return self._challenge(stale=outcome.status == "stale")
        camera.record_login(user.name, source)
        if camera.faults.take("stale_nonces", name):
            # Every nonce issued so far turns stale, so the client's next request must renegotiate.
            camera.nonces.clear()

        # Levels count down from 1 (administrator), so the larger number is the lower level.
        level = max(user.level, level_cap)
        required_level = 3 if name in LIVE_ONLY_CGIS else 1
        if level > required_level:
            raise Rejected(403, "access_level")

        if name in KEYGEN_BUSY_CGIS and camera.certificates.generating:
            raise Rejected(503, "busy")

        if name != "get_randomnum" and self._needs_randomnum(request):
            if not camera.consume_randomnum(randomnum[0] if randomnum else None):
                raise Rejected(400, "randomnum")

        return await self._handle(handler, request, name, params)

    async def _handle(self, handler, request: web.Request, name: str, params: dict[str, list]) -> web.Response:
        """Run the CGI's handler, unless an ignore_writes fault returns result=ok for a write without applying it."""
        if name in WRITE_CGIS and self.camera.faults.take("ignore_writes", name):
            log.info("%s: %s answered but not applied (ignore_writes fault)", self.camera.name, name)
            return text_response(["result=ok"])
        return await handler(request, params)

    def _challenge(self, stale: bool = False) -> web.Response:
        camera = self.camera
        camera.counters.auth_challenges += 1
        response = text_response(["error=unauthorized"], 401)
        for value in challenge_headers(camera.settings["UAUTHMTD"], camera.nonces, stale):
            response.headers.add("WWW-Authenticate", value)
        return response

    def _needs_randomnum(self, request: web.Request) -> bool:
        if self.camera.faults.require_randomnum:
            return True
        accept = request.headers.get("Accept", "").lower()
        return self.camera.settings["ENHSEC"] == "on" and "text/html" in accept

    @staticmethod
    async def _read_params(request: web.Request) -> dict[str, list]:
        """Return query and body parameters by name, in request order; file fields stay objects."""
        params: dict[str, list] = {}
        for key, value in request.query.items():
            params.setdefault(key, []).append(value)
        if request.method == "POST" and request.body_exists:
            body = await request.post()
            for key, value in body.items():
                params.setdefault(key, []).append(value)
        return params

    def _restart_after(self, response: web.Response, reason: str) -> web.Response:
        # The response goes out first, then the web service restarts.
        response.force_close()
        self.server.schedule_outage(self.camera.options.restart_seconds, reason)
        return response

    # Read CGIs

    async def getinfo(self, request, params) -> web.Response:
        camera = self.camera
        if _single(params, "FILE") != "1":
            raise Rejected(400, "FILE")
        lines = [
            f"NAME={camera.profile.model}",
            f"MAC={camera.mac}",
            f"SERIAL={camera.serial}",
            f"VERSION={camera.version}",
            f"FIRMWARE={camera.profile.family}",
            f"ADMIN_REGISTERED={1 if camera.admin_registered else 0}",
            "PRODUCT_NAME=Network Camera",
            "DESTINATION=NA",
            f"SDrec={'enable' if camera.profile.has('sd') else 'disable'}",
            "aEnable=off",
        ]
        return text_response(lines, quirky=camera.profile.quirky_reads)

    async def get_capability(self, request, params) -> web.Response:
        camera = self.camera
        lines = [f"{key}={value}" for key, value in camera.profile.capabilities().items()]
        lines.append(f"max_users={camera.profile.max_users}")
        return text_response(lines, quirky=camera.profile.quirky_reads)

    async def getdata(self, request, params) -> web.Response:
        camera = self.camera
        readable = camera.readable_settings()
        keys = list(params) or list(readable)
        camera.counters.count_setting_reads(keys)
        lines = []
        for key in keys:
            if key in readable:
                lines.append(f"{key}={readable[key]}")
            elif f"{key}_SET" in readable:
                lines.append(f"{key}_SET={readable[key + '_SET']}")
            else:
                raise Rejected(400, key)
        return text_response(lines, quirky=camera.profile.quirky_reads)

    async def get_user(self, request, params) -> web.Response:
        camera = self.camera
        lines = [f"user{index}={user.name},{user.level}" for index, user in enumerate(camera.users.values(), 1)]
        return text_response(lines, quirky=camera.profile.quirky_reads)

    async def get_randomnum(self, request, params) -> web.Response:
        camera = self.camera
        return text_response([f"randomnum={camera.issue_randomnum()}"], quirky=camera.profile.quirky_reads)

    async def get_systemlog(self, request, params) -> web.Response:
        kind = _single(params, "type")
        if kind not in LOG_TYPES:
            raise Rejected(400, "type")
        body = self.camera.log.render(kind) + "\r\n"
        if self.camera.profile.quirky_reads:
            body = BOM + body
        return web.Response(body=body.encode("utf-8"), content_type="text/plain", charset="utf-8")

    async def get_hostauth(self, request, params) -> web.Response:
        camera = self.camera
        lines = [f"HAUTH={camera.settings['HAUTH']}", *camera.hosts.lines()]
        return text_response(lines, quirky=camera.profile.quirky_reads)

    async def get_https(self, request, params) -> web.Response:
        camera = self.camera
        return text_response(camera.certificates.lines(), quirky=camera.profile.quirky_reads)

    # Write CGIs

    async def setdata(self, request, params) -> web.Response:
        camera = self.camera
        changes = []
        for key, values in params.items():
            if not isinstance(values[-1], str):
                raise Rejected(400, key)
            changes.append((key, values[-1]))

        changed = camera.apply_settings(changes)
        response = text_response(["result=ok"])
        if camera.restarts_for(changed):
            return self._restart_after(response, "settings changed: " + ", ".join(changed))
        return response

    async def set_user(self, request, params) -> web.Response:
        camera = self.camera
        mode = _single(params, "mode")
        name = _single(params, "UNAME")
        if mode == "add":
            camera.add_user(name or "", _single(params, "UPASS") or "", _single(params, "ULEVEL") or "")
        elif mode == "delete":
            camera.delete_user(name or "")
        else:
            raise Rejected(400, "mode")
        return text_response(["result=ok"])

    async def register_admin(self, request, params) -> web.Response:
        camera = self.camera
        camera.register_admin(_single(params, "UNAME") or "", _single(params, "UPASS") or "")
        return self._restart_after(text_response(["result=ok"]), "administrator registered")

    async def initial(self, request, params) -> web.Response:
        camera = self.camera
        command = _single(params, "cmd")
        if command == "data":
            camera.reset_data()
        elif command == "all":
            camera.reset_all()
        elif command != "reset":
            raise Rejected(400, "cmd")
        return self._restart_after(text_response(["result=ok"]), f"initial cmd={command}")

    async def firmware_update(self, request, params) -> web.Response:
        camera = self.camera
        upload = (params.get("file") or [None])[-1]
        if upload is None or isinstance(upload, str):
            raise Rejected(400, "file")

        try:
            image = parse_image(upload.file.read())
        except InvalidImage as error:
            return self._reject_image(str(error))
        if image.family != camera.profile.family:
            return self._reject_image(f"image is for family {image.family}, camera is {camera.profile.family}")

        failure = camera.faults.take_firmware()

        def install() -> None:
            old = camera.version
            if failure == "fail":
                camera.log.add("error", "300", f"firmware update to {image.version} failed while writing; {old} kept")
                return
            camera.version = image.version
            camera.log.add("event", "202", f"firmware updated from {old} to {image.version}")
            if failure == "factory_settings":
                camera.reset_data()

        response = text_response(["result=ok"])
        response.force_close()
        self.server.schedule_outage(camera.options.firmware_seconds, f"firmware update to {image.version}", install)
        return response

    async def set_hostauth(self, request, params) -> web.Response:
        camera = self.camera
        mode = _single(params, "mode")
        address = _single(params, "HADD") or ""
        if mode == "add":
            camera.add_host(address, _single(params, "HLEVEL") or "")
        elif mode == "delete":
            camera.delete_host(address)
        else:
            raise Rejected(400, "mode")
        return text_response(["result=ok"])

    async def https_crtkey(self, request, params) -> web.Response:
        self.camera.start_key_generation(_single(params, "cmd"), _single(params, "bits"))
        return text_response(["result=ok"])

    async def https_csr(self, request, params) -> web.Response:
        fields = {key: _single(params, key) for key in ("CN", "O", "OU", "L", "ST", "C")}
        pem = self.camera.certificates.csr(fields)
        return web.Response(body=pem.encode("ascii"), content_type="text/plain", charset="utf-8")

    async def https_cacert(self, request, params) -> web.Response:
        camera = self.camera
        mode = _single(params, "mode")
        if mode == "delete":
            camera.delete_ca_certificate()
        elif mode is None:
            camera.install_ca_certificate(_field_bytes(params, "cert"))
        else:
            raise Rejected(400, "mode")
        return text_response(["result=ok"])

    async def dot1x_cert(self, request, params) -> web.Response:
        camera = self.camera
        kind = _single(params, "type")
        camera.dot1x.install(kind, _field_bytes(params, "cert"), camera.settings["DOT1X"] == "on")
        camera.log.add("event", "209", f"802.1X {kind} installed")
        return text_response(["result=ok"])

    def _reject_image(self, detail: str) -> web.Response:
        self.camera.log.add("error", "300", f"firmware update rejected: {detail}")
        log.info("%s: firmware update rejected: %s", self.camera.name, detail)
        return error_response(400, "invalid_image")


def _single(params: dict[str, list], key: str) -> str | None:
    values = params.get(key)
    if not values or not isinstance(values[-1], str):
        return None
    return values[-1]


def _field_bytes(params: dict[str, list], key: str) -> bytes | None:
    """Return a form field or an uploaded file as bytes, or None when it is missing."""
    values = params.get(key)
    if not values:
        return None
    value = values[-1]
    if isinstance(value, str):
        return value.encode("utf-8")
    return value.file.read()
