"""An NFQUEUE delayer for scripts/chaos: holds every queued packet for a random time and then
accepts it, so packets are delayed and, with jitter, reordered (this kernel has no tc netem).

Run inside the namespace whose iptables rules send packets to the queue:
    ip netns exec NS python chaos_delay.py --queue 7 --delay-ms 80 --jitter-ms 60 --seed 3
It accepts everything still held when it gets SIGTERM, then exits. Needs NetfilterQueue.
"""

import argparse
import heapq
import random
import select
import signal
import socket
import sys
import time

from netfilterqueue import NetfilterQueue


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--queue", type=int, required=True)
    parser.add_argument("--delay-ms", type=float, required=True)
    parser.add_argument("--jitter-ms", type=float, default=0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    held: list = []
    counter = 0
    passed = 0

    def on_packet(packet):
        nonlocal counter
        hold = max(0.0, args.delay_ms + rng.uniform(-args.jitter_ms, args.jitter_ms)) / 1000
        counter += 1
        heapq.heappush(held, (time.monotonic() + hold, counter, packet))

    stopping = False

    def stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    queue = NetfilterQueue()
    queue.bind(args.queue, on_packet, max_len=8192)
    fd = socket.fromfd(queue.get_fd(), socket.AF_UNIX, socket.SOCK_STREAM)
    print(f"delayer: queue {args.queue} delay {args.delay_ms}±{args.jitter_ms} ms", flush=True)
    try:
        while not stopping:
            timeout = 0.05 if not held else max(0.0, min(0.05, held[0][0] - time.monotonic()))
            try:
                readable, _, _ = select.select([fd], [], [], timeout)
            except InterruptedError:
                continue
            if readable:
                queue.run(block=False)
            now = time.monotonic()
            while held and held[0][0] <= now:
                heapq.heappop(held)[2].accept()
                passed += 1
    finally:
        while held:
            heapq.heappop(held)[2].accept()
            passed += 1
        queue.unbind()
        print(f"delayer: {passed} packets delayed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
