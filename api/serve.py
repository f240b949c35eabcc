"""Run uvicorn, with one listening socket per worker process.

uvicorn's own multi-worker mode shares one socket, and one worker can end up accepting every
keep-alive connection while the others idle. Here each worker binds its own socket with
SO_REUSEPORT, so the kernel spreads connections over the workers, and a worker only starts
listening once its rule base is loaded. The parent restarts a worker that dies.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import socket
import threading
import time

log = logging.getLogger("comity.api")


def _config(log_level: str):
    import uvicorn

    return uvicorn.Config("api.main:create_app", factory=True, log_level=log_level, access_log=False,
                          timeout_graceful_shutdown=30)


def _bind(host: str, port: int) -> socket.socket:
    family, kind, proto, _, addr = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(addr)  # uvicorn calls listen() after start-up, so no connection waits on a cold worker
    return sock


def _exit_with_parent(parent: int) -> None:
    while True:
        time.sleep(1)
        if os.getppid() != parent:
            os.kill(os.getpid(), signal.SIGTERM)
            return


def _worker(host: str, port: int, log_level: str, parent: int) -> None:
    import uvicorn

    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    uvicorn.Server(_config(log_level)).run(sockets=[_bind(host, port)])


def run(host: str, port: int, workers: int, log_level: str) -> None:
    if workers == 1:
        import uvicorn

        config = _config(log_level)
        config.host, config.port = host, port
        uvicorn.Server(config).run()
        return
    _bind(host, port).close()  # fail now, in the parent, if the address is taken by something else
    ctx = multiprocessing.get_context("spawn")
    stopping = False

    def start():
        p = ctx.Process(target=_worker, args=(host, port, log_level, os.getpid()), daemon=False)
        p.start()
        return p

    def stop(signum, _frame):
        nonlocal stopping
        stopping = True
        for p in procs:
            if p.is_alive():
                os.kill(p.pid, signal.SIGTERM)

    procs = [start() for _ in range(workers)]
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while not stopping:
        time.sleep(0.5)
        for i, p in enumerate(procs):
            if not p.is_alive() and not stopping:
                log.error("worker %s exited with %s; restarting it", p.pid, p.exitcode)
                procs[i] = start()
    for p in procs:
        p.join(timeout=40)
        if p.is_alive():
            p.kill()
