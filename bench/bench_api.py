"""Benchmark of POST /api/v1/evaluate under load (prints JSON).

The app runs under gunicorn (2 sync workers, bench_web.server) on a throwaway SQLite
database (the evaluation reads no table); 20 concurrent clients on loopback (wrk when
installed, else Python threads with keep-alive connections) post the SC-14 situation, with
and without the explanation tree, for ``--seconds`` each. Targets: ≥ 500 requests/s, p95 ≤
50 ms. The rate limit is lifted for the bench server only.

Usage: python bench/bench_api.py [--clients 20] [--seconds 20]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))

from bench_web import server, summary  # noqa: E402

SITUATION = {
    "eval_date": "2022-03-31",
    "facts": {
        "nationality": "NG",
        "date_of_birth": "1995-06-12",
        "is_eu_family_member_in_france": False,
        "police_hearing_date": "2022-02-25",
        "information_given_date": "2022-02-25",
        "reflection_requested": True,
        "police_referral_to_prefecture": True,
        "photo_provided": True,
        "reflection_recepisse_delivery_date": "2022-03-01",
        "complaint": {"kind": "none"},
        "testimony": "none",
    },
}
WRK_POST = """
wrk.method = "POST"
wrk.body = %(body)s
wrk.headers["Content-Type"] = "application/json"
bad = 0
threads = {}
function setup(thread) table.insert(threads, thread) end
function response(status, headers, body) if status ~= 200 then bad = bad + 1 end end
function done(summary, latency, requests)
  local not_200 = 0
  for _, thread in ipairs(threads) do not_200 = not_200 + thread:get("bad") end
  io.write(string.format('\\n{"requests": %%d, "duration_us": %%d, "median_us": %%d, '
    .. '"p95_us": %%d, "not_200": %%d}\\n', summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), not_200))
end
"""


def wrk(port: int, body: str, clients: int, seconds: int, folder: Path) -> dict[str, object]:
    script = folder / "post.lua"
    script.write_text(WRK_POST % {"body": json.dumps(body)})
    output = subprocess.run(
        ["wrk", "--threads", "2", "--connections", str(clients), "--duration", f"{seconds}s",
         "--timeout", "10s", "--script", str(script), f"http://127.0.0.1:{port}/api/v1/evaluate"],
        capture_output=True, text=True, timeout=seconds + 60, check=True,
    ).stdout  # fmt: skip
    result = json.loads([row for row in output.splitlines() if row.startswith("{")][-1])
    return {
        "requests": result["requests"],
        "not_200": result["not_200"],
        "median_ms": round(result["median_us"] / 1000, 1),
        "p95_ms": round(result["p95_us"] / 1000, 1),
        "requests_per_s": round(result["requests"] / (result["duration_us"] / 1e6), 1),
        "tool": "wrk",
    }


def threads(port: int, body: str, clients: int, seconds: int) -> dict[str, object]:
    deadline = time.monotonic() + seconds
    lock = threading.Lock()
    latencies: list[float] = []
    statuses: Counter[int] = Counter()

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < deadline:
            started = time.perf_counter()
            connection.request(
                "POST", "/api/v1/evaluate", body, {"Content-Type": "application/json"}
            )
            response = connection.getresponse()
            response.read()
            with lock:
                latencies.append(time.perf_counter() - started)
                statuses[response.status] += 1
        connection.close()

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        for future in [pool.submit(client) for _ in range(clients)]:
            future.result()
    return {**summary(latencies, time.perf_counter() - started, statuses), "tool": "python"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=20)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="bench-api-"))
    url = f"sqlite:///{folder / 'api.sqlite3'}"
    os.environ["SEJOUR_TRAITE_API_RATE"] = "100000000/m"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, check=True,
        env={**os.environ, "DATABASE_URL": url},
    )  # fmt: skip
    report: dict[str, object] = {"clients": args.clients, "seconds": args.seconds}
    try:
        with server(url, 2, folder / "server.log") as (port, label):
            report["server"] = label
            for name, explain in (("with_explanation", True), ("without_explanation", False)):
                body = json.dumps({**SITUATION, "explain": explain})
                if shutil.which("wrk"):
                    report[name] = wrk(port, body, args.clients, args.seconds, folder)
                else:
                    report[name] = threads(port, body, args.clients, args.seconds)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    report["targets"] = {"requests_per_s": 500, "p95_ms": 50}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
