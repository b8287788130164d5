#!/usr/bin/env python3
"""VM start benchmark (driven by bench/vmstart.sh): the time from `libvfio start --disable-gpu
tiny.yaml` to QMP 'running' against the same QEMU argv started directly and polled over QMP
until 'running', alternately in one run. The clock starts right before each process is
started, from this already-running driver, so neither side pays this script's start-up."""
import json, os, socket, statistics, subprocess, sys, time

def qmp_running(path, deadline):
    """Polls the QMP socket until query-status says running; returns when it does."""
    while time.monotonic() < deadline:
        try:
            s = socket.socket(socket.AF_UNIX)
            s.connect(path)
        except OSError:
            time.sleep(0.001)
            continue
        f = s.makefile('rw')
        try:
            f.readline()
            f.write('{"execute":"qmp_capabilities"}\n'); f.flush(); f.readline()
            while True:
                f.write('{"execute":"query-status"}\n'); f.flush()
                while True:
                    reply = json.loads(f.readline())
                    if 'return' in reply:
                        break
                if reply['return'].get('status') == 'running':
                    return s, f
        except (OSError, ValueError):
            s.close()
            time.sleep(0.001)
    raise SystemExit('QEMU did not reach running')

def main():
    launcher, root, config, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    base = [launcher, '--root', root]
    plan = json.loads(subprocess.run(base + ['start', '--disable-gpu', '--dry-run', '--json', config],
                                     check=True, capture_output=True, text=True).stdout)
    argv, sock, name = plan['argv'], plan['qmpSocket'], plan['name']
    tool, direct = [], []
    for i in range(runs + 2):                      # two warm-up rounds, not counted
        t0 = time.monotonic()
        r = subprocess.run(base + ['start', '--disable-gpu', config], capture_output=True, text=True)
        t1 = time.monotonic()
        if r.returncode != 0:
            raise SystemExit('libvfio start failed: ' + r.stderr)
        subprocess.run(base + ['stop', '--force', name], check=True, capture_output=True)
        os.makedirs(os.path.dirname(sock), exist_ok=True)
        if os.path.exists(sock):
            os.unlink(sock)
        t2 = time.monotonic()
        qemu = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        s, f = qmp_running(sock, t2 + 60)
        t3 = time.monotonic()
        f.write('{"execute":"quit"}\n'); f.flush(); s.close(); qemu.wait()
        if i >= 2:
            tool.append((t1 - t0) * 1000); direct.append((t3 - t2) * 1000)
    t, d = statistics.median(tool), statistics.median(direct)
    print('runs: %d' % runs)
    print('QEMU argv started directly, to QMP running:  median %7.1f ms  (min %.1f, max %.1f)' % (d, min(direct), max(direct)))
    print('libvfio start --disable-gpu, to running:     median %7.1f ms  (min %.1f, max %.1f)' % (t, min(tool), max(tool)))
    print('ratio: %.2f (target <= 1.1)' % (t / d))
    sys.exit(0 if t / d <= 1.1 else 1)

main()
