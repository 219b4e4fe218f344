#!/usr/bin/env python3
"""The install flavour's guest: boot the Debian s390x root file system
(testbed/build-debian-rootfs.sh) under QEMU 10 with zPCI functions, with the
root disk itself a zPCI virtio-blk function, and let
testbed/install/guest-test.sh install zpcidiag's .deb files in it as a user
would. Prints the guest's console; exits 0 only when the guest printed
"ZT-RESULT: PASS" and no kernel report (WARN, BUG, Oops ...) appeared.

The disk image (ext4, made once from the tree with mke2fs -d) is cached
beside the tree and attached with snapshot=on: the guest's changes go to a
temporary file and every run starts from the same system. The kernel's
initramfs is packed here with cpio.py: busybox, the modules the root disk
needs (from the tree's modules.dep) and the test's files, which its /init
copies into the root file system before switch_root.

  install_vm.py --root TREE --debs DIR [--timeout SECONDS] [--log FILE]
"""
import argparse
import glob
import gzip
import lzma
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import cpio
import vm

TESTBED_DIR = os.path.dirname(os.path.abspath(__file__))
# The functions the guest sees: the root disk and, as in the other flavours,
# functions with distinct FIDs and UIDs (one FID needing 32 bits, one UID
# with hex letters), a NIC with a restricted user-mode backend and an NVMe.
TOPOLOGY = [
    ("root0", 0x00000040, 0x0040, "virtio-blk-pci"),
    ("rng0", 0x00000012, 0x0003, "virtio-rng-pci-non-transitional"),
    ("net0", 0x00000010, 0x0001, "virtio-net-pci"),
    ("ser0", 0x0A0B0C0D, 0x1234, "virtio-serial-pci"),
    ("nvme0", 0x00000030, 0x00a0, "nvme"),
]
# ext4 and jbd2 need a crc32c implementation (their modules.softdep; mke2fs
# turns on metadata checksums)
ROOT_MODULES = ["crc32c_generic", "virtio_blk", "ext4"]
INIT = r"""#!/bin/sh
# install flavour initramfs: load the root disk's modules, mount it, put the
# test in, hand over to the Debian system's systemd
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
for m in $(cat /modules.list); do insmod /modules/$m.ko || echo "initramfs: insmod $m failed"; done
n=0
while [ ! -b /dev/vda ] && [ $n -lt 120 ]; do sleep 1; n=$((n + 1)); done
mount -t ext4 /dev/vda /newroot || { echo "initramfs: cannot mount /dev/vda"; poweroff -f; }
mkdir -p /newroot/root/zpci-install
cp /payload/* /newroot/root/zpci-install/
cp /newroot/root/zpci-install/zpci-install-test.service /newroot/etc/systemd/system/
ln -sf ../zpci-install-test.service /newroot/etc/systemd/system/multi-user.target.wants/zpci-install-test.service
umount /proc /sys /dev
exec switch_root /newroot /sbin/init
"""


def kernel_version(root):
    vers = sorted(os.path.basename(p)[len("vmlinuz-"):] for p in glob.glob(os.path.join(root, "boot", "vmlinuz-*")))
    if len(vers) != 1:
        raise SystemExit("install flavour: expected one kernel in %s/boot, found %s" % (root, vers))
    return vers[0]


def module_order(root, kver, wanted):
    """The modules (relative paths) to load for WANTED, dependencies first."""
    deps = {}
    with open(os.path.join(root, "lib", "modules", kver, "modules.dep")) as f:
        for line in f:
            path, _, rest = line.partition(":")
            deps[path] = rest.split()
    byname = {re.sub(r"\.ko(\.xz|\.zst|\.gz)?$", "", os.path.basename(p)).replace("-", "_"): p for p in deps}
    order = []

    def visit(path):
        for d in deps[path]:
            visit(d)
        if path not in order:
            order.append(path)
    for name in wanted:
        if name not in byname:
            raise SystemExit("install flavour: module %s not in %s's modules.dep" % (name, kver))
        visit(byname[name])
    return order


def make_initrd(root, kver, debs, rundir):
    stage = os.path.join(rundir, "stage")
    os.makedirs(os.path.join(stage, "modules"))
    lines = ["dir /%s 755 0 0" % d for d in ("bin", "dev", "proc", "sys", "newroot", "modules", "payload")]
    lines.append("nod /dev/console 600 0 0 c 5 1")
    lines.append("file /bin/busybox %s 755 0 0" % os.path.join(vm.CACHE, "sysroot", "bin", "busybox"))
    for tool in ("sh", "mount", "umount", "insmod", "mkdir", "cp", "ln", "cat", "sleep", "switch_root", "poweroff"):
        lines.append("slink /bin/%s busybox 777 0 0" % tool)
    names = []
    for rel in module_order(root, kver, ROOT_MODULES):
        src = os.path.join(root, "lib", "modules", kver, rel)
        name = re.sub(r"\.ko(\.xz)?$", "", os.path.basename(rel))
        dst = os.path.join(stage, "modules", name + ".ko")
        if src.endswith(".xz"):     # busybox insmod takes plain ELF only
            with lzma.open(src) as i, open(dst, "wb") as o:
                shutil.copyfileobj(i, o)
        else:
            shutil.copyfile(src, dst)
        lines.append("file /modules/%s.ko %s 644 0 0" % (name, dst))
        names.append(name)
    with open(os.path.join(stage, "modules.list"), "w") as f:
        f.write(" ".join(names) + "\n")
    lines.append("file /modules.list %s 644 0 0" % os.path.join(stage, "modules.list"))
    with open(os.path.join(stage, "init"), "w") as f:
        f.write(INIT)
    lines.append("file /init %s 755 0 0" % os.path.join(stage, "init"))
    payload = [os.path.join(TESTBED_DIR, "install", "guest-test.sh"),
               os.path.join(TESTBED_DIR, "install", "zpci-install-test.service")]
    payload += sorted(glob.glob(os.path.join(debs, "zpcidiag_*_s390x.deb")))
    payload += sorted(glob.glob(os.path.join(debs, "zpcidiag-dkms_*_all.deb")))
    if len(payload) != 4:
        raise SystemExit("install flavour: need one zpcidiag_*_s390x.deb and one zpcidiag-dkms_*_all.deb in %s" % debs)
    for p in payload:
        lines.append("file /payload/%s %s 644 0 0" % (os.path.basename(p), p))
    out = os.path.join(rundir, "initrd.cpio.gz")
    with open(out, "wb") as f:
        f.write(gzip.compress(cpio.archive(lines), 1))
    return out


def disk_image(root):
    """root.img beside the tree, made once (the tree is not changed after)."""
    img = os.path.join(os.path.dirname(root), "root.img")
    if not os.path.exists(img):
        tmp = img + ".tmp"
        if os.path.exists(tmp):
            os.unlink(tmp)
        t0 = time.time()
        vm.say("install flavour: ext4 image of the tree (mke2fs -d) ...")
        subprocess.run(["nice", "-n", "19", "mke2fs", "-q", "-t", "ext4", "-L", "zpci-root", "-d", root,
                        tmp, "8G"], check=True)
        os.rename(tmp, img)
        vm.say("install flavour: image done (%ds)" % (time.time() - t0))
    return img


def qemu_command(root, kver, initrd, img, rundir):
    prefix, env = vm.emulator_command("qemu10")
    append = ("console=ttysclp0 panic=-1 loglevel=5 printk.time=1"
              " rcupdate.rcu_cpu_stall_timeout=300 systemd.show_status=auto")
    cmd = ["nice", "-n", "19"] + prefix + [
        "-M", "s390-ccw-virtio", "-cpu", "max", "-m", "2048", "-smp", "2",
        "-nographic", "-no-reboot", "-nodefaults", "-serial", "stdio",
        "-kernel", os.path.join(root, "boot", "vmlinuz-" + kver), "-initrd", initrd,
        "-append", append]
    for name, fid, uid, kind in TOPOLOGY:
        if name == "root0":
            cmd += ["-drive", "if=none,id=root0-drive,file=%s,format=raw,snapshot=on" % img]
            dev = "%s,id=%s,romfile=,drive=root0-drive" % (kind, name)
        else:
            pre, dev = vm.device_args(name, kind, rundir)
            cmd += pre
        cmd += ["-device", "zpci,id=zpci-%s,uid=%d,fid=%d,target=%s" % (name, uid, fid, name),
                "-device", dev]
    return cmd, dict(os.environ, **env)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--debs", required=True)
    ap.add_argument("--timeout", type=int, default=3600)
    ap.add_argument("--log")
    args = ap.parse_args()
    kver = kernel_version(args.root)
    img = disk_image(args.root)
    rundir = tempfile.mkdtemp(prefix="zpci-install-vm-")
    try:
        initrd = make_initrd(args.root, kver, args.debs, rundir)
        cmd, env = qemu_command(args.root, kver, initrd, img, rundir)
        log = open(args.log or os.path.join(rundir, "console.log"), "w")
        vm.say("install flavour: booting Debian s390x (%s) under QEMU 10" % kver)
        t0 = time.time()
        p = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, cwd=rundir)
        passed = False
        reports = []
        deadline = t0 + args.timeout
        import selectors
        sel = selectors.DefaultSelector()
        sel.register(p.stdout, selectors.EVENT_READ)
        buf = b""
        while True:
            if time.time() > deadline:
                vm.say("install flavour: no result after %ds; stopping the guest" % args.timeout)
                p.kill()
                break
            if not sel.select(timeout=5):
                continue
            chunk = os.read(p.stdout.fileno(), 65536)
            if not chunk:
                break
            buf += chunk
            while b"\n" in buf:
                raw, buf = buf.split(b"\n", 1)
                line = raw.decode("utf-8", "replace").rstrip("\r")
                stamp = "[%5ds] " % (time.time() - t0)
                log.write(stamp + line + "\n")
                log.flush()
                print(stamp + line, flush=True)
                if "ZT-RESULT: PASS" in line:
                    passed = True
                if vm.REPORT_RE.search(line):
                    reports.append(line)
        p.wait()
        el = time.time() - t0
        for r in reports:
            vm.say("install flavour: kernel report in the guest: %s" % r.strip())
        ok = passed and not reports
        vm.say("install flavour: %s after %dm%02ds" % ("PASS" if ok else "FAIL", el // 60, el % 60))
        return 0 if ok else 1
    finally:
        shutil.rmtree(rundir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
