# Shared settings for the test-bed scripts; sourced, never run.
# The cache lives outside the repository: CI runs in fresh clones on the same
# machine and the kernel builds must survive them.
TESTBED_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$TESTBED_DIR/.." && pwd)
CACHE=${ZPCI_TESTBED_CACHE:-/var/cache/zpcidiag-testbed}
SYSROOT=$CACHE/sysroot
DEBS=$CACHE/debs
STAMPS=$CACHE/stamps
CROSS=s390x-linux-gnu-
JOBS=${ZPCI_TESTBED_JOBS:-2}
# Debian 12's stock s390x kernel ABI; the image/headers packages carry it in their names.
STOCK_KVER=${ZPCI_TESTBED_STOCK_KVER:-}

log() { printf 'testbed: %s\n' "$*" >&2; }
die() { printf 'testbed: error: %s\n' "$*" >&2; exit 1; }

# The one place that knows where a flavour's kernel build directory is.
kernel_src_dir() { ls -d "$CACHE"/linux-source-6.1/linux-source-6.1 2>/dev/null; }
