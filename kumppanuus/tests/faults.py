"""Services a fault test owns: its own redis-server, and a TCP proxy in front of PostgreSQL.

Other test runs share the machine's Redis and PostgreSQL, so a fault test never stops,
pauses or kills those. It starts a redis-server of its own on a free port (and kills,
pauses or restarts that one), and reaches PostgreSQL through a proxy it can pause (a hung
server: connections stay open, nothing answers) or close (the server is gone).
"""

import contextlib
import os
import selectors
import shutil
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

from conftest import need


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A redis-server of the test's own on a free loopback port, without persistence."""

    def __init__(self, directory: Path) -> None:
        binary = shutil.which("redis-server")
        need(binary is not None, "needs redis-server: apt-get install -y redis-server")
        self.binary, self.directory = binary, directory
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> "RedisServer":
        command = [
            self.binary,
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(self.directory),
        ]
        self.process = subprocess.Popen(  # noqa: S603 - our own command line
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port)):
                return self
            time.sleep(0.02)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def kill(self) -> None:
        """The server dies at once (SIGKILL): every connection is reset."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)

    def pause(self) -> None:
        """The server hangs (SIGSTOP): connections stay open and nothing answers."""
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        os.kill(self.process.pid, signal.SIGCONT)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.process.pid, signal.SIGCONT)
        self.kill()


class TcpProxy:
    """Forwards a free loopback port to a target address, in a thread of its own.

    pause(): accepted connections stay open but no byte passes in either direction, and new
    connections are accepted (by the kernel) but never served: the target looks hung.
    close(): every connection is closed and new ones are refused: the target is gone.
    resume() undoes either.
    """

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = free_port()
        self._paused = threading.Event()
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self._pairs: list[tuple[socket.socket, socket.socket]] = []
        self._listener: socket.socket | None = None
        self._thread = threading.Thread(target=self._run, name="tcp-proxy", daemon=True)

    def start(self) -> "TcpProxy":
        self._listen()
        self._thread.start()
        return self

    def _listen(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        listener.setblocking(False)
        self._listener = listener

    def pause(self) -> None:
        self._paused.set()

    def resume(self) -> None:
        with self._lock:
            if self._listener is None:
                self._listen()
        self._paused.clear()

    def close(self) -> None:
        """Reset every connection and stop listening (connections are refused)."""
        with self._lock:
            for pair in self._pairs:
                for sock in pair:
                    with contextlib.suppress(OSError):
                        sock.close()
            self._pairs.clear()
            if self._listener is not None:
                self._listener.close()
                self._listener = None

    def stop(self) -> None:
        self._stopped.set()
        self.close()
        self._thread.join(5)

    def _run(self) -> None:
        while not self._stopped.is_set():
            if self._paused.is_set():
                time.sleep(0.02)
                continue
            with self._lock:
                listener, pairs = self._listener, list(self._pairs)
            selector = selectors.DefaultSelector()
            try:
                if listener is not None:
                    selector.register(listener, selectors.EVENT_READ, None)
                for pair in pairs:
                    selector.register(pair[0], selectors.EVENT_READ, pair)
                    selector.register(pair[1], selectors.EVENT_READ, pair[::-1])
            except (OSError, ValueError):
                selector.close()
                continue
            try:
                events = selector.select(0.05)
            except (OSError, ValueError):
                events = []
            selector.close()
            for key, _mask in events:
                if self._paused.is_set():
                    break
                if key.data is None:
                    self._accept(key.fileobj)
                else:
                    self._forward(*key.data)

    def _accept(self, listener: socket.socket) -> None:
        try:
            client, _ = listener.accept()
        except OSError:
            return
        try:
            upstream = socket.create_connection(self.target, timeout=5)
        except OSError:
            client.close()
            return
        with self._lock:
            self._pairs.append((client, upstream))

    def _forward(self, source: socket.socket, target: socket.socket) -> None:
        try:
            data = source.recv(65536)
            if data:
                target.sendall(data)
                return
        except OSError:
            pass
        with self._lock:
            for pair in list(self._pairs):
                if source in pair:
                    self._pairs.remove(pair)
                    for sock in pair:
                        with contextlib.suppress(OSError):
                            sock.close()
