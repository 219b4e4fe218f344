#!/usr/bin/env python3
"""Boot the emulated IBM Z (qemu-system-s390x, TCG) with the standard zPCI
topology, run the in-guest cases, serve their hot-plug requests through QMP,
and judge the run: per-case results plus the guest's kernel log, which fails
the run on any kernel WARN, BUG, Oops, KASAN, lockdep or hung-task report.

Called through testbed/run-vm.sh; see docs/testbed.md.
"""
import argparse
import json
import os
import re
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

TESTBED_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_DIR = os.path.dirname(TESTBED_DIR)
CACHE = os.environ.get("ZPCI_TESTBED_CACHE", "/var/cache/zpcidiag-testbed")

# The standard topology.  FIDs and UIDs are distinct, and one FID needs all 32
# bits and one UID has hex letters, so a tool that truncates a FID to 16 bits
# or prints a UID in decimal is caught.  "spare" functions are defined but only
# plugged when a case asks (tb_request plug <name>).
TOPOLOGY = [
    # name   fid         uid     device              state
    ("net0", 0x00000010, 0x0001, "virtio-net-pci", "present"),
    ("blk0", 0x00000011, 0x0002, "virtio-blk-pci", "present"),
    ("rng0", 0x00000012, 0x0003, "virtio-rng-pci-non-transitional", "present"),
    ("scsi0", 0x00000013, 0x0004, "virtio-scsi-pci", "present"),
    ("kbd0", 0x00000014, 0x0005, "virtio-keyboard-pci", "present"),
    ("ser0", 0x0A0B0C0D, 0x1234, "virtio-serial-pci", "present"),
    ("hp0", 0x00000020, 0x0020, "virtio-rng-pci", "spare"),
]

# s390 die(): "<program check name>: <code> ilc:<n> [#<count>]", e.g.
# "illegal operation: 0001 ilc:3 [#1] SMP" (seen on the debug kernel)
DIE_HEADER = r"[a-z][a-z -]+: [0-9a-f]{4} ilc:\d \[#\d+\]"
# Kernel report headers.  Match the header line of a report, never a bare
# word: "RCU lockdep checking is enabled" is printed at every lockdep boot.
REPORT_RE = re.compile(
    r"^(?:\[[ 0-9.]+\] )?(?:"
    r"WARNING: CPU: \d+ PID: \d+"            # WARN_ON and friends
    r"|WARNING: (?:possible|inconsistent|suspicious|bad unlock|lock held|held lock|nested lock|Nested lock)"  # lockdep
    r"|BUG: "                                # BUG:, BUG: KASAN:, sleeping in atomic, ...
    r"|kernel BUG at "
    r"|Oops: "
    r"|" + DIE_HEADER +
    r"|Kernel panic"
    r"|UBSAN: "
    r"|INFO: task .* blocked for more than"  # hung task
    r"|(?:rcu: )?INFO: rcu_\w+ (?:self-)?detected stall"
    r"|unreferenced object 0x"               # kmemleak
    r"|general protection fault"
    r"|Unable to handle kernel"              # s390 page fault in kernel mode
    r")")
# Kernel defects that are not this project's, each with the allocation frame
# that identifies it in a kmemleak report.  A leak whose backtrace holds the
# frame is printed as KNOWN and does not fail the run; any other leak does.
# Keep this list short and explain every entry in docs/testbed.md.
KNOWN_LEAKS = [
    # Linux 6.1 s390: zpci_bus_release() -> pci_remove_root_bus() deletes the
    # host bridge device of a hot-unplugged function's bus but nothing drops
    # its last reference: the pci_host_bridge, its name, its device private
    # data and the bus resource entry (from pci_add_resource_offset) leak.
    ("zpci_bus_device_register+",
     "Linux 6.1 zPCI bus removal leaves the pci_host_bridge referenced (hot-unplug)"),
]


def untimed(line):
    """A console line without its printk timestamp."""
    return re.sub(r"^\[[ 0-9.]+\] ", "", line)


def kmemleak_blocks(lines):
    """Split kmemleak output into (index of the header, block lines)."""
    blocks, cur = [], None
    for i, line in enumerate(lines):
        bare = untimed(line)
        if bare.startswith("unreferenced object 0x"):
            cur = (i, [line])
            blocks.append(cur)
        elif cur is not None and bare.startswith(" "):
            cur[1].append(line)
        else:
            cur = None
    return blocks


def known_leak(block):
    """The KNOWN_LEAKS reason for a kmemleak block, or None."""
    for frame, why in KNOWN_LEAKS:
        if any(frame in line for line in block):
            return why
    return None


# QEMU 7.2 (TCG) now and then executes stale code after one kernel module was
# unloaded and another loaded into the reused module space: the guest dies
# of an illegal operation in the new module's text although the code bytes
# it prints are the .ko's, and the breaking-event address points at an
# instruction that is no branch (docs/testbed.md). Its signature: an illegal
# operation whose "Modules linked in" line names a module unloaded just
# before. A run that dies this way is repeated once; the repeat must pass.
def emulator_stale_code(console):
    """True when the console shows the emulator's stale-code oops."""
    for i, line in enumerate(console):
        if re.search(r"illegal operation: 0001 ilc:\d \[#1\]", line):
            nxt = " ".join(console[i + 1:i + 3])
            return "[last unloaded: " in nxt and "Modules linked in:" in nxt
    return False


# Reports after which the kernel cannot be trusted to go on: a task died in
# the kernel, possibly holding locks (the PCI rescan mutex, say), so later
# cases would only time out one by one.
FATAL_RE = re.compile(
    r"^(?:\[[ 0-9.]+\] )?(?:Oops: |kernel BUG at |Kernel panic|Unable to handle kernel"
    r"|" + DIE_HEADER + r")")


def kernel_image(flavour):
    if flavour == "stock":
        return os.path.join(CACHE, "stock", "vmlinuz")
    # Ask for this checkout's build directory: other checkouts sharing the
    # cache may have other config fragments.
    kdir = subprocess.run([os.path.join(TESTBED_DIR, "build-kernel.sh"), "--flavour", flavour,
                           "--print-kdir"], check=True, stdout=subprocess.PIPE,
                          universal_newlines=True).stdout.strip()
    return os.path.join(kdir, "arch", "s390", "boot", "bzImage")


def work_dir():
    import hashlib
    h = hashlib.sha256(REPO_DIR.encode()).hexdigest()[:12]
    return os.path.join(CACHE, "work", h)


class QMP:
    def __init__(self, path, deadline):
        self.sock = None
        while time.time() < deadline:
            try:
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.connect(path)
                self.sock = s
                break
            except OSError:
                time.sleep(0.1)
        if not self.sock:
            raise RuntimeError("QMP socket did not appear")
        self.buf = b""
        self.events = []
        self._recv()  # greeting
        self.cmd("qmp_capabilities")

    def _recv(self, timeout=30):
        end = time.time() + timeout
        while b"\n" not in self.buf:
            left = end - time.time()
            if left <= 0:
                raise RuntimeError("QMP timeout")
            r, _, _ = select.select([self.sock], [], [], left)
            if r:
                chunk = self.sock.recv(65536)
                if not chunk:
                    raise RuntimeError("QMP closed")
                self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def cmd(self, name, **args):
        msg = {"execute": name}
        if args:
            msg["arguments"] = args
        self.sock.sendall(json.dumps(msg).encode() + b"\n")
        while True:
            m = self._recv()
            if "event" in m:
                self.events.append(m)
                continue
            if "error" in m:
                raise RuntimeError("%s: %s" % (name, m["error"].get("desc")))
            return m.get("return")

    def wait_event(self, name, device, timeout=30):
        end = time.time() + timeout
        while time.time() < end:
            for e in self.events:
                if e["event"] == name and e.get("data", {}).get("device") == device:
                    self.events.remove(e)
                    return True
            try:
                m = self._recv(max(0.1, end - time.time()))
            except RuntimeError:
                return False
            if "event" in m:
                self.events.append(m)
        return False


def device_args(name, kind, rundir):
    """QEMU options for one function's backing device (without its zpci)."""
    pre = []
    dev = "%s,id=%s,romfile=" % (kind, name)
    if kind == "virtio-blk-pci":
        img = os.path.join(rundir, name + ".img")
        with open(img, "wb") as f:
            f.truncate(1 << 20)
        pre = ["-drive", "if=none,id=%s-drive,file=%s,format=raw" % (name, img)]
        dev += ",drive=%s-drive" % name
    elif kind == "virtio-net-pci":
        # The guest kernel has no INET; a restricted user-mode backend keeps
        # QEMU quiet about a NIC without peer and reaches nothing outside.
        pre = ["-netdev", "user,id=%s-nd,restrict=on" % name]
        dev += ",netdev=%s-nd" % name
    return pre, dev


def make_overlay(rundir, flavour, args, work):
    """A second initramfs with this run's topology and config; the kernel
    unpacks concatenated archives in order, so it lands on top of the base."""
    stage = os.path.join(rundir, "overlay")
    os.makedirs(os.path.join(stage, "etc", "testbed"), exist_ok=True)
    topo = os.path.join(stage, "etc", "testbed", "topology")
    with open(topo, "w") as f:
        f.write("# name fid uid device state\n")
        for name, fid, uid, kind, state in TOPOLOGY:
            f.write("%s 0x%08x 0x%04x %s %s\n" % (name, fid, uid, kind, state))
    conf = os.path.join(stage, "etc", "testbed", "config")
    with open(conf, "w") as f:
        f.write("TESTBED_MODE=%s\n" % ("shell" if args.shell else "demo" if args.demo else "run"))
        f.write("TESTBED_FLAVOUR=%s\n" % flavour)
        f.write("TESTBED_CASES='%s'\n" % args.cases)
        if os.environ.get("TESTBED_BENCH") == "1":
            f.write("TESTBED_BENCH=1\n")   # cases marked "needs: bench" (bench/region.sh)
        for var in ("BENCH_COUNT", "REGION_FUZZ_COUNT"):   # sizes of bench/ and fuzz cases
            if os.environ.get(var, "").isdigit():
                f.write("%s=%s\n" % (var, os.environ[var]))
        f.write("TESTBED_CASE_TIMEOUT=%d\n" % case_timeout(flavour, args))
        f.write("TESTBED_HOTPLUG=1\n")
    lst = os.path.join(rundir, "overlay.list")
    with open(lst, "w") as f:
        f.write("dir /etc 755 0 0\ndir /etc/testbed 755 0 0\n")
        f.write("file /etc/testbed/topology %s 644 0 0\n" % topo)
        f.write("file /etc/testbed/config %s 644 0 0\n" % conf)
    gen = os.path.join(CACHE, "tools", "gen_init_cpio")
    ov = subprocess.run([gen, lst], check=True, stdout=subprocess.PIPE).stdout
    base = os.path.join(work, "initramfs-%s.cpio.gz" % flavour)
    out = os.path.join(rundir, "initramfs.cpio.gz")
    import gzip
    with open(out, "wb") as o:
        with open(base, "rb") as b:
            shutil.copyfileobj(b, o)
        o.write(gzip.compress(ov, 1))
    return out


def vcpus(flavour):
    # KASAN's generic mode stops the kasan kernel at "smp: Bringing up
    # secondary CPUs" under TCG (QEMU 7.2); with one vCPU it boots in seconds.
    # The other kernels keep two, so real parallelism is tested there.
    return 1 if flavour == "kasan" else 2


def case_timeout(flavour, args):
    # KASAN and lockdep on one vCPU make the kasan kernel about ten times
    # slower than the normal one (iotest-read-matches-vfio-bar: 12 s vs 100 s).
    if args.case_timeout:
        return args.case_timeout
    return 360 if flavour == "kasan" else 120


def qemu_command(flavour, args, rundir, initrd, qmp_path):
    mem = 1024
    smp = vcpus(flavour)
    # Under TCG on a shared 2-core host a vCPU can stand still for a minute:
    # the longest RCU stall timeout keeps host starvation from reading as a
    # kernel bug, while a real lock-up still reports.
    append = ("console=ttysclp0 panic=-1 loglevel=5 printk.time=1 printk.devkmsg=on"
              " rcupdate.rcu_cpu_stall_timeout=300")
    if flavour == "kasan":
        append += " kasan.fault=report"
    append += os.environ.get("ZPCI_TESTBED_APPEND", "") and " " + os.environ["ZPCI_TESTBED_APPEND"]
    cmd = ["qemu-system-s390x", "-M", "s390-ccw-virtio", "-cpu", "max",
           "-m", str(mem), "-smp", str(smp), "-nographic", "-no-reboot",
           "-nodefaults", "-kernel", kernel_image(flavour), "-initrd", initrd,
           "-append", append, "-qmp", "unix:%s,server=on,wait=off" % qmp_path]
    cmd += ["-serial", "mon:stdio" if args.shell else "stdio"]
    for name, fid, uid, kind, state in TOPOLOGY:
        if state != "present":
            continue
        pre, dev = device_args(name, kind, rundir)
        cmd += pre
        cmd += ["-device", "zpci,id=zpci-%s,uid=%d,fid=%d,target=%s" % (name, uid, fid, name),
                "-device", dev]
    return cmd


def serve_request(qmp, req, rundir):
    """Carry out a case's request; returns (ok, message)."""
    parts = req.split()
    if len(parts) != 2 or parts[0] not in ("plug", "unplug"):
        return False, "unknown request"
    op, name = parts
    fn = [t for t in TOPOLOGY if t[0] == name]
    if not fn:
        return False, "no function %s in the topology" % name
    _, fid, uid, kind, _ = fn[0]
    try:
        if op == "plug":
            pre, dev = device_args(name, kind, rundir)
            if pre:
                return False, "only backend-less devices can be hot-plugged"
            qmp.cmd("device_add", driver="zpci", id="zpci-" + name, fid=fid,
                    uid=uid, target=name)
            props = dict(p.split("=", 1) for p in dev.split(",")[1:])
            qmp.cmd("device_add", driver=kind, **props)
        else:
            qmp.cmd("device_del", id=name)
            if not qmp.wait_event("DEVICE_DELETED", name, 30):
                return False, "guest did not release %s within 30s" % name
            # QEMU 7.2 removes the zpci device together with its target;
            # delete it only if it is still there.
            try:
                qmp.cmd("device_del", id="zpci-" + name)
                qmp.wait_event("DEVICE_DELETED", "zpci-" + name, 10)
            except RuntimeError as e:
                if "not found" not in str(e):
                    raise
    except RuntimeError as e:
        return False, str(e)
    return True, ""


_say_lock = threading.Lock()


def say(*a):
    """print() that keeps lines whole while two flavours run at once."""
    with _say_lock:
        sys.stdout.write(" ".join(str(x) for x in a) + "\n")
        sys.stdout.flush()


def build(flavour, args):
    if args.no_build:
        return True
    r = subprocess.run([os.path.join(TESTBED_DIR, "build-guest.sh"), "--flavour", flavour],
                       stdout=subprocess.DEVNULL)
    if r.returncode:
        say("ERROR: vm/%s: guest build failed" % flavour)
        return False
    return True


def log_dir(args):
    return args.log_dir or os.path.join(work_dir(), "logs")


def run(flavour, args):
    work = work_dir()
    logdir = log_dir(args)
    os.makedirs(logdir, exist_ok=True)
    rundir = tempfile.mkdtemp(prefix="zpci-vm-")
    qmp_path = os.path.join(rundir, "qmp.sock")
    initrd = make_overlay(rundir, flavour, args, work)
    cmd = qemu_command(flavour, args, rundir, initrd, qmp_path)
    if not os.path.exists(cmd[cmd.index("-kernel") + 1]):
        say("ERROR: vm/%s: no kernel image %s (run without --no-build)" % (flavour, cmd[cmd.index("-kernel") + 1]))
        shutil.rmtree(rundir, ignore_errors=True)
        return None
    if args.print_cmd:
        say(" ".join(cmd))
    if args.shell:
        try:
            return subprocess.call(cmd)
        finally:
            shutil.rmtree(rundir, ignore_errors=True)

    console_log = os.path.join(logdir, "console-%s.log" % flavour)
    dmesg_log = os.path.join(logdir, "dmesg-%s.log" % flavour)
    start = time.time()
    # The normal suite takes under 2 minutes under TCG; the debug kernels are
    # several times slower (kasan about ten).
    tmo = args.timeout or (2400 if flavour in ("debug", "kasan") else 1200)
    deadline = start + tmo
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    qmp = None
    results = []          # (name, result, detail, output lines)
    reports = []
    dmesg = []
    in_dmesg = False
    current = None
    case_out = []
    finished = False
    began = False
    buf = b""
    timed_out = False
    fatal = None
    stopped = False
    with open(console_log, "w") as log:
        while True:
            left = deadline - time.time()
            if left <= 0:
                timed_out = True
                break
            r, _, _ = select.select([proc.stdout], [], [], min(left, 1.0))
            if not r:
                if proc.poll() is not None:
                    break
                continue
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            buf += chunk
            while b"\n" in buf:
                raw, buf = buf.split(b"\n", 1)
                line = raw.decode("utf-8", "replace").rstrip("\r")
                log.write(line + "\n")
                log.flush()
                if args.verbose:
                    say("  " + line)
                elif args.demo and not line.startswith("@@TB") and not in_dmesg:
                    say(line)
                if in_dmesg:
                    if line.startswith("@@TB DMESG END"):
                        in_dmesg = False
                    else:
                        dmesg.append(line)
                        continue
                if line.startswith("| "):
                    case_out.append(line[2:])
                    continue
                if REPORT_RE.search(line):
                    reports.append(line)
                    if FATAL_RE.search(line) and not fatal:
                        fatal = line
                if not line.startswith("@@TB "):
                    continue
                f = line.split()
                if f[1] == "BEGIN":
                    began = True
                elif f[1] == "CASE":
                    current = f[2]
                    case_out = []
                elif f[1] == "RESULT":
                    results.append((f[2], f[3], " ".join(f[4:]), case_out))
                    # Print as cases finish: a long CI run shows progress.
                    say("%s: vm/%s/%s %s" % (f[3], flavour, f[2], " ".join(f[4:])))
                    if f[3] not in ("PASS", "SKIP") and case_out:
                        # one write: another flavour may be printing too
                        say("\n".join("    " + o for o in case_out[-40:]))
                    current = None
                    case_out = []
                    if fatal:
                        say("vm/%s: stopping after the kernel died in a task; the remaining cases"
                              " are not run" % flavour)
                        stopped = True
                        break
                elif f[1] == "REQUEST":
                    seq, req = f[2], " ".join(f[3:])
                    if qmp is None:
                        try:
                            qmp = QMP(qmp_path, time.time() + 10)
                        except RuntimeError as e:
                            ok, msg = False, str(e)
                    if qmp is not None:
                        ok, msg = serve_request(qmp, req, rundir)
                    log.write("host: request %s %s -> %s %s\n" % (seq, req, ok, msg))
                    proc.stdin.write(("@@TB REPLY %s %s %s\n" % (seq, "ok" if ok else "error", msg)).encode())
                    proc.stdin.flush()
                elif f[1] == "DMESG" and f[2] == "BEGIN":
                    in_dmesg = True
                elif f[1] == "END":
                    finished = True
            if stopped:
                break
        if timed_out or proc.poll() is None:
            proc.kill()
        proc.wait()
    if qmp:
        qmp.sock.close()
    shutil.rmtree(rundir, ignore_errors=True)
    with open(dmesg_log, "w") as d:
        d.write("\n".join(dmesg) + "\n")
    known = {}
    for i, block in kmemleak_blocks(dmesg):
        why = known_leak(block)
        if why:
            known[i] = why
    for i, line in enumerate(dmesg):
        if i in known:
            say("KNOWN: vm/%s/kernel-and-guest: kmemleak %s, not ours: %s" % (
                flavour, line.strip().rstrip(":"), known[i]))
        elif REPORT_RE.search(line):
            reports.append(line)

    # Print per-case lines like automake's test driver.
    passed = failed = skipped = 0
    for name, res, detail, out in results:
        if res == "PASS":
            passed += 1
        elif res == "SKIP":
            skipped += 1
        else:
            failed += 1
    problems = []
    if timed_out:
        problems.append("guest timed out after %ds%s" % (
            tmo, " in case %s" % current if current else ""))
    elif current:
        problems.append("guest stopped during case %s" % current)
    elif not began:
        problems.append("guest runner never started (kernel or init failure)")
    elif fatal:
        problems.append("run stopped after: " + untimed(fatal))
    elif not finished:
        problems.append("guest did not finish the runner")
    seen = set()
    for rep in reports:
        key = untimed(rep)
        if key in seen:
            continue
        seen.add(key)
        problems.append("kernel report: " + key)
    for p in problems:
        say("FAIL: vm/%s/kernel-and-guest: %s" % (flavour, p))
    if problems:
        failed += 1
    elif args.demo:
        passed += 1
    else:
        passed += 1
        say("PASS: vm/%s/kernel-and-guest (no kernel reports, %.0fs)" % (flavour, time.time() - start))
    say("# vm/%s: logs in %s" % (flavour, logdir))
    stale = False
    if fatal:
        with open(console_log) as c:
            stale = emulator_stale_code(c.read().splitlines())
    return passed, failed, skipped, stale


def main():
    ap = argparse.ArgumentParser(description="Run the zpcidiag in-guest test suite under qemu-system-s390x")
    ap.add_argument("--flavour", action="append", choices=["normal", "debug", "kasan", "stock"],
                    help="kernel flavour; repeat for several (default normal)")
    ap.add_argument("--cases", default="*", help="shell glob of case names (default *)")
    ap.add_argument("--shell", action="store_true", help="interactive shell in the guest instead of the cases")
    ap.add_argument("--demo", action="store_true", help="run the demo script in the guest and show its output")
    ap.add_argument("--timeout", type=int, default=0, help="whole-run timeout in seconds")
    ap.add_argument("--case-timeout", type=int, default=0,
                    help="per-case timeout in seconds (default 120, 360 on the kasan kernel)")
    ap.add_argument("--no-build", action="store_true", help="use the guest and kernel already built")
    ap.add_argument("--log-dir")
    ap.add_argument("--print-cmd", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true", help="echo the guest console")
    args = ap.parse_args()
    flavours = args.flavour or ["normal"]
    if shutil.which("qemu-system-s390x") is None:
        print("zpcidiag testbed: qemu-system-s390x missing; run testbed/setup-host.sh as root",
              file=sys.stderr)
        return 77
    if args.shell:
        return run(flavours[0], args) if build(flavours[0], args) else 1
    # Builds one after the other: a kernel build takes both host cores.
    built = [fl for fl in flavours if build(fl, args)]
    results = {fl: None for fl in flavours}

    def boot(fls):
        for fl in fls:
            r = run(fl, args)
            if r and r[3]:
                say("RETRY: vm/%s: the guest died of the emulator's stale-code defect after a"
                    " module reload (docs/testbed.md); running this flavour once more" % fl)
                for kind in ("console", "dmesg"):
                    base = os.path.join(log_dir(args), "%s-%s" % (kind, fl))
                    if os.path.exists(base + ".log"):
                        os.replace(base + ".log", base + ".first-attempt.log")
                r = run(fl, args)
            results[fl] = r

    # A one-vCPU kernel (kasan) leaves a host core idle: boot it beside the
    # other flavours instead of after them.
    single = [fl for fl in built if vcpus(fl) == 1]
    if single and len(built) > len(single) and not args.demo:
        t = threading.Thread(target=boot, args=(single,))
        t.start()
        boot([fl for fl in built if fl not in single])
        t.join()
    else:
        boot(built)
    total = [0, 0, 0]
    for fl in flavours:
        r = results[fl]
        if r is None:
            total[1] += 1
            continue
        for i in range(3):
            total[i] += r[i]
    if args.demo:
        return 1 if total[1] else 0
    print("%d passed, %d failed%s" % (total[0], total[1],
                                     ", %d skipped" % total[2] if total[2] else ""))
    return 1 if total[1] else 0


if __name__ == "__main__":
    sys.exit(main())
