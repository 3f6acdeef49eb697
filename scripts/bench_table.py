#!/usr/bin/env python3
"""Markdown table (and optional plot) from Google Benchmark JSON files.

Benchmarks are named "<family>/<variant>" (B1/serial, B1/parlint_map, ...).
The first benchmark of a family in the JSON is its baseline. For each
benchmark the table shows the median over repetitions of the wall time per
iteration and, when the benchmark reports items/s, of the time per item;
"speed-up" is baseline time per item / this time per item (higher is faster).
Then every target in TARGETS whose benchmarks were measured is checked.
Benchmarks with a "/threads:N" argument (runtime/bench/scaling.cpp) form
the scaling table instead. Last comes the summary of the headline ratios, with
the load average each benchmark program ran under (--loadavg: lines
"<program> <load before> <load after>", written by scripts/bench-runtime).

usage: bench_table.py [--plot out.png] [--loadavg file] results1.json [results2.json ...]
"""
import argparse
import json
import os
import statistics
import sys
from collections import OrderedDict

# (benchmark A, benchmark B, k, claim): the target holds when
# time per item of A <= k * time per item of B. Add other families' targets here.
TARGETS = [
    ("B1/parlint_map", "B1/tbb_parallel_for", 1.0,
     "ThreadPool map per element no slower than oneTBB parallel_for"),
    ("B1/parlint_post_per_task", "B1/bs_detach_task_per_task", 1.0,
     "ThreadPool post per task no slower than BS::thread_pool detach_task"),
    ("B1/parlint_map", "B1/thread_per_task", 1 / 20,
     "ThreadPool map at least 20x faster per element than thread-per-task"),
    ("B1/parlint_post_per_task", "B1/tbb_task_group_run_per_task", 1.0,
     "ThreadPool post per task no slower than oneTBB task_group::run (hardware's worker count)"),
    ("B1/parlint_task_group_post_per_task", "B1/parlint_post_per_task", 1.1,
     "TaskGroup::post (default pool) per task at parity with ThreadPool post (within 10%)"),
    ("B2/parlint_task_group_submit", "B2/parlint_submit", 1.05,
     "TaskGroup::submit at parity with ThreadPool submit (B2, within 5%)"),
    ("B3/parlint_process_pool", "B3/pipe_pool", 1 / 5,
     "ProcessPool at least 5x faster than the pipe-serialized pool (B3)"),
    ("B4/parlint_process_pool", "B4/pipe_pool", 1 / 5,
     "ProcessPool round trip at least 5x faster than the pipe pool (B4)"),
    ("B4_batch/parlint_process_pool", "B4_batch/pipe_pool", 1 / 3,
     "ProcessPool batch throughput at least 3x the pipe pool (B4)"),
]

# Issue 9's ratios, in the order the summary prints them: (label, faster
# candidate, reference, target speed-up of the candidate over the reference).
HEADLINE_RATIOS = [
    ("B4 round trip: ProcessPool vs pipe pool", "B4/parlint_process_pool", "B4/pipe_pool", 5.0),
    ("B4 batch of 1000: ProcessPool vs pipe pool", "B4_batch/parlint_process_pool", "B4_batch/pipe_pool", 3.0),
    ("B1 per task: post vs BS::thread_pool detach_task", "B1/parlint_post_per_task",
     "B1/bs_detach_task_per_task", 1.0),
    ("B1 1M elements: map vs oneTBB parallel_for", "B1/parlint_map", "B1/tbb_parallel_for", 1.0),
    # Context, not a target: both sides allocate the result.
    ("B1 1M elements, like for like: map vs oneTBB parallel_for into a new vector",
     "B1/parlint_map", "B1/tbb_parallel_for_new_vector", 1.0),
    ("B1 1M elements: parallel_for vs oneTBB parallel_for", "B1/parlint_parallel_for",
     "B1/tbb_parallel_for", 1.0),
]

# Issue 17's scaling targets for per-task submission (B1_per_task_scaling):
# (variant, workers, k): time per task at `workers` <= k x its time at 2.
PER_TASK_SCALING_TARGETS = [
    ("parlint_post", 16, 1.5),
    ("parlint_post", 64, 3.0),
]

TIME_UNIT_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}


def display_name(name):
    """B1/serial/real_time -> B1/serial: the timing mode is not part of the name."""
    for suffix in ("/real_time", "/manual_time", "/process_time"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def load(paths):
    """Returns (contexts, OrderedDict name -> {'real_ns': [...], 'item_ns': [...]})."""
    contexts, runs = [], OrderedDict()
    for path in paths:
        with open(path) as f:
            data = json.load(f)
        contexts.append(data.get("context", {}))
        rows = data.get("benchmarks", [])
        iterations = [r for r in rows if r.get("run_type", "iteration") == "iteration"]
        # With --benchmark_report_aggregates_only only the aggregates exist.
        use = iterations or [r for r in rows if r.get("aggregate_name") == "median"]
        # Registration order (family_index), not run order: repetitions may
        # be interleaved, and the first registered benchmark is the baseline.
        use.sort(key=lambda r: r.get("family_index", 0))
        for row in use:
            if row.get("error_occurred"):
                continue
            name = display_name(row.get("run_name", row["name"]))
            entry = runs.setdefault(name, {"real_ns": [], "item_ns": []})
            entry["real_ns"].append(row["real_time"] * TIME_UNIT_NS[row.get("time_unit", "ns")])
            if row.get("items_per_second"):
                entry["item_ns"].append(1e9 / row["items_per_second"])
    return contexts, runs


def is_scaling(name):
    return "/threads:" in name


def is_per_task_family(family):
    return "per_task_scaling" in family


def summarize(runs):
    """OrderedDict family -> list of (name, median real ns, median per-item ns or None, reps)."""
    families = OrderedDict()
    for name, entry in runs.items():
        if is_scaling(name):
            continue
        family = name.split("/", 1)[0]
        item = statistics.median(entry["item_ns"]) if entry["item_ns"] else None
        families.setdefault(family, []).append(
            (name, statistics.median(entry["real_ns"]), item, len(entry["real_ns"])))
    return families


def fmt_ns(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("us", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def fmt_ratio(ratio):
    """1.37x, 0.608x; far below 1 as 1/12,547x, which reads better than 7.97e-05x."""
    return f"1/{1 / ratio:,.0f}x" if ratio < 0.01 else f"{ratio:.3g}x"


def per_item_or_total(row):
    return row[2] if row[2] is not None else row[1]


def machine_line(contexts):
    c = contexts[0] if contexts else {}
    parts = [f"{c.get('num_cpus', '?')} CPUs @ {c.get('mhz_per_cpu', '?')} MHz",
             f"host {c.get('host_name', '?')}", f"run {c.get('date', '?')}"]
    load_avg = c.get("load_avg")
    if load_avg:
        parts.append("load average at start " + "/".join(f"{x:.1f}" for x in load_avg))
    return ", ".join(parts)


def print_table(contexts, families, out):
    out.write(f"Machine: {machine_line(contexts)}. Medians of "
              f"{max(r[3] for rows in families.values() for r in rows)} repetitions.\n\n")
    out.write("| benchmark | time / iteration | time / item | speed-up vs family baseline |\n")
    out.write("|---|---:|---:|---:|\n")
    for rows in families.values():
        base = per_item_or_total(rows[0])
        for i, row in enumerate(rows):
            item = fmt_ns(row[2]) if row[2] is not None else "-"
            ratio = "baseline" if i == 0 else fmt_ratio(base / per_item_or_total(row))
            out.write(f"| {row[0]} | {fmt_ns(row[1])} | {item} | {ratio} |\n")
    out.write("\n")


def print_targets(families, out):
    by_name = {row[0]: row for rows in families.values() for row in rows}
    checked = [(a, b, k, claim) for a, b, k, claim in TARGETS if a in by_name and b in by_name]
    if not checked:
        return True
    out.write("| target | measured | verdict |\n|---|---|---|\n")
    all_met = True
    for a, b, k, claim in checked:
        ta, tb = per_item_or_total(by_name[a]), per_item_or_total(by_name[b])
        met = ta <= k * tb
        all_met &= met
        if ta <= tb:
            measured = f"{a} is {tb / ta:,.2f}x faster than {b}"
        else:
            measured = f"{a} is {ta / tb:.2f}x slower than {b}"
        out.write(f"| {claim} | {measured} | {'met' if met else 'MISSED'} |\n")
    out.write("\n")
    return all_met


def scaling_rows(runs):
    """{(family, variant): {threads: median per-item ns}} for the /threads:N benchmarks."""
    table = OrderedDict()
    for name, entry in runs.items():
        if not is_scaling(name) or not entry["item_ns"]:
            continue
        base, threads = name.rsplit("/threads:", 1)
        family, variant = base.split("/", 1)
        table.setdefault((family, variant), {})[int(threads)] = statistics.median(entry["item_ns"])
    return table


def print_scaling(runs, out):
    table = OrderedDict((k, v) for k, v in scaling_rows(runs).items() if not is_per_task_family(k[0]))
    if not table:
        return
    counts = sorted({n for cells in table.values() for n in cells})
    out.write("Scaling (time per element, median; speed-up over the same library on 1 thread; "
              "last column: ThreadPool / oneTBB time at the most threads):\n\n")
    out.write("| workload | library | " + " | ".join(f"{n} thread{'s' if n > 1 else ''}" for n in counts) +
              " | ThreadPool / oneTBB |\n")
    out.write("|---|---|" + "---:|" * (len(counts) + 1) + "\n")
    by_family = OrderedDict()
    for (family, variant), cells in table.items():
        if is_per_task_family(family):
            continue
        by_family.setdefault(family, []).append((variant, cells))
    for family, variants in by_family.items():
        parlint = next((c for v, c in variants if v.startswith("parlint")), None)
        tbb = next((c for v, c in variants if v.startswith("tbb")), None)
        for variant, cells in variants:
            one = cells.get(1)
            shown = []
            for n in counts:
                if n not in cells:
                    shown.append("-")
                elif one and n != 1:
                    shown.append(f"{fmt_ns(cells[n])} ({one / cells[n]:.2f}x)")
                else:
                    shown.append(fmt_ns(cells[n]))
            ratio = ""
            if variant.startswith("parlint") and parlint and tbb:
                top = max(n for n in counts if n in parlint and n in tbb)
                ratio = f"{parlint[top] / tbb[top]:.2f}"
            out.write(f"| {family.replace('_scaling', '')} | {variant} | " + " | ".join(shown) + f" | {ratio} |\n")
    out.write("\n")


def print_per_task_scaling(runs, out, hardware):
    """One row per worker count: each parlint variant's time per task, relative to its
    2-worker time and to oneTBB task_group::run at the same count; then the targets."""
    table = OrderedDict((k, v) for k, v in scaling_rows(runs).items() if is_per_task_family(k[0]))
    if not table:
        return True
    variants = [v for (_, v) in table]
    tbb = next((cells for (_, v), cells in table.items() if v.startswith("tbb")), {})
    mine = [(v, cells) for (_, v), cells in table.items() if not v.startswith("tbb")]
    counts = sorted({n for cells in table.values() for n in cells})
    out.write("Per-task submission as workers grow (time per task, median; x2w: relative to the same call with "
              "2 workers; xTBB: relative to oneTBB task_group::run with that many workers"
              f"{'; this machine has ' + str(hardware) + ' CPUs' if hardware else ''}):\n\n")
    header = "| workers |"
    rule = "|---:|"
    for v, _ in mine:
        header += f" {v} | x2w | xTBB |"
        rule += "---:|---:|---:|"
    if tbb:
        header += " tbb_task_group_run |"
        rule += "---:|"
    out.write(header + "\n" + rule + "\n")
    for n in counts:
        row = f"| {n}{' (hw)' if n == hardware else ''} |"
        for _, cells in mine:
            if n not in cells:
                row += " - | - | - |"
                continue
            two = cells.get(2)
            row += f" {fmt_ns(cells[n])} | {cells[n] / two:.2f} |" if two else f" {fmt_ns(cells[n])} | - |"
            row += f" {cells[n] / tbb[n]:.2f} |" if n in tbb else " - |"
        if tbb:
            row += f" {fmt_ns(tbb[n])} |" if n in tbb else " - |"
        out.write(row + "\n")
    out.write("\n")
    all_met = True
    lines = []
    for variant, workers, k in PER_TASK_SCALING_TARGETS:
        cells = next((c for v, c in mine if v == variant), None)
        if not cells or workers not in cells or 2 not in cells:
            continue
        ratio = cells[workers] / cells[2]
        met = ratio <= k
        all_met &= met
        lines.append(f"| {variant} per task with {workers} workers <= {k:g}x its 2-worker cost | "
                     f"{ratio:.2f}x ({fmt_ns(cells[workers])} vs {fmt_ns(cells[2])}) | {'met' if met else 'MISSED'} |")
    post = next((c for v, c in mine if v == "parlint_post"), None)
    if post and hardware and hardware in post and hardware in tbb:
        ratio = post[hardware] / tbb[hardware]
        met = ratio <= 1.0
        all_met &= met
        lines.append(f"| parlint_post per task at the hardware's {hardware} workers <= oneTBB task_group::run | "
                     f"{ratio:.2f}x ({fmt_ns(post[hardware])} vs {fmt_ns(tbb[hardware])}) | {'met' if met else 'MISSED'} |")
    if lines:
        out.write("| target | measured | verdict |\n|---|---|---|\n" + "\n".join(lines) + "\n\n")
    return all_met


def read_loadavg(path):
    """[(program, before, after)] from bench-runtime's load log."""
    rows = []
    if path and os.path.exists(path):
        with open(path) as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 7:
                    rows.append((parts[0], " ".join(parts[1:4]), " ".join(parts[4:7])))
    return rows


def print_headline_ratios(runs, families, load_rows, out):
    by_name = {row[0]: row for rows in families.values() for row in rows}
    out.write("## Issue 9 summary\n\n")
    for program, before, after in load_rows:
        out.write(f"- load average (1/5/15 min) around {program}: {before} before, {after} after\n")
    if load_rows:
        out.write("\n")
    for label, candidate, reference, target in HEADLINE_RATIOS:
        if candidate not in by_name or reference not in by_name:
            why = ""
            if "bs_" in reference:
                why = " (BS::thread_pool left out: configure with PARLINT_BS_THREAD_POOL_HEADER)"
            out.write(f"- {label}: not measured{why}\n")
            continue
        tc, tr = per_item_or_total(by_name[candidate]), per_item_or_total(by_name[reference])
        speedup = tr / tc
        verdict = "met" if speedup >= target else "MISSED"
        out.write(f"- {label}: {fmt_ns(tc)} vs {fmt_ns(tr)} per item, "
                  f"{speedup:.2f}x (target >= {target:g}x): {verdict}\n")
    table = scaling_rows(runs)
    for (family, variant), cells in table.items():
        if not variant.startswith("parlint") or is_per_task_family(family):
            continue
        peer = next((c for (f, v), c in table.items() if f == family and v.startswith("tbb")), None)
        parts = []
        for n in sorted(cells):
            part = f"{n} thread{'s' if n > 1 else ''} {fmt_ns(cells[n])}"
            if peer and n in peer:
                part += f" (oneTBB {fmt_ns(peer[n])}, parlint/oneTBB time {cells[n] / peer[n]:.2f})"
            parts.append(part)
        out.write(f"- scaling {family.replace('_scaling', '')} {variant}: " + "; ".join(parts) + "\n")
    out.write("\n")


def plot(contexts, families, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(len(families), 1, figsize=(9, 1.2 + 0.45 * sum(len(r) for r in families.values())),
                             squeeze=False,
                             gridspec_kw={"height_ratios": [len(r) for r in families.values()]})
    for ax, (family, rows) in zip(axes[:, 0], families.items()):
        names = [r[0].split("/", 1)[1] if "/" in r[0] else r[0] for r in rows]
        values = [per_item_or_total(r) for r in rows]
        per_item = all(r[2] is not None for r in rows)
        colors = ["tab:gray"] + ["tab:green" if "parlint" in n else "tab:blue" for n in names[1:]]
        ax.barh(names[::-1], values[::-1], color=colors[::-1])
        ax.set_xscale("log")
        # Start well below the shortest bar: with an automatic limit, close
        # values on a log axis look wildly different.
        ax.set_xlim(min(values) / 4, max(values) * 4)
        ax.set_title(f"{family}: {'time per item' if per_item else 'time per iteration'} "
                     f"(median; baseline {names[0]})", fontsize=10)
        for y, v in enumerate(values[::-1]):
            ax.text(v, y, " " + fmt_ns(v), va="center", fontsize=8)
        ax.set_xlabel("nanoseconds, log scale (shorter is faster)", fontsize=8)
        ax.margins(x=0.25)
    fig.suptitle(f"parlint runtime benchmarks: {machine_line(contexts)}", fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results", nargs="+", help="Google Benchmark JSON files")
    parser.add_argument("--plot", help="write a PNG bar chart here")
    parser.add_argument("--loadavg", help="bench-runtime's log of load averages per program")
    args = parser.parse_args()
    contexts, runs = load(args.results)
    if not runs:
        sys.exit("bench_table.py: no benchmark results in " + " ".join(args.results))
    families = summarize(runs)
    if families:
        print_table(contexts, families, sys.stdout)
        print_targets(families, sys.stdout)
    print_scaling(runs, sys.stdout)
    hardware = next((c.get("num_cpus") for c in contexts if c.get("num_cpus")), None)
    print_per_task_scaling(runs, sys.stdout, hardware)
    print_headline_ratios(runs, families, read_loadavg(args.loadavg), sys.stdout)
    if args.plot and families:
        plot(contexts, families, args.plot)
        print(f"plot written to {args.plot}")


if __name__ == "__main__":
    main()
