"""Load from wrk (Debian's package), in its own process, for loopback only.

wrk keeps each connection open and sends requests back to back for a fixed
time, from C threads, so the load generator costs the 2-core machine far
less than the Python client it replaced. A small Lua script sets the method,
headers and body, counts answers other than the expected statuses, and
prints the figures as JSON when wrk is done.

Background work (PDF downloads while pages are measured) runs in Python
threads beside wrk: it is a handful of slow requests, not the load measured.
"""

import http.client
import json
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

WRK = shutil.which("wrk") or "/usr/bin/wrk"

SCRIPT = """
local expect = {%(expect)s}
wrk.method = %(method)s
wrk.body = %(body)s
%(headers)s
local unexpected = 0
function response(status, headers, body)
  if not expect[status] then unexpected = unexpected + 1 end
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p95_us": %%d, "p99_us": %%d, ' ..
    '"socket_errors": %%d, "unexpected": %%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), e.connect + e.read + e.write + e.timeout, unexpected + e.status))
end
"""


def _lua_string(value: str) -> str:
    return "[==[" + value + "]==]"


def script_for(request: dict) -> str:
    headers = "\n".join(
        f"wrk.headers[ {_lua_string(k)} ] = {_lua_string(v)}"
        for k, v in request.get("headers", {}).items()
    )
    expect = ", ".join(f"[{status}] = true" for status in request.get("expect", [200]))
    return SCRIPT % {
        "expect": expect,
        "method": _lua_string(request.get("method", "GET")),
        "body": _lua_string(request["body"]) if request.get("body") else "nil",
        "headers": headers,
    }


def start(host: str, port: int, request: dict, clients: int, seconds: float) -> subprocess.Popen:
    """Start one wrk process (its figures come from finish())."""
    script = Path(tempfile.mkstemp(suffix=".lua", prefix="bench-")[1])
    script.write_text(script_for(request))
    process = subprocess.Popen(
        [
            WRK,
            f"--threads={min(2, clients)}",
            f"--connections={clients}",
            f"--duration={max(1, round(seconds))}s",
            "--timeout=10s",
            f"--script={script}",
            f"http://{host}:{port}{request['path']}",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    process.script = script  # type: ignore[attr-defined]
    return process


def finish(process: subprocess.Popen) -> dict:
    out, err = process.communicate(timeout=600)
    process.script.unlink(missing_ok=True)  # type: ignore[attr-defined]
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if process.returncode != 0 or not lines:
        raise RuntimeError(f"wrk failed: {err or out}")
    raw = json.loads(lines[-1])
    seconds = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "rps": raw["requests"] / seconds if seconds else 0.0,
        "p50": raw["p50_us"] / 1000,
        "p95": raw["p95_us"] / 1000,
        "p99": raw["p99_us"] / 1000,
        "errors": raw["socket_errors"] + raw["unexpected"],
    }


def run(host: str, port: int, request: dict, clients: int, seconds: float) -> dict:
    return finish(start(host, port, request, clients, seconds))


def run_spread(targets: list[tuple[str, int]], request: dict, clients: int, seconds: float):
    """The same load spread evenly over several servers, as a load balancer would.

    Requests per second add up; each percentile is the worst of the servers'
    (wrk cannot merge its histograms), so the latency columns err high.
    """
    share = max(1, clients // len(targets))
    processes = [start(host, port, request, share, seconds) for host, port in targets]
    results = [finish(process) for process in processes]
    return {
        "requests": sum(r["requests"] for r in results),
        "rps": sum(r["rps"] for r in results),
        "p50": max(r["p50"] for r in results),
        "p95": max(r["p95"] for r in results),
        "p99": max(r["p99"] for r in results),
        "errors": sum(r["errors"] for r in results),
    }


class Background:
    """Loops of requests repeated in order, each on its own thread, until stopped."""

    def __init__(self, host: str, port: int, loops: list[list[dict]]) -> None:
        self.host, self.port, self.loops = host, port, loops
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self._loop, args=(s,)) for s in loops]

    def _loop(self, steps: list[dict]) -> None:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        while not self.stop.is_set():
            for step in steps:
                # A step with "until" is asked again, as the "Making your
                # PDF" page does, until its answer is one of those statuses.
                while True:
                    connection.request(
                        step["method"],
                        step["path"],
                        body=step.get("body") or None,
                        headers=step.get("headers", {}),
                    )
                    response = connection.getresponse()
                    response.read()
                    if response.status in step.get("until", [response.status]):
                        break
                    if self.stop.wait(step.get("interval", 0.5)):
                        break
        connection.close()

    def __enter__(self) -> "Background":
        for thread in self.threads:
            thread.start()
        time.sleep(0.5)  # let the background work get going
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)
