"""Uploads scanned by ClamAV's daemon (clamd), when the deployment has one: `HONLAC_CLAMAV_URL` names it
(`tcp://127.0.0.1:3310` or `unix:///run/clamav/clamd.ctl`); unset, nothing is scanned.

The file is sent with clamd's INSTREAM command, in chunks, and clamd answers `stream: OK` or
`stream: <signature> FOUND`. A daemon that does not answer, or answers anything else, fails the scan: the upload
is then refused, never let through unscanned.
"""

import socket
import struct
from urllib.parse import urlsplit

from django.conf import settings

CHUNK = 64 * 1024


class ScannerUnavailable(Exception):
    """clamd could not be reached, or gave no clear answer."""


def scanning_enabled():
    return bool(getattr(settings, "HONLAC_CLAMAV_URL", ""))


def scan(uploaded):
    """The name of the virus clamd found in `uploaded` (a Django uploaded file), or None if it found none.

    Raises ScannerUnavailable when clamd does not answer in HONLAC_CLAMAV_TIMEOUT seconds or answers oddly.
    """
    uploaded.seek(0)
    try:
        with _connect() as connection:
            connection.sendall(b"zINSTREAM\0")
            for chunk in uploaded.chunks(CHUNK):
                connection.sendall(struct.pack(">I", len(chunk)) + chunk)
            connection.sendall(struct.pack(">I", 0))
            answer = _read_answer(connection)
    except OSError as error:
        raise ScannerUnavailable(str(error)) from error
    finally:
        uploaded.seek(0)
    if answer == "stream: OK":
        return None
    if answer.startswith("stream: ") and answer.endswith(" FOUND"):
        return answer[len("stream: ") : -len(" FOUND")]
    raise ScannerUnavailable(answer or "no answer")


def _connect():
    url = urlsplit(settings.HONLAC_CLAMAV_URL)
    timeout = getattr(settings, "HONLAC_CLAMAV_TIMEOUT", 30)
    if url.scheme == "unix":
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.settimeout(timeout)
        try:
            connection.connect(url.path)
        except OSError:
            connection.close()
            raise
        return connection
    if url.scheme == "tcp" and url.hostname:
        return socket.create_connection((url.hostname, url.port or 3310), timeout=timeout)
    raise ScannerUnavailable(f"HONLAC_CLAMAV_URL must be tcp://host:port or unix:///path, not {url.geturl()}")


def _read_answer(connection):
    answer = b""
    while not answer.endswith(b"\0") and len(answer) < 4096:
        data = connection.recv(4096)
        if not data:
            break
        answer += data
    return answer.rstrip(b"\0").decode("utf-8", "replace").strip()
