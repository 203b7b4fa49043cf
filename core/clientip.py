"""The address a request came from, as the limits and the admin allow-list see it.

Behind a proxy, REMOTE_ADDR is the proxy's own address, and X-Forwarded-For
holds the chain of addresses each proxy saw. Anyone can send that header,
so it is read only when ``TRUSTED_PROXY_COUNT`` says how many proxies of
ours stand in front (0, the default: the header is ignored). With N trusted
proxies, each appends the address it was reached from, so the client is
the N-th address from the right; whatever a client wrote further left is
never used.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def _parse(value: str) -> Address | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [v6]:port
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # v4:port
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def client_address(request: HttpRequest) -> Address | None:
    """The client's address: from X-Forwarded-For only behind trusted proxies."""
    remote = _parse(request.META.get("REMOTE_ADDR", ""))
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted <= 0:
        return remote
    chain = [
        part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if len(chain) < trusted:
        # Fewer entries than proxies: the request did not come through all of
        # them, so nothing in the header can be trusted.
        return remote
    return _parse(chain[-trusted]) or remote


def limit_key(request: HttpRequest) -> str:
    """The address as a limit counts it: IPv6 clients by their /64 network.

    One IPv6 client usually holds a whole /64, and could otherwise take a
    fresh address for every request.
    """
    address = client_address(request)
    if address is None:
        return "unknown"
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False))
    return str(address)


def allowed(request: HttpRequest, networks: list[str]) -> bool:
    """Whether the client's address is in one of ``networks`` (addresses or CIDR)."""
    address = client_address(request)
    if address is None:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return any(address in ipaddress.ip_network(network, strict=False) for network in networks)
