"""Throughput and latency of POST /v1/assessments over loopback, 1 and 2 workers, SQLite and PostgreSQL.

    python bench/api_load.py [--seconds 8] [--clients 8] [--backend reference] [--requests complete|examples]
                             [--rate 200]

Each configuration starts `comity serve` on a free local port with a fresh data directory (and a
throw-away PostgreSQL for the PostgreSQL rows), creates a case-system key, warms up, then runs
`--clients` concurrent keep-alive connections for `--seconds`. The client is a minimal asyncio
HTTP/1.1 writer so that it takes as little of the machine's CPU as possible. The server's CPU time
per assessment is printed too: unlike throughput it does not depend on what else the machine runs
(the load average before each run is shown for that reason).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "api"))
import pg  # noqa: E402

COMITY = [sys.executable, "-m", "engine.cli"]


def comity(env, *args) -> str:
    return subprocess.run(COMITY + list(args), env=env, cwd=ROOT, check=True, capture_output=True, text=True,
                          timeout=120).stdout.strip()


def start_server(env, port: int, workers: int) -> subprocess.Popen:
    proc = subprocess.Popen(COMITY + ["serve", "--port", str(port), "--workers", str(workers)], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("server did not become ready")


async def client(port: int, key: str, bodies: list[bytes], stop_at: float, latencies: list, errors: list,
                 interval: float = 0.0, offset: float = 0.0) -> None:
    """Requests back to back, or, with `interval`, one every `interval` seconds starting after
    `offset` (a request that is late goes at once): then the latency is measured at a fixed offered
    load, the clients' requests interleaved rather than in bursts."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    messages = [(f"POST /v1/assessments HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {key}\r\n"
                 f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body
                for body in bodies]
    turn = 0
    next_at = time.monotonic() + offset
    try:
        while time.monotonic() < stop_at:
            if interval:
                await asyncio.sleep(max(0.0, next_at - time.monotonic()))
                next_at += interval
            t0 = time.perf_counter()
            writer.write(messages[turn % len(messages)])
            turn += 1
            await writer.drain()
            status_line = await reader.readline()
            length = 0
            while True:
                line = await reader.readline()
                if line in (b"\r\n", b""):
                    break
                name, _, value = line.decode("latin-1").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - t0)
            if b" 200 " not in status_line:
                errors.append(status_line)
    finally:
        writer.close()


def server_cpu(pid: int) -> float:
    """CPU seconds used so far by the server process and its worker processes."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry) == pid or int(fields[1]) == pid:  # fields[1] is the parent pid
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


async def load(port: int, key: str, bodies: list[bytes], clients: int, seconds: float, pid: int = 0,
               rate: float = 0.0):
    latencies: list[float] = []
    errors: list = []
    await asyncio.gather(*(client(port, key, bodies, time.monotonic() + 2, [], errors) for _ in range(clients)))
    errors.clear()
    cpu0 = server_cpu(pid) if pid else 0.0
    start = time.monotonic()
    interval = clients / rate if rate else 0.0
    await asyncio.gather(*(client(port, key, bodies[i % len(bodies):] + bodies[:i % len(bodies)], start + seconds,
                                  latencies, errors, interval, i * interval / clients) for i in range(clients)))
    elapsed = time.monotonic() - start
    cpu = (server_cpu(pid) - cpu0) if pid else 0.0
    return latencies, errors, elapsed, cpu


def bodies(mix: str) -> list[bytes]:
    folder = ROOT / "examples" / "requests"
    if mix == "complete":
        return [(folder / "fr-lu-bank-records.json").read_bytes()]
    return [p.read_bytes() for p in sorted(folder.glob("*.json"))]


def run_one(db: str, workers: int, args, pg_server) -> dict:
    data_dir = tempfile.mkdtemp(prefix="comity-bench-")
    env = dict(os.environ, COMITY_DATA_DIR=data_dir, COMITY_BACKEND=args.backend)
    env.pop("COMITY_DATABASE_URL", None)
    if db == "postgresql":
        env["COMITY_DATABASE_URL"] = pg_server.new_database(f"bench_{workers}_{int(time.time() * 1000)}")
    key = comity(env, "keys", "create", "--role", "case_system", "--org", "bench")
    port = pg.free_port()
    proc = start_server(env, port, workers)
    try:
        load_avg = os.getloadavg()[0]
        lat, errors, elapsed, cpu = asyncio.run(load(port, key, bodies(args.requests), args.clients, args.seconds,
                                                     proc.pid, args.rate))
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    verify = subprocess.run(COMITY + ["audit", "verify"], env=env, cwd=ROOT, capture_output=True, text=True)
    lat.sort()
    return {"database": db, "workers": workers, "clients": args.clients, "mix": args.requests,
            "offered_rate": args.rate or None, "requests": len(lat),
            "errors": len(errors), "throughput": len(lat) / elapsed,
            "p50_ms": 1000 * statistics.median(lat) if lat else None,
            "p99_ms": 1000 * lat[min(len(lat) - 1, int(0.99 * len(lat)))] if lat else None,
            "server_cpu_ms_per_assessment": 1000 * cpu / len(lat) if lat else None,
            "load_average_before": load_avg,
            "audit": verify.stdout.strip().split(",")[0] or verify.stderr.strip()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=8.0)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--backend", default="reference")
    ap.add_argument("--databases", default="sqlite,postgresql")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--requests", choices=["complete", "examples"], default="complete",
                    help="complete: one request with every fact given (no open questions); examples: every file "
                         "in examples/requests in turn, some with open facts, whose questions cost counterfactuals")
    ap.add_argument("--rate", type=float, default=0.0,
                    help="offered load in requests/s spread over the clients (default: as fast as answered)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    pg_server = None
    dbs = args.databases.split(",")
    if "postgresql" in dbs:
        bindir = pg.find_binaries()
        if bindir is None:
            print("PostgreSQL binaries not found; PostgreSQL rows skipped", file=sys.stderr)
            dbs.remove("postgresql")
        else:
            pg_server = pg.PostgresServer(bindir).start()
    rows = []
    try:
        for db in dbs:
            for w in (int(x) for x in args.workers.split(",")):
                rows.append(run_one(db, w, args, pg_server))
                r = rows[-1]
                if not args.json:
                    offered = f"offered {r['offered_rate']:.0f}/s " if r["offered_rate"] else ""
                    print(f"{r['database']:10} workers={r['workers']} clients={r['clients']} {r['mix']:9} {offered}"
                          f"{r['throughput']:7.1f} assessments/s  p50 {r['p50_ms']:6.1f} ms  p99 {r['p99_ms']:6.1f} ms"
                          f"  server CPU {r['server_cpu_ms_per_assessment']:4.1f} ms/assessment"
                          f"  ({r['requests']} requests, {r['errors']} errors; load avg before {r['load_average_before']:.1f};"
                          f" audit {r['audit']})", flush=True)
    finally:
        if pg_server:
            pg_server.stop()
    if args.json:
        print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
