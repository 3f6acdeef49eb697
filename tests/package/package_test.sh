#!/usr/bin/env bash
# The Debian package, as a user gets it: cpack -G DEB from the build tree,
# unpacked with dpkg-deb -x into a temporary root (no installation), then the
# unpacked parlint run on a copy of the example project, configured with
# CMake against the unpacked runtime package. The unpacked parlint must find
# its worker and module next to itself, and report exactly the example's
# golden diagnostics (test-inputs/example-project/expected-diagnostics.txt).
#
#   package_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build_dir=$(cd "$1" && pwd)
source_dir=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "package_test: $*" >&2; exit 1; }

(cd "$build_dir" && cpack -G DEB -B "$work/package" >/dev/null)
deb=$(ls "$work"/package/parlint_*.deb)
depends=$(dpkg-deb -f "$deb" Depends)
for dependency in clang-tidy-19 libclang-cpp19 libllvm19; do
  grep -q "$dependency" <<<"$depends" || fail "Depends lacks $dependency: $depends"
done
root=$work/root
dpkg-deb -x "$deb" "$root"
for file in usr/bin/parlint usr/libexec/parlint/parlint-worker usr/include/parlint/thread_pool.h \
            usr/lib/cmake/parlint/parlintConfig.cmake; do
  [ -e "$root/$file" ] || fail "$file is not in the package"
done

parlint=$root/usr/bin/parlint
version=$("$parlint" --version)
grep -q "^module: $root/usr/lib.*/libparlint-tidy.so$" <<<"$version" ||
  fail "the unpacked parlint does not load the unpacked module: $version"
grep -q "^worker: $root/usr/libexec/parlint/parlint-worker$" <<<"$version" ||
  fail "the unpacked parlint does not run the unpacked worker: $version"

example=$work/example
cp -r "$source_dir/test-inputs/example-project" "$example"
cmake -S "$example" -B "$example/build" -G Ninja -DCMAKE_PREFIX_PATH="$root/usr" \
  -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
status=0
(cd "$example" && "$parlint" -p build --no-cache --no-progress --color never) \
  >"$work/report.txt" 2>"$work/stderr.txt" || status=$?
[ "$status" -eq 1 ] || fail "exit status $status, not 1 (findings): $(cat "$work/stderr.txt")"

# The report's diagnostics (file:line:col: severity: message) against the golden list.
python3 - "$work/report.txt" "$example/expected-diagnostics.txt" <<'PY'
import re, sys
diagnostic = re.compile(r"^([^\s:]+):(\d+):(\d+): (warning|note|error): (.*)$")
def parse(lines):
    found = []
    for line in lines:
        m = diagnostic.match(line.rstrip("\n"))
        if m:
            found.append((m[1], int(m[2]), int(m[3]), m[4], m[5]))
    return sorted(found)
report = parse(open(sys.argv[1]))
golden = parse(l for l in open(sys.argv[2]) if not l.startswith("#"))
if not golden:
    sys.exit("package_test: the golden list is empty")
if report != golden:
    missing = [d for d in golden if d not in report]
    extra = [d for d in report if d not in golden]
    sys.exit(f"package_test: the unpacked parlint's report differs from the golden list\n"
             f"missing: {missing}\nextra: {extra}")
print(f"package_test: {len(report)} diagnostics, as the golden list")
PY
echo "package_test: $(basename "$deb") unpacked and run: $(tail -1 "$work/stderr.txt")"
