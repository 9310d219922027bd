"""The JSON control API that tests use to inspect cameras and switch faults on."""

from __future__ import annotations

import ipaddress
import logging
import time
from typing import Callable

from aiohttp import web

from .faults import (
    CERTIFICATE_VARIANTS, FIRMWARE_VARIANTS, MALFORMED_VARIANTS, REQUEST_FAULTS, PendingFaults, RequestFault,
    fault_certificate,
)
from .fleet import Fleet
from .hostauth import parse_network
from .settings import Rejected

log = logging.getLogger(__name__)

AUTH_METHODS = ("digest", "digest_basic", "basic")
FAULT_KEYS = frozenset(
    {
        "lockout", "source", "slow_ms", "requests", "seconds",
        "restart", "refuse_connections", "require_randomnum", "clear",
        "cgi", "after_requests", "auth_method", "certificate", "firmware",
        *REQUEST_FAULTS,
    }
)


class ControlError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def create_control_app(fleet: Fleet) -> web.Application:
    """Build the control API application for a fleet."""
    api = ControlApi(fleet)
    application = web.Application(middlewares=[_json_errors])
    application.router.add_get("/cameras", api.list_cameras)
    application.router.add_get("/cameras/{name}", api.get_camera)
    application.router.add_patch("/cameras/{name}/settings", api.patch_settings)
    application.router.add_post("/cameras/{name}/hosts", api.replace_hosts)
    application.router.add_post("/cameras/{name}/factory-reset", api.factory_reset)
    application.router.add_post("/cameras/{name}/counters/reset", api.reset_counters)
    application.router.add_post("/cameras/{name}/faults", api.add_fault)
    return application


@web.middleware
async def _json_errors(request: web.Request, handler):
    try:
        return await handler(request)
    except ControlError as error:
        return web.json_response({"error": error.message}, status=error.status)
    except web.HTTPException as error:
        if error.status < 400:
            raise
        return web.json_response({"error": f"{error.reason}: {request.method} {request.path}"}, status=error.status)


class ControlApi:
    def __init__(self, fleet: Fleet):
        self.fleet = fleet

    def _camera(self, request: web.Request):
        name = request.match_info["name"]
        camera = self.fleet.camera(name)
        if camera is None:
            raise ControlError(404, f"camera {name} not found: GET /cameras lists the names")
        return camera

    @staticmethod
    async def _json_object(request: web.Request) -> dict:
        try:
            body = await request.json()
        except ValueError:
            raise ControlError(400, "request body is not valid JSON: send a JSON object") from None
        if not isinstance(body, dict):
            raise ControlError(400, "request body must be a JSON object")
        return body

    async def list_cameras(self, request: web.Request) -> web.Response:
        return web.json_response([camera.summary() for camera in self.fleet.cameras])

    async def get_camera(self, request: web.Request) -> web.Response:
        return web.json_response(self._camera(request).details())

    async def patch_settings(self, request: web.Request) -> web.Response:
        """Change settings as a technician would: key names are checked, values are stored as given.

        Keys that restart the web service when written through setdata take effect at the
        camera's next restart.
        """
        camera = self._camera(request)
        body = await self._json_object(request)
        for key in body:
            if key not in camera.table:
                raise ControlError(400, f"unknown setting {key} for {camera.profile.model} {camera.name}")

        for key, value in body.items():
            if camera.table[key].kind == "secret":
                camera.settings[key] = None if value in (None, "") else str(value)
            else:
                camera.settings[key] = "" if value is None else str(value)
        log.info("%s: settings patched through the control API: %s", camera.name, ", ".join(body))
        return web.json_response(camera.details())

    async def replace_hosts(self, request: web.Request) -> web.Response:
        """Replace the host authentication list with a JSON list of {address, level}; HAUTH stays."""
        camera = self._camera(request)
        try:
            body = await request.json()
        except ValueError:
            raise ControlError(400, "request body is not valid JSON: send a list of {address, level}") from None
        if not isinstance(body, list):
            raise ControlError(400, 'request body must be a JSON list such as [{"address": "127.0.0.0/8", "level": 1}]')

        entries = [_host_entry(index, entry) for index, entry in enumerate(body)]
        camera.hosts.replace(entries)
        log.info("%s: host list replaced through the control API: %d entries", camera.name, len(entries))
        return web.json_response(camera.details())

    async def factory_reset(self, request: web.Request) -> web.Response:
        camera = self._camera(request)
        camera.reset_all()
        log.info("%s: factory reset through the control API", camera.name)
        if camera.listen_plan() != camera.listening:
            await self.fleet.servers[camera.name].relisten()
        return web.json_response(camera.details())

    async def reset_counters(self, request: web.Request) -> web.Response:
        camera = self._camera(request)
        camera.counters.reset()
        return web.json_response(camera.details())

    async def add_fault(self, request: web.Request) -> web.Response:
        """Switch faults on now, or after ``after_requests`` further requests to the camera."""
        camera = self._camera(request)
        body = await self._json_object(request)
        unknown = sorted(set(body) - FAULT_KEYS)
        if unknown:
            raise ControlError(
                400, f"unknown fault {', '.join(unknown)}: use one of {', '.join(sorted(FAULT_KEYS))}"
            )

        actions = self._fault_actions(camera, body)
        if not actions:
            raise ControlError(400, f"no fault given in {sorted(body)}: e.g. {{\"restart\": true}}")
        applied = [description for description, _action in actions]
        if "after_requests" in body:
            after = _number(body, "after_requests")
            description = ", ".join(applied)
            camera.faults.pending.append(
                PendingFaults(int(after), [action for _description, action in actions], description)
            )
            log.info("%s: fault pending until %d more requests: %s", camera.name, after, description)
            return web.json_response({"camera": camera.name, "applied": [], "pending": applied})

        for _description, action in actions:
            action()
        log.info("%s: fault applied: %s", camera.name, ", ".join(applied))
        return web.json_response({"camera": camera.name, "applied": applied})

    def _fault_actions(self, camera, body: dict) -> list[tuple[str, Callable[[], None]]]:
        """Check a fault request and return its (description, action) pairs, in the order they apply."""
        server = self.fleet.servers[camera.name]
        actions: list[tuple[str, Callable[[], None]]] = []
        if body.get("clear"):
            def clear() -> None:
                camera.faults.clear()
                camera.lockout.clear()
                camera.certificates.replace_preinstalled(None)
            actions.append(("clear", clear))

        if body.get("lockout"):
            source = body.get("source", "127.0.0.1")
            try:
                ipaddress.ip_address(source)
            except ValueError:
                raise ControlError(400, f"invalid source {source!r}: give an IP address such as 127.0.0.1") from None
            actions.append((f"lockout {source}", lambda: camera.lockout.lock(source)))

        if "slow_ms" in body:
            slow_ms = _number(body, "slow_ms")
            requests, seconds = _duration(body, "slow_ms")

            def slow() -> None:
                camera.faults.slow_ms = slow_ms
                camera.faults.slow_requests = requests
                camera.faults.slow_until = time.monotonic() + seconds if seconds is not None else None
            actions.append((f"slow_ms {slow_ms}", slow))

        if body.get("require_randomnum"):
            actions.append(("require_randomnum", lambda: setattr(camera.faults, "require_randomnum", True)))

        actions += self._request_fault_actions(camera, body)

        if "auth_method" in body:
            method = body["auth_method"]
            if method not in AUTH_METHODS:
                raise ControlError(400, f"invalid auth_method {method!r}: use one of {', '.join(AUTH_METHODS)}")

            def switch() -> None:
                # As a technician's change would, without the restart unless the request asks for one.
                camera.settings["UAUTHMTD"] = method
            actions.append((f"auth_method {method}", switch))

        if "certificate" in body:
            variant = body["certificate"]
            if variant not in CERTIFICATE_VARIANTS:
                raise ControlError(
                    400, f"invalid certificate {variant!r}: use one of {', '.join(CERTIFICATE_VARIANTS)}"
                )

            def present() -> None:
                files = fault_certificate(self.fleet.ca, camera.name, camera.address, variant,
                                          self.fleet.ca.cert_dir)
                camera.certificates.replace_preinstalled(files)
            actions.append((f"certificate {variant}", present))

        if "firmware" in body:
            variant = body["firmware"]
            if variant not in FIRMWARE_VARIANTS:
                raise ControlError(400, f"invalid firmware {variant!r}: use one of {', '.join(FIRMWARE_VARIANTS)}")
            actions.append((f"firmware {variant}", lambda: setattr(camera.faults, "firmware", variant)))

        if body.get("restart"):
            actions.append(("restart", lambda: server.schedule_outage(camera.options.restart_seconds,
                                                                       "restart fault")))

        if body.get("refuse_connections"):
            if "seconds" not in body:
                raise ControlError(400, "refuse_connections needs seconds to say how long the fault lasts")
            seconds = _number(body, "seconds")
            actions.append(("refuse_connections",
                            lambda: server.schedule_outage(seconds, "refuse_connections fault")))
        return actions

    @staticmethod
    def _request_fault_actions(camera, body: dict) -> list[tuple[str, Callable[[], None]]]:
        cgi = body.get("cgi")
        if cgi is not None and not isinstance(cgi, str):
            raise ControlError(400, f"invalid cgi {cgi!r}: give a CGI name such as setdata")
        actions = []
        for kind in REQUEST_FAULTS:
            if kind not in body or body[kind] is False:
                continue
            variant = body[kind] if kind == "malformed" else None
            if kind == "malformed" and variant not in MALFORMED_VARIANTS:
                raise ControlError(400, f"invalid malformed {variant!r}: use one of {', '.join(MALFORMED_VARIANTS)}")
            if kind != "malformed" and body[kind] is not True:
                raise ControlError(400, f"invalid {kind} {body[kind]!r}: give true")
            requests, seconds = _duration(body, kind)

            def add(kind=kind, variant=variant, requests=requests, seconds=seconds) -> None:
                until = time.monotonic() + seconds if seconds is not None else None
                camera.faults.add(RequestFault(kind, variant, requests, until, cgi))
            actions.append((kind if variant is None else f"{kind} {variant}", add))
        return actions


def _duration(body: dict, kind: str) -> tuple[int | None, float | None]:
    """Return (requests, seconds) that bound a fault; at least one must be given."""
    requests = int(_number(body, "requests")) if "requests" in body else None
    seconds = _number(body, "seconds") if "seconds" in body else None
    if requests is None and seconds is None:
        raise ControlError(400, f"{kind} needs requests or seconds to say how long the fault lasts")
    return requests, seconds


def _number(body: dict, key: str):
    value = body[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ControlError(400, f"invalid {key} {value!r}: give a number of 0 or more")
    return value


def _host_entry(index: int, entry) -> tuple[str, int]:
    """Check one entry of a host list for the control API and return (address, level)."""
    if not isinstance(entry, dict) or set(entry) != {"address", "level"}:
        raise ControlError(400, f"host entry {index} is {entry!r}: give an object with exactly address and level")

    address, level = entry["address"], entry["level"]
    try:
        parse_network(address if isinstance(address, str) else "")
    except Rejected:
        raise ControlError(
            400, f"host entry {index} address {address!r} is invalid: give an IPv4 address or a CIDR subnet "
            "without host bits, such as 127.0.0.1 or 127.0.0.0/8"
        ) from None
    if isinstance(level, bool) or level not in (1, 2, 3):
        raise ControlError(400, f"host entry {index} level {level!r} is invalid: give 1, 2 or 3")
    return address, level
