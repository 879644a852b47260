#!/usr/bin/env python3
"""The scripted OAuth 2.0 token server of the test stack, named as such.

Google's and Microsoft's token endpoints cannot run on a test machine, so this small
program plays both of their parts that a mail login touches, on 127.0.0.1 only:

  POST /token          the refresh-token grant (RFC 6749 6): checks client_id, client_secret
                       (form fields or HTTP Basic) and the refresh token, and issues a random
                       access token that lives `expires_in` seconds. An unknown refresh token
                       gets HTTP 400 {"error": "invalid_grant", ...}, as Google answers; a
                       wrong client gets HTTP 401 {"error": "invalid_client", ...}.
  POST /introspect     token introspection (RFC 7662), what Dovecot's oauth2 passdb asks on
                       every XOAUTH2 / OAUTHBEARER login: {"active": true, "username": ...}
                       while the token is known, unexpired and not revoked, else
                       {"active": false}.

and a few control endpoints for the tests (never part of a real provider):

  POST /control/grants   username=U [&expires_in=S]: a new refresh token for U, so each test
                         counts its own requests.                 -> {"refresh_token": ...}
  POST /control/revoke   [refresh_token=R] [&grant=yes]: every access token issued so far
                         (for R, or for all grants) stops being active at once, as when a
                         provider drops its sessions; the refresh token still works unless
                         grant=yes revokes it too (the user removed the app's access).
                                                                  -> {"revoked": n}
  GET  /control/stats    [?refresh_token=R]: counts, for R or overall:
                         {"token_requests", "tokens_issued", "introspections",
                          "introspections_refused"}

State is in memory only: stopping the server forgets every grant and token. Only the
standard library is used.
"""

import argparse
import base64
import json
import secrets
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

COUNTERS = ("token_requests", "tokens_issued", "introspections", "introspections_refused")


class Grant:
    """One refresh token: whose mailbox it opens and how long its access tokens live."""

    def __init__(self, username, expires_in):
        self.username = username
        self.expires_in = expires_in
        self.revoked = False
        self.counts = dict.fromkeys(COUNTERS, 0)


class State:
    """Grants and issued access tokens, behind one lock (the server is threaded)."""

    def __init__(self, client_id, client_secret, expires_in):
        self.client_id = client_id
        self.client_secret = client_secret
        self.expires_in = expires_in
        self.lock = threading.Lock()
        self.grants = {}   # refresh token -> Grant (kept when revoked, for its counts)
        self.tokens = {}   # access token -> [refresh token, expiry as time.time()]
        self.counts = dict.fromkeys(COUNTERS, 0)

    def count(self, name, grant=None):
        self.counts[name] += 1
        if grant is not None:
            grant.counts[name] += 1

    def add_grant(self, refresh_token, username, expires_in=None):
        with self.lock:
            self.grants[refresh_token] = Grant(username, self.expires_in if expires_in is None else expires_in)

    def issue(self, refresh_token):
        """A new access token for the grant, or None when the refresh token is unknown."""
        with self.lock:
            grant = self.grants.get(refresh_token)
            self.count("token_requests", grant)
            if grant is None or grant.revoked:
                return None
            token = "test-access-" + secrets.token_urlsafe(24)
            self.tokens[token] = [refresh_token, time.time() + grant.expires_in]
            self.count("tokens_issued", grant)
            return token, grant.expires_in

    def introspect(self, token):
        """The username a token opens, or None when it is unknown, expired or revoked
        (a revoked token keeps its entry, ended, so it still counts for its grant)."""
        with self.lock:
            refresh_token, expiry = self.tokens.get(token, (None, 0))
            grant = self.grants.get(refresh_token)
            self.count("introspections", grant)
            if grant is None or time.time() >= expiry:
                self.count("introspections_refused", grant)
                return None
            return grant.username, int(expiry)

    def revoke(self, refresh_token=None, grant=False):
        """Ends the access tokens of one grant (or all) now; returns how many were live."""
        with self.lock:
            now = time.time()
            revoked = 0
            for entry in self.tokens.values():
                if (refresh_token is None or entry[0] == refresh_token) and entry[1] > now:
                    entry[1] = now
                    revoked += 1
            if grant:
                for key, value in self.grants.items():
                    if refresh_token is None or key == refresh_token:
                        value.revoked = True
            return revoked

    def stats(self, refresh_token=None):
        with self.lock:
            if refresh_token is None:
                return dict(self.counts)
            grant = self.grants.get(refresh_token)
            return dict(grant.counts) if grant else None


class Handler(BaseHTTPRequestHandler):
    # HTTP/1.1 with a Content-Length on every answer: Dovecot's HTTP client keeps its
    # connection open between introspections.
    protocol_version = "HTTP/1.1"
    server_version = "ScriptedOAuthTokenServer/1"

    @property
    def state(self):
        return self.server.state

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def form(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        return {key: values[-1] for key, values in urllib.parse.parse_qs(body, keep_blank_values=True).items()}

    def basic_credentials(self):
        header = self.headers.get("Authorization", "")
        if not header.lower().startswith("basic "):
            return None, None
        try:
            user, _, password = base64.b64decode(header[6:]).decode().partition(":")
        except (ValueError, UnicodeDecodeError):
            return None, None
        return urllib.parse.unquote(user), urllib.parse.unquote(password)

    def do_POST(self):
        path = urllib.parse.urlsplit(self.path).path
        form = self.form()
        if path == "/token":
            self.token(form)
        elif path == "/introspect":
            self.introspect(form)
        elif path == "/control/grants":
            self.new_grant(form)
        elif path == "/control/revoke":
            revoked = self.state.revoke(form.get("refresh_token"), grant=form.get("grant") == "yes")
            self.answer(200, {"revoked": revoked})
        else:
            self.answer(404, {"error": "not_found"})

    def do_GET(self):
        parts = urllib.parse.urlsplit(self.path)
        if parts.path == "/control/stats":
            query = dict(urllib.parse.parse_qsl(parts.query))
            stats = self.state.stats(query.get("refresh_token"))
            if stats is None:
                self.answer(404, {"error": "unknown refresh_token"})
            else:
                self.answer(200, stats)
        else:
            self.answer(404, {"error": "not_found"})

    def token(self, form):
        if form.get("grant_type") != "refresh_token":
            self.answer(400, {"error": "unsupported_grant_type",
                              "error_description": "Only the refresh_token grant is served here."})
            return
        basic_id, basic_secret = self.basic_credentials()
        client_id = form.get("client_id", basic_id)
        client_secret = form.get("client_secret", basic_secret)
        if client_id != self.state.client_id or client_secret != self.state.client_secret:
            with self.state.lock:
                self.state.count("token_requests")
            self.answer(401, {"error": "invalid_client", "error_description": "The OAuth client was not found."})
            return
        issued = self.state.issue(form.get("refresh_token", ""))
        if issued is None:
            self.answer(400, {"error": "invalid_grant", "error_description": "Token has been expired or revoked."})
            return
        token, expires_in = issued
        self.answer(200, {"access_token": token, "expires_in": expires_in, "token_type": "Bearer",
                          "scope": "https://mail.google.com/"})

    def introspect(self, form):
        found = self.state.introspect(form.get("token", ""))
        if found is None:
            self.answer(200, {"active": False})
        else:
            username, expiry = found
            self.answer(200, {"active": True, "username": username, "exp": expiry,
                              "client_id": self.state.client_id, "token_type": "Bearer"})

    def new_grant(self, form):
        username = form.get("username", "")
        if "@" not in username:
            self.answer(400, {"error": "username=ADDRESS is required"})
            return
        try:
            expires_in = int(form["expires_in"]) if "expires_in" in form else None
        except ValueError:
            self.answer(400, {"error": "expires_in must be a number of seconds"})
            return
        refresh_token = "test-refresh-" + secrets.token_urlsafe(24)
        self.state.add_grant(refresh_token, username, expires_in)
        self.answer(200, {"refresh_token": refresh_token})

    def log_request(self, code="-", size="-"):
        # The path without its query: nothing secret reaches the log.
        path = urllib.parse.urlsplit(self.path).path
        self.log_message("%s %s -> %s", self.command, path, code)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--client-secret", required=True)
    parser.add_argument("--expires-in", type=int, default=3600, help="access token life in seconds")
    parser.add_argument("--grant", action="append", default=[], metavar="REFRESH_TOKEN=USERNAME",
                        help="a refresh token that is valid from the start")
    args = parser.parse_args()

    state = State(args.client_id, args.client_secret, args.expires_in)
    for grant in args.grant:
        refresh_token, _, username = grant.partition("=")
        state.add_grant(refresh_token, username)
    # Loopback only, whatever the caller asks: this server hands out mail logins.
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.state = state
    sys.stderr.write("scripted OAuth token server on 127.0.0.1:%d\n" % args.port)
    sys.stderr.flush()
    server.serve_forever()


if __name__ == "__main__":
    main()
