"""``update``: download from a local HTTP server; failures leave the store unchanged."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

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


def test_a_download_that_is_no_list_names_the_url_not_a_temp_file(
    server: str, tmp_path: Path
) -> None:
    with pytest.raises(DownloadError) as err:
        update(Store(tmp_path / "s"), url=f"{server}/garbage.csv", timeout=5)
    assert err.value.message.startswith(f"The file downloaded from {server}/garbage.csv")
    assert ".tmp-" not in err.value.message and "garbage.csv:" not in err.value.message


def test_connection_refused(tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(DownloadError, match="failed"):
        update(Store(tmp_path), url=f"http://127.0.0.1:{port}/x.csv", timeout=5)


class Conditional(BaseHTTPRequestHandler):
    """Serves MINI with an ETag; answers 304 to a matching If-None-Match. ``/big`` has no
    Content-Length and streams more than any small cap."""

    requests: ClassVar[list[dict[str, str]]] = []

    def do_GET(self) -> None:
        Conditional.requests.append(dict(self.headers))
        if self.path == "/big.csv":
            self.send_response(200)
            self.end_headers()
            self.wfile.write(MINI * 50)
            return
        if self.headers.get("If-None-Match") == '"v1"':
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("ETag", '"v1"')
        self.send_header("Content-Length", str(len(MINI)))
        self.end_headers()
        self.wfile.write(MINI)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def conditional() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Conditional)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Conditional.requests = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_unchanged_list_is_already_up_to_date(conditional: str, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from screen.cli import cli

    env = {"SCREEN_LISTS_DIR": str(tmp_path)}
    url = f"{conditional}/consolidated.csv"
    first = CliRunner().invoke(cli, ["lists", "update", "--url", url], env=env)
    assert first.exit_code == 0 and "Stored snapshot consolidated_2020-05-01" in first.stdout
    again = CliRunner().invoke(cli, ["lists", "update", "--url", url], env=env)
    assert again.exit_code == 0
    assert again.stdout == (
        "Already up to date: not modified since the last update (HTTP "
        "304); snapshot consolidated_2020-05-01.\n"
    )
    assert Conditional.requests[-1].get("If-None-Match") == '"v1"'
    assert [m.name for m in Store(tmp_path).list()] == ["consolidated_2020-05-01"]


def test_same_content_without_validators_is_up_to_date(server: str, tmp_path: Path) -> None:
    from screen.update import update_list

    store = Store(tmp_path)
    store.import_file(Path(__file__).parent / "data" / "mini_csl.csv", name="local")
    result = update_list(store, url=f"{server}/consolidated.csv", timeout=5)
    assert (result.new, result.meta.name, result.reason) == (
        False,
        "local",
        "same content as snapshot local",
    )


@pytest.mark.parametrize("path", ["/consolidated.csv", "/big.csv"])
def test_download_size_is_capped(conditional: str, tmp_path: Path, path: str) -> None:
    store = Store(tmp_path / "s")
    with pytest.raises(DownloadError, match="larger than the limit"):
        update(store, url=conditional + path, timeout=5, max_bytes=len(MINI) - 1)
    assert not store.root.exists() or list(store.root.iterdir()) == []


def test_download_streams_into_the_store_not_tmp(
    server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "systmp"))
    (tmp_path / "systmp").mkdir()
    meta = update(Store(tmp_path / "s"), url=f"{server}/consolidated.csv", timeout=5)
    assert meta.entry_count == 3 and list((tmp_path / "systmp").iterdir()) == []
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == [
        ".lock",
        ".update-state.json",
        meta.name,
    ]
