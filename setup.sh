#!/usr/bin/env bash
# Sets koe up on Debian 12 and runs it: installs the Debian packages that are
# missing (quietly, and nothing when all are there), configures and builds
# with warnings as errors, then runs the chosen job.
#
#   ./setup.sh example   build, then nps by plan on the bundled example data
#   ./setup.sh test      build, then the whole test suite (what CI runs): once
#                        as released (g++), once under AddressSanitizer and
#                        UndefinedBehaviorSanitizer with the fuzz targets (clang)
#   ./setup.sh build     build only
set -euo pipefail
cd "$(dirname "$0")"

job=${1:-example}
build_dir=${KOE_BUILD_DIR:-build}

packages=(
  g++ clang libclang-rt-14-dev cmake ninja-build pkg-config
  libcli11-dev libfmt-dev doctest-dev libfccp-dev libsimdjson-dev libutf8proc-dev libre2-dev
  libboost-dev libeigen3-dev
  libmecab-dev mecab-ipadic-utf8 miller
  python3 python3-numpy python3-scipy python3-pandas python3-statsmodels
  # help2man writes the man pages; dpkg-dev (dpkg-shlibdeps) and file let
  # cpack -G DEB work out the package's Depends.
  help2man dpkg-dev file
)

# Hyperscan exists for x86-64 only; elsewhere rca-tag uses RE2 alone.
[ "$(dpkg --print-architecture)" = amd64 ] && packages+=(libhyperscan-dev)
# The scale-out examples the tests run drive real engines: Dask and GNU parallel.
[ "$job" = test ] && packages+=(python3-distributed parallel)
# The tests read the public csv-spectrum files, an npm package.
[ "$job" = test ] && ! command -v npm >/dev/null && packages+=(npm)
# The tests render koe-report's HTML in headless Chromium, Japanese text in a Japanese font.
[ "$job" = test ] && packages+=(chromium fonts-noto-cjk)
# The package tests read the man pages and use the completion in bash (with
# bash-completion's loader) and zsh.
[ "$job" = test ] && packages+=(man-db bash-completion zsh)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}\n' "$package" 2>/dev/null | grep -q '^install ok installed$' ||
    missing+=("$package")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq >/dev/null
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cmake -S . -B "$build_dir" -G Ninja -DKOE_WERROR=ON -Wno-dev >/dev/null
cmake --build "$build_dir"

case "$job" in
  example)
    "$build_dir/nps" --by plan examples/responses.csv
    ;;
  test)
    [ -d tests/csv-spectrum/node_modules/csv-spectrum ] ||
      npm ci --prefix tests/csv-spectrum --no-audit --no-fund --loglevel=error >&2
    sanitize_dir=${build_dir}-sanitize
    cmake -S . -B "$sanitize_dir" -G Ninja -DCMAKE_CXX_COMPILER=clang++ \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKOE_WERROR=ON -DKOE_SANITIZE=ON -DKOE_FUZZ=ON \
      -DKOE_FUZZ_SECONDS="${KOE_FUZZ_SECONDS:-30}" -Wno-dev >/dev/null
    # The plain suite is mostly one process at a time (the bad-input catalogue), so it runs
    # while the sanitizer build compiles on the other core; its report follows the build's.
    plain_log=$(mktemp)
    ctest --test-dir "$build_dir" --output-on-failure -j2 >"$plain_log" 2>&1 &
    plain_tests=$!
    sanitize_build=0
    cmake --build "$sanitize_dir" || sanitize_build=$?
    plain_status=0
    wait "$plain_tests" || plain_status=$?
    cat "$plain_log"
    rm -f "$plain_log"
    if ((plain_status != 0 || sanitize_build != 0)); then
      echo "setup: the plain test suite or the sanitizer build failed (see above)" >&2
      exit 1
    fi
    ctest --test-dir "$sanitize_dir" --output-on-failure -j2
    ;;
  build) ;;
  *)
    echo "usage: ./setup.sh [example|test|build]" >&2
    exit 2
    ;;
esac
