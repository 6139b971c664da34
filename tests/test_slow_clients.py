"""Slow or idle connections cannot keep a villager's request from being answered."""

import contextlib
import socket
import threading
import time

from conftest import settings
from served import Served

SLOW = 200


def test_a_request_is_answered_while_200_slow_connections_are_open(content_dir, tmp_path):
    kiosk = Served(settings(content_dir, tmp_path)).ready()
    stop = threading.Event()
    socks = []

    def trickle():
        # One byte of a request that never ends, every couple of seconds, on each socket.
        while not stop.wait(2):
            for s in socks:
                with contextlib.suppress(OSError):
                    s.send(b"X")

    try:
        for _ in range(SLOW):
            s = socket.create_connection(("127.0.0.1", kiosk.port), timeout=10)
            s.sendall(b"GET / HTTP/1.1\r\nHost: kiosk\r\nX-Slow: ")
            socks.append(s)
        sender = threading.Thread(target=trickle, daemon=True)
        sender.start()
        started = time.monotonic()
        status, body = kiosk.get("/pelajaran/calo", timeout=30)
        took = time.monotonic() - started
        assert status == 200
        print(f"answered in {took:.3f} s with {SLOW} slow connections open")
    finally:
        stop.set()
        for s in socks:
            s.close()
        kiosk.stop()


def test_an_idle_connection_is_closed(content_dir, tmp_path):
    kiosk = Served(settings(content_dir, tmp_path, SERVER_IDLE_SECONDS=1)).ready()
    try:
        with socket.create_connection(("127.0.0.1", kiosk.port), timeout=30) as s:
            s.sendall(b"GET / HTTP/1.1\r\n")  # and then nothing more
            assert s.recv(1024) == b""  # the kiosk hung up (a timeout would raise)
    finally:
        kiosk.stop()
