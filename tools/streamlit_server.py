"""Start and stop a real `streamlit run` on a free local port, for tests and benchmarks."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Server:
    """A running `streamlit run SCRIPT`."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_healthy(server: Server, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"streamlit run stopped:\n{server.output()}")
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"streamlit run not healthy after {timeout} s:\n{server.output()}")


def start_server(
    log_dir: Path,
    script: Path = PROJECT_ROOT / "app.py",
    env: dict[str, str] | None = None,
    options: dict[str, str] | None = None,
) -> Server:
    """Start `streamlit run script` as scripts/run does, on 127.0.0.1 and a free port."""
    server = launch_server(log_dir, script, env, options)
    _wait_until_healthy(server, timeout=60)
    return server


def wait_until_healthy(servers: list[Server], timeout: float = 60) -> None:
    """Wait for servers launched together (they start in parallel)."""
    for server in servers:
        _wait_until_healthy(server, timeout)


def launch_server(
    log_dir: Path,
    script: Path = PROJECT_ROOT / "app.py",
    env: dict[str, str] | None = None,
    options: dict[str, str] | None = None,
    port: int | None = None,
) -> Server:
    """Start `streamlit run script` on 127.0.0.1 and `port` (a free one by default); do not wait."""
    port = port or free_port()
    log = log_dir / f"streamlit-{port}.log"
    settings = {
        "server.port": str(port),
        "server.address": "127.0.0.1",
        "server.headless": "true",
        **(options or {}),
    }
    command = [sys.executable, "-m", "streamlit", "run", str(script)]
    command += [f"--{key}={value}" for key, value in settings.items()]
    process = subprocess.Popen(
        command,
        cwd=PROJECT_ROOT,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        env={**os.environ, **(env or {})},
    )
    return Server(f"http://127.0.0.1:{port}", process, log)


def stop_server(server: Server) -> None:
    """Stop as an administrator would (SIGTERM): Streamlit closes its sessions first (0.5 to
    0.7 s, measured)."""
    stop_servers([server])


def stop_servers(servers: list[Server]) -> None:
    """Stop each as an administrator would (SIGTERM), all told at once so that their closing
    times overlap; one still running after 10 s is killed."""
    for server in servers:
        server.process.terminate()
    for server in servers:
        try:
            server.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.process.kill()


def kill_server(server: Server) -> None:
    """Stop at once (SIGKILL): a test's server once its tests are over, whose way of stopping no
    test watches (a restart that a test does watch uses stop_server)."""
    server.process.kill()
    server.process.wait()
