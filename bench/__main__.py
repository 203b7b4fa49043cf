"""`make bench`: every figure side by side, as ratios to a floor from the same run.

Writes bench/results/latest.md and latest.json (git-ignored) and prints the
same tables. Load comes from wrk (bench/wrk.py). Options: --quick (fewer
seconds per load), --skip-lighthouse, --skip-pdf, --skip-two-servers,
--only sqlite|postgresql.
"""

import argparse
import json
import platform
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from bench import pages
from bench.browser import have_lighthouse_prerequisites, lighthouse, page_weight
from bench.server import (
    ROOT,
    THREADS,
    WORKERS,
    fresh_postgres_database,
    postgres_available,
    redis_available,
    serve,
    serve_pair,
)

RESULTS = ROOT / "bench" / "results"

# Public pages against the bare view; patient pages against the patient-page
# floor (session, packet query and the site's frame around one line), which
# no full patient page can beat: at least half its requests a second.
PUBLIC_TARGETS = {"home": 0.5, "guide": 0.5}
PATIENT_TARGETS = {
    "question (full page)": 0.5,
    "question (htmx partial)": 0.5,
    "result page": 0.5,
    "answer a question (POST)": 0.5,
    "packet page": 0.5,
    **{f"task: {name}": 0.5 for name, _ in pages.TASK_PAGES},
    "checklist status change (POST)": 0.5,
    "item autosave (htmx POST)": 0.5,
}


def ok(passed: bool) -> str:
    return "yes" if passed else "**no**"


def machine() -> str:
    cpus = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{platform.system()} {platform.machine()}, {cpus} cores{memory}, Python {platform.python_version()}"


def page_table(db: str, rows: list[dict], shape: str = "") -> list[str]:
    shape = shape or f"gunicorn, {WORKERS} workers x {THREADS} threads, production settings"
    lines = [
        f"### Pages on {db} ({shape})",
        "",
        "| page | clients | req/s | ratio to floor | ratio to patient floor | target | p50 ms "
        "| p95 ms | p99 ms | p95 < 50 ms at 8 | p99 < 50 ms at 8 | errors |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        public, patient = PUBLIC_TARGETS.get(row["page"]), PATIENT_TARGETS.get(row["page"])
        if public:
            meets = f"{public} of floor ({ok(row['ratio'] >= public)})"
        elif patient and "patient_ratio" in row:
            meets = f"{patient} of patient floor ({ok(row['patient_ratio'] >= patient)})"
        else:
            meets = "floor" if "floor" in row["page"] else "-"
        p95_ok = ok(row["p95"] < 50) if row["clients"] == 8 else "-"
        p99_ok = ok(row["p99"] < 50) if row["clients"] == 8 else "-"
        patient_ratio = f"{row['patient_ratio']:.2f}" if "patient_ratio" in row else "-"
        lines.append(
            f"| {row['page']} | {row['clients']} | {row['rps']:.0f} | {row['ratio']:.2f} | "
            f"{patient_ratio} | {meets} | "
            f"{row['p50']:.1f} | {row['p95']:.1f} | {row['p99']:.1f} | {p95_ok} | {p99_ok} | "
            f"{row['errors']} |"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--quick",
        action="store_true",
        help="2 s per load instead of 5 (3 s a page, in rounds of 1 s)",
    )
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--only", choices=["sqlite", "postgresql"], help="one database only")
    parser.add_argument("--skip-pdf", action="store_true")
    parser.add_argument("--skip-two-servers", action="store_true")
    args = parser.parse_args()
    if args.quick:
        pages.SECONDS = 2.0
    report: dict = {"date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine()}
    lines = [f"Measured {report['date']} on {report['machine']}.", ""]

    databases = [] if args.only == "postgresql" else [("SQLite", None)]
    if args.only == "sqlite":
        pass
    elif postgres_available():
        databases.append(("PostgreSQL", "postgres"))
    else:
        lines += ["PostgreSQL was not reachable: its rows are missing.", ""]

    with tempfile.TemporaryDirectory() as tmp:
        for label, kind in databases:
            work = Path(tmp) / label
            work.mkdir()
            url = (
                fresh_postgres_database("secondopinion_bench")
                if kind
                else f"sqlite:///{work / 'bench.sqlite3'}"
            )
            print(f"== {label}: pages", file=sys.stderr)
            with serve(url, work) as site:
                rows = pages.measure_pages(site)
                report[f"pages_{label}"] = rows
                lines += page_table(label, rows) + [""]
                print(f"== {label}: pages while PDFs render", file=sys.stderr)
                mixed = pages.measure_mixed(site)
                report[f"mixed_{label}"] = mixed
                lines += [
                    f"### Pages while {mixed['downloads']} PDF downloads are in flight ({label}, "
                    "one PDF worker)",
                    "",
                    "| guide p95 idle ms | guide p95 busy ms | ratio | target | met |",
                    "|---|---|---|---|---|",
                    f"| {mixed['idle_p95']:.1f} | {mixed['busy_p95']:.1f} | {mixed['ratio']:.2f} | "
                    f"at most 1.5x | {ok(mixed['ratio'] <= 1.5)} |",
                    "",
                ]
            if label == "SQLite":
                print("== SQLite: PDF from click to file, 1, 2 and 4 workers", file=sys.stderr)
                waits = {}
                for count in (1, 2, 4):
                    with serve(url, work, pdf_workers=count, migrate=False) as site_n:
                        waits[count] = pages.measure_pdf_wait(site_n)
                report["pdf_wait"] = waits
                lines += (
                    [
                        "### A PDF from the click to the file (8 patients clicking at once, SQLite)",
                        "",
                        "| PDF workers | median s | p95 s |",
                        "|---|---|---|",
                    ]
                    + [
                        f"| {count} | {w['median_s']:.2f} | {w['p95_s']:.2f} |"
                        for count, w in waits.items()
                    ]
                    + [""]
                )
            with serve(url, work, migrate=False) as site:
                if label == "SQLite":
                    print("== weight and Lighthouse", file=sys.stderr)
                    weight = {
                        "home": page_weight(site, ["/"]),
                        "guide": page_weight(site, ["/guides/who-should-consider-one/"]),
                    }
                    report["weight"] = weight
                    lines += [
                        "### Weight of a first view (bytes on the wire)",
                        "",
                        "| page | HTML | CSS | JS | fonts | total | target | other hosts |",
                        "|---|---|---|---|---|---|---|---|",
                    ]
                    for name, w in weight.items():
                        lines.append(
                            f"| {name} | {w['html']} | {w['css']} | {w['js']} | {w['font']} | "
                            f"{w['total'] / 1024:.1f} KB | at most 100 KB ({ok(w['total'] <= 100 * 1024)}) "
                            f"| {w['other_hosts']} ({ok(w['other_hosts'] == 0)}) |"
                        )
                    lines.append("")
                    if not args.skip_lighthouse and have_lighthouse_prerequisites():
                        patient = pages.patient_session(site)
                        scores = {
                            "home": lighthouse(site, "/"),
                            "guide": lighthouse(site, "/guides/who-should-consider-one/"),
                            "question": lighthouse(
                                site, "/questionnaire/rare-cancer/", patient.cookies
                            ),
                            "packet": lighthouse(site, "/packet/", patient.cookies),
                        }
                        report["lighthouse"] = scores
                        lines += [
                            "### Lighthouse (mobile, system Chromium)",
                            "",
                            "| page | performance | accessibility | best practices | SEO | all at least 95 |",
                            "|---|---|---|---|---|---|",
                        ]
                        for name, s in scores.items():
                            if "error" in s:
                                lines.append(f"| {name} | {s['error']} | | | | **no** |")
                                continue
                            values = [
                                s["performance"],
                                s["accessibility"],
                                s["best-practices"],
                                s["seo"],
                            ]
                            lines.append(
                                f"| {name} | "
                                + " | ".join(map(str, values))
                                + f" | {ok(min(values) >= 95)} |"
                            )
                        lines.append("")

        if args.only != "sqlite" and not args.skip_two_servers:
            if postgres_available() and redis_available():
                print("== two servers, one PostgreSQL, one Redis", file=sys.stderr)
                work = Path(tmp) / "two-servers"
                work.mkdir()
                url = fresh_postgres_database("secondopinion_bench_pair")
                with serve_pair(url, work) as (first, second):
                    rows = pages.measure_two_servers(first, second)
                report["pages_two_servers"] = rows
                lines += page_table(
                    "two servers behind one PostgreSQL and one Redis",
                    rows,
                    f"2 x gunicorn, 1 worker x {THREADS} threads each, production settings; "
                    "load split evenly; latency is the worse server's",
                ) + [""]
            else:
                lines += ["PostgreSQL or Redis was not reachable: no two-server rows.", ""]

    if args.skip_pdf:
        return finish(report, lines)
    print("== PDF", file=sys.stderr)
    result = subprocess.run(
        [sys.executable, "-m", "bench.pdf_bench"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    pdf = json.loads(result.stdout.strip().splitlines()[-1])
    report["pdf"] = pdf
    lines += [
        "### PDF (one process, warm)",
        "",
        "| figure | measured | target | met |",
        "|---|---|---|---|",
        f"| full packet ({pdf['pages']} pages) vs `<p>Hello</p>` | {pdf['full_ms']:.0f} ms vs "
        f"{pdf['hello_ms']:.1f} ms = {pdf['full_vs_hello']:.1f}x | at most 20x | {ok(pdf['full_vs_hello'] <= 20)} |",
        f"| for reference: {pdf['prose_pages']} full pages of plain paragraphs vs `<p>Hello</p>` | "
        f"{pdf['prose_ms']:.0f} ms = {pdf['prose_vs_hello']:.1f}x | - | - |",
        f"| cached download vs fresh render | {pdf['cached_ms']:.1f} ms vs {pdf['fresh_ms']:.0f} ms = "
        f"{pdf['cached_speedup']:.0f}x faster | at least 50x | {ok(pdf['cached_speedup'] >= 50)} |",
        f"| peak memory after 20 / 200 renders | {pdf['rss_after_20_mb']:.0f} MB / "
        f"{pdf['rss_after_200_mb']:.0f} MB = {pdf['rss_growth_pct']:+.1f}% | under 10% | "
        f"{ok(pdf['rss_growth_pct'] < 10)} |",
        "",
    ]
    return finish(report, lines)


def finish(report: dict, lines: list[str]) -> int:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=2))
    (RESULTS / "latest.md").write_text("\n".join(lines))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
