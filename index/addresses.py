"""Which network addresses a fetch may connect to: public ones, unless a policy says more."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# Cloud instance-metadata endpoints (AWS, GCP, Azure, Alibaba, Oracle): refused even when private
# addresses are allowed, since they hand out credentials. Most are link-local or shared space too.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200",
        "168.63.129.16", "192.0.0.192",
    )
)  # fmt: skip
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


def embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, Teredo, NAT64)."""
    if isinstance(address, ipaddress.IPv4Address):
        return None
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if address.sixtofour:
        return address.sixtofour
    if address.teredo:
        return address.teredo[1]
    if any(address in net for net in _NAT64):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_public_address(address: IPAddress) -> bool:
    """A globally routable unicast address that is not a cloud metadata endpoint."""
    address = embedded_ipv4(address) or address  # judge what the packet really reaches
    return (
        address.is_global
        and not address.is_multicast
        and not address.is_reserved
        and address not in METADATA_ADDRESSES
    )


@dataclass(frozen=True)
class AddressPolicy:
    """Which resolved addresses may be connected to.

    Default: public addresses only. `allow_private` (the NEWSBOT_ALLOW_PRIVATE_URLS=1 setting)
    also admits private, loopback and link-local addresses, but never metadata endpoints,
    multicast or the unspecified address. `allow` lists networks admitted whatever else holds,
    e.g. `AddressPolicy.allowing("127.0.0.1/32")` for a test server on loopback.
    """

    allow_private: bool = False
    allow: tuple[IPNetwork, ...] = ()

    @classmethod
    def allowing(cls, *networks: str, allow_private: bool = False) -> AddressPolicy:
        return cls(allow_private, tuple(ipaddress.ip_network(n) for n in networks))

    def permits(self, address: IPAddress) -> bool:
        if any(address.version == net.version and address in net for net in self.allow):
            return True
        if is_public_address(address):
            return True
        if not self.allow_private:
            return False
        plain = embedded_ipv4(address) or address
        return not (
            plain in METADATA_ADDRESSES
            or address in METADATA_ADDRESSES
            or plain.is_multicast
            or plain.is_unspecified
        )
