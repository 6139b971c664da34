"""Slow or idle connections cannot keep a villager's request from being answered."""

import contextlib
import http.client
import socket
import threading
import time

from conftest import settings
from served import Served, wait_for

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


def trickled(port):
    """A connection that has begun a request that never ends."""
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(b"GET / HTTP/1.1\r\nHost: kiosk\r\nX-Slow: ")
    return s


def hung_up(s):
    """Send the next byte of the endless request, then wait up to 0.5 s for the kiosk to
    hang up: a byte every 0.5 s at most, so the connection is never idle."""
    try:
        s.send(b"X")
        s.settimeout(0.5)
        return s.recv(1024) == b""
    except TimeoutError:
        return False
    except OSError:  # reset: hung up too
        return True


def answer(sock):
    """The status of the next response on a raw connection, its body read."""
    response = http.client.HTTPResponse(sock)
    response.begin()
    response.read()
    return response.status


def test_a_request_that_trickles_in_ends_its_connection_after_its_deadline(
        content_dir, tmp_path):
    kiosk = Served(settings(content_dir, tmp_path, SERVER_REQUEST_SECONDS=2)).ready()
    try:
        with socket.create_connection(("127.0.0.1", kiosk.port), timeout=10) as kept:
            # A request in two parts for sure: the body goes only after the kiosk's
            # "100 Continue", so the deadline's clock started before the request ended.
            kept.sendall(b"POST /pelajaran/calo HTTP/1.1\r\nHost: kiosk\r\n"
                         b"Content-Length: 2\r\nExpect: 100-continue\r\n\r\n")
            assert kept.recv(1024).startswith(b"HTTP/1.1 100 Continue")
            kept.sendall(b"{}")
            assert answer(kept) == 405
            started = time.monotonic()
            with trickled(kiosk.port) as slow:
                # Never idle (SERVER_IDLE_SECONDS is 30), so only the deadline can end it.
                wait_for(lambda: hung_up(slow), "the kiosk to hang up on the slow request",
                         30)
            print(f"slow request cut after {time.monotonic() - started:.1f} s")
            # The kept-alive connection has been open longer than the deadline, but
            # between whole requests: it still serves the next one.
            kept.sendall(b"GET /pelajaran/calo HTTP/1.1\r\nHost: kiosk\r\n\r\n")
            assert answer(kept) == 200
        assert kiosk.get("/pelajaran/calo")[0] == 200
    finally:
        kiosk.stop()


def test_slow_senders_filling_every_connection_are_cut_and_a_villager_is_answered(
        content_dir, tmp_path):
    kiosk = Served(settings(content_dir, tmp_path, SERVER_CONNECTION_LIMIT=20,
                            SERVER_REQUEST_SECONDS=2)).ready()
    stop = threading.Event()
    socks = [trickled(kiosk.port) for _ in range(25)]  # 5 more than are served at once

    def trickle():
        while not stop.wait(0.5):
            for s in socks:
                with contextlib.suppress(OSError):
                    s.send(b"X")

    threading.Thread(target=trickle, daemon=True).start()
    try:
        started = time.monotonic()
        # Without the deadline this waits until its own timeout: every slot stays taken.
        status, body = kiosk.get("/pelajaran/calo", timeout=30)
        took = time.monotonic() - started
        assert status == 200
        print(f"answered in {took:.1f} s with 25 slow senders and 20 connections")
    finally:
        stop.set()
        for s in socks:
            s.close()
        kiosk.stop()
