"""Host authentication: the camera's IPv4 allow list with a maximum access level per entry."""

from __future__ import annotations

import ipaddress

from .settings import Rejected

LEVELS = ("1", "2", "3")


def parse_network(text: str) -> ipaddress.IPv4Network:
    """Return the network of an IPv4 address or CIDR subnet, or raise Rejected(400, "HADD").

    Host names, IPv6 and subnets with host bits set are rejected, as the camera does.
    """
    try:
        return ipaddress.IPv4Network(text, strict=True)
    except ValueError:
        raise Rejected(400, "HADD") from None


def entry_text(network: ipaddress.IPv4Network) -> str:
    """Return the address as get_hostauth shows it: single hosts without /32."""
    return str(network.network_address) if network.prefixlen == 32 else str(network)


class HostList:
    """The host authentication entries of one camera, in the order they were first added."""

    def __init__(self):
        self._entries: dict[ipaddress.IPv4Network, int] = {}

    def add(self, address: str, level: str) -> bool:
        """Add an entry, or overwrite the entry of the same network; return True when it existed."""
        network = parse_network(address)
        if level not in LEVELS:
            raise Rejected(400, "HLEVEL")

        existed = network in self._entries
        self._entries[network] = int(level)
        return existed

    def delete(self, address: str) -> None:
        network = parse_network(address)
        if network not in self._entries:
            raise Rejected(400, "HADD")
        del self._entries[network]

    def replace(self, entries: list[tuple[str, int]]) -> None:
        """Replace every entry at once; the caller has checked the levels."""
        parsed = {parse_network(address): level for address, level in entries}
        self._entries = parsed

    def clear(self) -> None:
        self._entries.clear()

    def level_cap(self, source: str) -> int | None:
        """Return the most permissive level of the entries covering ``source``, or None if none does.

        A source that is not an IPv4 address (IPv6 or empty) returns 1, because host
        authentication does not filter IPv6 clients.
        """
        try:
            address = ipaddress.ip_address(source)
        except ValueError:
            return 1
        if address.version != 4:
            return 1

        levels = [level for network, level in self._entries.items() if address in network]
        return min(levels) if levels else None

    def lines(self) -> list[str]:
        """Return get_hostauth's ``host<n>=<address>[/<prefix>],<level>`` lines."""
        return [
            f"host{index}={entry_text(network)},{level}"
            for index, (network, level) in enumerate(self._entries.items(), 1)
        ]

    def as_list(self) -> list[dict]:
        return [{"address": entry_text(network), "level": level} for network, level in self._entries.items()]
