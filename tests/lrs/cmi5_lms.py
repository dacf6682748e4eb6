"""A small cmi5 LMS for the records tests, in front of Ralph (which has no State API):
`python cmi5_lms.py PORT LAUNCH_FILE LOG_FILE`, with RALPH_ENDPOINT, RALPH_KEY and RALPH_SECRET
in the environment. Python's standard library only.

What it does, as a cmi5 LMS must for one launched AU (cmi5 spec, sections 8 and 10):
- POST /fetch?session=S answers the auth token the first time, and cmi5's error (code 1, "the
  token was already fetched") every time after.
- GET /xAPI/activities/state?stateId=LMS.LaunchData answers the launch data in LAUNCH_FILE
  (JSON: the context template, launch mode, masteryScore, moveOn, launch parameters) when the
  activity, agent and registration are the launch's; 404 otherwise.
- GET /xAPI/agents/profile?profileId=cmi5LearnerPreferences answers 404 (no preferences set).
- PUT and POST /xAPI/statements with the token are passed to Ralph with Ralph's credentials,
  and Ralph's answer is passed back; a request without the token is refused (401).
Every request is written to LOG_FILE as one JSON line, so the test can count fetches and see
what the AU sent, in order.
"""

import base64
import json
import os
import secrets
import sys
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(sys.argv[1])
with open(sys.argv[2], encoding="utf-8") as launch_file:
    LAUNCH = json.load(launch_file)
LOG = sys.argv[3]
RALPH = os.environ["RALPH_ENDPOINT"].rstrip("/") + "/"
RALPH_AUTH = "Basic " + base64.b64encode(
    f"{os.environ['RALPH_KEY']}:{os.environ['RALPH_SECRET']}".encode()
).decode()
TOKEN = secrets.token_urlsafe(24)
fetched = set()


def log(entry):
    with open(LOG, "a", encoding="utf-8") as out:
        out.write(json.dumps(entry) + "\n")


class Lms(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, code, body=b"", content_type="application/json", headers=()):
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Experience-API-Version", "1.0.3")
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def authorised(self):
        return self.headers.get("Authorization") == "Basic " + TOKEN

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/fetch":
            self.body()
            session = urllib.parse.parse_qs(url.query).get("session", [""])[0]
            first = session not in fetched
            fetched.add(session)
            log({"request": "fetch", "session": session, "first": first})
            if first:
                self.answer(200, json.dumps({"auth-token": TOKEN}).encode())
            else:
                error = {"error-code": "1", "error-text": "the auth token was already fetched for this session"}
                self.answer(200, json.dumps(error).encode())
            return
        self.statements("POST")

    def do_PUT(self):
        self.statements("PUT")

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        query = {key: values[0] for key, values in urllib.parse.parse_qs(url.query).items()}
        if not self.authorised():
            log({"request": "GET " + url.path, "refused": "no token"})
            self.answer(401, b'{"error":"no valid auth token"}')
            return
        if url.path == "/xAPI/activities/state" and query.get("stateId") == "LMS.LaunchData":
            agent = json.loads(query.get("agent", "null"))
            ours = (
                query.get("activityId") == LAUNCH["activityId"]
                and query.get("registration") == LAUNCH["registration"]
                and agent == LAUNCH["actor"]
            )
            log({"request": "launch-data", "matched": ours})
            if ours:
                self.answer(200, json.dumps(LAUNCH["launchData"]).encode())
            else:
                self.answer(404, b'{"error":"no such state"}')
            return
        if url.path == "/xAPI/agents/profile":
            log({"request": "agent-profile", "profileId": query.get("profileId")})
            self.answer(404, b'{"error":"no such profile"}')
            return
        log({"request": "GET " + url.path, "refused": "not served"})
        self.answer(404, b'{"error":"not served by this LMS"}')

    def statements(self, method):
        url = urllib.parse.urlsplit(self.path)
        body = self.body()
        if url.path != "/xAPI/statements":
            self.answer(404, b'{"error":"not served by this LMS"}')
            return
        if not self.authorised():
            log({"request": method + " statements", "refused": "no token"})
            self.answer(401, b'{"error":"no valid auth token"}')
            return
        sent = json.loads(body or b"null")
        log({"request": method + " statements", "statements": sent if isinstance(sent, list) else [sent]})
        target = RALPH + "statements" + ("?" + url.query if url.query else "")
        request = urllib.request.Request(target, data=body, method=method)
        request.add_header("Authorization", RALPH_AUTH)
        request.add_header("Content-Type", "application/json")
        request.add_header("X-Experience-API-Version", "1.0.3")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                self.answer(response.status, response.read())
        except urllib.error.HTTPError as error:
            self.answer(error.code, error.read())
        except OSError as error:
            self.answer(502, json.dumps({"error": f"the LRS behind this LMS: {error}"}).encode())


ThreadingHTTPServer(("127.0.0.1", PORT), Lms).serve_forever()
