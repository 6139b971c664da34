"""Phones on the hall's network: the addresses the kiosk also listens on, the codes that lead
phones there, and the gate that keeps one phone from crowding out the others.

``open_hall`` is called by `kiosk run --lan`; pages read ``get_hall()`` (None: phones off).
"""

from dataclasses import dataclass

from flask import current_app

from .addresses import find_addresses, plain_address
from .codes import address_url
from .gate import SenderGate

# What the whole hall's phones may ask together, in pages: a client that changes its address
# every request gets no more than that (the kiosk's screen has no limit). A full hall is 100
# phones each opening a page every 5 s (20 a second): 50 a second leaves room, and 300 at once
# lets the whole hall scan the code on the screen together. It is not each phone's rate times
# a number of phones: ten flooding addresses would then drain it and refuse every phone.
HALL_PAGES_PER_SECOND = 50
HALL_BURST = 300


@dataclass(frozen=True)
class Hall:
    """Where phones reach this kiosk: its addresses on the hall's network and the port."""

    addresses: tuple
    port: int

    @property
    def urls(self):
        return tuple(address_url(f"[{a}]" if ":" in a else a, self.port)
                     for a in self.addresses)

    def listen(self, host):
        """waitress' ``listen``: the screen's own address and each of the hall's."""
        # "::" already takes every IPv6 address (a second socket on one of them would find
        # it in use), but waitress sets IPV6_V6ONLY: the IPv4 ones still need their own.
        hall = [a for a in self.addresses if not (host == "::" and ":" in a)]
        shown = [f"[{a}]" if ":" in a else a for a in (host, *hall)]
        return " ".join(f"{a}:{self.port}" for a in dict.fromkeys(shown))


def init_app(app):
    app.extensions["lan"] = None
    config = app.config
    # Parsed once: each request's address is compared as an address, not as text.
    app.extensions["lan.screen"] = frozenset(plain_address(a)
                                             for a in config["SCREEN_ADDRESSES"])
    app.extensions["lan.gate"] = SenderGate(
        app.extensions["clock"], config["LAN_PHONE_BURST"],
        config["LAN_PHONE_PAGES_PER_SECOND"], hall=(HALL_BURST, HALL_PAGES_PER_SECOND))


def open_hall(app, port, addresses=None):
    """Start serving phones: the addresses from LAN_ADDRESSES, else the ones found on this
    PC now; returns the Hall (with no addresses when there is no network)."""
    if addresses is None:
        addresses = app.config["LAN_ADDRESSES"] or find_addresses()
    hall = Hall(tuple(addresses), port)
    app.extensions["lan"] = hall
    return hall


def get_hall():
    """The hall's network the kiosk serves, or None (no --lan, or no network address)."""
    hall = current_app.extensions.get("lan")
    return hall if hall is not None and hall.addresses else None


def file_cost(config):
    """What a file (style, script, icon) costs of a phone's page allowance."""
    return config["LAN_PHONE_PAGES_PER_SECOND"] / config["LAN_PHONE_FILES_PER_SECOND"]
