"""HTTP Digest for tests that must choose the algorithm, which requests' HTTPDigestAuth cannot.

A camera sends one WWW-Authenticate header per challenge; requests joins them into one
string and then responds to the last one, so tests read the separate headers from urllib3.
"""

from __future__ import annotations

import hashlib
import os
import re

import requests

HASHES = {"MD5": hashlib.md5, "SHA-256": hashlib.sha256}
PARAM = re.compile(r'([A-Za-z0-9_-]+)=(?:"([^"]*)"|([^\s,]+))')


def challenges(response: requests.Response) -> list[tuple[str, dict[str, str]]]:
    """Return (scheme, parameters) for each WWW-Authenticate header, in order."""
    parsed = []
    for value in response.raw.headers.getlist("WWW-Authenticate"):
        scheme, _, rest = value.partition(" ")
        params = {
            match.group(1): match.group(2) if match.group(2) is not None else match.group(3)
            for match in PARAM.finditer(rest)
        }
        parsed.append((scheme, params))
    return parsed


def digest_challenge(response: requests.Response, algorithm: str) -> dict[str, str]:
    for scheme, params in challenges(response):
        if scheme == "Digest" and params.get("algorithm") == algorithm:
            return params
    raise AssertionError(f"no Digest {algorithm} challenge in {response.raw.headers.getlist('WWW-Authenticate')}")


def authorization(
    user: str,
    password: str,
    method: str,
    uri: str,
    challenge: dict[str, str],
    nc: int = 1,
) -> str:
    """Build a Digest Authorization value for ``challenge`` (qop=auth)."""
    algorithm = challenge.get("algorithm", "MD5")
    digest = HASHES[algorithm]

    def hash_text(text: str) -> str:
        return digest(text.encode()).hexdigest()

    cnonce = os.urandom(8).hex()
    count = f"{nc:08x}"
    ha1 = hash_text(f"{user}:{challenge['realm']}:{password}")
    ha2 = hash_text(f"{method}:{uri}")
    response = hash_text(f"{ha1}:{challenge['nonce']}:{count}:{cnonce}:auth:{ha2}")
    return (
        f'Digest username="{user}", realm="{challenge["realm"]}", nonce="{challenge["nonce"]}", '
        f'uri="{uri}", algorithm={algorithm}, qop=auth, nc={count}, cnonce="{cnonce}", '
        f'response="{response}", opaque="{challenge.get("opaque", "")}"'
    )


class DigestAuth(requests.auth.AuthBase):
    """Digest with a fixed algorithm that caches the nonce across requests, as clients do."""

    def __init__(self, user: str, password: str, algorithm: str = "SHA-256"):
        self.user = user
        self.password = password
        self.algorithm = algorithm
        self.challenge: dict[str, str] | None = None
        self.nc = 0

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        if self.challenge is not None:
            self.nc += 1
            request.headers["Authorization"] = authorization(
                self.user, self.password, request.method, request.path_url, self.challenge, self.nc
            )
        request.register_hook("response", self._retry_on_401)
        return request

    def _retry_on_401(self, response: requests.Response, **kwargs) -> requests.Response:
        if response.status_code != 401 or getattr(response.request, "_digest_retried", False):
            return response

        self.challenge = digest_challenge(response, self.algorithm)
        self.nc = 1
        response.content
        response.close()
        retry = response.request.copy()
        retry._digest_retried = True
        retry.headers["Authorization"] = authorization(
            self.user, self.password, retry.method, retry.path_url, self.challenge, self.nc
        )
        followed = response.connection.send(retry, **kwargs)
        followed.history.append(response)
        followed.request = retry
        return followed
