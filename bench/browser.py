"""Page weight in a real Chromium, and Lighthouse scores (npm lighthouse, system Chromium)."""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from bench.server import ROOT, Site

CHROMIUM = "/usr/bin/chromium"
LIGHTHOUSE_VERSION = "12.8.2"  # the last line that runs on Node.js 20
NODE_DIR = ROOT / "bench" / ".node"
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def page_weight(site: Site, paths: list[str]) -> dict:
    """Bytes on the wire (HTML, CSS, JS, fonts) for a first view of each page, in one visit."""
    from playwright.sync_api import sync_playwright

    total = {"html": 0, "css": 0, "js": 0, "font": 0, "other": 0}
    hosts: set[str] = set()
    origin_host = f"{site.host}:{site.port}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS[1:])
        context = browser.new_context(extra_http_headers={"X-Forwarded-Proto": "https"})
        page = context.new_page()
        responses = []
        page.on("requestfinished", lambda request: responses.append(request))
        for path in paths:
            page.goto(f"http://{origin_host}{path}", wait_until="networkidle")
        for request in responses:
            hosts.add(urlsplit(request.url).netloc)
            size = request.sizes()
            transferred = size["responseBodySize"] + size["responseHeadersSize"]
            kind = request.resource_type
            key = {"document": "html", "stylesheet": "css", "script": "js", "font": "font"}.get(
                kind, "other"
            )
            total[key] += transferred
        browser.close()
    return {**total, "total": sum(total.values()), "other_hosts": len(hosts - {origin_host})}


def lighthouse_cli() -> Path:
    cli = NODE_DIR / "node_modules" / ".bin" / "lighthouse"
    if not cli.exists():
        NODE_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--no-audit",
                "--no-fund",
                "--silent",
                "--prefix",
                str(NODE_DIR),
                f"lighthouse@{LIGHTHOUSE_VERSION}",
            ],
            check=True,
        )
    return cli


def lighthouse(site: Site, path: str, cookies: dict[str, str] | None = None) -> dict:
    cli = lighthouse_cli()
    headers = {"X-Forwarded-Proto": "https"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        env = {**os.environ, "CHROME_PATH": CHROMIUM}
        # Lighthouse now and then fails to start Chromium on a loaded machine:
        # one more try, then the row says so instead of the whole run stopping.
        for attempt in (1, 2):
            try:
                run = subprocess.run(
                    [
                        str(cli),
                        f"http://{site.host}:{site.port}{path}",
                        "--quiet",
                        "--output=json",
                        f"--output-path={out}",
                        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
                        "--only-categories=performance,accessibility,best-practices,seo",
                        f"--extra-headers={json.dumps(headers)}",
                        "--form-factor=mobile",
                    ],
                    env=env,
                    timeout=240,
                    capture_output=True,
                    text=True,
                )
            except subprocess.TimeoutExpired:
                run = subprocess.CompletedProcess([], -1, "", "timed out after 240 s")
            if run.returncode == 0:
                break
            if attempt == 2:
                last = (run.stderr.strip().splitlines() or ["no message"])[-1]
                last = last.replace("|", "/")[:160]  # it goes into a Markdown table
                return {"error": f"Lighthouse exited with {run.returncode}: {last}"}
        report = json.loads(out.read_text())
    # A category Lighthouse could not score counts as 0, never as a pass.
    return {
        name: round((category["score"] or 0) * 100)
        for name, category in report["categories"].items()
    }


def have_lighthouse_prerequisites() -> bool:
    return shutil.which("npm") is not None and Path(CHROMIUM).exists()
