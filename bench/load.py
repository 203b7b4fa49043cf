"""A small HTTP/1.1 load generator on asyncio, for loopback only.

Each client keeps one connection open and sends requests back to back for a
fixed time. Run as its own process (python -m bench.load) so the load does
not share an interpreter with the server.
"""

import asyncio
import json
import statistics
import sys
import time
from dataclasses import dataclass, field


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    expect: tuple[int, ...] = (200,)

    def encode(self, host: str) -> bytes:
        lines = [f"{self.method} {self.path} HTTP/1.1", f"Host: {host}", "Connection: keep-alive"]
        lines += [f"{k}: {v}" for k, v in self.headers.items()]
        if self.body or self.method == "POST":
            lines.append(f"Content-Length: {len(self.body)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + self.body


async def _read_response(reader: asyncio.StreamReader) -> int:
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("closed")
    status = int(status_line.split()[1])
    length = 0
    chunked = False
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        name = name.strip().lower()
        if name == "content-length":
            length = int(value.strip())
        elif name == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
    if chunked:
        while True:
            size = int((await reader.readline()).strip(), 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length:
        await reader.readexactly(length)
    return status


async def _client(host: str, port: int, request: Request, until: float, out: list, errors: list):
    reader, writer = await asyncio.open_connection(host, port)
    payload = request.encode(f"{host}:{port}")
    try:
        while time.perf_counter() < until:
            started = time.perf_counter()
            writer.write(payload)
            await writer.drain()
            try:
                status = await _read_response(reader)
            except (ConnectionError, asyncio.IncompleteReadError):
                writer.close()
                reader, writer = await asyncio.open_connection(host, port)
                errors.append("reconnect")
                continue
            out.append(time.perf_counter() - started)
            if status not in request.expect:
                errors.append(status)
    finally:
        writer.close()


async def run(host: str, port: int, request: Request, clients: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors: list = []
    until = time.perf_counter() + seconds
    started = time.perf_counter()
    await asyncio.gather(
        *(_client(host, port, request, until, latencies, errors) for _ in range(clients))
    )
    elapsed = time.perf_counter() - started
    return summarize(latencies, errors, elapsed)


def summarize(latencies: list[float], errors: list, elapsed: float) -> dict:
    if not latencies:
        return {
            "requests": 0,
            "rps": 0.0,
            "p50": 0.0,
            "p95": 0.0,
            "p99": 0.0,
            "errors": len(errors),
        }
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": cuts[49] * 1000,
        "p95": cuts[94] * 1000,
        "p99": cuts[98] * 1000,
        "errors": len(errors),
        "error_sample": [str(e) for e in errors[:3]],
    }


async def run_with_background(
    host: str,
    port: int,
    request: Request,
    clients: int,
    seconds: float,
    background: list[list[Request]],
) -> dict:
    """Measure ``request`` while each background loop repeats its requests in order."""
    until = time.perf_counter() + seconds
    stop = False

    async def loop(steps: list[Request]) -> None:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while not stop:
                for step in steps:
                    writer.write(step.encode(f"{host}:{port}"))
                    await writer.drain()
                    await _read_response(reader)
        finally:
            writer.close()

    tasks = [asyncio.create_task(loop(steps)) for steps in background]
    await asyncio.sleep(0.5)  # let the background work get going
    result = await run(host, port, request, clients, seconds)
    stop = True
    await asyncio.wait(tasks, timeout=30)
    del until
    return result


def main() -> None:
    """Read a JSON job on stdin, print the JSON result: used by bench.pages."""
    job = json.load(sys.stdin)
    request = Request(
        **{
            **job["request"],
            "body": job["request"].get("body", "").encode(),
            "expect": tuple(job["request"].get("expect", [200])),
        }
    )
    background = [
        [
            Request(
                **{**r, "body": r.get("body", "").encode(), "expect": tuple(r.get("expect", [200]))}
            )
            for r in steps
        ]
        for steps in job.get("background", [])
    ]
    if background:
        result = asyncio.run(
            run_with_background(
                job["host"], job["port"], request, job["clients"], job["seconds"], background
            )
        )
    else:
        result = asyncio.run(run(job["host"], job["port"], request, job["clients"], job["seconds"]))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
