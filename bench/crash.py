#!/usr/bin/env python3
"""The kill-and-verify loop of ./bench.sh crash (docs/benchmarks.md). bench/crash.sh prepares the build, the cluster,
the database, the key and the token, then runs this, which:

  1. starts the Api, waits for the sample deal and imports BENCH_COMMITMENTS generated commitments;
  2. runs BENCH_WORKERS writers for BENCH_SECONDS: each posts a delivery (evidence named by a unique marker) or a note
     (whose text is the marker) with a fresh Idempotency-Key, and retries the very same request with the very same key
     after a connection error, a timeout or a 5xx, until it gets a definitive answer (2xx acknowledged, 4xx refused);
  3. meanwhile SIGKILLs, at random intervals, the Api, the PostgreSQL server (its postmaster alone, or the postmaster
     and all its backends at once), or both, and restarts them;
  4. once the load has drained and everything is up, checks in mt_events that every acknowledged write sits in its
     stream at the version it was answered with, exactly once, and prints acknowledged, found, lost, duplicated;
  5. compares what the Api answers for every commitment (delivery count, total, version) with its events, right after
     the load and again once the daemon's projections have reached the last event (how long that takes is reported).

Processes are only ever killed by the PIDs this program started (the Api) or read from this cluster's own
postmaster.pid after checking the process runs on this cluster's data directory. Exit status 1 when anything was lost
or duplicated (or a refused write was recorded, or a read disagrees with the events), 2 when the bench could not run.
BENCH_KILLS=api,postgres,both picks the kinds of kill; BENCH_TAMPER=1 breaks two writes on purpose to check the check.
"""
import collections
import csv
import decimal
import hashlib
import http.client
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid

ENV = os.environ
PORT = int(ENV.get("BENCH_PORT", "5083"))
WORKERS = int(ENV.get("BENCH_WORKERS", "8"))
SECONDS = float(ENV.get("BENCH_SECONDS", "60"))
COMMITMENTS = int(ENV.get("BENCH_COMMITMENTS", "100"))
CHAOS_MIN = float(ENV.get("BENCH_CHAOS_MIN", "3"))  # seconds of load between the end of one recovery and the next kill
CHAOS_MAX = float(ENV.get("BENCH_CHAOS_MAX", "9"))
KINDS = ENV.get("BENCH_KILLS", "api,postgres,both").split(",")  # which kills to draw from (weights 4, 4, 2)
DRAIN = float(ENV.get("BENCH_DRAIN", "90"))  # how long writes still in doubt are retried after the load stops
# The daemon's shards (src/Api/Commitments/Configuration.cs, src/Api/Milestones/Configuration.cs).
PROJECTIONS = ENV.get("BENCH_PROJECTIONS", "DeliveryTotals:All,MilestoneScheduleProjection:All").split(",")
TAMPER = ENV.get("BENCH_TAMPER") == "1"  # check the check: remove one acknowledged event and copy another before verifying
CATCHUP = float(ENV.get("BENCH_CATCHUP", "60"))  # how long the async projections get to reach the last event
REQUEST_TIMEOUT = float(ENV.get("BENCH_REQUEST_TIMEOUT", "10"))
OUT = ENV["CRASH_OUT"]
PGDATA = ENV["LOITRACKER_PGDATA"]
PG_PORT = ENV["LOITRACKER_PG_PORT"]
PG_DB = ENV["LOITRACKER_PG_DB"]
PSQL = ENV["CRASH_PSQL"]
TOKEN = ENV["CRASH_TOKEN"]
SCHEMA = ENV.get("CRASH_SCHEMA", "loitracker")
API_DIR = os.path.join(os.getcwd(), "src", "Api")
API_DLL = "bin/Release/net10.0/LoiTracker.Api.dll"
API_ENV = {
    "ConnectionStrings__Marten": ENV["CRASH_CONNECTION"], "Urls": f"http://127.0.0.1:{PORT}", "Sample__LoadWhenEmpty": "true",
    "Auth__SigningKey": ENV["CRASH_KEY"], "Logging__LogLevel__Default": "Warning", "ASPNETCORE_ENVIRONMENT": "Production",
    "DOTNET_CLI_TELEMETRY_OPTOUT": "1", "DOTNET_NOLOGO": "1",
}
RUN = uuid.uuid4().hex[:8]  # every marker of this run starts with crash-RUN-
T0 = time.monotonic()


def say(message):
    print(f"[crash {time.monotonic() - T0:6.1f}s] {message}", file=sys.stderr, flush=True)


class BenchFailed(Exception):
    pass


# ---------------------------------------------------------------------------------------------------------------- Api
class Api:
    """The Api process this program started: SIGKILLed and restarted by its own PID, never by name."""

    def __init__(self):
        self.process = None
        self.log = open(os.path.join(OUT, "api.log"), "ab")
        self.lock = threading.Lock()
        self.pid_file = os.path.join(OUT, "api.pid")

    def start(self):
        with self.lock:
            self.log.write(f"\n----- [crash] starting the Api at {time.strftime('%H:%M:%S', time.gmtime())} UTC -----\n".encode())
            self.log.flush()
        self.started_at = time.monotonic()
        self.process = subprocess.Popen(["dotnet", API_DLL], cwd=API_DIR, env={**ENV, **API_ENV}, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        threading.Thread(target=self.copy_log, args=(self.process.stdout,), daemon=True).start()
        with open(self.pid_file, "w") as f:
            f.write(str(self.process.pid))

    def copy_log(self, stream):
        """The Api's output into api.log, each line stamped with the time (UTC), to line it up with the kills."""
        for line in stream:
            now = time.time()
            stamp = time.strftime("%H:%M:%S", time.gmtime(now)) + f".{int(now % 1 * 1000):03d} "
            with self.lock:
                self.log.write(stamp.encode() + line)
                self.log.flush()

    def kill(self):
        pid = self.process.pid
        self.process.send_signal(signal.SIGKILL)  # a Popen's own child: the PID cannot have been reused before wait()
        self.process.wait()
        return pid

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.send_signal(signal.SIGKILL)
                self.process.wait()
        if os.path.exists(self.pid_file):
            os.remove(self.pid_file)

    def wait_ready(self, timeout=180):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchFailed(f"the Api exited with {self.process.returncode}: see {OUT}/api.log")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/health/ready", timeout=3) as r:
                    if r.status == 200:
                        return
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.2)
        raise BenchFailed(f"the Api was not ready within {timeout} s: see {OUT}/api.log")


def call(method, path, body=None, timeout=60):
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", data=data, method=method,
                                     headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as r:
        return json.loads(r.read() or b"null", parse_float=decimal.Decimal)


# ----------------------------------------------------------------------------------------------------------- PostgreSQL
class Postgres:
    """This benchmark's own cluster (LOITRACKER_PGDATA): never the shared one."""

    def postmaster(self):
        try:
            with open(os.path.join(PGDATA, "postmaster.pid")) as f:
                pid = int(f.readline())
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmdline = f.read().split(b"\0")
        except (OSError, ValueError):
            return None
        # Only a postgres whose -D is this cluster's data directory: a stale postmaster.pid may name any process.
        if not cmdline or not cmdline[0].endswith(b"postgres") or os.fsencode(PGDATA) not in cmdline:
            return None
        return pid

    @staticmethod
    def children(pid):
        found = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as f:
                        stat = f.read()
                    if int(stat[stat.rindex(")") + 2:].split()[1]) == pid:
                        found.append(int(entry))
                except (OSError, ValueError):
                    pass
        return found

    def kill(self, whole):
        pid = self.postmaster()
        if pid is None:
            raise BenchFailed("the crash cluster's postmaster was not found")
        backends = self.children(pid) if whole else []
        os.kill(pid, signal.SIGKILL)
        for child in backends:  # read before the kill: children of this cluster's postmaster
            try:
                os.kill(child, signal.SIGKILL)
            except ProcessLookupError:
                pass
        return pid, len(backends)

    def start(self, timeout=90):
        # After a SIGKILL of the postmaster alone its backends linger until they notice: the new server then refuses to
        # start on the shared memory they still hold, so this tries again until they are gone.
        deadline = time.monotonic() + timeout
        while True:
            result = subprocess.run(["scripts/pg.sh", "start"], capture_output=True, text=True)
            if result.returncode == 0:
                return
            if time.monotonic() > deadline:
                raise BenchFailed(f"the crash cluster did not start again: {result.stderr.strip()[-500:]}")
            time.sleep(0.5)


def psql(script):
    result = subprocess.run([PSQL, "-h", "127.0.0.1", "-p", PG_PORT, "-U", "postgres", "-d", PG_DB, "-v", "ON_ERROR_STOP=1",
                             "-qAt", "-F", "\t"], input=script, capture_output=True, text=True,
                            env={**ENV, "PGOPTIONS": "-c client_min_messages=warning"})
    if result.returncode != 0:
        raise BenchFailed(f"psql failed: {result.stderr.strip()}")
    return result.stdout


# --------------------------------------------------------------------------------------------------------------- load
class Ledger:
    def __init__(self):
        self.lock = threading.Lock()
        self.acknowledged = []  # dicts: kind, key, marker, stream, id, version, attempts, replayed
        self.refused = []       # dicts: kind, key, marker, status, body
        self.unknown = []       # dicts: kind, key, marker, last
        self.answers = collections.Counter()  # status or exception name -> count, over every HTTP attempt
        self.retried = 0

    def add(self, bucket, record):
        with self.lock:
            getattr(self, bucket).append(record)

    def count(self, what):
        with self.lock:
            self.answers[what] += 1


class Writer(threading.Thread):
    def __init__(self, number, commitments, ledger, stop_new, give_up):
        super().__init__(name=f"writer-{number}", daemon=True)
        self.number, self.commitments, self.ledger = number, commitments, ledger
        self.stop_new, self.give_up = stop_new, give_up
        self.random = random.Random()
        self.connection = None
        self.sequence = 0

    def run(self):
        while not self.stop_new.is_set():
            self.sequence += 1
            self.write_one()
        if self.connection:
            self.connection.close()

    def write_one(self):
        marker = f"crash-{RUN}-{self.number}-{self.sequence}"
        commitment = self.random.choice(self.commitments)
        if self.random.random() < 0.75:
            kind, path = "delivery", f"/api/commitments/{commitment}/deliveries"
            body = {"period": "2026-03", "quantity": self.random.randint(1, 500),
                    "evidence": {"name": marker, "sha256": hashlib.sha256(marker.encode()).hexdigest()}}
        else:
            kind, path, body = "note", f"/api/commitments/{commitment}/notes", {"text": marker}
        key = str(uuid.uuid4())
        payload = json.dumps(body).encode()
        attempts, last = 0, None
        while True:
            if time.monotonic() > self.give_up[0]:
                self.ledger.add("unknown", {"kind": kind, "key": key, "marker": marker, "stream": commitment, "last": last})
                return
            attempts += 1
            if attempts == 2:
                with self.ledger.lock:
                    self.ledger.retried += 1
            try:
                status, headers, answer = self.post(path, payload, key)
            except (OSError, http.client.HTTPException) as e:
                last = type(e).__name__
                self.ledger.count(last)
                self.drop_connection()
                self.backoff(attempts)
                continue
            last = status
            if status == 503:  # which 503: "outcome unknown" (the commit was cut off) or the database out of reach
                try:
                    last = f"503 {json.loads(answer).get('rule') or 'unreachable'}"
                except ValueError:
                    last = "503 (not a problem)"
            self.ledger.count(last)
            if status in (200, 201):
                reply = json.loads(answer)
                record = {"kind": kind, "key": key, "marker": marker, "stream": commitment, "id": reply["id"],
                          "version": reply["version"], "attempts": attempts,
                          "replayed": headers.get("Idempotent-Replayed") == "true", "location": headers.get("Location")}
                expected_location = f"/api/commitments/{commitment}/deliveries/{reply['id']}" if kind == "delivery" else None
                if kind == "delivery" and (status != 201 or record["location"] != expected_location):
                    record["odd"] = f"{status} with Location {record['location']}"
                if kind == "note" and (status != 200 or reply["id"] != commitment):
                    record["odd"] = f"{status} with id {reply['id']}"
                self.ledger.add("acknowledged", record)
                return
            if status >= 500:
                self.backoff(attempts)
                continue
            self.ledger.add("refused", {"kind": kind, "key": key, "marker": marker, "stream": commitment, "status": status,
                                        "body": answer.decode(errors="replace")[:500]})
            return

    def post(self, path, payload, key):
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=REQUEST_TIMEOUT)
        self.connection.request("POST", path, body=payload, headers={
            "Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json", "Idempotency-Key": key})
        response = self.connection.getresponse()
        answer = response.read()
        if response.getheader("Connection", "").lower() == "close":
            self.drop_connection()
        return response.status, {k: v for k, v in response.getheaders()}, answer

    def drop_connection(self):
        if self.connection:
            self.connection.close()
        self.connection = None

    def backoff(self, attempts):
        time.sleep(min(1.0, 0.05 * 2 ** min(attempts, 5)) * self.random.uniform(0.5, 1.0))


# -------------------------------------------------------------------------------------------------------------- chaos
def chaos(api, pg, stop_at, kills, events):
    rnd = random.Random()
    while True:
        pause = rnd.uniform(CHAOS_MIN, CHAOS_MAX)
        if time.monotonic() + pause >= stop_at:
            break
        time.sleep(pause)
        kind = rnd.choices(KINDS, weights=[{"api": 4, "postgres": 4, "both": 2}[k] for k in KINDS])[0]
        started = time.monotonic()
        what = []
        if kind in ("postgres", "both"):
            whole = rnd.random() < 0.5
            pid, backends = pg.kill(whole)
            kills["postgres whole server" if whole else "postgres postmaster only"] += 1
            what.append(f"postgres {pid}" + (f" and its {backends} backends" if whole else " (postmaster only)"))
        if kind in ("api", "both"):
            what.append(f"Api {api.kill()}")
        kills[kind] += 1
        time.sleep(rnd.uniform(0, 2))  # some time for the survivors to notice the outage
        if kind in ("postgres", "both"):
            pg.start()
        if kind in ("api", "both"):
            api.start()
        api.wait_ready()
        down = time.monotonic() - started
        events.append((round(started - T0, 1), kind, round(down, 1)))
        say(f"SIGKILL {' + '.join(what)}: all back in {down:.1f} s")


# ------------------------------------------------------------------------------------------------------------- verify
def verify(ledger):
    """Every acknowledged write at its stream and version, every marker of this run counted across all events."""
    def rows(records, fields):
        lines = []
        writer = csv.writer(_Lines(lines), lineterminator="\n")
        for r in records:
            writer.writerow([r.get(f) if r.get(f) is not None else "" for f in fields])
        return "".join(lines)

    marker = "coalesce(data -> 'evidence' ->> 'name', data ->> 'text')"
    acked_fields = ["kind", "stream", "version", "marker", "id"]
    others = [{**r, "outcome": "refused"} for r in ledger.refused] + [{**r, "outcome": "unknown"} for r in ledger.unknown]
    script = f"""
create temp table acked (kind text, stream uuid, version bigint, marker text, returned_id uuid);
copy acked from stdin with (format csv, null '');
{rows(ledger.acknowledged, acked_fields)}\\.
create temp table others (marker text, outcome text);
copy others from stdin with (format csv, null '');
{rows(others, ["marker", "outcome"])}\\.
create temp table recorded as
  select {marker} as marker, stream_id, version, type, data ->> 'deliveryId' as delivery_id
  from {SCHEMA}.mt_events
  where type in ('delivery_recorded', 'note_added') and {marker} like 'crash-{RUN}-%';
create index on recorded (marker);
create temp table checked as
  select a.*, exists (select 1 from recorded r where r.marker = a.marker and r.stream_id = a.stream and r.version = a.version
                        and r.type = case a.kind when 'delivery' then 'delivery_recorded' else 'note_added' end
                        and (a.kind = 'note' or r.delivery_id::uuid = a.returned_id)) as found,
         (select count(*) from recorded r where r.marker = a.marker) as copies
  from acked a;
select 'acknowledged', count(*) from checked;
select 'found', count(*) from checked where found;
select 'lost', count(*) from checked where not found;
select 'lost_but_elsewhere', count(*) from checked where not found and copies > 0;
select 'duplicated', count(*) from checked where copies > 1;
select 'duplicated_any', count(*) from (select marker from recorded group by marker having count(*) > 1) d;
select 'refused_recorded', count(*) from others o where o.outcome = 'refused' and exists (select 1 from recorded r where r.marker = o.marker);
select 'unknown_recorded', count(*) from others o where o.outcome = 'unknown' and exists (select 1 from recorded r where r.marker = o.marker);
select 'recorded_total', count(*) from recorded;
select 'detail', kind, stream, version, marker, found, copies from checked where not found or copies > 1 order by marker;
select 'dup', marker, stream_id, version, type from recorded where marker in (select marker from recorded group by marker having count(*) > 1) order by marker, version;
"""
    figures, details = {}, []
    for line in psql(script).splitlines():
        parts = line.split("\t")
        if parts[0] in ("detail", "dup"):
            details.append(line)
        elif len(parts) == 2:
            figures[parts[0]] = int(parts[1])
    return figures, details


def read_models(commitments):
    """What the Api answers for each commitment (GET /api/commitments/{id}: delivery count, total delivered, version)
    against what its events say. Right after the load the daemon is behind and reads add what it has not folded
    (ADR 15); after it caught up they come from its totals. Both must agree with the events."""
    truth = {}
    ids = ",".join(f"'{c}'" for c in commitments)
    for line in psql(f"select stream_id, count(*) filter (where type = 'delivery_recorded'), "
                     f"coalesce(sum((data ->> 'quantity')::numeric) filter (where type = 'delivery_recorded'), 0), max(version) "
                     f"from {SCHEMA}.mt_events where stream_id in ({ids}) group by stream_id;").splitlines():
        stream, count, total, version = line.split("\t")
        truth[stream] = (int(count), decimal.Decimal(total), int(version))
    wrong = []
    for c in commitments:
        d = call("GET", f"/api/commitments/{c}")
        said = (d["deliveryCount"], decimal.Decimal(d["quantity"]["deliveredTotal"]), d["version"])
        if said != truth[c]:
            wrong.append(f"{c}: the Api says count {said[0]}, total {said[1]}, version {said[2]}; "
                         f"the events {truth[c][0]}, {truth[c][1]}, {truth[c][2]}")
    return wrong


def tamper(ledger):
    """BENCH_TAMPER=1: a loss and a duplicate made on purpose, which the check must report (lost 1, duplicated 1)."""
    gone, twice = ledger.acknowledged[0], ledger.acknowledged[1]
    say(f"BENCH_TAMPER: deleting the event of {gone['marker']}, copying the event of {twice['marker']}")
    psql(f"""
delete from {SCHEMA}.mt_events where stream_id = '{gone['stream']}' and version = {gone['version']};
create temp table copy as select * from {SCHEMA}.mt_events where stream_id = '{twice['stream']}' and version = {twice['version']};
update copy set seq_id = nextval('{SCHEMA}.mt_events_sequence'), id = gen_random_uuid(), version = version + 1000000;
insert into {SCHEMA}.mt_events select * from copy;
""")


def catch_up(api):
    """Whether the daemon's projections reach the last event once the load is over: they run on one node at a time,
    assigned by Wolverine, and every node but the last was SIGKILLed. Reported, not counted as a loss."""
    deadline = time.monotonic() + CATCHUP
    started = time.monotonic()
    while True:
        lines = psql(f"select 'max', coalesce(max(seq_id), 0) from {SCHEMA}.mt_events;"
                     f"select name, last_seq_id from {SCHEMA}.mt_event_progression order by name;").splitlines()
        rows = dict(line.split("\t") for line in lines)
        last = int(rows.pop("max"))
        # The HighWater* rows are the daemon's own bookkeeping; a shard has no row until it first records progress.
        projections = {name: int(rows.get(name, -1)) for name in PROJECTIONS}
        if all(v >= last for v in projections.values()):
            return (f"caught up with event {last} {time.monotonic() - started:.0f} s after the load's end, "
                    f"{time.monotonic() - api.started_at:.0f} s after the last start of the Api ({', '.join(projections)})")
        if time.monotonic() > deadline or api.process.poll() is not None:
            where = ", ".join(f"{k} at {v}" if v >= 0 else f"{k} never recorded progress" for k, v in projections.items())
            return (f"NOT caught up {CATCHUP:.0f} s after the load's end, {time.monotonic() - api.started_at:.0f} s after the last "
                    f"start of the Api: last event {last}; {where}")
        time.sleep(1)


class _Lines:
    def __init__(self, lines):
        self.lines = lines

    def write(self, text):
        self.lines.append(text)


# --------------------------------------------------------------------------------------------------------------- main
def seed(api):
    say("waiting for the sample deal")
    deadline = time.monotonic() + 120
    while call("GET", "/api/agreements")["total"] < 1:
        if time.monotonic() > deadline:
            raise BenchFailed("the sample deal was not loaded")
        time.sleep(1)
    say(f"importing {COMMITMENTS} generated commitments")
    bundle = subprocess.run([sys.executable, "bench/seed_bundle.py", str(COMMITMENTS)], capture_output=True, check=True).stdout
    call("POST", "/api/import", bundle, timeout=300)
    ids, page = [], 1
    while True:
        items = call("GET", f"/api/commitments?q=Generated&pageSize=500&page={page}")["items"]
        ids += [r["id"] for r in items]
        if len(items) < 500:
            break
        page += 1
    if not ids:
        raise BenchFailed("no generated commitments to write to")
    return ids


def main():
    api, pg = Api(), Postgres()
    if pg.postmaster() is None:
        raise BenchFailed(f"the crash cluster ({PGDATA}, port {PG_PORT}) is not running")
    try:
        api.start()
        api.wait_ready()
        commitments = seed(api)
        say(f"{len(commitments)} commitments; {WORKERS} writers for {SECONDS:.0f} s, with kills every "
            f"{CHAOS_MIN:g}-{CHAOS_MAX:g} s of load")

        ledger = Ledger()
        stop_new = threading.Event()
        give_up = [float("inf")]
        writers = [Writer(n, commitments, ledger, stop_new, give_up) for n in range(WORKERS)]
        kills, events = collections.Counter(), []
        load_started = time.monotonic()
        stop_at = load_started + SECONDS
        for w in writers:
            w.start()
        chaos(api, pg, stop_at, kills, events)
        time.sleep(max(0.0, stop_at - time.monotonic()))
        stop_new.set()
        load_seconds = time.monotonic() - load_started
        give_up[0] = time.monotonic() + DRAIN
        say(f"load stopped; writes still in doubt are retried for up to {DRAIN:.0f} s")
        api.wait_ready()
        for w in writers:
            w.join()
        drained = time.monotonic() - load_started - load_seconds

        if TAMPER:
            tamper(ledger)
        say("verifying every acknowledged write in mt_events")
        figures, details = verify(ledger)
        say("comparing what the Api answers for each commitment with its events")
        wrong_before = read_models(commitments)
        say("waiting for the async projections to reach the last event")
        projections = catch_up(api)
        wrong_after = read_models(commitments) if projections.startswith("caught up") else None
    finally:
        api.stop()

    with open(os.path.join(OUT, "writes.jsonl"), "w") as f:
        for bucket in ("acknowledged", "refused", "unknown"):
            for r in getattr(ledger, bucket):
                f.write(json.dumps({"outcome": bucket, **r}) + "\n")
    with open(os.path.join(OUT, "problems.tsv"), "w") as f:
        f.write("# detail: kind, stream, version answered, marker, found there, copies recorded | dup: marker, stream, version, type\n")
        f.write("\n".join(details) + ("\n" if details else ""))
        for label, wrong in (("read model, right after the load", wrong_before), ("read model, daemon caught up", wrong_after or [])):
            f.write("".join(f"{label}\t{w}\n" for w in wrong))

    acked = figures["acknowledged"]
    if acked != len(ledger.acknowledged):
        raise BenchFailed(f"{len(ledger.acknowledged)} acknowledged writes were recorded, {acked} reached the check")
    odd = [r for r in ledger.acknowledged if "odd" in r]
    replayed = sum(1 for r in ledger.acknowledged if r["replayed"])
    refusals = collections.Counter(r["status"] for r in ledger.refused)
    requests = sum(ledger.answers.values())
    deliveries = sum(1 for r in ledger.acknowledged if r["kind"] == "delivery")
    answers = ", ".join(f"{k} {v}" for k, v in sorted(ledger.answers.items(), key=lambda kv: (-kv[1], str(kv[0]))))
    pg_kills = kills["postgres"] + kills["both"]

    print(f"acknowledged {acked}, found {figures['found']}, lost {figures['lost']}, duplicated {figures['duplicated']}")
    print(f"  {deliveries} deliveries and {acked - deliveries} notes; refused {len(ledger.refused)}"
          + (f" ({', '.join(f'{s}: {n}' for s, n in sorted(refusals.items()))})" if refusals else "")
          + f"; still unknown after {DRAIN:.0f} s of retries {len(ledger.unknown)}")
    print(f"  retried {ledger.retried} writes with the same key; {replayed} acknowledgements were replayed first answers")
    if figures["lost_but_elsewhere"]:
        print(f"  of the lost, {figures['lost_but_elsewhere']} are recorded but not at the version they were answered with")
    if figures["duplicated_any"] != figures["duplicated"]:
        print(f"  markers recorded more than once, acknowledged or not: {figures['duplicated_any']}")
    print(f"  refused but recorded {figures['refused_recorded']}; unknown and recorded {figures['unknown_recorded']} "
          f"(of {len(ledger.unknown)}); events of this run {figures['recorded_total']}")
    if odd:
        print(f"  {len(odd)} acknowledgements did not look as api.md says (e.g. {odd[0]['odd']})")
    print(f"kills: {sum(kills[k] for k in ('api', 'postgres', 'both'))} in {load_seconds:.0f} s: Api {kills['api']}, "
          f"PostgreSQL {kills['postgres']}, both at once {kills['both']} (PostgreSQL: {kills['postgres whole server']} "
          f"whole server, {kills['postgres postmaster only']} postmaster only, of {pg_kills})")
    print(f"load: {WORKERS} writers, {load_seconds:.0f} s (+{drained:.0f} s drain), {acked / load_seconds:.1f} acknowledged "
          f"writes/s, {requests / load_seconds:.1f} requests/s")
    print(f"  answers: {answers}")
    print(f"async projections: {projections}")
    after = "not checked: the daemon did not catch up" if wrong_after is None else \
        f"{len(commitments) - len(wrong_after)} agree once the daemon caught up"
    print(f"read models: of {len(commitments)} commitments, {len(commitments) - len(wrong_before)} agree with their events "
          f"(delivery count, total, version) right after the load, {after}")
    if details or wrong_before or wrong_after:
        print(f"  details of what went wrong: {OUT}/problems.tsv")

    failed = (figures["lost"] or figures["duplicated"] or figures["duplicated_any"] or figures["refused_recorded"]
              or wrong_before or wrong_after)
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchFailed as e:
        say(f"the benchmark could not run: {e}")
        sys.exit(2)
