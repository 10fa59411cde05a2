"""``update``: download from a local HTTP server; failures leave the store unchanged."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from screen.errors import DownloadError
from screen.store import Store
from screen.update import update

MINI = (Path(__file__).parent / "data" / "mini_csl.csv").read_bytes()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/consolidated.csv":
            self._send(200, MINI, len(MINI))
        elif self.path == "/truncated.csv":
            self._send(200, MINI[:300], len(MINI))
        elif self.path == "/garbage.csv":
            self._send(200, b"hello,world\n1,2\n", 16)
        else:
            self._send(404, b"not found", 9)

    def _send(self, code: int, body: bytes, length: int) -> None:
        self.send_response(code)
        self.send_header("Content-Length", str(length))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_update_imports(server: str, tmp_path: Path) -> None:
    store = Store(tmp_path)
    meta = update(store, url=f"{server}/consolidated.csv", timeout=5)
    assert meta.name == "consolidated_2020-05-01" and meta.entry_count == 3
    assert meta.source_file == f"{server}/consolidated.csv"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing.csv", "HTTP 404"),
        ("/truncated.csv", "incomplete: received 300 of"),
        ("/garbage.csv", "not a valid list"),
    ],
)
def test_update_failures(server: str, tmp_path: Path, path: str, message: str) -> None:
    store = Store(tmp_path / "s")
    with pytest.raises(DownloadError, match=message):
        update(store, url=server + path, timeout=5)
    assert store.list() == []
    assert not store.root.exists() or list(store.root.iterdir()) == []


def test_connection_refused(tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(DownloadError, match="failed"):
        update(Store(tmp_path), url=f"http://127.0.0.1:{port}/x.csv", timeout=5)
