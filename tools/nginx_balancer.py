"""The course as several `streamlit run` processes behind nginx on one machine: every core used.

`scripts/run-multi [N]` runs `python -m tools.nginx_balancer`; bench/suite/ and
tests/e2e/test_multi_process.py start the same set-up with `start_balanced()`.

- N Streamlit processes (default: one per core) on 127.0.0.1, consecutive ports; all share the
  course's database (the SQLite file in WAL mode, or PostgreSQL when $COURSE_DATABASE_URL is set,
  given to every process by the environment) and `static/` (one folder, one machine), and one
  cookie secret (XSRF tokens valid on each).
- Debian's nginx in front of them, run as a child (`daemon off`) with its configuration, pid file
  and temporary files in a folder of its own, removed on exit.
- Sticky sessions by a cookie, not `ip_hash`: a room of phones behind one Wi-Fi box shares one
  address and would all land on one process. A browser's first request goes round-robin; the
  answer sets `cours_serveur=<n>`, the process that answered; later requests carrying the
  cookie (the websocket, uploads, media) go to that process, or to another if it stopped.
- Websockets passed through (HTTP/1.1, Upgrade and Connection headers, day-long timeouts), the
  browser's Host kept (Streamlit checks the websocket's Origin against it), and
  `X-Forwarded-For` set to the address nginx saw (replaced, never appended to): the course
  believes it from this machine (course/storage/guard.py) to slow down guessing per device.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from tools.streamlit_server import (
    PROJECT_ROOT,
    Server,
    free_port,
    launch_server,
    stop_servers,
    wait_until_healthy,
)

NGINX = os.environ.get("COURSE_NGINX", "/usr/sbin/nginx")
COOKIE = "cours_serveur"

CONFIG = """# Written by tools/nginx_balancer.py; removed when the course stops.
{user}worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 4096; }}

http {{
    access_log off;
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    client_max_body_size 2m;  # .streamlit/config.toml: maxUploadSize = 1 (MB)

    map $http_upgrade $connection_upgrade {{
        default upgrade;
        ''      close;
    }}
    # The cookie names the browser's process; none (a first visit) or unknown: round-robin.
    map $cookie_{cookie} $course_upstream {{
        default course;
{routes}
    }}
    # Set on each answer to the process that answered (after a failover too).
    map $upstream_addr $course_cookie {{
        default "";
{cookies}
    }}

    upstream course {{
{servers}
    }}
{pinned}
    server {{
        listen {listen};
        location / {{
            proxy_pass http://$course_upstream;
            proxy_http_version 1.1;
            proxy_set_header Host $http_host;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_read_timeout 86400s;
            proxy_send_timeout 86400s;
            proxy_buffering off;
            add_header Set-Cookie $course_cookie;
        }}
    }}
{second_device}}}
"""

# For tests: a second door on loopback whose requests reach the balancer from 127.0.0.2, so the
# course sees a second device without any traffic leaving the loopback range.
SECOND_DEVICE = """    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://127.0.0.1:{balancer};
            proxy_bind 127.0.0.2;
            proxy_http_version 1.1;
            proxy_set_header Host $http_host;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_read_timeout 86400s;
            proxy_buffering off;
        }}
    }}
"""


def nginx_config(
    folder: Path, listen: str, ports: list[int], second_device_port: int | None = None
) -> str:
    """nginx's configuration for processes on 127.0.0.1:`ports` (see the module docstring)."""
    addresses = [f"127.0.0.1:{port}" for port in ports]
    pinned = []
    for number, address in enumerate(addresses, start=1):
        others = "".join(f"        server {a} backup;\n" for a in addresses if a != address)
        pinned.append(
            f"    upstream course_{number} {{\n        server {address};\n{others}    }}\n"
        )
    return CONFIG.format(
        user="user nobody nogroup;\n" if os.geteuid() == 0 else "",
        folder=folder,
        cookie=COOKIE,
        listen=listen,
        routes="\n".join(
            f'        "{number}" course_{number};' for number in range(1, len(ports) + 1)
        ),
        cookies="\n".join(
            f'        "{address}" "{COOKIE}={number}; Path=/; HttpOnly; SameSite=Lax";'
            for number, address in enumerate(addresses, start=1)
        ),
        servers="\n".join(f"        server {address};" for address in addresses),
        pinned="".join(pinned),
        second_device=SECOND_DEVICE.format(
            port=second_device_port, balancer=listen.rsplit(":", 1)[1]
        )
        if second_device_port
        else "",
    )


@dataclass
class Balanced:
    """N course processes behind one nginx."""

    url: str  # nginx's address
    servers: list[Server]
    nginx: subprocess.Popen[bytes] | None = None
    folder: Path = field(default_factory=Path)
    second_device_port: int | None = None  # tests: requests from there reach nginx from 127.0.0.2

    @property
    def pids(self) -> list[int]:
        """The Streamlit processes (nginx's own work is not counted)."""
        return [server.process.pid for server in self.servers]

    def nginx_log(self) -> str:
        path = self.folder / "error.log"
        return path.read_text(errors="replace") if path.exists() else ""


def _wait_for(url: str, process: subprocess.Popen[bytes], log: Balanced, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx stopped:\n{log.nginx_log()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nginx not answering after {timeout} s:\n{log.nginx_log()}")


def start_balanced(
    processes: int,
    log_dir: Path,
    env: dict[str, str] | None = None,
    script: Path = PROJECT_ROOT / "app.py",
    address: str = "127.0.0.1",
    port: int | None = None,
    first_backend_port: int | None = None,
    second_device: bool = False,
) -> Balanced:
    """Start `processes` × `streamlit run script` and nginx in front on `address:port`."""
    if not Path(NGINX).exists():
        raise RuntimeError(f"nginx introuvable ({NGINX}) : lancez scripts/setup --multi.")
    shared = {"STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32), **(env or {})}
    ports = [
        first_backend_port + number if first_backend_port else free_port()
        for number in range(processes)
    ]
    balanced = Balanced("", [])
    try:
        for backend in ports:
            balanced.servers.append(launch_server(log_dir, script, shared, port=backend))
        wait_until_healthy(balanced.servers)
        # Its own folder under /tmp, reachable by nginx's unprivileged workers when run as root.
        balanced.folder = Path(tempfile.mkdtemp(prefix="course-nginx-"))
        balanced.folder.chmod(0o711)
        listen_port = port or free_port()
        config = balanced.folder / "nginx.conf"
        balanced.second_device_port = free_port() if second_device else None
        config.write_text(
            nginx_config(
                balanced.folder, f"{address}:{listen_port}", ports, balanced.second_device_port
            )
        )
        command = [NGINX, "-p", str(balanced.folder), "-e", str(balanced.folder / "error.log")]
        balanced.nginx = subprocess.Popen(
            [*command, "-c", str(config), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=(balanced.folder / "stderr.log").open("wb"),
        )
        host = "127.0.0.1" if address in ("0.0.0.0", "") else address
        balanced.url = f"http://{host}:{listen_port}"
        _wait_for(balanced.url, balanced.nginx, balanced, timeout=30)
    except BaseException:
        stop_balanced(balanced)
        raise
    return balanced


def stop_balanced(balanced: Balanced) -> None:
    """Stop nginx, then every process; remove nginx's folder."""
    if balanced.nginx is not None and balanced.nginx.poll() is None:
        balanced.nginx.terminate()
        try:
            balanced.nginx.wait(timeout=10)
        except subprocess.TimeoutExpired:
            balanced.nginx.kill()
    stop_servers([server for server in balanced.servers if server.process.poll() is None])
    if balanced.folder != Path() and balanced.folder.exists():
        shutil.rmtree(balanced.folder, ignore_errors=True)


def _stop_on_signal(number: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main() -> None:
    parser = argparse.ArgumentParser(description="Le cours sur plusieurs processus derrière nginx.")
    parser.add_argument(
        "processes", nargs="?", type=int, default=os.cpu_count() or 1, help="processus Streamlit"
    )
    parser.add_argument("--address", default="0.0.0.0", help="adresse d'écoute de nginx")
    parser.add_argument("--port", type=int, default=8501, help="port de nginx")
    parser.add_argument(
        "--backend-port", type=int, default=8511, help="premier port des processus (127.0.0.1)"
    )
    args = parser.parse_args()
    if args.processes < 1:
        parser.error("au moins un processus")
    signal.signal(signal.SIGTERM, _stop_on_signal)
    logs = Path(tempfile.mkdtemp(prefix="course-multi-logs-"))
    balanced = Balanced("", [])
    try:
        balanced = start_balanced(
            args.processes,
            logs,
            address=args.address,
            port=args.port,
            first_backend_port=args.backend_port,
        )
        shown = "localhost" if args.address in ("0.0.0.0", "") else args.address
        print(
            f"Le cours tourne sur {args.processes} processus derrière nginx\u00a0: "
            f"http://{shown}:{args.port} (journaux\u00a0: {logs}). Ctrl+C pour arrêter.",
            flush=True,
        )
        while all(s.process.poll() is None for s in balanced.servers) and (
            balanced.nginx is not None and balanced.nginx.poll() is None
        ):
            time.sleep(1)
        print("Un processus s'est arrêté\u00a0: arrêt du cours.", flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        stop_balanced(balanced)


if __name__ == "__main__":
    main()
