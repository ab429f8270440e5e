"""A local Neo4j 5 Community server managed by policygraph (`--engine neo4j`), beside the FalkorDB default.

Neo4j is assembled from Maven Central by the user's own Maven client, never shipped with us (GPLv3):
a pom naming the pinned coordinates below is written into the user cache directory and
`mvn dependency:copy-dependencies` fills `<cache>/neo4j-<version>/lib` (~140 MB, once per machine,
shared by every data directory). The server runs through its own entry point
(org.neo4j.server.CommunityEntryPoint, as `neo4j console` does) with the JVM flags Neo4j's launcher
passes, bound to 127.0.0.1 on free Bolt and HTTP ports. One server per data directory, under

    neo4j/server.json   pid and ports of the server we started
    neo4j/ports.json    the ports last used: a restart takes them again when they are free
    neo4j/password      the generated password of user neo4j (0600)
    neo4j/neo4j.log     the server's console log (read it when a start fails)
    neo4j/conf/         neo4j.conf written at each start
    neo4j/data/         the databases and transaction logs (the data)

The password is set before the very first start with Neo4j's own `neo4j-admin dbms
set-initial-password` (AdminTool from the same jars), which writes data/dbms/auth.ini for the system
database to take; it reaches that tool through a 0600 argument file, never a command line.
Cost: `ensure_running` is one TCP connect when the server is up; a start takes ~10 s (JVM and
database start-up), a clean stop ~2 s.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from policygraph.errors import StoreError

try:
    import fcntl
except ImportError:  # Windows: no locking, one policygraph at a time
    fcntl = None

HOST = "127.0.0.1"
NEO4J_VERSION = "5.26.30"  # the 5.26 LTS line runs on Java 17
BROWSER_VERSION = "5.24.0"  # newest Browser on Maven Central of the 5.2x line
GDS_VERSION = "2.13.9"  # the Graph Data Science line for 5.26 (optional: POLICYGRAPH_NEO4J_GDS=1)
USER = "neo4j"
SUBDIR = "neo4j"
STATE_FILE = "server.json"
PORTS_FILE = "ports.json"  # the ports last used, kept across stops
PASSWORD_FILE = "password"
LOG_FILE = "neo4j.log"
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
START_TIMEOUT = 180.0  # seconds: JVM start, recovery after a crash, a large store
STOP_TIMEOUT = 60.0
FETCH_HINT = "or use a Neo4j server you run yourself with --uri (NEO4J_URI)"
# The flags Neo4j's own launcher adds on Java 17 (fast direct buffers and native I/O for the page cache
# and netty); without them the server falls back to slower paths with warnings.
JVM_FLAGS = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dlog4j2.disable.jmx=true",
    "-XX:+UseG1GC",
    "-XX:+ExitOnOutOfMemoryError",
)


@dataclass(frozen=True)
class ServerStatus:
    """What `status` found in a data directory. running: a server we started accepts Bolt connections.
    problem: why it is not running when the state file says it should be ('' otherwise)."""

    data_dir: Path
    running: bool
    pid: int | None = None
    bolt_port: int | None = None
    http_port: int | None = None
    problem: str = ""

    @property
    def bolt_uri(self) -> str:
        return f"bolt://{HOST}:{self.bolt_port}" if self.bolt_port else ""

    @property
    def browser_url(self) -> str:
        return f"http://{HOST}:{self.http_port}/browser/" if self.http_port else ""


def home(data_dir: Path) -> Path:
    return Path(data_dir) / SUBDIR


def cache_dir() -> Path:
    """Where the jars go: POLICYGRAPH_CACHE_DIR, else the user cache directory (~/.cache/policygraph)."""
    env = os.environ.get("POLICYGRAPH_CACHE_DIR")
    return Path(env) if env else Path(platformdirs.user_cache_dir("policygraph"))


def lib_dir() -> Path:
    return cache_dir() / f"neo4j-{NEO4J_VERSION}" / "lib"


def password(data_dir: Path) -> str:
    """The generated password of user neo4j; StoreError when the server was never set up here."""
    try:
        return (home(data_dir) / PASSWORD_FILE).read_text("utf-8").strip()
    except OSError:
        raise StoreError(f"no Neo4j password in {home(data_dir)}: start the server first") from None


def pom(version: str = NEO4J_VERSION, browser: str = BROWSER_VERSION) -> str:
    """The pom Maven resolves: the server (with Bolt, HTTP and its runtime) and Browser's files."""
    return _pom(
        "neo4j-server",
        [("org.neo4j", "neo4j", version, ""), ("org.neo4j.client", "neo4j-browser", browser, "")],
    )


def _pom(name: str, dependencies: list[tuple[str, str, str, str]]) -> str:
    """A pom listing (group, artifact, version, group to exclude from its dependencies or '')."""
    listed = "".join(
        f"<dependency><groupId>{group}</groupId><artifactId>{artifact}</artifactId><version>{version}</version>"
        + (
            f"<exclusions><exclusion><groupId>{excluded}</groupId><artifactId>*</artifactId></exclusion></exclusions>"
            if excluded
            else ""
        )
        + "</dependency>"
        for group, artifact, version, excluded in dependencies
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0">'
        f"<modelVersion>4.0.0</modelVersion><groupId>policygraph.local</groupId><artifactId>{name}</artifactId>"
        f"<version>1</version><packaging>pom</packaging><dependencies>{listed}</dependencies></project>\n"
    )


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock on `path` (two policygraph commands never start or fetch at once)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        if fcntl:
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _java() -> str:
    """The java to run; StoreError with what to install when there is none or it is older than 17."""
    java_home = os.environ.get("JAVA_HOME")
    java = str(Path(java_home) / "bin" / "java") if java_home else shutil.which("java")
    if not java or not Path(java).exists():
        raise StoreError(
            f"the Neo4j engine needs Java 17 or newer (e.g. apt install openjdk-17-jre-headless); {FETCH_HINT}"
        )
    probe = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
    found = re.search(r'version "(\d+)', probe.stderr)
    if not found or int(found.group(1)) < 17:
        raise StoreError(f"the Neo4j engine needs Java 17 or newer, {java} is not; {FETCH_HINT}")
    return java


def ensure_jars(notify: Callable[[str], None] | None = None) -> Path:
    """The lib directory of the pinned Neo4j, fetched from Maven Central with `mvn` on first use
    (progress lines go to `notify`). StoreError naming what to install when Maven is missing or
    the fetch fails. Cost: one stat when present; ~20 s and ~140 MB of downloads the first time."""
    return _fetch(lib_dir(), pom(), f"Neo4j {NEO4J_VERSION} Community", "~140 MB", notify)


def gds_enabled() -> bool:
    """POLICYGRAPH_NEO4J_GDS=1: start the server with the Graph Data Science plugin (gds.* procedures)."""
    return os.environ.get("POLICYGRAPH_NEO4J_GDS", "").strip().lower() in ("1", "true", "yes")


def gds_dir() -> Path:
    return cache_dir() / f"neo4j-{NEO4J_VERSION}" / f"gds-{GDS_VERSION}"


def ensure_gds(notify: Callable[[str], None] | None = None) -> Path:
    """The jars of Graph Data Science (the open modules on Maven Central, without the Neo4j classes
    the server already has), fetched like the server. Cost: ~20 s and ~32 MB the first time."""
    modules = ("proc", "opengds-extension", "open-model-catalog", "open-write-services")
    return _fetch(
        gds_dir(),
        _pom("gds-plugin", [("org.neo4j.gds", module, GDS_VERSION, "org.neo4j") for module in modules]),
        f"Graph Data Science {GDS_VERSION}",
        "~32 MB",
        notify,
    )


def _fetch(lib: Path, pom_text: str, what: str, size: str, notify: Callable[[str], None] | None) -> Path:
    """`lib` filled with the runtime jars of `pom_text` by `mvn dependency:copy-dependencies` (once)."""
    if (lib / ".complete").exists():
        return lib
    with _locked(lib.parent / "fetch.lock"):
        if (lib / ".complete").exists():  # another process fetched while we waited
            return lib
        mvn = shutil.which("mvn")
        if not mvn:
            raise StoreError(
                f"the Neo4j engine is fetched with Maven, which is not installed (e.g. apt install maven); {FETCH_HINT}"
            )
        _java()
        if notify:
            notify(f"fetching {what} from Maven Central into {lib} (first use, {size})…")
        pom_file = lib.parent / f"{lib.name}.pom.xml"
        pom_file.write_text(pom_text, "utf-8")
        staging = Path(tempfile.mkdtemp(prefix=f"{lib.name}-", dir=lib.parent))
        command = [
            mvn,
            "-B",
            "-f",
            str(pom_file),
            "dependency:copy-dependencies",
            "-DincludeScope=runtime",
            f"-DoutputDirectory={staging}",
        ]
        started, fetched, last = time.monotonic(), 0, ""
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as maven:
            for line in maven.stdout:
                line = line.rstrip()
                if "Downloaded from" in line:
                    fetched += 1
                    if notify and fetched % 100 == 0:
                        notify(f"  {fetched} files fetched ({time.monotonic() - started:.0f} s)")
                if "[ERROR]" in line and not last:
                    last = line.replace("[ERROR]", "").strip()
        if maven.returncode != 0:
            shutil.rmtree(staging, ignore_errors=True)
            raise StoreError(
                f"Maven could not fetch {what}: {last[:300] or 'exit ' + str(maven.returncode)}; {FETCH_HINT}"
            )
        shutil.rmtree(lib, ignore_errors=True)
        staging.rename(lib)
        (lib / ".complete").write_text(f"{what}\n", "utf-8")
        if notify:
            notify(f"  fetched {len(list(lib.glob('*.jar')))} jars in {time.monotonic() - started:.0f} s")
    return lib


def _read_state(data_dir: Path) -> dict:
    try:
        state = json.loads((home(data_dir) / STATE_FILE).read_text("utf-8"))
        return {k: int(state[k]) for k in ("pid", "bolt_port", "http_port")}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _is_our_server(pid: int, data_dir: Path) -> bool:
    """pid is alive and is the Neo4j of this data directory (not a recycled pid of another program)."""
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    cmdline = Path(f"/proc/{pid}/cmdline")
    if not cmdline.exists():  # no /proc (macOS): the pid is alive, trust the state file
        return True
    with contextlib.suppress(OSError):
        text = cmdline.read_bytes().decode("utf-8", "replace")
        return ENTRY_POINT in text and str(home(data_dir).resolve()) in text
    return False


def _accepts(port: int, timeout: float = 1.0) -> bool:
    with contextlib.suppress(OSError), socket.create_connection((HOST, port), timeout=timeout):
        return True
    return False


def status(data_dir: Path) -> ServerStatus:
    """Whether a server we started runs for `data_dir`. Never starts one. Cost: one TCP connect."""
    data_dir = Path(data_dir)
    state = _read_state(data_dir)
    if not state:
        return ServerStatus(data_dir, False)
    if not _is_our_server(state["pid"], data_dir):
        return ServerStatus(
            data_dir, False, state["pid"], problem=f"stale state file (pid {state['pid']} is gone)"
        )
    running = _accepts(state["bolt_port"])
    return ServerStatus(
        data_dir,
        running,
        state["pid"],
        state["bolt_port"],
        state["http_port"],
        problem="" if running else "the server is starting or not answering",
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _port_is_free(port: int) -> bool:
    """Nothing listens on `port` (connections of a stopped server left in TIME_WAIT do not count:
    Neo4j binds with SO_REUSEADDR, and so does this probe)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


def _ports(data_dir: Path) -> tuple[int, int]:
    """Bolt and HTTP ports: the ones this data directory used last when both are free (a restart keeps
    the Bolt URI and the Browser URL, and clients holding them reconnect), else two new free ports."""
    last = home(data_dir) / PORTS_FILE
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        ports = json.loads(last.read_text("utf-8"))
        bolt_port, http_port = int(ports["bolt_port"]), int(ports["http_port"])
        if bolt_port != http_port and _port_is_free(bolt_port) and _port_is_free(http_port):
            return bolt_port, http_port
    bolt_port, http_port = _free_port(), _free_port()
    while http_port == bolt_port:
        http_port = _free_port()
    last.write_text(json.dumps({"bolt_port": bolt_port, "http_port": http_port}), "utf-8")
    return bolt_port, http_port


def _memory_setting(name: str, default: str) -> str:
    value = os.environ.get(name, default).strip().lower()
    if not re.fullmatch(r"\d+[kmg]", value):
        raise StoreError(f"{name}={value!r}: give a size like 512m or 2g")
    return value


def _configuration(data_dir: Path, bolt_port: int, http_port: int) -> str:
    base = home(data_dir).resolve()
    return "\n".join(
        [
            f"server.default_listen_address={HOST}",
            f"server.bolt.listen_address={HOST}:{bolt_port}",
            f"server.bolt.advertised_address={HOST}:{bolt_port}",
            f"server.http.listen_address={HOST}:{http_port}",
            f"server.http.advertised_address={HOST}:{http_port}",
            "server.https.enabled=false",
            f"server.directories.data={base / 'data'}",
            f"server.directories.logs={base / 'logs'}",
            # Procedures are found by scanning the plugins directory (the classpath alone is not enough).
            f"server.directories.plugins={gds_dir() if gds_enabled() else base / 'plugins'}",
            f"server.memory.pagecache.size={_memory_setting('POLICYGRAPH_NEO4J_PAGECACHE', '512m')}",
            "dbms.usage_report.enabled=false",
            *(["dbms.security.procedures.unrestricted=gds.*"] if gds_enabled() else []),
            "dbms.security.auth_enabled=true",
            "db.tx_log.rotation.retention_policy=1 files",
            # Bolt's shutdown waits 5 s + 5 s for idle connections by default; we close ours first.
            "internal.dbms.bolt.netty_server_shutdown_quiet_period=0",
            "internal.server.bolt.thread_pool_shutdown_wait_time=100ms",
            "internal.server.bolt.connection_shutdown_wait_time=100ms",
            "",
        ]
    )


def _classpath(lib: Path) -> str:
    jars = [str(lib / "*")]
    if gds_enabled():
        jars.append(str(gds_dir() / "*"))
    return os.pathsep.join(jars)


def new_password() -> str:
    """48 hex digits: never starts with '-', which Neo4j's admin tool would read as an option (a
    token_urlsafe password did, one start in 64, and the tool printed its usage instead)."""
    return secrets.token_hex(24)


def _set_initial_password(java: str, lib: Path, data_dir: Path) -> None:
    """Generate the password (0600 file) and hand it to Neo4j's set-initial-password tool before the
    first start; the tool reads it from a 0600 argument file (@file), so it is never on a command line."""
    base = home(data_dir)
    secret = new_password()
    old_umask = os.umask(0o077)
    try:
        argument_file = base / "password.arg"
        argument_file.write_text(secret + "\n", "utf-8")
        env = {**os.environ, "NEO4J_HOME": str(base.resolve()), "NEO4J_CONF": str((base / "conf").resolve())}
        done = subprocess.run(
            [
                java,
                "-cp",
                _classpath(lib),
                "org.neo4j.cli.AdminTool",
                "dbms",
                "set-initial-password",
                f"@{argument_file}",
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        argument_file.unlink()
        if done.returncode != 0:
            reason = (done.stderr or done.stdout).strip().splitlines()
            raise StoreError(
                f"Neo4j could not set the initial password: {reason[-1] if reason else done.returncode}"
            )
        (base / PASSWORD_FILE).write_text(secret + "\n", "utf-8")
    finally:
        os.umask(old_umask)


def _log_problem(data_dir: Path) -> str:
    """The server's last ERROR line, or its last line."""
    try:
        lines = (home(data_dir) / LOG_FILE).read_text("utf-8", "replace").splitlines()
    except OSError:
        return "no log written"
    errors = [line for line in lines if " ERROR " in line or "Exception:" in line]
    chosen = (errors or lines or ["empty log"])[-1]
    return chosen.split(" ERROR ", 1)[-1].strip()[:300]


def _spawn(java: str, lib: Path, data_dir: Path, bolt_port: int, http_port: int) -> subprocess.Popen:
    base = home(data_dir)
    (base / "conf").mkdir(parents=True, exist_ok=True)
    (base / "conf" / "neo4j.conf").write_text(_configuration(data_dir, bolt_port, http_port), "utf-8")
    heap = _memory_setting("POLICYGRAPH_NEO4J_HEAP", "1g")
    command = [
        java,
        f"-Xms{heap}",
        f"-Xmx{heap}",
        *JVM_FLAGS,
        "-cp",
        _classpath(lib),
        ENTRY_POINT,
        f"--home-dir={base.resolve()}",
        f"--config-dir={(base / 'conf').resolve()}",
        "--console-mode",
    ]
    with open(base / LOG_FILE, "ab") as log:
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=base,
            start_new_session=True,  # a Ctrl-C in the terminal must not kill the server mid-write
        )


def start(data_dir: Path, notify: Callable[[str], None] | None = None) -> ServerStatus:
    """Start the server of `data_dir` (fetching Neo4j first if needed) and wait until it accepts
    Bolt connections. Returns the running status; StoreError with the log's reason when it fails."""
    data_dir = Path(data_dir)
    lib = ensure_jars(notify)
    if gds_enabled():
        ensure_gds(notify)
    java = _java()
    base = home(data_dir)
    base.mkdir(parents=True, exist_ok=True)
    os.chmod(base, 0o700)
    with _locked(base / "server.lock"):
        found = status(data_dir)
        if found.running:
            return found
        if found.pid and _is_our_server(found.pid, data_dir):
            return _wait_ready(data_dir, found.pid, found.bolt_port, found.http_port, None)
        if not (base / PASSWORD_FILE).exists() or not (base / "data" / "databases").exists():
            (base / "conf").mkdir(parents=True, exist_ok=True)
            (base / "conf" / "neo4j.conf").write_text(_configuration(data_dir, 0, 0), "utf-8")
            _set_initial_password(java, lib, data_dir)
        if notify:
            notify(f"starting Neo4j {NEO4J_VERSION} for {data_dir} (~10 s)…")
        bolt_port, http_port = _ports(data_dir)
        process = _spawn(java, lib, data_dir, bolt_port, http_port)
        state = {"pid": process.pid, "bolt_port": bolt_port, "http_port": http_port, "version": NEO4J_VERSION}
        (base / STATE_FILE).write_text(json.dumps(state), "utf-8")
        return _wait_ready(data_dir, process.pid, bolt_port, http_port, process)


def _wait_ready(data_dir, pid, bolt_port, http_port, process) -> ServerStatus:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            (home(data_dir) / STATE_FILE).unlink(missing_ok=True)
            raise StoreError(
                f"Neo4j did not start: {_log_problem(data_dir)} (log: {home(data_dir) / LOG_FILE})"
            )
        if _accepts(bolt_port, timeout=0.5):
            return ServerStatus(data_dir, True, pid, bolt_port, http_port)
        time.sleep(0.2)
    raise StoreError(f"Neo4j did not answer within {START_TIMEOUT:.0f} s (log: {home(data_dir) / LOG_FILE})")


def ensure_running(data_dir: Path, notify: Callable[[str], None] | None = None) -> ServerStatus:
    """The running server of `data_dir`, started when needed. Cost: one TCP connect when up."""
    found = status(data_dir)
    return found if found.running else start(data_dir, notify=notify)


def stop(data_dir: Path, timeout: float = STOP_TIMEOUT) -> ServerStatus:
    """Stop the server of `data_dir` cleanly (SIGTERM: Neo4j checkpoints and exits; SIGKILL after
    `timeout`). Returns what was found before stopping; the data stays."""
    data_dir = Path(data_dir)
    found = status(data_dir)
    base = home(data_dir)
    if found.pid is None or found.problem.startswith("stale"):
        (base / STATE_FILE).unlink(missing_ok=True)
        return found
    with contextlib.suppress(ProcessLookupError):
        os.kill(found.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _alive(found.pid):
        time.sleep(0.1)
    if _alive(found.pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(found.pid, signal.SIGKILL)
    (base / STATE_FILE).unlink(missing_ok=True)
    return found


def _alive(pid: int) -> bool:
    """pid still runs (reaping it first when it is our own exited child)."""
    with contextlib.suppress(ChildProcessError, OSError):
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with contextlib.suppress(OSError):  # a zombie (exited, not yet reaped by its parent) is gone
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][:1] != "Z"
    return True
