#!/usr/bin/env python3
"""The example project before and after `parlint --fix`.

Installs parlint from BUILD_DIR into a prefix, copies
test-inputs/example-project twice (before/, after/), configures both copies
with CMake as a user would (find_package(parlint), parlint::runtime, a
compilation database), runs `parlint -p after/build --fix` on the second copy
and prints its findings and the diff it made, builds both, runs both on the
same generated spool of log batches, fails unless they print the same index
and report, and prints what each version cost.

Measured (scripts/example/thread_counter.c is linked into both builds):
  threads created      successful pthread_create calls, counted by a
                       pthread_create defined in the executable (it
                       interposes every caller: std::thread, std::async,
                       Boost.Asio, parlint's runtime) and forwarded to libc's
  most alive at once   the most of those threads not yet exited
  peak RSS             VmHWM of /proc/self/status, read by the program at exit
  wall time            from fork to wait4 of the program, in this script
  CPU time             user + system time of the program (wait4's rusage)
  batches exported     rows the export pool wrote (the rest it dropped)
Each version runs --runs times, alternating; the table shows medians.

Then `logscan watch` on a small spool (--watch-batches files): ingestAll
called --watch-rounds times in one process, threads counted the same way.
The original starts a thread per file per call; the fixed version's task
groups share parlint::default_pool(), so it must start no more threads in all
than that pool's size (default_worker_count(): one per online CPU, which is
os.cpu_count() here), or this script fails.
"""
import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLE = os.path.join(ROOT, "test-inputs", "example-project")
COUNTER = os.path.join(ROOT, "scripts", "example", "thread_counter.c")
VERSIONS = ("before", "after")


def fail(message):
    sys.exit(f"before-after: {message}")


def run(cmd, **kwargs):
    result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kwargs)
    if result.returncode != 0:
        fail(f"{' '.join(cmd)} failed:\n{result.stdout}")
    return result.stdout


def generate_spool(directory, batches, lines_per_batch, users):
    """Access-log batch files; the same for the same arguments (random() is
    reproducible for a seed across Python versions)."""
    stamp = os.path.join(directory, ".complete")
    if os.path.exists(stamp):
        return
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    r = random.Random(20240301).random
    methods = ["GET"] * 14 + ["POST"] * 4 + ["PUT", "DELETE"]
    resources = ["orders", "users", "items", "carts", "search"]
    statuses = (["200"] * 160 + ["201"] * 12 + ["204"] * 6 + ["301"] * 4 + ["304"] * 8 +
                ["400"] * 3 + ["404"] * 4 + ["500"] * 2 + ["503"])
    second = 0
    for b in range(batches):
        rows = []
        for _ in range(lines_per_batch):
            second += 1
            rows.append(
                f"2024-03-01T{second // 3600 % 24:02}:{second // 60 % 60:02}:{second % 60:02}Z "
                f"web-{int(r() * 200):03} {methods[int(r() * len(methods))]} "
                f"/api/{resources[int(r() * 5)]}/{int(r() * 1000)} "
                f"{statuses[int(r() * len(statuses))]} {1 + int(r() * 500)}ms "
                f"user=u{int(r() * users):06}\n")
        with open(os.path.join(directory, f"batch-{b:06}.log"), "w") as f:
            f.writelines(rows)
    open(stamp, "w").close()


def configure(source, build, prefix, counter):
    """The user's configure step, plus the measurement hook at link time."""
    args = ["cmake", "-S", source, "-B", build, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release",
            f"-DCMAKE_PREFIX_PATH={prefix}", "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON",
            f"-DCMAKE_EXE_LINKER_FLAGS={counter}"]
    if shutil.which("ccache"):
        args.append("-DCMAKE_CXX_COMPILER_LAUNCHER=ccache")
    run(args)


def measure(program, spool, out_dir, command=None):
    """One run of `logscan index` (or of `command`, whose output is its
    stdout): returns (its output, metrics)."""
    shutil.rmtree(out_dir, ignore_errors=True)
    os.makedirs(out_dir)
    report = os.path.join(out_dir, "measure.txt")
    env = dict(os.environ, LOGSCAN_MEASURE_OUT=report)
    stdout_path, stderr_path = os.path.join(out_dir, "stdout"), os.path.join(out_dir, "stderr")
    with open(stdout_path, "w") as out, open(stderr_path, "w") as err:
        start = time.monotonic()
        args = command or ["index", spool, out_dir]
        child = subprocess.Popen([program] + args, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(child.pid, 0)  # reaped here, for its rusage
        wall = time.monotonic() - start
    child.returncode = code = os.waitstatus_to_exitcode(status)
    with open(stderr_path) as f:
        stderr = f.read()
    if code != 0:
        fail(f"{program} exited with {code}:\n{stderr}")
    metrics = {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime}
    with open(report) as f:
        for line in f:
            key, value = line.split()
            metrics[key] = int(value)
    for line in stderr.splitlines():
        words = line.split()  # logscan: exported N of M batches
        if words[:2] == ["logscan:", "exported"]:
            metrics["exported"], metrics["batches"] = int(words[2]), int(words[4])
    output = ""
    for name in ("stdout",) if command else ("stdout", "index.tsv", "summary.txt"):
        with open(os.path.join(out_dir, name)) as f:
            output += f"== {name}\n" + f.read()
    return output, metrics


def changes(work):
    """What --fix changed, as a patch over example-project/."""
    diff = subprocess.run(["diff", "-ru", "before/example-project", "after/example-project"],
                          cwd=work, stdout=subprocess.PIPE, text=True).stdout
    lines = []
    for line in diff.splitlines():
        if line.startswith("diff -ru "):
            continue
        if line.startswith("--- before/") or line.startswith("+++ after/"):
            # "--- before/example-project/x.cpp<TAB>time" -> "--- a/example-project/x.cpp"
            side = "a" if line.startswith("---") else "b"
            line = line[:4] + side + line[line.index("/"):].split("\t")[0]
        lines.append(line)
    return "\n".join(lines) + "\n"


def print_table(results, options, load):
    def median(version, key):
        return statistics.median(m[key] for m in results[version])

    rows = [("threads created", "threads_created", 1, "{:.0f}"),
            ("threads alive at once, most", "threads_peak", 1, "{:.0f}"),
            ("peak RSS (MiB)", "vmhwm_kb", 1 / 1024, "{:.0f}"),
            ("wall time (s)", "wall", 1, "{:.2f}"),
            ("CPU time, user + system (s)", "cpu", 1, "{:.2f}")]
    print(f"logscan index, {options.batches} batch files x {options.lines} lines, median of "
          f"{options.runs} run{'s' if options.runs > 1 else ''} each "
          f"({os.cpu_count()} CPUs, load average {load:.1f} before the runs):")
    print(f"| {'':<28} | {'before':>9} | {'after':>9} | {'before/after':>12} |")
    print(f"|{'-' * 30}|{'-' * 10}:|{'-' * 10}:|{'-' * 13}:|")
    for label, key, scale, form in rows:
        before, after = median("before", key) * scale, median("after", key) * scale
        ratio = f"{before / after:.1f}x" if after else "-"
        print(f"| {label:<28} | {form.format(before):>9} | {form.format(after):>9} | {ratio:>12} |")
    exported = {v: f"{median(v, 'exported'):.0f}" for v in VERSIONS}
    print(f"| {'batches exported':<28} | {exported['before']:>9} | {exported['after']:>9} | {'':>12} |")


def print_watch_table(watch, options):
    """The rows of `logscan watch`: ingestAll called many times, small input."""
    pool_size = os.cpu_count() or 1
    print(f"\nlogscan watch: ingestAll called {options.watch_rounds} times on {options.watch_batches} "
          f"batch files x {options.lines} lines, one process, one run each "
          f"(default_pool() size: {pool_size}):")
    print(f"| {'':<28} | {'before':>9} | {'after':>9} | {'before/after':>12} |")
    print(f"|{'-' * 30}|{'-' * 10}:|{'-' * 10}:|{'-' * 13}:|")
    for label, key in (("threads created", "threads_created"),
                       ("threads alive at once, most", "threads_peak")):
        before, after = watch["before"][key], watch["after"][key]
        ratio = f"{before / after:.1f}x" if after else "-"
        print(f"| {label:<28} | {before:>9} | {after:>9} | {ratio:>12} |")
    print(f"| {'wall time (s)':<28} | {watch['before']['wall']:>9.2f} | {watch['after']['wall']:>9.2f} | "
          f"{watch['before']['wall'] / watch['after']['wall']:>11.1f}x |")


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build-dir", default=os.path.join(ROOT, "build", "plain"),
                        help="parlint's build tree, with parlint, its module and the runtime built")
    parser.add_argument("--work", help="work directory (default: BUILD_DIR/example)")
    parser.add_argument("--batches", type=int, default=4000)
    parser.add_argument("--lines", type=int, default=100, help="lines per batch")
    parser.add_argument("--users", type=int, default=300000, help="distinct user ids to draw from")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--watch-batches", type=int, default=8,
                        help="batch files of the small spool `logscan watch` re-indexes")
    parser.add_argument("--watch-rounds", type=int, default=100,
                        help="times `logscan watch` calls ingestAll")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--expect-bounded-threads", action="store_true",
                        help="fail when the fixed version creates more than 4 threads per CPU "
                             "(plus 8): thread-per-batch code left after the fix")
    parser.add_argument("--show-fixes", action="store_true",
                        help="print parlint's findings and the diff its --fix made")
    options = parser.parse_args()
    build_dir = os.path.abspath(options.build_dir)
    work = os.path.abspath(options.work or os.path.join(build_dir, "example"))
    os.makedirs(work, exist_ok=True)
    parlint = os.path.join(build_dir, "tool", "parlint")

    # parlint installed as a user installs it; both copies find it there.
    prefix = os.path.join(work, "prefix")
    run(["cmake", "--install", build_dir, "--prefix", prefix])
    counter = os.path.join(work, "thread_counter.o")
    run(["cc", "-O2", "-c", COUNTER, "-o", counter])
    sources, builds = {}, {}
    for version in VERSIONS:
        sources[version] = os.path.join(work, version, "example-project")
        builds[version] = os.path.join(work, version, "build")
        shutil.rmtree(sources[version], ignore_errors=True)
        shutil.copytree(EXAMPLE, sources[version], copy_function=shutil.copy)
        configure(sources[version], builds[version], prefix, counter)

    # The fix, as a user runs it: over the build's compilation database.
    fix = subprocess.run([parlint, "-p", builds["after"], "--fix", "--no-cache", "--fail-on=none",
                          "-j", str(options.jobs)],
                         cwd=os.path.join(work, "after"), stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    if fix.returncode != 0:
        fail(f"parlint --fix failed:\n{fix.stdout}{fix.stderr}")
    patch = changes(work)
    if not patch.strip():
        fail("parlint --fix changed nothing in the example project")
    if options.show_fixes:
        print("== parlint findings in test-inputs/example-project\n")
        print(fix.stdout.rstrip())
        print("\n== parlint --fix on a copy: the fix-its of every translation unit, merged")
        print(fix.stderr.rstrip())
        print(patch.rstrip())
        print("\n== before and after --fix, both built with find_package(parlint), same input")
    else:
        print(fix.stderr.splitlines()[0] if fix.stderr else "parlint: no fix-its")
    programs = {}
    # Paths relative to the work directory in ccache's keys: the files --fix
    # left alone are compiled once for both copies.
    ccache_env = dict(os.environ, CCACHE_BASEDIR=work)
    for version in VERSIONS:
        run(["cmake", "--build", builds[version], "-j", str(options.jobs)], env=ccache_env)
        programs[version] = os.path.join(builds[version], "logscan")

    spool = os.path.join(work, f"spool-{options.batches}x{options.lines}-{options.users}")
    generate_spool(spool, options.batches, options.lines, options.users)
    # Taken before the runs: the original's thousands of runnable threads
    # would raise it themselves.
    load = os.getloadavg()[0]
    results = {v: [] for v in VERSIONS}
    outputs = {}
    for i in range(options.runs):
        for version in VERSIONS:
            output, metrics = measure(programs[version], spool, os.path.join(work, version, "out"))
            if outputs.setdefault(version, output) != output:
                fail(f"the {version} version printed something else on run {i + 1}")
            results[version].append(metrics)
    for version in VERSIONS:
        with open(os.path.join(work, version, "output.txt"), "w") as f:
            f.write(outputs[version])
    if outputs["before"] != outputs["after"]:
        fail(f"the fixed version's output differs from the original's: "
             f"diff {work}/before/output.txt {work}/after/output.txt")
    print_table(results, options, load)
    print(f"Same index and report from both ({len(outputs['after'])} bytes, "
          f"{work}/after/output.txt).")

    small = os.path.join(work, f"spool-{options.watch_batches}x{options.lines}-{options.users}")
    generate_spool(small, options.watch_batches, options.lines, options.users)
    watch, watch_outputs = {}, {}
    for version in VERSIONS:
        watch_outputs[version], watch[version] = measure(
            programs[version], small, os.path.join(work, version, "watch"),
            ["watch", small, str(options.watch_rounds)])
    if watch_outputs["before"] != watch_outputs["after"]:
        fail("`logscan watch` printed something else after the fix: "
             f"{watch_outputs['before']!r} vs {watch_outputs['after']!r}")
    print_watch_table(watch, options)
    lines = [line for line in watch_outputs["after"].splitlines() if not line.startswith("== ")]
    print(f"Same output from both: {' / '.join(lines)}.")
    pool_size = os.cpu_count() or 1
    if watch["after"]["threads_created"] > pool_size:
        fail(f"the fixed `logscan watch` started {watch['after']['threads_created']} threads, "
             f"more than the default pool's {pool_size}")
    after = results["after"]
    if any(m["exported"] != m["batches"] for m in after):
        fail("the fixed version did not export every batch")
    limit = 4 * (os.cpu_count() or 1) + 8
    if options.expect_bounded_threads and any(m["threads_created"] > limit for m in after):
        fail(f"the fixed version created more than {limit} threads")


if __name__ == "__main__":
    main()
