import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import Client

from meetings.documents import PRINT_STATIC_URL
from tests.factories import focal_point, open_questionnaire, secretariat_user
from tests.security.helpers import LEAKED_CSS, LEAKED_SVG


@pytest.fixture
def questionnaire(db):
    """Meeting 32 of HONLAC with its open questionnaire on the three recommendations of meeting 31."""
    return open_questionnaire()


@pytest.fixture
def clients(db):
    """A signed-in test client per role: "ECU", "MEX" and "COL" focal points, and the "secretariat"."""
    users = {code: focal_point(code) for code in ("ECU", "MEX", "COL")}
    users["secretariat"] = secretariat_user()
    result = {}
    for name, user in users.items():
        result[name] = Client()
        result[name].force_login(user)
        result[name].user = user
    return result


@pytest.fixture
def outside_server():
    """A web server on 127.0.0.1 that notes every request: it serves a leaking stylesheet and image, and
    `/redirect` sends on to a static file of the portal's own print address."""
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            if self.path.startswith("/redirect"):
                self.send_response(302)
                self.send_header("Location", PRINT_STATIC_URL + "print/un.css")
                self.end_headers()
                return
            css = self.path.endswith(".css")
            body = (LEAKED_CSS if css else LEAKED_SVG).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/css" if css else "image/svg+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()
    server.server_close()
