#!/usr/bin/env python3
"""Crash test of the hospital intake: clients send unique messages continuously (HTTP POSTs, or MLLP frames
with --transport mllp) while gatewayd is killed with SIGKILL at random moments and restarted. Afterwards
every message that received AA must be in the store exactly once, and messages retried after a crash must
not have produced duplicates.

Usage: scripts/crashtest.py --build BUILD_DIR [--transport http|mllp] [--rounds 20] [--clients 4]
                            [--min-up 0.2] [--max-up 0.8]
Exit 0 when every check holds; prints the counts either way."""
import argparse, http.client, os, random, shutil, signal, socket, sqlite3, subprocess, sys, tempfile, threading, time

KEY = "crash-test-key"
KEY_SHA256 = __import__("hashlib").sha256(KEY.encode()).hexdigest()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_config(folder, port, mllp_port, plugins):
    path = os.path.join(folder, "gateway.yaml")
    with open(path, "w") as f:
        f.write(f"""server:
  listen: 127.0.0.1:{port}
  threads: 8
store:
  sqlite:
    path: {folder}/gateway.db
    synchronous: full
plugins:
  folder: {plugins}
  cache_folder: {folder}/cache
logging:
  level: warning
hospitals:
  - id: crash-h
    key_sha256: {KEY_SHA256}
    adapter: echo
    mllp: {{listen: "127.0.0.1:{mllp_port}", content_type: application/xml}}
""")
    return path


class Daemon:
    def __init__(self, binary, config, log):
        self.binary, self.config, self.log = binary, config, log
        self.process = None

    def start(self, port):
        self.process = subprocess.Popen([self.binary, "--config", self.config], stdout=subprocess.DEVNULL,
                                        stderr=open(self.log, "a"))
        deadline = time.time() + 20
        while time.time() < deadline:
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                c.request("GET", "/readyz")
                if c.getresponse().status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.02)
        raise SystemExit("gatewayd did not become ready; see " + self.log)

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            # A hang on shutdown is a bug of its own: show where every thread waits before failing.
            tasks = f"/proc/{self.process.pid}/task"
            for tid in sorted(os.listdir(tasks)):
                def read(name):
                    try:
                        with open(os.path.join(tasks, tid, name)) as f:
                            return f.read().strip()
                    except OSError as e:
                        return str(e)
                print(f"thread {tid} {read('comm')}: {read('wchan')} | {read('syscall')}\n{read('stack')}")
            self.process.kill()
            self.process.wait()
            return "hung on SIGTERM"


def send_http(port, body, _connection):
    """The answer when the gateway answered 200, else None."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    c.request("POST", "/v1/hospitals/crash-h/messages", body, {"X-API-Key": KEY, "Content-Type": "application/xml"})
    r = c.getresponse()
    answer = r.read().decode()
    return answer if r.status == 200 else None


def send_mllp(port, body, connection):
    """The ACK frame's content; `connection` (a one-item list) keeps the socket between messages, as an
    interface engine does, and is reopened after the gateway went away."""
    if not connection:
        connection.append(socket.create_connection(("127.0.0.1", port), timeout=5))
    sock = connection[0]
    try:
        sock.sendall(b"\x0b" + body.encode() + b"\x1c\x0d")
        pending = b""
        while b"\x1c\x0d" not in pending:
            chunk = sock.recv(65536)
            if not chunk:
                raise ConnectionResetError("closed")
            pending += chunk
        return pending[pending.index(b"\x0b") + 1:pending.index(b"\x1c\x0d")].decode()
    except OSError:
        connection.clear()
        sock.close()
        raise


def client(port, send, name, stop, acked, stats, lock):
    sequence = 0
    connection = []
    while not stop.is_set():
        sequence += 1
        message_id = f"{name}-{sequence}"
        body = f'<Echo id="{message_id}"><patient mrn="{message_id}" family="Crash" given="Test"/></Echo>'
        attempts = 0
        while True:  # a message is retried with the same bytes until it is acknowledged
            attempts += 1
            try:
                answer = send(port, body, connection)
                if answer is not None and 'outcome="AA"' in answer:
                    with lock:
                        acked.append(message_id)
                        stats["retries"] += attempts - 1
                    break
                with lock:
                    stats["errors"] += 1
            except OSError:
                pass
            time.sleep(0.01)
            if stop.is_set() and attempts > 200:
                with lock:
                    stats["abandoned"] += 1
                break


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default="build")
    parser.add_argument("--transport", choices=["http", "mllp"], default="http")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--min-up", type=float, default=0.2)
    parser.add_argument("--max-up", type=float, default=0.8)
    args = parser.parse_args()

    binary = os.path.join(args.build, "gateway", "gatewayd")
    plugin = os.path.join(args.build, "plugins", "echo.so")
    folder = tempfile.mkdtemp(prefix="gw-crash.")
    try:
        plugins = os.path.join(folder, "plugins")
        os.makedirs(plugins)
        shutil.copy(plugin, plugins)
        port, mllp_port = free_port(), free_port()
        daemon = Daemon(binary, write_config(folder, port, mllp_port, plugins), os.path.join(folder, "gatewayd.log"))
        daemon.start(port)

        stop, lock = threading.Event(), threading.Lock()
        acked, stats = [], {"retries": 0, "errors": 0, "abandoned": 0}
        send, target = (send_mllp, mllp_port) if args.transport == "mllp" else (send_http, port)
        threads = [threading.Thread(target=client, args=(target, send, f"c{i}", stop, acked, stats, lock))
                   for i in range(args.clients)]
        for t in threads:
            t.start()
        for _ in range(args.rounds):
            time.sleep(random.uniform(args.min_up, args.max_up))
            daemon.kill()
            daemon.start(port)
        time.sleep(args.min_up)
        stop.set()
        for t in threads:
            t.join()
        exit_code = daemon.stop()

        db = sqlite3.connect(os.path.join(folder, "gateway.db"))
        stored = dict(db.execute("SELECT message_id, COUNT(*) FROM inbound_message WHERE status = 'accepted' "
                                 "GROUP BY message_id").fetchall())
        patients = dict(db.execute("SELECT value, COUNT(*) FROM fhir_identifier WHERE resource_type = 'Patient' "
                                   "AND system = 'urn:gw:crash-h:mr' GROUP BY value").fetchall())
        versions = db.execute("SELECT COUNT(*) FROM fhir_resource WHERE resource_type = 'Patient'").fetchone()[0]
        missing = [m for m in acked if stored.get(m) != 1 or patients.get(m) != 1]
        duplicated = [m for m, n in stored.items() if n != 1]
        print(f"crashtest ({args.transport}): {args.rounds} SIGKILLs, {len(acked)} messages acknowledged AA, "
              f"{stats['retries']} retries after failures, {len(stored)} accepted rows, "
              f"{versions} Patient versions, {len(missing)} acknowledged but missing, "
              f"{len(duplicated)} duplicated, {stats['abandoned']} abandoned, gatewayd exit {exit_code}")
        ok = not missing and not duplicated and versions == len(stored) and exit_code == 0 and len(acked) > 0
        print("crashtest: " + ("PASS" if ok else "FAIL"))
        return 0 if ok else 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
