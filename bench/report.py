"""Formatting of the benchmark's results: console tables, target checks and the README section."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

README_START = "<!-- bench:latest:start -->"
README_END = "<!-- bench:latest:end -->"

# The "done when" figures of issue 5.
TARGET_P50_MS = 1.0
TARGET_STARTUP_S = 0.5
TARGET_RSS_MB = 80.0
TARGET_P50_MS_100 = 5.0
TARGET_STARTUP_S_100 = 2.0


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%"


def _num(value: float | None, digits: int = 3) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "-"
    return f"{value:.{digits}f}"


def comparison_rows(results: dict[str, Any]) -> list[list[str]]:
    """Rows of the side-by-side table (header first)."""
    rows = [["system", "answerable", "abstention", "overall", "p50 ms", "p99 ms", "start-up s", "peak RSS MiB",
             "abstain if score <"]]
    for name, system in results["systems"].items():
        acc = system["accuracy"]
        lat = system["latency"]
        foot = system["footprint"]
        fit = system.get("fit")
        if fit is None:
            threshold = "own rules"
        elif fit["threshold"] is None:
            threshold = "inf (always)"
        else:
            threshold = f"{fit['threshold']:.3g} (fitted)"
        rows.append([
            name, _pct(acc["answerable_correct_top"]), _pct(acc["abstention_correct"]), _pct(acc["overall"]),
            _num(lat["p50_ms"]), _num(lat["p99_ms"]), _num(foot["startup_s"]), _num(foot["rss_peak_mib"], 1),
            threshold,
        ])
    return rows


def scaling_rows(results: dict[str, Any]) -> list[list[str]]:
    """Rows of the scaling table (header first)."""
    rows = [["documents", "passages", "start-up s", "peak RSS MiB", "p50 ms", "p99 ms", "answerable (real doc)",
             "stolen", "abstention", "overall"]]
    for entry in results.get("scaling", {}).get("sizes", []):
        acc = entry["accuracy"]
        rows.append([
            str(entry["documents"]), str(entry["passages"]), _num(entry["footprint"]["startup_s"]),
            _num(entry["footprint"]["rss_peak_mib"], 1), _num(entry["latency"]["p50_ms"]),
            _num(entry["latency"]["p99_ms"]), _pct(acc["answerable_correct_top"]),
            f"{entry['stolen']}/{acc['n_answerable']}", _pct(acc["abstention_correct"]), _pct(acc["overall"]),
        ])
    return rows


def text_table(rows: list[list[str]]) -> str:
    """A plain-text table with aligned columns (first column left-aligned)."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown_table(rows: list[list[str]]) -> str:
    """A GitHub-flavoured markdown table."""
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "|".join(["---"] + ["---:"] * (len(rows[0]) - 1)) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines)


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Check the issue's "done when" figures; each entry says met or missed, and by how much."""
    checks: list[dict[str, Any]] = []
    systems = results["systems"]
    engine = systems["engine"]

    def check(name: str, value: float | None, limit: float, unit: str, lower_is_better: bool = True) -> None:
        if value is None:
            checks.append({"target": name, "value": None, "limit": limit, "met": None, "note": "not measured"})
            return
        met = value < limit if lower_is_better else value > limit
        if met:
            note = "met"
        elif lower_is_better:
            note = f"missed by {value - limit:.3g} {unit} ({value / limit:.2f}x the limit)"
        else:
            note = f"missed by {limit - value:.3g} {unit}"
        checks.append({"target": name, "value": value, "limit": limit, "met": met, "note": note})

    best_other = max((s["accuracy"]["overall"] for n, s in systems.items() if n != "engine"), default=0.0)
    margin = engine["accuracy"]["overall"] - best_other
    checks.append({
        "target": "engine overall accuracy ahead of every baseline",
        "value": margin,
        "limit": 0.0,
        "met": margin > 0,
        "note": f"{margin * 100:+.1f} points over the best baseline (baseline thresholds fitted on this file)",
    })
    check("engine p50 < 1 ms (real corpus)", engine["latency"]["p50_ms"], TARGET_P50_MS, "ms")
    check("engine start-up < 0.5 s (real corpus)", engine["footprint"]["startup_s"], TARGET_STARTUP_S, "s")
    rss_mb = engine["footprint"]["rss_peak_mib"] * 1.048576
    check("engine peak RSS < 80 MB (real corpus)", rss_mb, TARGET_RSS_MB, "MB")
    hundred = [e for e in results.get("scaling", {}).get("sizes", []) if e["documents"] == 100]
    if hundred:
        check("engine p50 < 5 ms (100 documents)", hundred[0]["latency"]["p50_ms"], TARGET_P50_MS_100, "ms")
        check("engine start-up < 2 s (100 documents)", hundred[0]["footprint"]["startup_s"], TARGET_STARTUP_S_100,
              "s")
    return checks


def targets_text(checks: list[dict[str, Any]]) -> str:
    """One line per target."""
    lines = []
    for c in checks:
        mark = "n/a " if c["met"] is None else ("MET " if c["met"] else "MISS")
        value = "-" if c["value"] is None else f"{c['value']:.3g}"
        lines.append(f"  [{mark}] {c['target']}: {value} — {c['note']}")
    return "\n".join(lines)


def readme_section(results: dict[str, Any]) -> str:
    """The markdown block of latest figures written between the README markers."""
    machine = results["machine"]
    run = results["run"]
    dirty = " with uncommitted changes in bot/ or corpus/" if run["git"]["dirty"] else ""
    scaling = results.get("scaling", {})
    parts = [
        README_START,
        f"Run of {run['finished']} (`{run['command']}`, {run['runtime_s']:.0f} s), "
        f"commit {run['git']['commit']}{dirty}; "
        f"question file `{run['questions']}` ({run['items']} items).",
        "",
        f"Machine: {machine['nproc']} CPUs ({machine['cpu_model']}), Python {machine['python']}, "
        f"{machine['platform']}; load average at start {machine['loadavg_start']}.",
        "",
        markdown_table(comparison_rows(results)),
        "",
        "Baseline abstention thresholds were fitted on the same question file they are scored on.",
    ]
    if scaling.get("sizes"):
        parts += [
            "",
            f"Scaling (engine only; synthetic documents with word_swap={scaling['word_swap']}):",
            "",
            markdown_table(scaling_rows(results)),
        ]
    parts += [
        "",
        f"Discord throughput: {results['discord']['status']}.",
        "",
        "Targets of issue 5:",
        "",
        *[f"- {'met' if c['met'] else 'MISSED' if c['met'] is False else 'n/a'}: {c['target']} — "
          f"{'-' if c['value'] is None else format(c['value'], '.3g')} ({c['note']})" for c in results["targets"]],
        README_END,
    ]
    return "\n".join(parts)


def update_readme(readme: Path, section: str) -> bool:
    """Replace the block between the markers in the README; False when the markers are missing."""
    text = readme.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(README_START) + r".*?" + re.escape(README_END), re.DOTALL)
    if not pattern.search(text):
        return False
    readme.write_text(pattern.sub(lambda _m: section, text), encoding="utf-8")
    return True
