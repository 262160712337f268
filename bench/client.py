"""A small HTTP client for the bench: one browser session (cookies, CSRF token) against 127.0.0.1 only.

http.client rather than urllib: the portal's cookies are marked Secure (it runs with DEBUG off), and a standard
cookie jar would not send them back over the plain HTTP of the bench; redirects are not followed either.
"""

import http.client
import re
import secrets
import time
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode

HOST = "127.0.0.1"
CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


class HTTPError(Exception):
    pass


class Browser:
    def __init__(self, port, *, timeout=60):
        self.port = port
        self.timeout = timeout
        self.cookies = {}

    def request(self, method, path, data=None):
        """Send one request on a new connection; returns (status, headers, body, seconds)."""
        headers = {"Host": f"{HOST}:{self.port}", "User-Agent": "honlac-bench"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        connection = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        elapsed = time.perf_counter() - started
        for header in response.headers.get_all("Set-Cookie") or []:
            self._store(header)
        return response.status, response.headers, content, elapsed

    def _store(self, header):
        cookie = SimpleCookie()
        cookie.load(header)
        for name, morsel in cookie.items():
            if morsel["max-age"] == "0" or not morsel.value or morsel.value == '""':
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = morsel.value

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, data):
        return self.request("POST", path, data)

    def sign_in(self, username, password):
        status, _headers, content, _elapsed = self.get("/accounts/login/")
        match = CSRF_FIELD.search(content)
        if status != 200 or match is None:
            raise HTTPError(f"login page answered {status}")
        data = {"csrfmiddlewaretoken": match.group(1).decode(), "username": username, "password": password, "next": ""}
        status, _headers, _content, _elapsed = self.post("/accounts/login/", data)
        if status != 302 or "sessionid" not in self.cookies:
            raise HTTPError(f"{username} could not sign in (answer {status})")


class FormFields(HTMLParser):
    """The fields of the response form: the hidden version, the CSRF token, each text and its status."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.values = {}
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name") or ""
        if tag == "textarea" and name.startswith("text_"):
            self._textarea = name
            self.values[name] = ""
        elif tag == "input" and (name in ("version", "csrfmiddlewaretoken") or name.startswith("status_")):
            if attrs.get("type") == "radio":
                self.values.setdefault(name, "")
                if "checked" in attrs:
                    self.values[name] = attrs.get("value", "")
            else:
                self.values[name] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


def form_fields(content):
    """Field name -> value, as a browser would send them (character references decoded by the parser)."""
    parser = FormFields()
    parser.feed(content.decode())
    values = parser.values
    # Django prints a newline right after <textarea>, which browsers drop.
    for name, value in values.items():
        if name.startswith("text_") and value.startswith("\n"):
            values[name] = value[1:]
    return values


CHANGED_ANSWERS_PER_SAVE = 3


def change_answers(fields, *, code, save, user_index):
    """Change, in place, the measures of CHANGED_ANSWERS_PER_SAVE answers of a response form's `fields`: for save
    number `save` (from 0) of the `user_index`-th focal point (of State `code`), each save others."""
    texts = sorted(name for name in fields if name.startswith("text_"))
    for offset in range(CHANGED_ANSWERS_PER_SAVE):
        name = texts[(save * CHANGED_ANSWERS_PER_SAVE + offset + user_index) % len(texts)]
        fields[name] = f"Measures reported by {code}, save {save + 1}: {secrets.token_hex(8)}."
