"""Benchmark of the back-office pages under load (prints JSON on stdout).

With ``--dossiers`` dossiers in PostgreSQL (default 100,000, loaded by
bench/bench_dossiers.py's bulk loader), the app runs under gunicorn with ``--workers``
sync workers (default 2) on 127.0.0.1, and ``--clients`` concurrent clients (default 20)
hit, one page after the other, as a signed-in agent whose second factor is verified:

* ``dashboard``: ``/`` — what falls due in 30 days, the dossiers by state, the search form;
* ``dossier``: ``/dossiers/<pk>/`` over a sample of the agent's prefecture's dossiers —
  the law evaluated with its explanation, history, documents, acts as forms (each read is
  audited, as in production);
* ``search``: ``/dossiers/recherche/?q=<last name>`` — the keyed blind index.

Each page: a warm-up, then ``--seconds`` of load (at most ``--max-requests`` requests):
median, p95 and requests/s per page; before it, ``--alone-seconds`` with one client alone
("one_client": the server's time per page, without queueing). Target: p95 <= 100 ms with
the ``--clients``.

The session cookie is made in the database (no password, no TOTP code typed): Django's test
``Client.force_login`` then ``django_otp.login`` on a confirmed TOTP device.

Load tool: ``wrk`` when it is on the PATH (``apt-get install wrk``), else a Python thread
pool of keep-alive ``http.client`` connections. Server: gunicorn when it is installed in
this Python (``python -m gunicorn``); otherwise Django's ``runserver --noreload`` — one
process, a thread per connection, NOT the production set-up: the JSON says so in "server".

The database is ``DATABASE_URL`` (default postgres://postgres@127.0.0.1:5432/
sejour_traite_bench_web): dropped, created and migrated before each load, so its name must
contain "bench" (or pass --force). ``--reuse`` measures again on an earlier run's caseload
(of the same size). The server and the load tool are stopped on exit, on an error,
on Ctrl-C or SIGTERM. Not run by the tests.

Usage: python bench/bench_web.py [--dossiers N] [--clients C] [--seconds S] [--reuse]
"""

from __future__ import annotations

import argparse
import http.client
import importlib.util
import itertools
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_dossiers  # noqa: E402  (the loader of the case files benchmark)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/sejour_traite_bench_web"
TARGET_P95_MS = 100.0
AGENT = "agent75"  # bench_dossiers' agent of Paris, where 60 % of the dossiers are
SAMPLE = 500  # dossiers (and names) the dossier and search pages rotate over
STARTUP_TIMEOUT = 60.0
REQUEST_TIMEOUT = 30.0


# ---------------------------------------------------------------- data and session


def load(args: argparse.Namespace, url: str) -> dict[str, Any]:
    """The caseload: a fresh database loaded by bench_dossiers' loader, or with ``--reuse``
    the one an earlier run left (of the same size)."""
    bench_dossiers.prepare_database(url, fresh=not args.reuse)
    bench_dossiers.setup_django(url)
    from django.db import connection
    from django.utils import timezone

    from sejour_traite.dossiers.models import Dossier

    if args.reuse:
        if Dossier.objects.count() == args.dossiers:
            return {"reused": True}
        sys.exit("bench_web: --reuse, but the database holds another caseload")
    started = time.perf_counter()
    loader = bench_dossiers.Loader(args.dossiers, random.Random(args.seed), 0, timezone.localdate())
    loader.load()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"seconds": round(time.perf_counter() - started, 1)}


def signed_in_cookie() -> tuple[str, Any]:
    """A session of the agent with a verified second factor: the sessionid cookie's value."""
    from django.http import HttpRequest
    from django.test import Client
    from django_otp import login as otp_login
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from sejour_traite.accounts.models import User

    agent = User.objects.get(username=AGENT)
    device, _ = TOTPDevice.objects.get_or_create(
        user=agent, name="bench", defaults={"confirmed": True}
    )
    client = Client()
    client.force_login(agent)
    session = client.session
    request = HttpRequest()
    request.session = session
    request.user = agent
    otp_login(request, device)
    session.save()
    return session.session_key, agent


def page_paths(agent: Any, rng: random.Random) -> dict[str, list[str]]:
    from sejour_traite.dossiers.models import Dossier

    ids = list(
        Dossier.objects.filter(prefecture_id=agent.prefecture_id).values_list("id", flat=True)
    )
    sample = sorted(rng.sample(ids, min(SAMPLE, len(ids))))
    names = [
        dossier.person.last_name
        for dossier in Dossier.objects.filter(pk__in=sample[:SAMPLE]).select_related("person")
    ]
    return {
        "dashboard": ["/"],
        "dossier": [f"/dossiers/{pk}/" for pk in sample],
        "search": [f"/dossiers/recherche/?q={quote(name)}" for name in names],
    }


# ---------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def server(url: str, workers: int, log: Path) -> Iterator[tuple[int, str]]:
    """The app on 127.0.0.1 (gunicorn, else runserver): its port and a description.
    Stopped (its whole process group) when the block exits, however it exits."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "sejour_traite.settings"}
    if importlib.util.find_spec("gunicorn") is not None:
        command = [
            sys.executable, "-m", "gunicorn", "sejour_traite.wsgi:application",
            "--workers", str(workers), "--worker-class", "sync",
            "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
        ]  # fmt: skip
        label = f"gunicorn, {workers} sync workers"
    else:
        command = [
            sys.executable, "-m", "django", "runserver", "--noreload", f"127.0.0.1:{port}",
        ]  # fmt: skip
        label = (
            "Django runserver --noreload (one process, a thread per connection): gunicorn "
            "is not installed — NOT the production set-up, the figures are not comparable"
        )
    with log.open("wb") as output:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: gunicorn's workers go with it
        )
        try:
            wait_until_up(process, port, log)
            yield port, label
        finally:
            stop(process)


def wait_until_up(process: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"bench_web: the server stopped:\n{log.read_text(errors='replace')[-2000:]}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/connexion/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        finally:
            connection.close()
        time.sleep(0.3)
    sys.exit(f"bench_web: the server did not answer in {STARTUP_TIMEOUT:.0f} s")


def stop(process: subprocess.Popen[Any]) -> None:
    """SIGTERM to the process group, SIGKILL after 10 s."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        except ProcessLookupError:
            pass


# ---------------------------------------------------------------- the load


def summary(latencies: list[float], seconds: float, statuses: Counter[int]) -> dict[str, Any]:
    ms = sorted(value * 1000 for value in latencies)
    return {
        "requests": len(ms),
        "not_200": sum(n for status, n in statuses.items() if status != 200),
        "median_ms": round(statistics.median(ms), 1) if ms else None,
        "p95_ms": round(ms[min(len(ms) - 1, int(0.95 * len(ms)))], 1) if ms else None,
        "requests_per_s": round(len(ms) / seconds, 1) if seconds else None,
    }


def python_load(
    port: int, paths: list[str], cookie: str, clients: int, seconds: float, limit: int
) -> dict[str, Any]:
    """``clients`` threads, each with a keep-alive connection, for ``seconds`` or ``limit``
    requests in all; the latency of each request, its body read."""
    deadline = time.monotonic() + seconds
    numbers = itertools.count()
    lock = threading.Lock()
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    headers = {"Cookie": f"sessionid={cookie}", "Accept": "text/html"}

    stopping = threading.Event()

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
        mine: list[float] = []
        codes: Counter[int] = Counter()
        while time.monotonic() < deadline and not stopping.is_set():
            with lock:
                number = next(numbers)
            if number >= limit:
                break
            started = time.perf_counter()
            try:
                connection.request("GET", paths[number % len(paths)], headers=headers)
                response = connection.getresponse()
                response.read()
            except (http.client.HTTPException, OSError):
                connection.close()  # reconnects on the next request
                codes[0] += 1
                continue
            mine.append(time.perf_counter() - started)
            codes[response.status] += 1
        connection.close()
        with lock:
            latencies.extend(mine)
            statuses.update(codes)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        try:
            for future in [pool.submit(client) for _ in range(clients)]:
                future.result()
        except BaseException:  # Ctrl-C, SIGTERM: the clients stop after their request
            stopping.set()
            raise
    return summary(latencies, time.perf_counter() - started, statuses)


WRK_SCRIPT = """
paths = {%(paths)s}
counter = math.random(#paths)
bad = 0
threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end

function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

function done(summary, latency, requests)
  local not_200 = 0
  for _, thread in ipairs(threads) do not_200 = not_200 + thread:get("bad") end
  local e = summary.errors
  io.write(string.format(
    '\\n{"requests": %%d, "duration_us": %%d, "median_us": %%d, "p95_us": %%d, '
    .. '"not_200": %%d, "socket_errors": %%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    not_200, e.connect + e.read + e.write + e.timeout))
end
"""


def wrk_load(
    port: int, paths: list[str], cookie: str, clients: int, seconds: float, folder: Path
) -> dict[str, Any]:
    script = folder / "paths.lua"
    script.write_text(WRK_SCRIPT % {"paths": ", ".join(json.dumps(p) for p in paths)})
    command = [
        "wrk", "--threads", str(min(2, clients)), "--connections", str(clients),
        "--duration", f"{max(1, round(seconds))}s", "--timeout", f"{REQUEST_TIMEOUT:.0f}s",
        "--header", f"Cookie: sessionid={cookie}", "--script", str(script),
        f"http://127.0.0.1:{port}",
    ]  # fmt: skip
    output = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 60, check=True
    ).stdout
    line = [row for row in output.splitlines() if row.startswith("{")][-1]
    result = json.loads(line)
    requests = result["requests"]
    return {
        "requests": requests,
        "not_200": result["not_200"] + result["socket_errors"],
        "median_ms": round(result["median_us"] / 1000, 1),
        "p95_ms": round(result["p95_us"] / 1000, 1),
        "requests_per_s": round(requests / (result["duration_us"] / 1e6), 1),
    }


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dossiers", type=int, default=100_000, help="dossiers to load")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients")
    parser.add_argument("--seconds", type=float, default=20.0, help="load time per page")
    parser.add_argument(
        "--max-requests", type=int, default=20_000, help="at most this many requests per page"
    )
    parser.add_argument(
        "--alone-seconds", type=float, default=5.0, help="then one client alone, per page"
    )
    parser.add_argument("--warmup", type=int, default=40, help="requests per page before timing")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--tool", choices=["auto", "wrk", "python"], default="auto", help="load tool"
    )
    parser.add_argument("--pages", default="dashboard,dossier,search", help="pages to load")
    parser.add_argument("--seed", type=int, default=20240717, help="random seed")
    parser.add_argument(
        "--reuse", action="store_true", help="keep the loaded data when it has --dossiers rows"
    )
    parser.add_argument(
        "--force", action="store_true", help="load even if the database name lacks 'bench'"
    )
    args = parser.parse_args(argv)
    url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    if "bench" not in url.rsplit("/", 1)[-1] and not args.force:
        sys.exit(f"bench_web: {url} is not a benchmark database (name without 'bench')")
    pages = [name.strip() for name in args.pages.split(",") if name.strip()]
    tool = args.tool
    if tool == "auto":
        tool = "wrk" if shutil.which("wrk") else "python"
    if tool == "wrk" and not shutil.which("wrk"):
        sys.exit("bench_web: wrk is not installed (apt-get install wrk), or use --tool python")
    # SIGTERM unwinds like Ctrl-C: the server is stopped by the context manager.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    loaded = load(args, url)
    from django.db import connection

    from sejour_traite.dossiers.models import Dossier

    cookie, agent = signed_in_cookie()
    paths = page_paths(agent, random.Random(args.seed))
    unknown = set(pages) - paths.keys()
    if unknown:
        sys.exit(f"bench_web: unknown pages {sorted(unknown)}; known: {sorted(paths)}")
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    dossiers = Dossier.objects.count()
    own = Dossier.objects.filter(prefecture_id=agent.prefecture_id).count()
    connection.close()

    results: dict[str, Any] = {}
    with (
        tempfile.TemporaryDirectory(prefix="bench-web-") as folder,
        server(url, args.workers, Path(folder) / "server.log") as (port, label),
    ):
        for name in pages:
            python_load(port, paths[name], cookie, args.clients, 60.0, args.warmup)
            # One client alone: the time the server spends on the page, without queueing.
            alone = python_load(port, paths[name], cookie, 1, args.alone_seconds, 10_000)
            if tool == "wrk":
                results[name] = wrk_load(
                    port, paths[name], cookie, args.clients, args.seconds, Path(folder)
                )
            else:
                results[name] = python_load(
                    port, paths[name], cookie, args.clients, args.seconds, args.max_requests
                )
            results[name]["paths"] = len(paths[name])
            results[name]["one_client"] = {
                key: alone[key] for key in ("requests", "median_ms", "p95_ms", "requests_per_s")
            }
            print(f"bench_web: {name}: {json.dumps(results[name])}", file=sys.stderr)

    report = {
        "database": f"PostgreSQL {version}",
        "dossiers": dossiers,
        "dossiers_of_the_agent_prefecture": own,
        "load": loaded,
        "server": label,
        "cpu_cores": os.cpu_count(),
        "load_tool": "wrk" if tool == "wrk" else "Python threads, keep-alive http.client",
        "clients": args.clients,
        "seconds_per_page": args.seconds,
        "target_p95_ms": TARGET_P95_MS,
        "pages": results,
        "within_target": {
            name: result["p95_ms"] is not None
            and result["p95_ms"] <= TARGET_P95_MS
            and result["not_200"] == 0
            for name, result in results.items()
        },
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0 if all(r["not_200"] == 0 for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
