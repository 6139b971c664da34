"""Finding this PC's addresses on the hall's network (a laptop's hotspot, a pocket router),
without sending anything: no packet leaves the PC, nothing is asked of the internet.

A UDP socket that is connected but never written to only makes the PC choose a route.
"""

import ipaddress
import socket

# One address in each private range: connecting a UDP socket to them picks the interface
# that would reach them (the hall's network, through a hotspot or a router), sending nothing.
PROBES = ("10.255.255.254", "172.31.255.254", "192.168.255.254")


def _routed(probe):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        try:
            udp.connect((probe, 9))  # the discard port; connect() on UDP sends nothing
            return udp.getsockname()[0]
        except OSError:  # no route: no network at all, or none towards that range
            return None


def _named():
    # Windows (and many Linux set-ups) list every interface's address under the PC's name;
    # this finds a hotspot's 192.168.137.1 even when the default route goes elsewhere.
    try:
        found = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET,
                                   socket.SOCK_STREAM)
    except OSError:
        return []
    return [info[4][0] for info in found]


def plain_address(text):
    """The address a request came from, parsed, so one machine has one key however it is
    written: '::ffff:127.0.0.1' (IPv4 on a dual-stack socket) is 127.0.0.1. None when the
    text is no address at all."""
    try:
        ip = ipaddress.ip_address(text)
    except (TypeError, ValueError):
        return None
    mapped = ip.ipv4_mapped if ip.version == 6 else None
    return mapped or ip


def on_hall_network(address):
    """True for an address a phone in the hall can reach: private, not this PC's loopback
    nor a link-local address a network without DHCP gives itself."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return ip.version == 4 and ip.is_private and not (ip.is_loopback or ip.is_link_local
                                                      or ip.is_unspecified)


def find_addresses(routed=_routed, named=_named):
    """This PC's IPv4 addresses on private networks, in a stable order; [] without any."""
    found = [routed(probe) for probe in PROBES] + list(named())
    return sorted({a for a in found if a and on_hall_network(a)},
                  key=lambda a: ipaddress.ip_address(a))
