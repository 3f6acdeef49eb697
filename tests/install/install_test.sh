#!/usr/bin/env bash
# Installs the build tree into a temporary prefix and builds and runs a
# consumer project against it with find_package(parlint). Where the module is
# installed too, builds the consumer again with CMake's clang-tidy
# integration (the package's PARLINT_CLANG_TIDY, parlint_target_clang_tidy):
# parlint's finding in spawner.cpp must show as a warning, none in main.cpp,
# and as a build error with WARNINGS_AS_ERRORS.
set -euo pipefail
build_dir=$1
source_dir=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "install_test: $*" >&2; exit 1; }

cmake --install "$build_dir" --prefix "$work/prefix" >/dev/null
cmake -S "$source_dir/consumer" -B "$work/build" -G Ninja \
  -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/build" >/dev/null
"$work/build/consumer"

module=$(find "$work/prefix" -name libparlint-tidy.so | head -1)
if [ -z "$module" ]; then
  echo "install_test: no module installed (checks not built): CMake clang-tidy integration not tested"
  exit 0
fi

finding="spawner.cpp:11:5: warning: starting a std::thread on every iteration of a loop"
cmake -S "$source_dir/consumer" -B "$work/tidy" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" \
  -DCONSUMER_PARLINT_TIDY=ON >/dev/null
grep -rq -- "--load=$module" "$work/tidy/CMakeFiles/rules.ninja" ||
  fail "PARLINT_CLANG_TIDY does not load the installed module $module"
output=$(cmake --build "$work/tidy" 2>&1) || fail "build with PARLINT_CLANG_TIDY failed: $output"
grep -q -- "$finding.*\[parlint-unbounded-spawn\]" <<<"$output" ||
  fail "no parlint finding in the build output: $output"
if grep -q "main.cpp.*warning" <<<"$output"; then fail "a finding in main.cpp: $output"; fi
"$work/tidy/consumer"

cmake -S "$source_dir/consumer" -B "$work/errors" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" \
  -DCONSUMER_PARLINT_TIDY=ON -DCONSUMER_PARLINT_TIDY_ERRORS=ON >/dev/null
if output=$(cmake --build "$work/errors" 2>&1); then
  fail "WARNINGS_AS_ERRORS did not fail the build: $output"
fi
grep -q -- "spawner.cpp:11:5: error: .*\[parlint-unbounded-spawn,-warnings-as-errors\]" <<<"$output" ||
  fail "the build failed, but not on parlint's finding: $output"
echo "install_test: consumer built and run; PARLINT_CLANG_TIDY and parlint_target_clang_tidy report the finding"
