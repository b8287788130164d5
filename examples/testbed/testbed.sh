#!/usr/bin/env bash
# shellcheck disable=SC2054  # QEMU option strings contain commas on purpose
# testbed.sh - libvfio's real-kernel test bed: runs a command inside Debian 12's stock
# "amd64" kernel (6.1, or 6.12 with TESTBED_KVER) under QEMU, with a virtual Intel IOMMU
# (real IOMMU groups), an SR-IOV capable NVMe controller (real VFs) and the kernel's sample
# mdev drivers mtty, mdpy and mbochs (built out of tree from Debian's linux-source and
# headers packages), so that libvfio's sysfs code is tested against the real kernel.
# Started from shared/kernel-lab/klab.sh; see README.md next to this file.
#
# The guest sees the host's own root file system read-only over virtio-9p,
# made writable by an overlayfs on tmpfs (changes are thrown away), "virtme"
# style: the host's java, bash, coreutils... run unchanged inside the guest.
#
#   testbed.sh deps                 apt-get install the host tools (root; no kernel is installed)
#   testbed.sh prepare              fetch kernel, build initramfs + mdev samples (cached)
#   testbed.sh run [opts] -- CMD..  boot, run CMD (a bash script line) as root in the guest,
#                                   exit with its exit code
#   testbed.sh selftest [opts]      boot and check iommu groups / SR-IOV / vfio / mdev
#   testbed.sh info                 print cache paths and the chosen kernel
#
# run/selftest options:
#   -w DIR        make host DIR writable inside the guest at the same path (repeatable)
#   -C DIR        working directory for CMD inside the guest (default: current dir)
#   -e NAME=VAL   export NAME=VAL for CMD (repeatable; TESTBED_GUEST=1 is always set)
#   -m MEM        guest memory (default 2G)       -s N   guest vCPUs (default 2)
#   -t SECS       hard timeout for the whole VM (default 600)
#   -a ACCEL      tcg|kvm (default: auto, see pick_accel)
#   --vfs N       NVMe SR-IOV VFs offered by the emulated controller (default 4, 0 = no NVMe)
#   --igb         add an Intel 82576 (igb) NIC with 7 SR-IOV VFs (needs QEMU >= 8)
#   -v            also stream the serial console (kernel log + CMD output) to stderr
#
# CMD's combined stdout+stderr is printed on stdout after the VM has stopped;
# the whole guest file system is writable (tmpfs overlay, thrown away), so
# results that must reach the host go to a -w directory.
#
# Environment: TESTBED_CACHE (default /var/cache/libvfio-testbed when it can be written,
#              which survives between CI runs on one machine, else
#              ${XDG_CACHE_HOME:-~/.cache}/libvfio-testbed; ~530 MB per kernel),
#              TESTBED_KVER (kernel ABI, e.g. 6.1.0-56-amd64; default: what
#              linux-image-amd64 depends on), TESTBED_ACCEL, TESTBED_APPEND (extra kernel args),
#              TESTBED_QEMU (QEMU binary), TESTBED_QEMU_ARGS (extra QEMU args, split on
#              spaces), TESTBED_NO_PVH=1 (boot the bzImage), TESTBED_KEEP_RUNS=1 (keep
#              the run dir with console.log even on success).
#
# Exit codes of "run": CMD's exit code; 124 = VM timed out; 125 = the guest
# never reported an exit code (boot failure - see the console log it prints).
set -euo pipefail

SELF=$(readlink -f "${BASH_SOURCE[0]}")
default_cache() {
  local system=/var/cache/libvfio-testbed
  if mkdir -p "$system" 2>/dev/null && [[ -w $system ]]; then echo "$system"; else echo "${XDG_CACHE_HOME:-$HOME/.cache}/libvfio-testbed"; fi
}
TESTBED_CACHE=${TESTBED_CACHE:-$(default_cache)}
MSIZE=262144
NINEP_OPTS="trans=virtio,version=9p2000.L,msize=$MSIZE"

log() { printf '[testbed %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- host side --

resolve_kver() {
  if [[ -n ${TESTBED_KVER:-} ]]; then echo "$TESTBED_KVER"; return; fi
  if [[ -e $TESTBED_CACHE/current ]]; then basename "$(readlink -f "$TESTBED_CACHE/current")"; return; fi
  apt-cache depends linux-image-amd64 2>/dev/null |
    awk '/Depends: linux-image-[0-9]/{sub("linux-image-","",$2); print $2; exit}'
}

# Debian packages the host needs. The kernel, its headers and the kernel source
# are NOT installed: "prepare" downloads them with apt-get download and unpacks
# them into the cache, so the host's /boot and /usr/src stay untouched.
DEPS=(qemu-system-x86 busybox-static kmod cpio xz-utils zstd make gcc-12 libc6-dev)

cmd_deps() {
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${DEPS[@]}" >&2
}

# apt-get download PKG... into the current directory (quietly)
fetch_debs() { apt-get download "$@" 2>&1 | grep -vE '^(W: Download is performed unsandboxed|Get:|Fetched)' >&2 || true; }

# The uncompressed kernel ELF from a bzImage, found through the x86 boot
# protocol header (setup_sects at 0x1f1, payload_offset/length at 0x248/0x24c).
extract_vmlinux() {
  local f=$1 out=$2 ss po pl off magic
  ss=$(od -An -tu1 -j $((0x1f1)) -N1 "$f" | tr -d ' '); ((ss)) || ss=4
  po=$(od -An -tu4 -j $((0x248)) -N4 "$f" | tr -d ' ')
  pl=$(od -An -tu4 -j $((0x24c)) -N4 "$f" | tr -d ' ')
  off=$(( (ss + 1) * 512 + po ))
  magic=$(od -An -tx1 -j "$off" -N4 "$f" | tr -d ' ')
  local -a dec
  case $magic in
    fd377a58) dec=(xz -dc --single-stream) ;;
    28b52ffd) dec=(zstd -dcq) ;;
    1f8b*)    dec=(gzip -dc) ;;
    *) return 1 ;;
  esac
  # the payload ends with a 4-byte length field that is not part of the stream
  dd if="$f" iflag=skip_bytes,count_bytes skip="$off" count=$((pl - 4)) bs=1M status=none |
    "${dec[@]}" > "$out.tmp" 2>/dev/null || { rm -f "$out.tmp"; return 1; }
  [[ $(od -An -tx1 -N4 "$out.tmp" | tr -d ' ') == 7f454c46 ]] || { rm -f "$out.tmp"; return 1; }
  mv "$out.tmp" "$out"
}

cmd_prepare() {
  local kver dir tmp ver
  kver=$(resolve_kver); [[ -n $kver ]] || die "no kernel ABI (run apt-get update, or set TESTBED_KVER)"
  dir=$TESTBED_CACHE/$kver
  mkdir -p "$dir"
  # one preparation at a time per cache (CI jobs on one machine share it)
  exec 9>"$TESTBED_CACHE/.lock"
  flock 9
  tmp=$(mktemp -d "$TESTBED_CACHE/tmp.XXXXXX")
  trap 'rm -rf "$tmp"' RETURN
  ver=$(apt-cache show "linux-image-$kver" 2>/dev/null | awk '/^Version:/{print $2; exit}')
  [[ -n $ver || -e $dir/.kernel-ok ]] || die "apt knows no linux-image-$kver (apt-get update?)"

  # 1. the kernel image and its modules, unpacked
  if [[ ! -e $dir/.kernel-ok ]]; then
    log "downloading linux-image-$kver ($ver)"
    (cd "$tmp" && fetch_debs "linux-image-$kver=$ver")
    rm -rf "$dir/root" "$dir/vmlinux"; dpkg-deb -x "$tmp"/linux-image-*.deb "$dir/root"
    rm -f "$tmp"/*.deb
    cp "$dir/root/boot/vmlinuz-$kver" "$dir/vmlinuz"
    # Under TCG the guest needs ~4 s to decompress the bzImage at every boot;
    # QEMU can instead load the uncompressed ELF through its PVH entry point.
    if grep -q '^CONFIG_PVH=y' "$dir/root/boot/config-$kver"; then
      extract_vmlinux "$dir/vmlinuz" "$dir/vmlinux" || log "no PVH vmlinux (will boot the bzImage)"
    fi
    echo "$ver" > "$dir/version"
    rm -f "$dir/.mdev-ok" "$dir/.initramfs-ok"   # both depend on the unpacked tree
    depmod -b "$dir/root" "$kver"
    touch "$dir/.kernel-ok"
  fi

  # 2. linux-headers-$kver (+ -common + linux-kbuild) unpacked, not installed
  local hdr=$dir/hdr/usr/src/linux-headers-$kver
  if [[ ! -e $dir/.headers-ok ]]; then
    local -a hp
    mapfile -t hp < <(apt-cache depends "linux-headers-$kver" | awk '/Depends: linux-(headers|kbuild)-/{print $2}' | sort -u)
    log "downloading linux-headers-$kver ${hp[*]}"
    (cd "$tmp" && fetch_debs "linux-headers-$kver=$ver" "${hp[@]}")
    rm -rf "$dir/hdr"
    local d; for d in "$tmp"/*.deb; do dpkg-deb -x "$d" "$dir/hdr"; done
    rm -f "$tmp"/*.deb
    # its Makefile includes the -common tree by absolute path
    sed -i "s|^include /usr/src/|include $dir/hdr/usr/src/|" "$hdr/Makefile"
    rm -f "$dir/.mdev-ok"; touch "$dir/.headers-ok"
  fi

  # 3. the sample mdev drivers (samples/vfio-mdev: mtty, mdpy, mbochs; Debian
  #    builds them not), from the matching linux-source package, built out of tree
  if [[ ! -e $dir/.mdev-ok ]]; then
    local srcpkg; srcpkg="linux-source-$(echo "$kver" | cut -d. -f1,2)"
    if [[ ! -e $dir/mdev-src/mtty.c ]]; then
      log "downloading $srcpkg ($ver) for samples/vfio-mdev"
      (cd "$tmp" && fetch_debs "$srcpkg=$ver")
      mkdir -p "$tmp/src" "$dir/mdev-src"
      dpkg-deb --fsys-tarfile "$tmp"/linux-source-*.deb |
        tar -xO --wildcards './usr/src/linux-source-*.tar.xz' |
        tar -xJ -C "$tmp/src" --wildcards '*/samples/vfio-mdev/*'
      rm -f "$tmp"/*.deb
      cp "$tmp"/src/*/samples/vfio-mdev/{mtty.c,mdpy.c,mdpy-defs.h,mbochs.c} "$dir/mdev-src/"
    fi
    printf 'obj-m := mtty.o mdpy.o mbochs.o\n' > "$dir/mdev-src/Kbuild"
    log "building mtty.ko mdpy.ko mbochs.ko"
    # (no BTF for the samples: 6.12 would otherwise need pahole)
    make -C "$hdr" M="$dir/mdev-src" -j"$(nproc)" CONFIG_DEBUG_INFO_BTF_MODULES= modules > "$dir/mdev-src/build.log" 2>&1 ||
      { cat "$dir/mdev-src/build.log" >&2; die "mdev sample build failed"; }
    mkdir -p "$dir/root/lib/modules/$kver/extra"
    cp "$dir"/mdev-src/*.ko "$dir/root/lib/modules/$kver/extra/"
    depmod -b "$dir/root" "$kver"
    touch "$dir/.mdev-ok"
  fi

  # 4. a tiny initramfs: static busybox + the modules needed to mount the 9p root
  # (rebuilt when its /init changes: a fresh checkout's new mtime alone does not count)
  local stamp; stamp=$(initramfs_init | sha256sum | cut -c1-16)
  if [[ ! -e $dir/.initramfs-ok || $(cat "$dir/.initramfs-ok") != "$stamp" ]]; then
    log "building initramfs"
    local ir=$tmp/ir m b
    mkdir -p "$ir"/{bin,dev,proc,sys,lower,upper,newroot,mods}
    cp /bin/busybox "$ir/bin/busybox"
    for m in virtio_pci 9pnet_virtio 9p overlay; do   # --show-depends takes one module at a time
      modprobe -d "$dir/root" -S "$kver" --show-depends "$m" > "$tmp/dep.$m" || die "module $m not found"
      cat "$tmp/dep.$m"
    done | awk '$1=="insmod" && !seen[$2]++ {print $2}' > "$tmp/mods"
    : > "$ir/mods/order"
    while read -r m; do
      b=$(basename "$m"); b=${b%%.ko*}.ko
      case $m in   # busybox insmod wants plain .ko files
        *.ko.xz) xz -dc "$m" > "$ir/mods/$b" ;;
        *.ko.zst) zstd -dcq "$m" > "$ir/mods/$b" ;;
        *.ko.gz) gzip -dc "$m" > "$ir/mods/$b" ;;
        *) cp "$m" "$ir/mods/$b" ;;
      esac
      echo "$b" >> "$ir/mods/order"
    done < "$tmp/mods"
    initramfs_init > "$ir/init"; chmod 755 "$ir/init"
    (cd "$ir" && find . | cpio -o -H newc --quiet | gzip -1) > "$dir/initramfs.gz"
    echo "$stamp" > "$dir/.initramfs-ok"
  fi
  ln -sfn "$kver" "$TESTBED_CACHE/current"
  log "ready: $dir (kernel $kver $ver)"
}

# /init of the initramfs (busybox sh): load virtio/9p/overlay, mount the host
# root read-only, put a tmpfs overlay on top, switch_root into "testbed.sh guest-init".
initramfs_init() {
cat <<'EOF'
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin
fail() {
  echo "testbed-initramfs: $*"; ls /sys/bus/pci/devices /sys/bus/virtio/devices; dmesg | tail -n 30
  echo o > /proc/sysrq-trigger; sleep 10
}
mount -t proc proc /proc; mount -t sysfs sysfs /sys; mount -t devtmpfs devtmpfs /dev
for m in $(cat /mods/order); do insmod /mods/$m || fail "insmod $m"; done
mount -t 9p -o ro,cache=loose,trans=virtio,version=9p2000.L,msize=262144 root /lower || fail "mount 9p root"
mount -t tmpfs -o mode=755 tmpfs /upper && mkdir -p /upper/u /upper/w
mount -t overlay -o lowerdir=/lower,upperdir=/upper/u,workdir=/upper/w overlay /newroot || fail "overlay"
for d in proc sys dev; do mount --move /$d /newroot/$d; done
exec switch_root /newroot /bin/bash "$testbed_self" guest-init
EOF
}

pick_accel() {
  if [[ -n ${TESTBED_ACCEL:-} ]]; then echo "$TESTBED_ACCEL"; return; fi
  # /dev/kvm alone is not enough: on hosts whose KVM is the "PVM" backend
  # (kvm_pvm, no vmx/svm in cpuinfo) a stock kernel hangs right after the
  # decompressor, so only use KVM where hardware virtualisation is visible.
  if [[ -w /dev/kvm ]] && grep -qwE 'vmx|svm' /proc/cpuinfo && [[ ! -d /sys/module/kvm_pvm ]]; then
    echo kvm
  else
    echo tcg
  fi
}

cmd_run() {
  local mem=2G smp=2 timeout=600 accel vfs=4 igb=0 verbose=0 cwd=$PWD
  local -a wdirs=() envs=()
  while (($#)); do
    case $1 in
      -w) wdirs+=("$(readlink -f "$2")"); shift 2 ;;
      -e) envs+=("$2"); shift 2 ;;
      -C) cwd=$(readlink -f "$2"); shift 2 ;;
      -m) mem=$2; shift 2 ;;
      -s) smp=$2; shift 2 ;;
      -t) timeout=$2; shift 2 ;;
      -a) TESTBED_ACCEL=$2; shift 2 ;;
      --vfs) vfs=$2; shift 2 ;;
      --igb) igb=1; shift ;;
      -v) verbose=1; shift ;;
      --) shift; break ;;
      -*) die "unknown option $1" ;;
      *) break ;;
    esac
  done
  (($#)) || die "no command given"
  accel=$(pick_accel)
  local kver dir run rc i
  kver=$(resolve_kver); dir=$TESTBED_CACHE/$kver
  [[ -e $dir/.initramfs-ok && -e $dir/.mdev-ok ]] || die "not prepared: run testbed.sh prepare"
  mkdir -p "$TESTBED_CACHE/runs"
  run=$(mktemp -d "$TESTBED_CACHE/runs/run.XXXXXX")
  { echo "export TESTBED_GUEST=1"; for i in "${envs[@]}"; do printf 'export %q\n' "$i"; done; printf '%s\n' "$*"; } > "$run/cmd"
  printf '%s\n' "$cwd" > "$run/cwd"
  printf '%s\n' "$dir/root/lib/modules/$kver" > "$run/modules"
  : > "$run/mounts"

  local kernel=$dir/vmlinuz
  [[ -e $dir/vmlinux && -z ${TESTBED_NO_PVH:-} ]] && kernel=$dir/vmlinux
  local -a q=("${TESTBED_QEMU:-qemu-system-x86_64}" -name libvfio-testbed -nodefaults -no-user-config -display none -no-reboot
    -m "$mem" -smp "$smp"
    -machine q35,kernel-irqchip=split
    -device intel-iommu,intremap=on,caching-mode=on
    -kernel "$kernel" -initrd "$dir/initramfs.gz"
    -append "console=ttyS0 panic=-1 oops=panic quiet loglevel=4 intel_iommu=on 8250.nr_uarts=1 testbed_self=$SELF testbed_run=$run ${TESTBED_APPEND:-}"
    -virtfs local,path=/,mount_tag=root,security_model=none,readonly=on,multidevs=remap
    -virtfs "local,path=$run,mount_tag=tbrun,security_model=none"
    -serial "file:$run/console.log")
  if ((igb)); then
    # Intel 82576 NIC with SR-IOV (7 VFs, igb/igbvf drivers); needs QEMU >= 8.0.
    # No netdev: the NIC is not connected to anything.
    q+=(-device pcie-root-port,id=tbrp1,chassis=2,slot=2,addr=0x11 -device igb,id=tbigb0,bus=tbrp1)
  fi
  # shellcheck disable=SC2206
  q+=(${TESTBED_QEMU_ARGS:-})
  if [[ $accel == kvm ]]; then q+=(-accel kvm -cpu host); else q+=(-accel tcg,thread=multi -cpu max); fi
  for i in "${!wdirs[@]}"; do
    q+=(-virtfs "local,path=${wdirs[$i]},mount_tag=tbw$i,security_model=none")
    printf 'tbw%s %s\n' "$i" "${wdirs[$i]}" >> "$run/mounts"
  done
  if ((vfs > 0)); then
    # NVMe controller with SR-IOV (QEMU >= 7.1): needs an nvme-subsys and a PCIe port;
    # each VF needs 2 flexible queues and 1 flexible interrupt.
    # The root port has a fixed slot (00:10.0), so the NVMe PF is 0000:01:00.0 and the
    # IOMMU groups keep their order however many -w dirs (virtio-9p functions) come first.
    q+=(-device pcie-root-port,id=tbrp0,chassis=1,slot=1,addr=0x10
        -device nvme-subsys,id=tbsubsys0
        -device "nvme,id=tbnvme0,serial=libvfio0001,subsys=tbsubsys0,bus=tbrp0,sriov_max_vfs=$vfs,sriov_vq_flexible=$((vfs*2)),sriov_vi_flexible=$vfs,max_ioqpairs=$((vfs*2+2))")
  fi

  log "booting $kver ($accel, ${smp} vCPU, $mem); run dir $run"
  local t0=$SECONDS
  if ((verbose)); then touch "$run/console.log"; tail -n +1 -f "$run/console.log" >&2 & local tpid=$!; fi
  set +e
  timeout -k 5 "$timeout" "${q[@]}" </dev/null 2>"$run/qemu.err"
  local qrc=$?
  set -e
  if ((verbose)); then sleep 0.3; kill "$tpid" 2>/dev/null || true; wait "$tpid" 2>/dev/null || true; fi
  [[ -s $run/qemu.err ]] && grep -v 'warning: host doesn' "$run/qemu.err" >&2 || true
  [[ -f $run/output ]] && cat "$run/output"
  if [[ -f $run/rc ]]; then
    rc=$(cat "$run/rc")
  elif ((qrc == 124 || qrc == 137)); then
    log "VM timed out after ${timeout}s"; rc=124
  else
    rc=125
  fi
  if [[ $rc == 124 || $rc == 125 ]] && ((!verbose)); then
    log "guest gave no exit code (qemu rc=$qrc); last console lines:"; tail -n 40 "$run/console.log" >&2 || true
  fi
  log "exit code $rc after $((SECONDS - t0))s (console log: $run/console.log)"
  [[ -n ${TESTBED_KEEP_RUNS:-} ]] || { ((rc == 0)) && rm -rf "$run"; }
  return "$rc"
}

# --------------------------------------------------------------- guest side --

# PID 1 inside the guest, started by the initramfs with the host's bash.
guest_init() {
  export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root TERM=dumb LANG=C.UTF-8
  set +e
  local kv run=${testbed_run:?} rc=125 tag path
  halt() { echo "testbed: $*" > /dev/console; echo o > /proc/sysrq-trigger; sleep 30; }
  # / is an overlay (host root read-only + tmpfs), so every path is writable;
  # host /tmp stays visible (the cache and the run dir may live there).
  mkdir -p /dev/pts /dev/shm
  mount -t devpts devpts /dev/pts; mount -t tmpfs tmpfs /dev/shm; mount -t tmpfs tmpfs /run
  mkdir -p "$run"; mount -t 9p -o "$NINEP_OPTS" tbrun "$run" || halt "cannot mount the run dir"
  # the kernel's modules (unpacked on the host in the cache) at the usual place
  kv=$(uname -r); mkdir -p "/lib/modules/$kv"
  mount --bind "$(cat "$run/modules")" "/lib/modules/$kv" || halt "cannot bind the modules"
  while read -r tag path; do
    [[ -n $tag ]] || continue
    mkdir -p "$path"; mount -t 9p -o "$NINEP_OPTS" "$tag" "$path"
  done < "$run/mounts"
  mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null || true
  hostname testbed
  echo "testbed: guest up after $(cut -d' ' -f1 /proc/uptime)s of guest time" > /dev/console
  cd "$(cat "$run/cwd")" 2>/dev/null || cd /
  bash "$run/cmd" < /dev/null 2>&1 | tee "$run/output" > /dev/console
  rc=${PIPESTATUS[0]}
  echo "$rc" > "$run/rc"
  echo "testbed: command exited $rc at $(cut -d' ' -f1 /proc/uptime)s" > /dev/console
  sync; umount "$run" 2>/dev/null
  busybox poweroff -f 2>/dev/null   # reboot(2) at once; QEMU then exits
  echo o > /proc/sysrq-trigger; sleep 30
}

# ------------------------------------------------------------------ selftest --

# The checks run inside the guest by "testbed.sh selftest"; prints 'N passed, N failed'.
guest_selftest() {
  local pass=0 failn=0
  ok()  { echo "ok   - $*"; pass=$((pass+1)); }
  bad() { echo "FAIL - $*"; failn=$((failn+1)); }
  check() { local d=$1; shift; if "$@" >/dev/null 2>&1; then ok "$d"; else bad "$d"; fi; }

  echo "kernel: $(uname -r)"
  check "iommu groups populated" test -n "$(ls /sys/kernel/iommu_groups)"
  echo "iommu groups: $(ls /sys/kernel/iommu_groups | wc -l)"
  modprobe vfio-pci && modprobe nvme && modprobe mdev && modprobe mtty && ok "modprobe vfio-pci nvme mdev mtty" || bad "modprobe"

  # SR-IOV on the emulated NVMe controller
  local pf="" d
  for d in /sys/bus/pci/devices/*; do
    [[ $(cat "$d/class") == 0x010802 && -e $d/sriov_totalvfs ]] && { pf=$d; break; }
  done
  if [[ -n $pf ]]; then
    ok "SR-IOV PF found: ${pf##*/} totalvfs=$(cat "$pf/sriov_totalvfs") driver=$(basename "$(readlink "$pf/driver")")"
    echo 0 > "$pf/sriov_drivers_autoprobe"   # VFs stay unbound, as a VF manager wants
    echo 2 > "$pf/sriov_numvfs" && ok "sriov_numvfs=2 written" || bad "write sriov_numvfs"
    check "2 virtfn links" test "$(ls -d "$pf"/virtfn* 2>/dev/null | wc -l)" -eq 2
    local vf; vf=$(readlink -f "$pf/virtfn0")
    echo "VF0: ${vf##*/} [$(cat "$vf/vendor") $(cat "$vf/device")] iommu_group=$(basename "$(readlink "$vf/iommu_group")")"
    check "VF has physfn link" test -e "$vf/physfn"
    echo vfio-pci > "$vf/driver_override"
    echo "${vf##*/}" > /sys/bus/pci/drivers_probe
    check "VF bound to vfio-pci" test "$(basename "$(readlink "$vf/driver")")" = vfio-pci
    local grp; grp=$(basename "$(readlink "$vf/iommu_group")")
    check "/dev/vfio/$grp exists" test -c "/dev/vfio/$grp"
    ls -l /dev/vfio/
    echo "${vf##*/}" > "$vf/driver/unbind"; echo > "$vf/driver_override"
    echo 0 > "$pf/sriov_numvfs"
    check "VFs removed (sriov_numvfs=0)" test "$(ls -d "$pf"/virtfn* 2>/dev/null | wc -l)" -eq 0
  else
    echo "no SR-IOV NVMe PF present (--vfs 0?)"
  fi

  # Intel 82576 (igb) SR-IOV NIC, present with --igb (QEMU >= 8)
  local igb=""
  for d in /sys/bus/pci/devices/*; do
    [[ $(cat "$d/vendor"):$(cat "$d/device") == 0x8086:0x10c9 ]] && igb=$d
  done
  if [[ -n $igb ]]; then
    modprobe igb
    echo 0 > "$igb/sriov_drivers_autoprobe"
    echo 3 > "$igb/sriov_numvfs" && ok "igb ${igb##*/}: sriov_numvfs=3 (totalvfs=$(cat "$igb/sriov_totalvfs"))" || bad "igb sriov_numvfs"
    vf=$(readlink -f "$igb/virtfn2")
    echo vfio-pci > "$vf/driver_override"; echo "${vf##*/}" > /sys/bus/pci/drivers_probe
    check "igb VF ${vf##*/} [$(cat "$vf/device")] bound to vfio-pci" test "$(basename "$(readlink "$vf/driver")")" = vfio-pci
    echo 0 > "$igb/sriov_numvfs"
  fi

  # mediated devices with the mtty sample driver
  local types=/sys/class/mdev_bus/mtty/mdev_supported_types
  check "$types exists" test -d "$types"
  local t=$types/mtty-2 uuid before after
  if [[ -d $t ]]; then
    echo "mdev types: $(ls "$types" | tr '\n' ' '); mtty-2 name='$(cat "$t/name")' device_api=$(cat "$t/device_api")"
    before=$(cat "$t/available_instances")
    uuid=$(cat /proc/sys/kernel/random/uuid)
    echo "$uuid" > "$t/create" && ok "mdev create $uuid" || bad "mdev create"
    check "/sys/bus/mdev/devices/$uuid exists" test -e "/sys/bus/mdev/devices/$uuid"
    after=$(cat "$t/available_instances")
    check "available_instances $before -> $after" test "$after" -lt "$before"
    echo "mdev $uuid: iommu_group=$(basename "$(readlink "/sys/bus/mdev/devices/$uuid/iommu_group")") driver=$(basename "$(readlink "/sys/bus/mdev/devices/$uuid/driver")")"
    check "mdev's IOMMU group has a /dev/vfio node" test -c "/dev/vfio/$(basename "$(readlink "/sys/bus/mdev/devices/$uuid/iommu_group")")"
    echo 1 > "/sys/bus/mdev/devices/$uuid/remove" && ok "mdev remove" || bad "mdev remove"
    check "/sys/bus/mdev/devices/$uuid gone" test ! -e "/sys/bus/mdev/devices/$uuid"
    check "available_instances restored" test "$(cat "$t/available_instances")" -eq "$before"
  fi
  if command -v java >/dev/null; then
    local jt=$SECONDS
    check "java runs in the guest" java -Xshare:auto -version
    echo "java -version took $((SECONDS - jt))s"
  fi
  echo "$pass passed, $failn failed"
  ((failn == 0))
}

case ${1:-} in
  deps) shift; cmd_deps "$@" ;;
  prepare) shift; cmd_prepare "$@" ;;
  run) shift; cmd_run "$@" ;;
  selftest) shift; cmd_run "$@" -- "bash '$SELF' guest-selftest" ;;
  guest-init) guest_init ;;
  guest-selftest) guest_selftest ;;
  info) kver=$(resolve_kver); echo "cache=$TESTBED_CACHE kver=$kver accel=$(pick_accel)"; ls -la "$TESTBED_CACHE/$kver" 2>/dev/null ;;
  *) sed -n '3,/^set -euo/p' "$SELF" | sed '$d; s/^# \{0,1\}//'; exit 2 ;;
esac
