"""scripts/chaos's engine: four supervision agents on four network namespaces, a seeded
schedule of faults while every agent keeps appending, then heal and check.

    python chaos.py run --seed S --steps K --duration SECONDS --bin DIR --out DIR [--with-restore]
    python chaos.py cleanup STATE        # undo what a run recorded in STATE (used by the trap)

Everything a run creates (processes, namespaces, mounts) is recorded in STATE as it is
created, so that the wrapper's trap can undo it even if this process dies; processes are
ended by PID only. Needs pyzmq for the workload and NetfilterQueue for the delay fault.
"""

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time

DEPARTMENTS = ["market", "fire", "culture", "education"]
SUBNET = "198.18.0"  # 198.18.0.0/15 is the benchmarking range: no traffic leaves the namespaces
PORT = 7100
KINDS = ["kill9", "stop", "linkdown", "oneway", "loss", "dup", "delay", "diskfull"]
STEP_PRESETS = {"small": 8, "medium": 16, "large": 40}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# ----------------------------------------------------------------------------- state and cleanup


class State:
    """An append-only record of what the run created: `pid N CMDHINT`, `netns NAME`, `mount PATH`."""

    def __init__(self, path: str):
        self.path = path
        self.lock = threading.Lock()

    def add(self, kind: str, value: str) -> None:
        with self.lock, open(self.path, "a") as f:
            f.write(f"{kind} {value}\n")
            f.flush()
            os.fsync(f.fileno())


def pid_alive(pid: int, hint: str) -> bool:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            cmdline = f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return False
    try:
        with open(f"/proc/{pid}/stat") as f:
            if f.read().rsplit(")", 1)[1].split()[0] == "Z":
                return False
    except OSError:
        return False
    return hint in cmdline


def cleanup(state_path: str) -> None:
    """Ends the recorded processes (by PID, checking the command line), deletes the recorded
    namespaces (their iptables rules and veths go with them) and unmounts the recorded mounts."""
    if not os.path.exists(state_path):
        return
    pids, namespaces, mounts = [], [], []
    for line in open(state_path):
        kind, _, value = line.strip().partition(" ")
        if kind == "pid":
            pid, _, hint = value.partition(" ")
            pids.append((int(pid), hint))
        elif kind == "netns":
            namespaces.append(value)
        elif kind == "mount":
            mounts.append(value)
    for pid, hint in pids:
        if pid_alive(pid, hint):
            for sig in (signal.SIGCONT, signal.SIGKILL):
                try:
                    os.kill(pid, sig)
                except ProcessLookupError:
                    pass
    for pid, hint in pids:
        for _ in range(50):
            if not pid_alive(pid, hint):
                break
            time.sleep(0.1)
    existing = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout
    existing = {line.split()[0] for line in existing.splitlines() if line.strip()}
    for name in reversed(namespaces):
        if name in existing:
            subprocess.run(["ip", "netns", "del", name], capture_output=True)
    mounted = open("/proc/mounts").read()
    for path in reversed(mounts):
        if f" {path} " in mounted:
            subprocess.run(["umount", "-l", path], capture_output=True)
    os.rename(state_path, state_path + ".done")


# ----------------------------------------------------------------------------- the schedule


def make_schedule(seed: int, steps: int, duration: float, with_restore: bool) -> list:
    """The seeded schedule: the same seed, steps, duration and flags give the same list.

    Every fault kind comes once per round of len(KINDS) steps, in a seeded order; targets,
    strengths and times are drawn from the same generator. About one step in three overlaps
    the next one (which then has another target): two faults at once."""
    rng = random.Random(seed)
    slot = duration / max(steps, 1)
    schedule = []
    order: list = []
    for index in range(steps):
        if not order:
            order = KINDS[:]
            rng.shuffle(order)
        kind = order.pop()
        target = rng.choice(DEPARTMENTS)
        busy = set()  # the targets of the faults still running when this step starts
        for previous in reversed(schedule):
            if not previous["overlap"]:
                break
            busy.add(previous["target"])
        if target in busy:
            target = rng.choice([d for d in DEPARTMENTS if d not in busy] or DEPARTMENTS)
        hold = round(slot * rng.uniform(0.45, 0.8), 2)
        step = {"step": index + 1, "kind": kind, "target": target, "hold": hold, "gap": round(slot - hold, 2),
                "overlap": rng.random() < 0.3}
        if kind == "oneway":
            step["to"] = rng.choice([d for d in DEPARTMENTS if d != target])
        elif kind == "loss":
            step["probability"] = round(rng.uniform(0.05, 0.35), 2)
        elif kind == "dup":
            step["probability"] = round(rng.uniform(0.1, 0.5), 2)
        elif kind == "delay":
            step["delayMs"] = rng.choice([20, 50, 100, 200])
            step["jitterMs"] = round(step["delayMs"] * rng.uniform(0.3, 1.0))
        elif kind == "kill9":
            step["down"] = round(hold * rng.uniform(0.2, 0.8), 2)
        schedule.append(step)
    if with_restore:
        # A backup of one agent early, its restore (over newer events) in the second half.
        target = rng.choice(DEPARTMENTS)
        backup_at = rng.randrange(0, max(1, steps // 3) + 1)
        restore_at = rng.randrange(max(backup_at + 1, steps // 2), steps + 1) + 1
        method = rng.choice(["cold", "online"])
        schedule.insert(backup_at, {"kind": "backup", "target": target, "hold": 0, "gap": round(slot * 0.3, 2),
                                    "method": method})
        schedule.insert(restore_at, {"kind": "restore", "target": target, "hold": 0, "gap": round(slot * 0.5, 2)})
        for number, step in enumerate(schedule, 1):
            step["step"] = number
    for index, step in enumerate(schedule):
        after = schedule[index + 1]["kind"] if index + 1 < len(schedule) else None
        step["overlap"] = bool(step.get("overlap")) and after not in (None, "backup", "restore") \
            and step["kind"] not in ("backup", "restore")
    return schedule


def describe(step: dict) -> str:
    kind, target = step["kind"], step["target"]
    what = {
        "kill9": f"kill -9 {target}, restart after {step.get('down')} s",
        "stop": f"SIGSTOP {target}, SIGCONT after {step['hold']} s",
        "linkdown": f"link of {target} down (both ways) for {step['hold']} s",
        "oneway": f"one-way cut {target} -> {step.get('to')} (DROP) for {step['hold']} s",
        "loss": f"loss p={step.get('probability')} in and out of {target} for {step['hold']} s",
        "dup": f"duplication (TEE) p={step.get('probability')} of {target}'s packets for {step['hold']} s",
        "delay": f"delay {step.get('delayMs')}±{step.get('jitterMs')} ms (NFQUEUE, reorders) of {target}'s packets for {step['hold']} s",
        "diskfull": f"fill {target}'s data tmpfs for {step['hold']} s, then free it",
        "backup": (f"stop {target} cleanly, copy its store.sqlite (backup), restart" if step.get("method") == "cold"
                   else f"back up {target}'s store while it runs (jointctl backup)"),
        "restore": f"stop {target} cleanly, put back the backup store.sqlite, restart",
    }[kind]
    if step.get("overlap"):
        return f"step {step['step']:>2}: {what}; the next step starts {overlap_lead(step)} s later, during it"
    return f"step {step['step']:>2}: {what}; then {step['gap']} s calm"


def overlap_lead(step: dict) -> float:
    return round(min(1.0, step["hold"] / 3), 2)


# ----------------------------------------------------------------------------- the run


class Chaos:
    def __init__(self, args):
        self.args = args
        self.bin = args.bin
        self.ctl = os.path.join(args.bin, "jointctl")
        self.agent_bin = os.path.join(args.bin, "supervision-agent")
        self.out = os.path.abspath(args.out)
        self.tag = args.tag
        self.state = State(os.path.join(self.out, "state"))
        self.ns = {d: f"{self.tag}-{d}" for d in DEPARTMENTS}
        self.switch = f"{self.tag}-sw"
        self.ip = {d: f"{SUBNET}.{i + 1}" for i, d in enumerate(DEPARTMENTS)}
        self.procs: dict = {}
        self.acked: dict = {d: {} for d in DEPARTMENTS}  # origin -> seq -> hash (acknowledged appends)
        self.attempts = {d: 0 for d in DEPARTMENTS}
        self.last_seq = {d: 0 for d in DEPARTMENTS}
        self.stale: dict = {d: [] for d in DEPARTMENTS}  # publishes acknowledged without a new event
        self.forks: dict = {d: [] for d in DEPARTMENTS}  # a seq acknowledged twice with different hashes
        self.refused: dict = {d: {} for d in DEPARTMENTS}  # error text -> count
        self.faults: dict = {}
        self.notes: list = []
        self.failures: list = []
        self.stop_workload = threading.Event()
        self.lock = threading.Lock()
        self.backup_path = None

    # -- helpers

    def sh(self, *command, check=True, quiet=False):
        result = subprocess.run(command, capture_output=True, text=True)
        if check and result.returncode != 0:
            raise RuntimeError(f"{' '.join(command)}: exit {result.returncode}: {result.stderr.strip()}")
        return result

    def nsexec(self, department, *command, check=True):
        return self.sh("ip", "netns", "exec", self.ns[department], *command, check=check)

    def ipt(self, department, *rule, check=True):
        return self.nsexec(department, "iptables", "-w", *rule, check=check)

    def data_dir(self, d):
        return os.path.join(self.out, "data", d)

    def control(self, d):
        return f"ipc://{self.data_dir(d)}/control.sock"

    def request(self, d, request: dict, timeout_ms=2000):
        import zmq

        context = zmq.Context.instance()
        socket = context.socket(zmq.DEALER)
        socket.setsockopt(zmq.LINGER, 0)
        try:
            socket.connect(self.control(d))
            socket.send_multipart([b"", json.dumps(request).encode()])
            if not socket.poll(timeout_ms):
                return None
            frames = socket.recv_multipart()
            return json.loads(frames[-1])
        finally:
            socket.close()

    def status(self, d, timeout_ms=2000):
        reply = self.request(d, {"command": "status"}, timeout_ms)
        return reply.get("status") if reply and reply.get("ok") else None

    # -- setup

    def setup_network(self):
        for name in [self.switch] + list(self.ns.values()):
            self.sh("ip", "netns", "add", name)
            self.state.add("netns", name)
            self.sh("ip", "-n", name, "link", "set", "lo", "up")
        self.sh("ip", "-n", self.switch, "link", "add", "br0", "type", "bridge")
        self.sh("ip", "-n", self.switch, "link", "set", "br0", "up")
        for i, d in enumerate(DEPARTMENTS):
            port = f"p-{d}"
            self.sh("ip", "-n", self.switch, "link", "add", port, "type", "veth", "peer", "name", "eth0",
                    "netns", self.ns[d])
            self.sh("ip", "-n", self.switch, "link", "set", port, "master", "br0", "up")
            self.sh("ip", "-n", self.ns[d], "addr", "add", f"{self.ip[d]}/24", "dev", "eth0")
            self.sh("ip", "-n", self.ns[d], "link", "set", "eth0", "up")
        log(f"network: namespaces {', '.join(self.ns.values())} on bridge br0 in {self.switch}; "
            + ", ".join(f"{d} {self.ip[d]}" for d in DEPARTMENTS))

    def setup_bus(self):
        authority = os.path.join(self.out, "authority")
        self.sh(self.ctl, "keys", "generate", "--authority", "chaos-city", "--dir", authority)
        shutil.copy(os.path.join(authority, "anchor.json"), os.path.join(self.out, "anchor.json"))
        entries = []
        coordination = ["intent", "draw", "plan.proposal", "plan.vote", "assignment", "referral.ack", "outcome",
                        "membership", "test", "finding", "referral"]
        for d in DEPARTMENTS:
            keys = os.path.join(self.out, "keys", d)
            entry = json.loads(self.sh(self.ctl, "keys", "generate", "--dir", keys, "--department", d,
                                       "--endpoint", f"tcp://{self.ip[d]}:{PORT}", "--json").stdout)["entry"]
            entry.update(name=d, roles=["inspector"], receives={"kinds": coordination, "categories": [
                "food-safety", "fire-safety", "content", "licensing"]})
            entries.append(entry)
            os.makedirs(self.data_dir(d), exist_ok=True)
            # The data directory is a small tmpfs of its own, so that the disk-full fault fills it.
            self.sh("mount", "-t", "tmpfs", "-o", f"size={self.args.disk_mb}m,mode=0700", "tmpfs", self.data_dir(d))
            self.state.add("mount", self.data_dir(d))
            with open(os.path.join(self.out, f"{d}.json"), "w") as f:
                json.dump({"department": d, "dataDirectory": f"data/{d}", "keysDirectory": f"keys/{d}",
                           "anchorFile": "anchor.json", "membershipFile": "membership.signed.json",
                           "heartbeatMs": 250, "testCommands": True}, f)
        with open(os.path.join(self.out, "membership.draft.json"), "w") as f:
            json.dump({"version": 1, "departments": entries}, f, indent=2)
        self.sh(self.ctl, "membership", "sign", "--authority", authority, "--in",
                os.path.join(self.out, "membership.draft.json"), "--out",
                os.path.join(self.out, "membership.signed.json"), "--valid-days", "30")

    def start(self, d, wait=True):
        logfile = open(os.path.join(self.out, f"{d}.log"), "a")
        logfile.write(f"=== chaos: start at {time.strftime('%H:%M:%S')}\n")
        logfile.flush()
        process = subprocess.Popen(
            ["ip", "netns", "exec", self.ns[d], self.agent_bin, "run", "--config", os.path.join(self.out, f"{d}.json")],
            stdout=logfile, stderr=subprocess.STDOUT, start_new_session=True)
        logfile.close()
        self.state.add("pid", f"{process.pid} supervision-agent")
        self.procs[d] = process
        if wait:
            self.wait_ready(d)

    def wait_ready(self, d, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.procs[d].poll() is not None:
                raise RuntimeError(f"{d} exited with {self.procs[d].returncode} at start; see {self.out}/{d}.log")
            status = self.status(d, 500)
            if status and status.get("ready"):
                return
            time.sleep(0.1)
        raise RuntimeError(f"{d} not ready within {timeout} s")

    def terminate(self, d, timeout=30):
        process = self.procs[d]
        if process.poll() is None:
            os.kill(process.pid, signal.SIGCONT)
            os.kill(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.failures.append(f"{d} did not stop within {timeout} s of SIGTERM (killed)")
                os.kill(process.pid, signal.SIGKILL)
                process.wait()
        return process.returncode

    # -- workload

    def publish(self, d, size):
        """One append through the control socket; an acknowledged one is recorded."""
        with self.lock:
            self.attempts[d] += 1
        try:
            reply = self.request(d, {"command": "publish", "count": 1, "size": size}, timeout_ms=1500)
        except Exception as error:  # noqa: BLE001 - a failed request is just not acknowledged
            reply = {"ok": False, "error": f"client: {error}"}
        if reply is None:
            reply = {"ok": False, "error": "no reply within 1.5 s"}
        if not reply.get("ok"):
            error = str(reply.get("error"))[:120]
            with self.lock:
                self.refused[d][error] = self.refused[d].get(error, 0) + 1
            return None
        head = reply["status"]["heads"].get(d, {"seq": 0, "hash": ""})
        with self.lock:
            if head["seq"] <= self.last_seq[d] and self.acked[d].get(head["seq"]) == head["hash"]:
                # "ok", but the own log did not grow: the event acknowledged was never written.
                self.stale[d].append((time.strftime("%H:%M:%S"), head["seq"]))
            previous = self.acked[d].get(head["seq"])
            if previous is not None and previous != head["hash"]:
                self.forks[d].append((head["seq"], previous, head["hash"]))
            self.acked[d][head["seq"]] = head["hash"]
            self.last_seq[d] = max(self.last_seq[d], head["seq"])
        return head

    def workload(self, d):
        rng = random.Random(f"{self.args.seed}-{d}")
        interval = 1.0 / self.args.rate
        while not self.stop_workload.is_set():
            self.publish(d, rng.choice([0, 100, 500, 1000]))
            self.stop_workload.wait(interval * rng.uniform(0.5, 1.5))

    # -- faults

    def apply(self, step):
        kind, d = step["kind"], step["target"]
        others = [o for o in DEPARTMENTS if o != d]
        hold = step["hold"]
        with self.lock:
            self.faults[kind] = self.faults.get(kind, 0) + 1
        if kind == "kill9":
            self.procs[d].send_signal(signal.SIGKILL)
            self.procs[d].wait()
            time.sleep(step["down"])
            self.start(d)
            time.sleep(max(0.0, hold - step["down"]))
        elif kind == "stop":
            os.kill(self.procs[d].pid, signal.SIGSTOP)
            time.sleep(hold)
            os.kill(self.procs[d].pid, signal.SIGCONT)
        elif kind == "linkdown":
            self.sh("ip", "-n", self.switch, "link", "set", f"p-{d}", "down")
            time.sleep(hold)
            self.sh("ip", "-n", self.switch, "link", "set", f"p-{d}", "up")
        elif kind == "oneway":
            rule = ["OUTPUT", "-d", self.ip[step["to"]], "-j", "DROP"]
            self.ipt(d, "-I", *rule)
            time.sleep(hold)
            self.ipt(d, "-D", *rule)
        elif kind == "loss":
            rules = [["INPUT", "-s", f"{SUBNET}.0/24"], ["OUTPUT", "-d", f"{SUBNET}.0/24"]]
            tail = ["-m", "statistic", "--mode", "random", "--probability", str(step["probability"]), "-j", "DROP"]
            for rule in rules:
                self.ipt(d, "-I", *rule, *tail)
            time.sleep(hold)
            for rule in rules:
                self.ipt(d, "-D", *rule, *tail)
        elif kind == "dup":
            rules = [["POSTROUTING", "-d", self.ip[o], "-m", "statistic", "--mode", "random", "--probability",
                      str(step["probability"]), "-j", "TEE", "--gateway", self.ip[o]] for o in others]
            try:
                for rule in rules:
                    self.ipt(d, "-t", "mangle", "-I", *rule)
            except RuntimeError as error:
                self.note(f"duplication skipped: the kernel refused the TEE target ({error})")
                self.faults[kind] -= 1
                self.ipt(d, "-t", "mangle", "-F", check=False)
                time.sleep(hold)
                return
            time.sleep(hold)
            for rule in rules:
                self.ipt(d, "-t", "mangle", "-D", *rule)
        elif kind == "delay":
            if not self.args.delayer_python:
                self.note("delay/reordering skipped: NetfilterQueue is not installed")
                self.faults[kind] -= 1
                time.sleep(hold)
                return
            queue = str(10 + DEPARTMENTS.index(d))
            delayer = subprocess.Popen(
                ["ip", "netns", "exec", self.ns[d], self.args.delayer_python,
                 os.path.join(os.path.dirname(os.path.abspath(__file__)), "chaos_delay.py"), "--queue", queue,
                 "--delay-ms", str(step["delayMs"]), "--jitter-ms", str(step["jitterMs"]),
                 "--seed", str(self.args.seed)],
                stdout=open(os.path.join(self.out, "delayer.log"), "a"), stderr=subprocess.STDOUT,
                start_new_session=True)
            self.state.add("pid", f"{delayer.pid} chaos_delay.py")
            time.sleep(0.5)
            rules = [["OUTPUT", "-d", f"{SUBNET}.0/24"], ["INPUT", "-s", f"{SUBNET}.0/24"]]
            for rule in rules:
                self.ipt(d, "-I", *rule, "-j", "NFQUEUE", "--queue-num", queue, "--queue-bypass")
            time.sleep(hold)
            for rule in rules:
                self.ipt(d, "-D", *rule, "-j", "NFQUEUE", "--queue-num", queue, "--queue-bypass")
            delayer.terminate()
            try:
                delayer.wait(10)
            except subprocess.TimeoutExpired:
                delayer.kill()
                delayer.wait()
        elif kind == "diskfull":
            filler = os.path.join(self.data_dir(d), "chaos-filler")
            written = 0
            fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                chunk = b"\0" * (1 << 20)
                while chunk:
                    try:
                        written += os.write(fd, chunk)
                    except OSError:
                        chunk = chunk[: len(chunk) // 8]
            finally:
                os.close(fd)
            log(f"   {d}'s tmpfs full ({written >> 20} MiB filler)")
            time.sleep(hold / 2)
            status = self.status(d, 1000)
            if status is not None:
                log(f"   {d}'s status on the full disk: ready={status.get('ready')}")
            time.sleep(hold / 2)
            os.remove(filler)
        elif kind == "backup":
            self.backup_path = os.path.join(self.out, f"backup-{d}.sqlite")
            online = step.get("method") == "online"
            if online and "backup" not in self.sh(self.ctl, "--help").stdout:
                self.note("jointctl has no backup command: the online backup is a cold copy")
                online = False
            if online:
                result = self.sh(self.ctl, "backup", "--out", self.backup_path, "-a", self.control(d),
                                 "--timeout", "10000", check=False)
                if result.returncode != 0:
                    raise RuntimeError(f"jointctl backup: exit {result.returncode}: {result.stderr.strip()}")
            else:
                self.terminate(d)
                shutil.copy(os.path.join(self.data_dir(d), "store.sqlite"), self.backup_path)
            head = self.acked[d] and max(self.acked[d])
            log(f"   {'online' if online else 'cold'} backup of {d} at acknowledged seq {head}")
            if not online:
                self.start(d)
        elif kind == "restore":
            self.terminate(d)
            for suffix in ("", "-wal", "-shm"):
                path = os.path.join(self.data_dir(d), "store.sqlite" + suffix)
                if os.path.exists(path):
                    os.remove(path)
            shutil.copy(self.backup_path, os.path.join(self.data_dir(d), "store.sqlite"))
            log(f"   restored {d} from the backup; it had acknowledged up to seq {max(self.acked[d])}")
            self.start(d)
            # An operator's first append right after the restart (the workload's may come later).
            head = self.publish(d, 100)
            log(f"   first append after the restore: " + (f"seq {head['seq']} hash {head['hash'][:12]}" if head
                                                          else "not acknowledged"))

    def note(self, text):
        if text not in self.notes:
            self.notes.append(text)
            log(f"   NOTE: {text}")

    def heal(self):
        for d in DEPARTMENTS:
            self.ipt(d, "-F", check=False)
            self.ipt(d, "-t", "mangle", "-F", check=False)
            self.sh("ip", "-n", self.switch, "link", "set", f"p-{d}", "up", check=False)
            filler = os.path.join(self.data_dir(d), "chaos-filler")
            if os.path.exists(filler):
                os.remove(filler)
            if self.procs[d].poll() is None:
                os.kill(self.procs[d].pid, signal.SIGCONT)
            else:
                self.failures.append(f"{d} had exited by itself (exit {self.procs[d].returncode}) before the heal")
                self.start(d)

    # -- checks

    def converge(self, timeout):
        deadline = time.monotonic() + timeout
        started = time.monotonic()
        last = {}
        while time.monotonic() < deadline:
            statuses = {d: self.status(d, 2000) for d in DEPARTMENTS}
            last = statuses
            if all(statuses.values()):
                heads = [{o: (h["seq"], h["hash"]) for o, h in s["heads"].items()} for s in statuses.values()]
                enough = all(heads[0].get(o, (0, ""))[0] >= max(self.acked[o], default=0) for o in DEPARTMENTS)
                if all(h == heads[0] for h in heads) and enough:
                    return time.monotonic() - started, statuses
            time.sleep(0.25)
        return None, last

    def final_heads(self):
        """Every agent's heads through `jointctl status --json`."""
        heads = {}
        for d in DEPARTMENTS:
            result = self.sh(self.ctl, "status", "--json", "-a", self.control(d), "--timeout", "5000", check=False)
            if result.returncode != 0:
                self.failures.append(f"jointctl status at {d} failed: {result.stderr.strip()}")
                continue
            heads[d] = {o: (h["seq"], h["hash"]) for o, h in json.loads(result.stdout)["heads"].items()}
        return heads

    def check_stores(self):
        copies = os.path.join(self.out, "copies")
        os.makedirs(copies, exist_ok=True)
        for d in DEPARTMENTS:
            copy = os.path.join(copies, f"{d}.sqlite")
            shutil.copy(os.path.join(self.data_dir(d), "store.sqlite"), copy)
            if os.path.exists(os.path.join(self.data_dir(d), "store.sqlite-wal")):
                shutil.copy(os.path.join(self.data_dir(d), "store.sqlite-wal"), copy + "-wal")
            audit = self.sh(self.ctl, "audit", "verify", "--store", copy, "--anchor",
                            os.path.join(self.out, "anchor.json"), check=False)
            first = (audit.stdout.strip() or audit.stderr.strip()).splitlines()[:1]
            log(f"   audit verify {d}: exit {audit.returncode} {first[0] if first else ''}")
            if audit.returncode != 0:
                self.failures.append(f"jointctl audit verify {d}: exit {audit.returncode}: "
                                     + " | ".join((audit.stdout + audit.stderr).strip().splitlines()[:3]))
            db = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
            held = {}
            for origin, seq, digest in db.execute("SELECT origin, seq, hash FROM events"):
                held[(origin, seq)] = digest.hex()
            db.close()
            missing, changed = [], []
            for origin in DEPARTMENTS:
                for seq, digest in sorted(self.acked[origin].items()):
                    have = held.get((origin, seq))
                    if have is None:
                        missing.append(f"{origin}#{seq}")
                    elif have != digest:
                        changed.append(f"{origin}#{seq} acked {digest[:12]} held {have[:12]}")
            if missing:
                self.failures.append(f"acknowledged loss at {d}: {len(missing)} acknowledged events missing, "
                                     f"e.g. {', '.join(missing[:5])}")
            if changed:
                self.failures.append(f"acknowledged events changed at {d}: {len(changed)}, e.g. {'; '.join(changed[:3])}")

    def run_step(self, step):
        log(describe(step))
        target = step["target"]
        with self.lock:
            before = (len(self.acked[target]), self.attempts[target], sum(self.refused[target].values()))
        try:
            self.apply(step)
        except Exception as error:  # noqa: BLE001 - a step that cannot be applied is a failure
            self.failures.append(f"step {step['step']} ({step['kind']} {step['target']}) failed: {error}")
            log(f"   step {step['step']} failed: {error}")
            self.heal()
        with self.lock:
            after = (len(self.acked[target]), self.attempts[target], sum(self.refused[target].values()))
        log(f"   step {step['step']}: {target} during the step: {after[1] - before[1]} appends tried, "
            f"{after[0] - before[0]} acknowledged, {after[2] - before[2]} not")

    # -- the whole run

    def run(self):
        args = self.args
        schedule = make_schedule(args.seed, args.steps, args.duration, args.with_restore)
        print(f"chaos: seed {args.seed}, {args.steps} steps, {args.duration} s of faults"
              + (", with restore" if args.with_restore else "") + "; the schedule:")
        for step in schedule:
            print("   " + describe(step))
        sys.stdout.flush()
        self.setup_network()
        self.setup_bus()
        for d in DEPARTMENTS:
            self.start(d, wait=False)
        for d in DEPARTMENTS:
            self.wait_ready(d)
        log("four agents ready; workload: each agent appends ~%g events/s (publish, acknowledged seq and hash recorded)"
            % args.rate)
        workers = [threading.Thread(target=self.workload, args=(d,), daemon=True) for d in DEPARTMENTS]
        for worker in workers:
            worker.start()
        time.sleep(2)
        began = time.monotonic()
        running: list = []
        for step in schedule:
            if step["overlap"]:
                thread = threading.Thread(target=self.run_step, args=(step,), daemon=True)
                thread.start()
                running.append(thread)
                time.sleep(overlap_lead(step))
                continue
            self.run_step(step)
            for thread in running:
                thread.join()
            running = []
            time.sleep(step["gap"])
        log(f"faults done after {time.monotonic() - began:.1f} s; healing everything")
        self.heal()
        for d in DEPARTMENTS:
            try:
                self.wait_ready(d)
            except RuntimeError as error:
                self.failures.append(f"after the heal: {error}")
        time.sleep(2)  # appends go on for a moment on the healed network
        self.stop_workload.set()
        for worker in workers:
            worker.join(10)
        acked = sum(len(v) for v in self.acked.values())
        log(f"workload stopped: {acked} appends acknowledged of {sum(self.attempts.values())} attempted")
        for d in DEPARTMENTS:
            if self.refused[d]:
                log(f"   {d} not acknowledged: " + "; ".join(f"{n}x {e}" for e, n in self.refused[d].items()))
        for d in DEPARTMENTS:
            if self.stale[d]:
                episodes: dict = {}
                for at, seq in self.stale[d]:
                    first, last, count = episodes.get(seq, (at, at, 0))
                    episodes[seq] = (first, at, count + 1)
                self.failures.append(
                    f"{d} acknowledged {len(self.stale[d])} publishes (ok) without appending; its own head stayed at "
                    + ", ".join(f"seq {seq} for {count} ({first}–{last})" for seq, (first, last, count) in episodes.items()))
            if self.forks[d]:
                seq, first, second = self.forks[d][0]
                self.failures.append(
                    f"{d} forked its own log: {len(self.forks[d])} seqs acknowledged twice with different hashes, "
                    f"first seq {seq}: {first[:12]} then {second[:12]}")
        took, statuses = self.converge(args.converge_timeout)
        if took is None:
            self.failures.append(f"no convergence within {args.converge_timeout} s")
            for d, s in statuses.items():
                log(f"   {d}: " + (", ".join(f"{o}:{h['seq']}/{h['hash'][:8]}" for o, h in sorted(s['heads'].items()))
                                   if s else "no status"))
        else:
            log(f"converged {took:.1f} s after the workload stopped (2 s after the heal)")
        heads = self.final_heads()
        if heads and any(h != next(iter(heads.values())) for h in heads.values()):
            self.failures.append("heads differ between agents (jointctl status --json): "
                                 + "; ".join(f"{d} " + ",".join(f"{o}:{s}/{x[:8]}" for o, (s, x) in sorted(h.items()))
                                             for d, h in heads.items()))
        for d in DEPARTMENTS:
            code = self.terminate(d)
            if code != 0:
                self.failures.append(f"{d} exited {code} on SIGTERM")
        self.check_stores()
        self.summary(heads)

    def summary(self, heads):
        acked = {d: len(v) for d, v in self.acked.items()}
        print()
        print(f"== chaos summary: seed {self.args.seed}, steps {self.args.steps}, duration {self.args.duration} s"
              + (", with restore" if self.args.with_restore else ""))
        print("   faults injected: " + ", ".join(f"{k} {n}" for k, n in sorted(self.faults.items()) if n))
        print("   acknowledged appends: " + ", ".join(f"{d} {n}" for d, n in acked.items()))
        if heads:
            first = next(iter(heads.values()))
            print(f"   heads at {next(iter(heads))}: " + ", ".join(f"{o}:{s}/{h[:12]}" for o, (s, h) in sorted(first.items())))
        for note in self.notes:
            print(f"   note: {note}")
        print("   checks: convergence (every origin's seq and hash equal at all four), no acknowledged loss "
              "(every acknowledged seq/hash in every store), jointctl audit verify on every store")
        if self.failures:
            print(f"== FAIL (seed {self.args.seed}):")
            for failure in self.failures:
                print(f"   - {failure}")
        else:
            print(f"== PASS (seed {self.args.seed})")
        with open(os.path.join(self.out, "summary.json"), "w") as f:
            json.dump({"seed": self.args.seed, "faults": self.faults, "acked": acked, "notes": self.notes,
                       "failures": self.failures, "pass": not self.failures}, f, indent=2)


class Tee:
    """Standard output, copied to the run's chaos.log."""

    def __init__(self, *streams):
        self.streams = streams

    def write(self, text):
        for stream in self.streams:
            stream.write(text)
        return len(text)

    def flush(self):
        for stream in self.streams:
            stream.flush()


def main() -> int:
    parser = argparse.ArgumentParser(prog="chaos.py")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run")
    run.add_argument("--seed", type=int, required=True)
    run.add_argument("--steps", required=True)
    run.add_argument("--duration", type=float)
    run.add_argument("--with-restore", action="store_true")
    run.add_argument("--bin", required=True)
    run.add_argument("--out", required=True)
    run.add_argument("--tag", required=True)
    run.add_argument("--rate", type=float, default=10.0)
    run.add_argument("--disk-mb", type=int, default=64)
    run.add_argument("--converge-timeout", type=float, default=90)
    run.add_argument("--delayer-python", default="")
    run.add_argument("--schedule-only", action="store_true")
    clean = sub.add_parser("cleanup")
    clean.add_argument("state")
    args = parser.parse_args()
    if args.command == "cleanup":
        cleanup(args.state)
        return 0
    args.steps = STEP_PRESETS.get(args.steps) or int(args.steps)
    if args.duration is None:
        args.duration = 5.0 * args.steps
    if args.schedule_only:
        for step in make_schedule(args.seed, args.steps, args.duration, args.with_restore):
            print(describe(step))
        return 0
    os.makedirs(args.out, exist_ok=True)
    sys.stdout = Tee(sys.stdout, open(os.path.join(args.out, "chaos.log"), "a"))
    chaos = Chaos(args)

    def on_signal(number, _frame):
        raise KeyboardInterrupt(f"signal {number}")

    signal.signal(signal.SIGTERM, on_signal)
    try:
        chaos.run()
    except KeyboardInterrupt as error:
        chaos.stop_workload.set()
        print(f"== FAIL (seed {args.seed}): interrupted ({error})")
        return 130
    except Exception as error:  # noqa: BLE001
        chaos.stop_workload.set()
        print(f"== FAIL (seed {args.seed}): the run broke: {error}")
        return 2
    finally:
        chaos.stop_workload.set()
        cleanup(chaos.state.path)
    return 1 if chaos.failures else 0


if __name__ == "__main__":
    sys.exit(main())
