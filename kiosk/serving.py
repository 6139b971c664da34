"""The web server under `kiosk run`: waitress, with a deadline for a request to arrive whole.

Waitress closes a connection only after `channel_timeout` of silence. A client that sends
one byte every few seconds is never silent, so it could keep its connection for ever, and
`SERVER_CONNECTION_LIMIT` of them would lock every villager out. So a request that has not
arrived whole `SERVER_REQUEST_SECONDS` after its first byte ends its connection.
"""

import logging
import select
import time

from waitress.adjustments import Adjustments
from waitress.channel import HTTPChannel
from waitress.server import MultiSocketServer, TcpWSGIServer
from waitress.task import ThreadedTaskDispatcher


def server_options(config):
    """Waitress' limits on connections, from the settings."""
    idle = config["SERVER_IDLE_SECONDS"]
    return {
        "connection_limit": config["SERVER_CONNECTION_LIMIT"],
        "channel_timeout": idle,
        # Idle connections and late requests are looked for this often; waitress' 30 s
        # would let one stay open for twice its time.
        "cleanup_interval": max(1, min(10, min(idle, config["SERVER_REQUEST_SECONDS"]) // 3)),
        # select() stops at 1,024 sockets; poll() has no such limit. Windows has no poll(),
        # and its select() takes 512: the default limit of 400 stays under it.
        "asyncore_use_poll": hasattr(select, "poll"),
    }


def serve(app, config, **options):
    """What waitress.serve() does, with our server: create_server() has no way to choose
    the server's class, so its few lines are here."""
    logging.basicConfig()  # as waitress.serve() does: its warnings reach the log
    adj = Adjustments(**options, **server_options(config))
    dispatcher = ThreadedTaskDispatcher()
    dispatcher.set_thread_count(adj.threads)
    sockets = {}
    # One server per address the host name gives (e.g. IPv4 and IPv6 for "localhost");
    # each registers itself in the shared socket map that the loop below serves.
    servers = [DeadlineServer(app, sockets, dispatcher=dispatcher, adj=adj, sockinfo=info,
                              request_seconds=config["SERVER_REQUEST_SECONDS"])
               for info in adj.listen]
    listening = [(s.effective_host, s.effective_port) for s in servers]
    # MultiSocketServer only runs the loop, and on Ctrl+C stops the threads and closes
    # every socket; it serves a single address as well.
    MultiSocketServer(sockets, adj, listening, dispatcher, servers[0].log_info).run()


class DeadlineChannel(HTTPChannel):
    """A connection that knows since when its unfinished request has been arriving."""

    request_started = None  # monotonic time of the first byte; None between requests

    def received(self, data):
        reading = self.request  # the request whose bytes were arriving before these
        result = super().received(data)
        if self.request is None:
            self.request_started = None  # every request in `data` arrived whole
        elif self.request is not reading:
            # A new request began in these bytes (after any that ended in them).
            self.request_started = time.monotonic()
        return result


class DeadlineServer(TcpWSGIServer):
    """Closes, besides idle connections, those whose request is late."""

    channel_class = DeadlineChannel

    def __init__(self, *args, request_seconds, **kw):
        self.request_seconds = request_seconds
        super().__init__(*args, **kw)

    def maintenance(self, now):
        super().maintenance(now)  # idle connections
        cutoff = time.monotonic() - self.request_seconds
        for channel in self.active_channels.values():
            started = channel.request_started
            # A connection whose earlier request is still being answered only waits for
            # the kiosk, not the other way round: waitress does not read it meanwhile.
            if started is not None and started < cutoff and not channel.requests:
                channel.will_close = True  # closed by the loop, as waitress' idle ones
