"""Running the service: :func:`serve` (what ``wirenlp serve`` calls) starts uvicorn on the app
of :func:`~wirenlp.service.app.create_app` and returns after a graceful shutdown."""

from __future__ import annotations

import logging
import signal

from .config import ServeConfig

__all__ = ["serve"]

log = logging.getLogger("wirenlp.serve")


def serve(config: ServeConfig | None = None, *, log_level: str = "info") -> int:
    """Serve wirenlp over HTTP until SIGTERM or SIGINT; returns the exit status.

    On SIGTERM (or Ctrl-C) the server stops accepting connections, lets the requests in flight
    finish (up to ``config.shutdown_timeout`` seconds), stops the worker processes and returns
    0. It returns 3 when the pipeline cannot be loaded (the reason is logged). Needs the
    ``serve`` extra: ``pip install "wirenlp[serve]"``.
    """
    import uvicorn

    from .app import create_app

    config = config or ServeConfig()
    if not log.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s:     %(message)s"))
        log.addHandler(handler)
        log.setLevel(log_level.upper())
    fatal: list[str] = []
    server: uvicorn.Server | None = None

    def on_fatal(reason: str) -> None:
        fatal.append(reason)
        if server is not None:
            server.should_exit = True

    app = create_app(config, on_fatal=on_fatal)
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            host=config.host,
            port=config.port,
            log_level=log_level,
            timeout_graceful_shutdown=max(1, round(config.shutdown_timeout)),
            # longer than the idle timeout of clients and proxies (httpx 5 s, nginx and cloud
            # load balancers 60 s): the client, not the server, closes an idle connection, so
            # a request never races the server's close of a connection it reuses
            timeout_keep_alive=75,
            server_header=False,
            proxy_headers=True,
        )
    )
    # uvicorn re-raises the signal it stopped on once it is done, to run the handler that was
    # installed before it; a handler that does nothing makes a graceful stop exit 0.
    previous = {
        sig: signal.signal(sig, lambda signum, frame: None)
        for sig in (signal.SIGTERM, signal.SIGINT)
    }
    try:
        server.run()
    finally:
        for sig, before in previous.items():
            signal.signal(sig, before)
    if fatal:
        log.error("wirenlp serve: stopped: %s", fatal[0])
        return 3
    return 0
