#!/usr/bin/env python3
"""CPU time used so far by the Api process and by the PostgreSQL cluster (its postmaster and every child), from /proc.
./bench.sh append takes one snapshot as the HTTP run starts, one as it ends and one once the daemon and the audit job
have caught up; report.py turns them into cores busy and CPU microseconds per delivery, the figure that machine noise
moves least (docs/benchmarks.md).
With a third argument, the cluster's current WAL position (pg_current_wal_lsn()), it records that too: commits wait
on the WAL being written and flushed, so the bytes a delivery causes are a cost of their own.
usage: cpu.py API_PID PGDATA [WAL_LSN] > snapshot.json"""
import json
import os
import sys
import time

api_pid, pgdata = int(sys.argv[1]), sys.argv[2]
ticks = os.sysconf("SC_CLK_TCK")


def stat(pid):
    # utime and stime of the process and of its threads; fields after the command name, which may hold spaces.
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / ticks


postmaster = int(open(os.path.join(pgdata, "postmaster.pid")).readline())
postgres = stat(postmaster)[1]
for entry in os.listdir("/proc"):
    if entry.isdigit():
        try:
            parent, seconds = stat(int(entry))
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
        if parent == postmaster:
            postgres += seconds
snapshot = {"at": time.monotonic(), "api": stat(api_pid)[1], "postgres": postgres}
if len(sys.argv) > 3 and "/" in sys.argv[3]:
    high, low = sys.argv[3].split("/")
    snapshot["wal"] = (int(high, 16) << 32) + int(low, 16)
print(json.dumps(snapshot))
