#!/usr/bin/env python3
"""VM start benchmark (driven by bench/vmstart.sh). Three ways to get the same QEMU argv to QMP
'running', alternately in one loop:
  direct   the argv started by this script and polled over QMP (the target's baseline);
  floor    the least any JVM front-end can do: a trivial Java class (bench/QmpFloor.java) that
           starts the argv with ProcessBuilder and polls QMP, with the launcher's JVM options
           and a class-data-sharing archive of its own (made in the first warm-up round);
  libvfio  `libvfio start --disable-gpu tiny.yaml`.
The clock starts right before each process is started, from this already-running driver, so no
side pays this script's start-up."""
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
                reply = command(f, 'query-status')
                if reply['return'].get('status') == 'running':
                    return s, f
        except (OSError, ValueError):
            s.close()
            time.sleep(0.001)
    raise SystemExit('QEMU did not reach running')

def command(f, name):
    f.write('{"execute":"%s"}\n' % name); f.flush()
    while True:
        reply = json.loads(f.readline())
        if 'return' in reply or 'error' in reply:
            return reply

def quit_detached(sock):
    """Quits a QEMU that is no child of this script (the floor's) and waits until it is gone."""
    s, f = qmp_running(sock, time.monotonic() + 10)
    tid = command(f, 'query-cpus-fast')['return'][0]['thread-id']
    with open('/proc/%d/status' % tid) as status:
        pid = int(next(line for line in status if line.startswith('Tgid:')).split()[1])
    f.write('{"execute":"quit"}\n'); f.flush(); s.close()
    while True:
        try:
            with open('/proc/%d/stat' % pid) as stat:
                if stat.read().rsplit(')', 1)[1].split()[0] in ('Z', 'X'):
                    return
        except FileNotFoundError:
            return
        time.sleep(0.002)

def fresh(sock):
    os.makedirs(os.path.dirname(sock), exist_ok=True)
    if os.path.exists(sock):
        os.unlink(sock)

def main():
    launcher, root, config, runs, java, floor_dir = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6]
    base = [launcher, '--root', root]
    plan = json.loads(subprocess.run(base + ['start', '--disable-gpu', '--dry-run', '--json', config],
                                     check=True, capture_output=True, text=True).stdout)
    argv, sock, name = plan['argv'], plan['qmpSocket'], plan['name']
    # the launcher's own JVM options, with the floor's archive in place of libvfio's
    jvm = [java, '-XX:TieredStopAtLevel=1', '-XX:CICompilerCount=1', '-XX:Tier3InvocationThreshold=1000', '-XX:-UsePerfData', '-Xshare:auto', '-Xlog:cds=off', '-Xlog:cds+dynamic=off',
           '-cp', os.path.join(floor_dir, 'floor.jar')]
    archive = os.path.join(floor_dir, 'floor.jsa')
    tool, direct, floor = [], [], []
    for i in range(runs + 2):                      # two warm-up rounds, not counted
        t0 = time.monotonic()
        r = subprocess.run(base + ['start', '--disable-gpu', config], capture_output=True, text=True)
        t1 = time.monotonic()
        if r.returncode != 0:
            raise SystemExit('libvfio start failed: ' + r.stderr)
        subprocess.run(base + ['stop', '--force', name], check=True, capture_output=True)
        fresh(sock)
        t2 = time.monotonic()
        qemu = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        s, f = qmp_running(sock, t2 + 60)
        t3 = time.monotonic()
        f.write('{"execute":"quit"}\n'); f.flush(); s.close(); qemu.wait()
        fresh(sock)
        cds = ['-XX:ArchiveClassesAtExit=' + archive] if i == 0 else ['-XX:SharedArchiveFile=' + archive]
        t4 = time.monotonic()
        r = subprocess.run(jvm + cds + ['QmpFloor', sock] + argv, capture_output=True, text=True)
        t5 = time.monotonic()
        if r.returncode != 0:
            raise SystemExit('the JVM floor launcher failed: ' + r.stdout + r.stderr)
        quit_detached(sock)
        if i >= 2:
            tool.append((t1 - t0) * 1000); direct.append((t3 - t2) * 1000); floor.append((t5 - t4) * 1000)
    t, d, j = statistics.median(tool), statistics.median(direct), statistics.median(floor)
    print('runs: %d' % runs)
    print('QEMU argv started directly, to QMP running:    median %7.1f ms  (min %.1f, max %.1f)' % (d, min(direct), max(direct)))
    print('JVM floor launcher (QmpFloor), to running:     median %7.1f ms  (min %.1f, max %.1f)' % (j, min(floor), max(floor)))
    print('libvfio start --disable-gpu, to running:       median %7.1f ms  (min %.1f, max %.1f)' % (t, min(tool), max(tool)))
    print('ratio libvfio/direct: %.2f (target <= 1.1)' % (t / d))
    print('ratio libvfio/JVM floor launcher: %.2f (what any JVM front-end could reach: 1.0; JVM floor/direct: %.2f)' % (t / j, j / d))
    sys.exit(0 if t / d <= 1.1 else 1)

main()
