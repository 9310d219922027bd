"""Measure what the emulator alone can serve: authenticated getdata requests from an async client.

The benchmark runs this before timing any playbook, so its tables can show that the emulator was
not the bottleneck. Two patterns are measured:

- `keep-alive`: each worker keeps its TLS connection and Digest nonce, one request per read.
- `new connection`: each read opens a new TLS connection and responds to a Digest challenge first,
  which is what a client that starts a new session for every task costs the camera.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
import ssl
import statistics
import time
from dataclasses import dataclass

import aiohttp

# Keys that every emulated model has, so no read gets a 400 response.
QUERY = "/cgi-bin/getdata?FTPSVR&PORTFORWARD&EASYIPSETUP&NTPADD"
CHALLENGE_PARAM = re.compile(r'(\w+)="?([^",]*)"?')


@dataclass
class LoadResult:
    """Requests sent in one measurement, their errors and the emulator's response times."""

    pattern: str
    concurrency: int
    seconds: float
    requests: int
    errors: int
    latencies: list

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile_ms(self, fraction: float) -> float:
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000

    def as_dict(self) -> dict:
        return {
            "pattern": self.pattern,
            "concurrency": self.concurrency,
            "seconds": round(self.seconds, 2),
            "requests": self.requests,
            "errors": self.errors,
            "requests_per_second": round(self.rate, 1),
            "reads_per_second": round(self.rate / (1 if self.pattern == "keep-alive" else 2), 1),
            "latency_p50_ms": round(self.percentile_ms(0.5), 1),
            "latency_p95_ms": round(self.percentile_ms(0.95), 1),
            "latency_mean_ms": round(statistics.fmean(self.latencies) * 1000, 1) if self.latencies else 0.0,
        }


class DigestSigner:
    """Digest SHA-256 (RFC 7616, qop=auth) for one camera, reusing the nonce it last issued."""

    def __init__(self, username: str, password: str):
        self.username = username
        self.password = password
        self.challenge: dict | None = None
        self.count = 0

    def learn(self, headers) -> None:
        """Keep the SHA-256 challenge of a 401 response's WWW-Authenticate headers."""
        for value in headers.getall("WWW-Authenticate", []):
            params = dict(CHALLENGE_PARAM.findall(value))
            if value.startswith("Digest") and params.get("algorithm") == "SHA-256":
                self.challenge = params
                self.count = 0
                return
        raise RuntimeError(f"no Digest SHA-256 challenge in {headers.getall('WWW-Authenticate', [])}")

    def header(self, method: str, uri: str) -> str:
        challenge = self.challenge
        self.count += 1
        nc = f"{self.count:08x}"
        cnonce = os.urandom(8).hex()

        def digest(text: str) -> str:
            return hashlib.sha256(text.encode()).hexdigest()

        ha1 = digest(f"{self.username}:{challenge['realm']}:{self.password}")
        ha2 = digest(f"{method}:{uri}")
        response = digest(f"{ha1}:{challenge['nonce']}:{nc}:{cnonce}:auth:{ha2}")
        return (
            f'Digest username="{self.username}", realm="{challenge["realm"]}", nonce="{challenge["nonce"]}", '
            f'uri="{uri}", algorithm=SHA-256, qop=auth, nc={nc}, cnonce="{cnonce}", response="{response}", '
            f'opaque="{challenge["opaque"]}"'
        )


async def _read(session: aiohttp.ClientSession, url: str, signer: DigestSigner, result: LoadResult) -> None:
    """Send one authenticated read, responding to a challenge first when there is no usable nonce."""
    started = time.monotonic()
    headers = {"Authorization": signer.header("GET", QUERY)} if signer.challenge else {}
    async with session.get(url, headers=headers) as response:
        await response.read()
        result.requests += 1
        if response.status == 401:
            signer.learn(response.headers)
            async with session.get(url, headers={"Authorization": signer.header("GET", QUERY)}) as retried:
                await retried.read()
                result.requests += 1
                if retried.status != 200:
                    result.errors += 1
        elif response.status != 200:
            result.errors += 1
    result.latencies.append(time.monotonic() - started)


async def _worker(cameras, index, deadline, ca_path, credentials, keep_alive, result) -> None:
    context = ssl.create_default_context(cafile=str(ca_path))
    address, port = cameras[index % len(cameras)]
    url = f"https://{address}:{port}{QUERY}"
    signer = DigestSigner(*credentials)

    if keep_alive:
        connector = aiohttp.TCPConnector(ssl=context, limit=1)
        async with aiohttp.ClientSession(connector=connector) as session:
            while time.monotonic() < deadline:
                await _read(session, url, signer, result)
        return

    while time.monotonic() < deadline:
        # A new session per read: new TCP and TLS connection, no nonce.
        signer.challenge = None
        connector = aiohttp.TCPConnector(ssl=context, limit=1)
        async with aiohttp.ClientSession(connector=connector) as session:
            await _read(session, url, signer, result)


async def _measure(cameras, ca_path, credentials, pattern, concurrency, seconds) -> LoadResult:
    result = LoadResult(pattern, concurrency, 0.0, 0, 0, [])
    started = time.monotonic()
    deadline = started + seconds
    await asyncio.gather(*(
        _worker(cameras, index, deadline, ca_path, credentials, pattern == "keep-alive", result)
        for index in range(concurrency)
    ))
    result.seconds = time.monotonic() - started
    return result


def measure(cameras, ca_path, credentials, pattern: str, concurrency: int, seconds: float) -> LoadResult:
    """Load `cameras` [(address, https port)] with one pattern for `seconds` and return the result.

    `pattern` is "keep-alive" or "new connection". `credentials` is (user, password) of an
    administrator registered on every camera.
    """
    return asyncio.run(_measure(cameras, ca_path, credentials, pattern, concurrency, seconds))
