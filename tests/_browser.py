"""Headless Chromium for tests and benchmarks, driven over the DevTools protocol on a pipe.

No extra Python package: Chromium's `--remote-debugging-pipe` reads NUL-terminated JSON
commands on fd 3 and writes replies/events on fd 4. Every request the page makes is logged
(Network.requestWillBeSent) and anything that is not file:/data:/blob:/about: is failed at the
Fetch stage, on top of a host resolver that resolves nothing and a proxy to a closed port,
so a page that tries to reach the network is both blocked and caught.

Use the `chromium` fixture (session-scoped; skips with a reason when /usr/bin/chromium is
missing) and `chromium.open(path)` -> `Page` with `.evaluate(js)`, `.wait_for(js)`,
`.screenshot_pixels(selector)`, `.requests`, `.dialogs`.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import shutil
import struct
import subprocess
import tempfile
import threading
import time
import zlib
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("POLICYGRAPH_CHROMIUM", "/usr/bin/chromium")
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
# A policygraph map page shown in a frame, less its header (title, search) and legend column:
# what is left is the network canvas.
MAP_CANVAS_INSET = (100, 240, 4, 4)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--mute-audio",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--window-size=1280,900",
    "--disable-dev-shm-usage",
    "--remote-debugging-pipe",
)


class BrowserError(RuntimeError):
    pass


class Chromium:
    """One headless Chromium process; `open()` gives a fresh tab per page."""

    def __init__(self, executable: str = CHROMIUM, timeout: float = 30.0):
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="pg-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def wire_pipes():  # runs in the child: Chromium expects its ends on fds 3 and 4
            read_end = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 100)
            write_end = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 100)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        self.proc = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=wire_pipes,
            close_fds=False,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._next_id = 0
        self._lock = threading.Lock()
        self._replies: dict[int, dict] = {}
        self._reply_ready = threading.Condition()
        self._listeners: dict[str, list] = {}  # sessionId -> [callback(method, params)]
        self._reader = threading.Thread(target=self._read_loop, daemon=True)
        self._reader.start()

    # -- protocol -----------------------------------------------------------------------
    def send(self, method: str, params: dict | None = None, session: str | None = None) -> int:
        with self._lock:
            self._next_id += 1
            message_id = self._next_id
            message = {"id": message_id, "method": method, "params": params or {}}
            if session:
                message["sessionId"] = session
            os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        return message_id

    def call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        message_id = self.send(method, params, session)
        deadline = time.monotonic() + self.timeout
        with self._reply_ready:
            while message_id not in self._replies:
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None:
                    raise BrowserError(f"no reply to {method} (browser exit code {self.proc.poll()})")
                self._reply_ready.wait(min(left, 0.5))
            reply = self._replies.pop(message_id)
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error'].get('message')}")
        return reply.get("result", {})

    def _read_loop(self):
        buffer = b""
        while True:
            try:
                chunk = os.read(self._from_browser, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                with self._reply_ready:
                    self._reply_ready.notify_all()
                return
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for raw in messages:
                message = json.loads(raw)
                if "id" in message:
                    with self._reply_ready:
                        self._replies[message["id"]] = message
                        self._reply_ready.notify_all()
                else:
                    for listener in self._listeners.get(message.get("sessionId", ""), []):
                        listener(message["method"], message.get("params", {}))

    # -- pages --------------------------------------------------------------------------
    def open(self, path: Path | str, width: int = 1280, height: int = 900) -> Page:
        """Load a local file in a new tab with the network blocked; returns after the load event."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, target, session)
        self._listeners[session] = [page._on_event]
        for method, params in (
            ("Page.enable", {}),
            ("Runtime.enable", {}),
            ("Network.enable", {}),
            ("Fetch.enable", {"patterns": [{"urlPattern": "*"}]}),
            (
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            ),
        ):
            self.call(method, params, session)
        url = path if isinstance(path, str) and ":" in path.split("/")[0] else Path(path).resolve().as_uri()
        page.navigate(url)
        return page

    def close(self):
        if self.proc.poll() is None:
            try:
                self.send("Browser.close")
                self.proc.wait(5)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
                self.proc.wait(5)
        for fd in (self._to_browser, self._from_browser):
            with contextlib.suppress(OSError):
                os.close(fd)
        shutil.rmtree(self.profile, ignore_errors=True)


class Page:
    """A tab: JavaScript evaluation, waiting, screenshots, and what the page tried to do."""

    def __init__(self, browser: Chromium, target: str, session: str):
        self.browser, self.target, self.session = browser, target, session
        self.requests: list[str] = []  # every URL the page asked for
        self.blocked: list[str] = []  # the ones that would have left the machine
        self.dialogs: list[str] = []  # alert/confirm/prompt messages (a payload that ran)
        self.console_errors: list[str] = []
        self._loaded = threading.Event()

    def _on_event(self, method: str, params: dict):
        if method == "Network.requestWillBeSent":
            self.requests.append(params["request"]["url"])
        elif method == "Fetch.requestPaused":
            url = params["request"]["url"]
            if url.startswith(LOCAL_SCHEMES):
                self.browser.send("Fetch.continueRequest", {"requestId": params["requestId"]}, self.session)
            else:
                self.blocked.append(url)
                self.browser.send(
                    "Fetch.failRequest",
                    {"requestId": params["requestId"], "errorReason": "BlockedByClient"},
                    self.session,
                )
        elif method == "Page.javascriptDialogOpening":
            self.dialogs.append(params.get("message", ""))
            self.browser.send("Page.handleJavaScriptDialog", {"accept": True}, self.session)
        elif method == "Page.loadEventFired":
            self._loaded.set()
        elif method == "Runtime.exceptionThrown":
            self.console_errors.append(params["exceptionDetails"].get("text", ""))

    def navigate(self, url: str):
        self._loaded.clear()
        reply = self.call("Page.navigate", {"url": url})
        if reply.get("errorText"):
            raise BrowserError(f"{url}: {reply['errorText']}")
        if not self._loaded.wait(self.browser.timeout):
            raise BrowserError(f"{url}: no load event within {self.browser.timeout}s")

    def call(self, method: str, params: dict | None = None) -> dict:
        return self.browser.call(method, params, self.session)

    def evaluate(self, expression: str):
        """Value of a JavaScript expression (JSON-serialisable), awaiting promises."""
        result = self.call(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True}
        )
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression}: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 20.0):
        """Poll until `expression` is truthy; returns its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise BrowserError(f"timed out waiting for {expression}")
            time.sleep(0.05)

    def screenshot_png(
        self, selector: str | None = None, scale: float = 1.0, inset: tuple[int, int, int, int] = (0, 0, 0, 0)
    ) -> bytes:
        """PNG of the page, or of `selector`'s box less `inset` (top, right, bottom, left) px."""
        params: dict = {"format": "png"}
        if selector:
            box = self.evaluate(
                f"(() => {{ const r = document.querySelector({json.dumps(selector)}).getBoundingClientRect();"
                " return {x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height}; })()"
            )
            top, right, bottom, left = inset
            params["clip"] = {
                "x": box["x"] + left,
                "y": box["y"] + top,
                "width": box["width"] - left - right,
                "height": box["height"] - top - bottom,
                "scale": scale,
            }
        return base64.b64decode(self.call("Page.captureScreenshot", params)["data"])

    def screenshot_pixels(
        self,
        selector: str | None = None,
        scale: float = 0.25,
        inset: tuple[int, int, int, int] = (0, 0, 0, 0),
    ) -> Pixels:
        return decode_png(self.screenshot_png(selector, scale, inset))

    def drawn_share(
        self,
        selector: str,
        at_least: float,
        timeout: float = 10.0,
        inset: tuple[int, int, int, int] = (0, 0, 0, 0),
    ) -> float:
        """Poll screenshots of `selector` (less `inset`) until the share of non-background pixels
        reaches `at_least` (returns it) or `timeout` passes (returns the last share seen)."""
        deadline = time.monotonic() + timeout
        while True:
            share = self.screenshot_pixels(selector, inset=inset).non_background_share()
            if share >= at_least or time.monotonic() > deadline:
                return share
            time.sleep(0.2)

    def close(self):
        self.browser.call("Target.closeTarget", {"targetId": self.target})


class Pixels:
    """Decoded RGB(A) pixels of a screenshot."""

    def __init__(self, width: int, height: int, channels: int, rows: list[bytes]):
        self.width, self.height, self.channels, self.rows = width, height, channels, rows

    def colours(self) -> dict[tuple, int]:
        """Pixel count per RGB colour."""
        counts: dict[tuple, int] = {}
        c = self.channels
        for row in self.rows:
            for i in range(0, len(row), c):
                key = tuple(row[i : i + 3])
                counts[key] = counts.get(key, 0) + 1
        return counts

    def non_background_share(self) -> float:
        """Share of pixels that differ from the most common colour (the background)."""
        counts = self.colours()
        total = sum(counts.values())
        return 1 - max(counts.values()) / total if total else 0.0


def decode_png(data: bytes) -> Pixels:
    """Minimal PNG decoder for 8-bit RGB/RGBA screenshots (no Pillow needed)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise BrowserError("not a PNG")
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour_type = struct.unpack(">IIBB", body[:10])
            if depth != 8 or colour_type not in (2, 6):
                raise BrowserError(f"unsupported PNG (depth {depth}, colour type {colour_type})")
            channels = 3 if colour_type == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                up_left = previous[i - channels] if i >= channels else 0
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else up_left)) & 0xFF
        rows.append(bytes(line))
        previous = line
    return Pixels(width, height, channels, rows)


def chromium_missing_reason() -> str | None:
    if not os.access(CHROMIUM, os.X_OK):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium, or set POLICYGRAPH_CHROMIUM)"
    return None


@pytest.fixture(scope="session")
def chromium():
    reason = chromium_missing_reason()
    if reason:
        pytest.skip(reason)
    browser = Chromium()
    try:
        yield browser
    finally:
        browser.close()
