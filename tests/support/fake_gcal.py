#!/usr/bin/env python3
"""A stand-in for Google Calendar API v3 and Google's OAuth endpoints, for focusd's tests.

Speaks the wire format on 127.0.0.1 (port 0 unless --port): events list (paging with
maxResults/pageToken, sync tokens, 410 for stale ones, singleEvents expansion of DAILY/WEEKLY
rules with COUNT, timeMin/timeMax), get, insert (409 on a duplicate id, also a deleted one),
patch (objects merge, arrays replace, null removes; with `attendeesOmitted: true` the attendee
entries sent only change those guests' responseStatus and comment, matched by address, and an
empty comment clears one), delete, calendarList, an OAuth token
endpoint (authorization_code with PKCE checked when the code was asked with a challenge,
refresh_token, and the service-account JWT-bearer grant, whose assertion shape and claims are
checked; signatures are not), and an authorization page that redirects straight back with a
code and the `state` it was given (the "browser").

Domain-wide delegation: the JWT grant is accepted for the user and for every address added
with /_control/delegate; the token acts for its `sub`, and `primary` is that user's own
calendar (seeded with `"calendar": ADDRESS`). A `sub` not delegated gets `unauthorized_client`,
as from Google.

Control endpoints under /_control/: counts, reset, fault injection, seeding, raw stored JSON,
the request log, expiring sync tokens and access tokens, and the requests a delay holds (how
many are held now; release them all at once). Prints "PORT <n>" when ready. Each request is
served on a thread of its own, so a held one never stops the others. Standard library only.
"""

import argparse
import base64
import copy
import hashlib
import datetime as dt
import json
import re
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.RLock()
# Requests held by a delay fault wait on this until their time is up or a release comes.
HELD = threading.Condition()
ID_RE = re.compile(r"^[a-v0-9]{5,1024}$")
SCOPE = "https://www.googleapis.com/auth/calendar.events"


def now_rfc3339():
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def parse_time(s):
    if s is None:
        return None
    s = s.replace("Z", "+00:00")
    if "T" not in s:
        d = dt.date.fromisoformat(s)
        return dt.datetime(d.year, d.month, d.day, tzinfo=dt.timezone.utc)
    return dt.datetime.fromisoformat(s).astimezone(dt.timezone.utc)


def when(t):
    """An EventDateTime as a UTC datetime."""
    if not t:
        return None
    return parse_time(t.get("dateTime") or t.get("date"))


def b64url_decode(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


class State:
    def __init__(self, user, client_id, client_secret):
        self.user = user
        self.client_id = client_id
        self.client_secret = client_secret
        self.seq = 0
        self.epoch = 0  # bumped to invalidate every sync and page token (410)
        # calendar id -> {"summary", "timeZone", "events": {id: json}, "seqs": {id: seq},
        #                 "no_focus_time": bool}
        self.calendars = {}
        self.add_calendar(user, user, "Europe/Berlin")
        self.counts = {}
        self.faults = []
        self.log = []
        self.refresh_tokens = {}  # refresh token -> user
        self.access_tokens = {}  # access token -> user
        self.codes = {}  # auth code -> {"user", "scope", "redirect_uri", "challenge", "method"}
        self.auth_requests = []
        self.grants = []
        self.token_n = 0
        self.delegated = set()  # other users the service account may act for (its `sub`)
        self.held = 0  # requests a delay fault holds right now (under HELD)
        self.releases = 0  # bumped by /_control/release (under HELD)

    def add_calendar(self, cal_id, summary, tz):
        self.calendars.setdefault(
            cal_id,
            {"summary": summary, "timeZone": tz, "events": {}, "seqs": {}, "no_focus_time": False},
        )

    def cal(self, cal_id, user=None):
        """A calendar by id; `primary` is the calendar of `user` (the token's), else the user's."""
        if cal_id == "primary":
            cal_id = user or self.user
        return self.calendars.get(cal_id)

    def bump(self):
        self.seq += 1
        return self.seq

    def new_token(self, prefix):
        self.token_n += 1
        return "%s-%d-%s" % (prefix, self.token_n, base64.b32encode(str(time.time()).encode()).decode().strip("="))

    def store(self, cal, ev, creating):
        ev.setdefault("kind", "calendar#event")
        ev.setdefault("status", "confirmed")
        ev.setdefault("eventType", "default")
        if creating:
            ev.setdefault("created", now_rfc3339())
            ev.setdefault("iCalUID", ev["id"] + "@google.com")
            ev.setdefault("sequence", 0)
            ev.setdefault("organizer", {"email": self.user, "self": True})
            # Whoever organizes it created it, unless the seed says otherwise.
            ev.setdefault("creator", copy.deepcopy(ev["organizer"]))
        ev["updated"] = now_rfc3339()
        seq = self.bump()
        ev["etag"] = '"%d"' % seq
        cal["events"][ev["id"]] = ev
        cal["seqs"][ev["id"]] = seq


def expand(ev):
    """Instances of a series with RRULE:FREQ=DAILY|WEEKLY;COUNT=n (enough for the tests)."""
    rules = [r for r in ev.get("recurrence", []) if r.startswith("RRULE:")]
    if not rules:
        return [ev]
    parts = dict(p.split("=", 1) for p in rules[0][6:].split(";"))
    step = {"DAILY": dt.timedelta(days=1), "WEEKLY": dt.timedelta(weeks=1)}[parts["FREQ"]]
    count = int(parts.get("COUNT", "10"))
    start, end = when(ev["start"]), when(ev["end"])
    out = []
    for i in range(count):
        s, e = start + step * i, end + step * i
        inst = copy.deepcopy(ev)
        del inst["recurrence"]
        inst["id"] = "%s_%s" % (ev["id"], s.strftime("%Y%m%dT%H%M%SZ"))
        inst["recurringEventId"] = ev["id"]
        inst["originalStartTime"] = {"dateTime": s.strftime("%Y-%m-%dT%H:%M:%SZ")}
        inst["start"] = {"dateTime": s.strftime("%Y-%m-%dT%H:%M:%SZ")}
        inst["end"] = {"dateTime": e.strftime("%Y-%m-%dT%H:%M:%SZ")}
        out.append(inst)
    return out


def merge(target, patch):
    """Patch semantics: objects merge, arrays and scalars replace, null removes."""
    for k, v in patch.items():
        if v is None:
            target.pop(k, None)
        elif isinstance(v, dict) and isinstance(target.get(k), dict):
            merge(target[k], v)
        else:
            target[k] = copy.deepcopy(v)


def answer_as_guest(target, patch):
    """A PATCH with `attendeesOmitted: true`: how a guest answers. The entries sent change only
    those guests' response and comment; the guest list stays as stored."""
    attendees = target.setdefault("attendees", [])
    for sent in patch.get("attendees") or []:
        email = (sent.get("email") or "").strip().lower()
        entry = next((a for a in attendees if (a.get("email") or "").strip().lower() == email), None)
        if entry is None:
            return False
        for k in ("responseStatus", "additionalGuests"):
            if k in sent:
                entry[k] = sent[k]
        if "comment" in sent:
            if sent["comment"]:
                entry["comment"] = sent["comment"]
            else:
                entry.pop("comment", None)
    rest = {k: v for k, v in patch.items() if k not in ("attendees", "attendeesOmitted")}
    merge(target, rest)
    return True


def error_body(code, reason, message):
    return {"error": {"code": code, "message": message, "errors": [{"domain": "global", "reason": reason, "message": message}]}}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state = None

    def log_message(self, fmt, *args):
        pass

    # -- plumbing -------------------------------------------------------------------------

    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def send(self, code, obj=None, headers=None, raw=None):
        data = raw if raw is not None else (b"" if obj is None else json.dumps(obj).encode())
        self.send_response(code)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if data or code != 204:
            self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if data:
            self.wfile.write(data)

    def do_GET(self):
        self.route("GET")

    def do_POST(self):
        self.route("POST")

    def do_PATCH(self):
        self.route("PATCH")

    def do_DELETE(self):
        self.route("DELETE")

    def do_PUT(self):
        self.route("PUT")

    def route(self, method):
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        q = {k: v[-1] for k, v in query.items()}
        body = self.body()
        path = url.path
        st = self.state
        if path.startswith("/_control/"):
            return self.control(method, path[len("/_control/"):], q, body)
        if path == "/token" and method == "POST":
            return self.token(body)
        if path == "/auth" and method == "GET":
            return self.authorize(q)
        m = re.match(r"^/calendar/v3/(.*)$", path)
        if not m:
            return self.send(404, error_body(404, "notFound", "Not Found"))
        rest = [urllib.parse.unquote(p) for p in m.group(1).split("/")]
        kind = self.kind_of(method, rest)
        with LOCK:
            st.counts[kind] = st.counts.get(kind, 0) + 1
            st.log.append({"kind": kind, "method": method, "path": path, "query": query,
                           "body": body.decode("utf-8", "replace")})
            auth = self.headers.get("Authorization", "")
            user = st.access_tokens.get(auth[len("Bearer "):]) if auth.startswith("Bearer ") else None
            if user is None:
                return self.send(401, error_body(401, "authError", "Invalid Credentials"),
                                 {"WWW-Authenticate": "Bearer"})
            fault = self.take_fault(kind)
        if fault and fault.get("when", "before") == "before":
            if self.apply_fault(fault):
                return
        code, obj = self.api(method, rest, q, query, body, user)
        if fault and fault.get("when") == "after":
            # The server did the work, then the answer was lost.
            if self.apply_fault(fault):
                return
        if fault and fault.get("type") == "truncate":
            raw = json.dumps(obj).encode()
            return self.send(code, raw=raw[: max(1, len(raw) // 2)])
        return self.send(code, obj)

    def kind_of(self, method, rest):
        if rest[:2] == ["users", "me"]:
            return "calendarList"
        if len(rest) >= 3 and rest[0] == "calendars" and rest[2] == "events":
            if len(rest) == 3:
                return {"GET": "list", "POST": "insert"}.get(method, "other")
            return {"GET": "get", "PATCH": "patch", "PUT": "update", "DELETE": "delete"}.get(method, "other")
        return "other"

    def take_fault(self, kind):
        for i, f in enumerate(self.state.faults):
            if f.get("kind") in (kind, "any"):
                f["count"] = f.get("count", 1) - 1
                if f["count"] <= 0:
                    del self.state.faults[i]
                return dict(f)
        return None

    def apply_fault(self, f):
        t = f.get("type", "status")
        if t == "mutate":
            # Someone else (the organizer) changes the stored event just before this request
            # is served: {"calendar", "id", "patch"} as for /_control/patch.
            with LOCK:
                cal = self.state.cal(f.get("calendar", self.state.user))
                ev = copy.deepcopy(cal["events"][f["id"]])
                merge(ev, f["patch"])
                self.state.store(cal, ev, False)
            return False
        if t == "delay":
            self.hold(f.get("seconds", 5))
            return False
        if t == "status":
            code = f["status"]
            headers = {}
            if "retry_after" in f:
                headers["Retry-After"] = str(f["retry_after"])
            reason = f.get("reason", {429: "rateLimitExceeded", 410: "fullSyncRequired"}.get(code, "backendError"))
            if f.get("html"):
                self.send_response(code)
                data = b"<html>Service Unavailable</html>"
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            else:
                self.send(code, error_body(code, reason, f.get("message", "injected fault")), headers)
            return True
        return False

    def hold(self, seconds):
        """Holds this request for `seconds`, or until /_control/release lets it go."""
        st = self.state
        with HELD:
            release = st.releases
            st.held += 1
            try:
                HELD.wait_for(lambda: st.releases != release, timeout=seconds)
            finally:
                st.held -= 1

    # -- the API --------------------------------------------------------------------------

    def api(self, method, rest, q, query, body, user):
        st = self.state
        with LOCK:
            if rest[:3] == ["users", "me", "calendarList"]:
                items = [{"kind": "calendar#calendarListEntry", "id": cid, "summary": c["summary"],
                          "timeZone": c["timeZone"], "primary": cid == st.user}
                         for cid, c in st.calendars.items()]
                if len(rest) == 4:
                    cid = st.user if rest[3] == "primary" else rest[3]
                    found = [i for i in items if i["id"] == cid]
                    return (200, found[0]) if found else (404, error_body(404, "notFound", "Not Found"))
                return 200, {"kind": "calendar#calendarList", "items": items}
            if len(rest) < 3 or rest[0] != "calendars" or rest[2] != "events":
                return 404, error_body(404, "notFound", "Not Found")
            cal = st.cal(rest[1], user)
            if cal is None:
                return 404, error_body(404, "notFound", "Not Found")
            if len(rest) == 3 and method == "GET":
                return self.list(cal, q, query)
            if len(rest) == 3 and method == "POST":
                return self.insert(cal, json.loads(body or b"{}"))
            eid = rest[3]
            ev = self.find(cal, eid)
            if method == "GET":
                return (200, ev) if ev else (404, error_body(404, "notFound", "Not Found"))
            if method == "PATCH":
                if not ev:
                    return 404, error_body(404, "notFound", "Not Found")
                ev = copy.deepcopy(ev)
                patch = json.loads(body or b"{}")
                if patch.get("attendeesOmitted") is True:
                    if not answer_as_guest(ev, patch):
                        return 400, error_body(400, "invalid", "Attendee not found.")
                else:
                    merge(ev, patch)
                ev["id"] = eid
                st.store(cal, ev, False)
                return 200, ev
            if method == "DELETE":
                if not ev:
                    return 404, error_body(404, "notFound", "Not Found")
                if ev.get("status") == "cancelled":
                    return 410, error_body(410, "deleted", "Resource has been deleted")
                ev = copy.deepcopy(ev)
                ev["status"] = "cancelled"
                st.store(cal, ev, False)
                return 204, None
        return 405, error_body(405, "methodNotAllowed", "Method Not Allowed")

    def find(self, cal, eid):
        if eid in cal["events"]:
            return cal["events"][eid]
        # An instance of a series that has no exception stored yet.
        if "_" in eid:
            master = cal["events"].get(eid.split("_", 1)[0])
            if master and master.get("status") != "cancelled":
                for inst in expand(master):
                    if inst["id"] == eid:
                        inst["etag"] = master.get("etag")
                        return inst
        return None

    def insert(self, cal, ev):
        st = self.state
        if "id" in ev:
            if not ID_RE.match(ev["id"]):
                return 400, error_body(400, "invalid", "Invalid resource id value.")
            if ev["id"] in cal["events"]:
                return 409, error_body(409, "duplicate", "The requested identifier already exists.")
        else:
            ev["id"] = "srv%s" % st.bump()
        if ev.get("eventType") == "focusTime" and cal["no_focus_time"]:
            return 400, error_body(400, "invalid", "Focus time events cannot be created on this calendar.")
        if ev.get("eventType") == "focusTime":
            ev.setdefault("transparency", "opaque")
        st.store(cal, ev, True)
        return 200, ev

    def rows(self, cal, single, min_seq=None):
        """(seq, event) for everything to list; instances inherit their series' seq."""
        out = []
        for eid, ev in cal["events"].items():
            seq = cal["seqs"][eid]
            if "_" in eid and eid.split("_", 1)[0] in cal["events"] and single:
                continue  # an exception: listed with its series
            if single and ev.get("recurrence"):
                if ev.get("status") == "cancelled":
                    out.append((seq, ev))
                    continue
                for inst in expand(ev):
                    exc = cal["events"].get(inst["id"])
                    if exc is not None:
                        out.append((max(seq, cal["seqs"][inst["id"]]), exc))
                    else:
                        out.append((seq, inst))
            else:
                out.append((seq, ev))
        if min_seq is not None:
            out = [(s, e) for s, e in out if s > min_seq]
        return out

    def list(self, cal, q, query):
        st = self.state
        single = q.get("singleEvents") == "true"
        sync = q.get("syncToken")
        page = q.get("pageToken")
        if sync and any(k in q for k in ("timeMin", "timeMax", "updatedMin", "q", "orderBy", "iCalUID")):
            return 400, error_body(400, "invalid", "Sync token cannot be used with other filters.")
        if page:
            try:
                epoch, snap_seq, offset, start_seq = (int(x) for x in page.split("-")[1:])
            except Exception:
                return 400, error_body(400, "invalid", "Invalid page token.")
            if epoch != st.epoch:
                return 410, error_body(410, "fullSyncRequired", "Sync token is no longer valid.")
        else:
            snap_seq, offset = st.seq, 0
            start_seq = 0
            if sync:
                m = re.match(r"^sync-(\d+)-(\d+)$", sync)
                if not m:
                    return 400, error_body(400, "invalid", "Invalid sync token value.")
                start_seq = int(m.group(2))
                if int(m.group(1)) != st.epoch:
                    return 410, error_body(410, "fullSyncRequired", "Sync token is no longer valid, a full sync is required.")
        if sync:
            rows = self.rows(cal, single, start_seq)
        else:
            rows = self.rows(cal, single)
            rows = [(s, e) for s, e in rows if e.get("status") != "cancelled" or q.get("showDeleted") == "true"]
            tmin, tmax = parse_time(q.get("timeMin")), parse_time(q.get("timeMax"))
            if tmin:
                rows = [(s, e) for s, e in rows if (when(e.get("end")) or when(e.get("start"))) > tmin]
            if tmax:
                rows = [(s, e) for s, e in rows if when(e.get("start")) < tmax]
        rows.sort(key=lambda r: ((when(r[1].get("start")) or dt.datetime.min.replace(tzinfo=dt.timezone.utc)), r[1]["id"]))
        size = min(int(q.get("maxResults", "250")), 2500)
        chunk = rows[offset: offset + size]
        resp = {"kind": "calendar#events", "summary": cal["summary"], "timeZone": cal["timeZone"],
                "updated": now_rfc3339(), "accessRole": "owner", "defaultReminders": [],
                "items": [e for _, e in chunk]}
        if offset + size < len(rows):
            resp["nextPageToken"] = "page-%d-%d-%d-%d" % (st.epoch, snap_seq, offset + size, start_seq)
        else:
            resp["nextSyncToken"] = "sync-%d-%d" % (st.epoch, snap_seq)
        return 200, resp

    # -- OAuth ----------------------------------------------------------------------------

    def authorize(self, q):
        st = self.state
        with LOCK:
            st.auth_requests.append(q)
            if q.get("client_id") != st.client_id or q.get("response_type") != "code":
                return self.send(400, {"error": "invalid_request"})
            code = st.new_token("code")
            st.codes[code] = {"user": st.user, "scope": q.get("scope"), "redirect_uri": q.get("redirect_uri"),
                              "challenge": q.get("code_challenge"), "method": q.get("code_challenge_method")}
        back = {"code": code, "scope": q.get("scope", "")}
        if "state" in q:
            back["state"] = q["state"]
        target = q["redirect_uri"] + "?" + urllib.parse.urlencode(back)
        self.send_response(302)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def token(self, body):
        st = self.state
        form = {k: v[-1] for k, v in urllib.parse.parse_qs(body.decode()).items()}
        grant = form.get("grant_type")
        with LOCK:
            st.counts["token"] = st.counts.get("token", 0) + 1
            # Token requests arrive concurrently (a team report reads its members at once):
            # each request fills in its own entry, never the newest one.
            slot = len(st.grants)
            st.grants.append(grant)
            fault = self.take_fault("token")
        if fault and self.apply_fault(fault):
            return
        with LOCK:
            if grant in ("authorization_code", "refresh_token"):
                if form.get("client_id") != st.client_id or form.get("client_secret") != st.client_secret:
                    return self.send(401, {"error": "invalid_client", "error_description": "Unauthorized"})
            if grant == "authorization_code":
                entry = st.codes.pop(form.get("code"), None)
                if entry is None or not form.get("redirect_uri", "").startswith("http://127.0.0.1:") \
                        or form.get("redirect_uri") != entry["redirect_uri"]:
                    return self.send(400, {"error": "invalid_grant", "error_description": "Bad code or redirect"})
                verifier = form.get("code_verifier")
                if entry["challenge"] is not None:
                    digest = hashlib.sha256((verifier or "").encode()).digest()
                    expected = base64.urlsafe_b64encode(digest).decode().rstrip("=")
                    if entry["method"] != "S256" or verifier is None or expected != entry["challenge"]:
                        return self.send(400, {"error": "invalid_grant", "error_description": "Invalid code verifier."})
                st.grants[slot] = {"grant": grant, "code": form.get("code"),
                                 "pkce": entry["challenge"] is not None}
                user, scope = entry["user"], entry["scope"]
                refresh, access = st.new_token("refresh"), st.new_token("access")
                st.refresh_tokens[refresh] = user
                st.access_tokens[access] = user
                return self.send(200, {"access_token": access, "refresh_token": refresh, "expires_in": 3599,
                                       "token_type": "Bearer", "scope": scope})
            if grant == "refresh_token":
                user = st.refresh_tokens.get(form.get("refresh_token"))
                if user is None:
                    return self.send(400, {"error": "invalid_grant", "error_description": "Token has been expired or revoked."})
                access = st.new_token("access")
                st.access_tokens[access] = user
                return self.send(200, {"access_token": access, "expires_in": 3599, "token_type": "Bearer", "scope": SCOPE})
            if grant == "urn:ietf:params:oauth:grant-type:jwt-bearer":
                parts = form.get("assertion", "").split(".")
                try:
                    if len(parts) != 3 or not all(parts):
                        raise ValueError("not a JWT")
                    header = json.loads(b64url_decode(parts[0]))
                    claims = json.loads(b64url_decode(parts[1]))
                    if header.get("alg") != "RS256" or len(b64url_decode(parts[2])) != 256:
                        raise ValueError("not RS256 with a 2048-bit key")
                    for k in ("iss", "scope", "aud", "exp", "iat"):
                        if k not in claims:
                            raise ValueError("claim %s missing" % k)
                    if claims["aud"] != "http://127.0.0.1:%d/token" % self.server.server_address[1]:
                        raise ValueError("aud is not this token endpoint")
                    if not 0 < claims["exp"] - claims["iat"] <= 3600:
                        raise ValueError("bad lifetime")
                except Exception as e:  # noqa: BLE001
                    return self.send(400, {"error": "invalid_grant", "error_description": "bad assertion: %s" % e})
                st.grants[slot] = {"grant": grant, "claims": claims}
                sub = claims.get("sub")
                if sub != st.user and sub not in st.delegated:
                    return self.send(401, {"error": "unauthorized_client",
                                           "error_description": "Client is unauthorized to retrieve access tokens using this method."})
                access = st.new_token("access")
                st.access_tokens[access] = sub
                return self.send(200, {"access_token": access, "expires_in": 3599, "token_type": "Bearer"})
        return self.send(400, {"error": "unsupported_grant_type"})

    # -- control --------------------------------------------------------------------------

    def control(self, method, what, q, body):
        st = self.state
        data = json.loads(body) if body else {}
        with LOCK:
            if what == "counts":
                return self.send(200, st.counts)
            if what == "reset_counts":
                st.counts = {}
                st.log = []
                return self.send(200, {})
            if what == "clear_faults":
                st.faults = []
                return self.send(200, {})
            if what == "held":
                with HELD:
                    return self.send(200, {"held": st.held})
            if what == "release":  # every request a delay holds goes on now
                with HELD:
                    released = st.held
                    st.releases += 1
                    HELD.notify_all()
                return self.send(200, {"released": released})
            if what == "delegate":  # the service account may act for these users too
                st.delegated.update(data.get("users", []))
                return self.send(200, {})
            if what == "fault":
                st.faults.append(data)
                return self.send(200, {})
            if what == "seed":
                cal_id = data.get("calendar", st.user)
                st.add_calendar(cal_id, data.get("summary", cal_id), data.get("timeZone", "Europe/Berlin"))
                cal = st.cal(cal_id)
                if "no_focus_time" in data:
                    cal["no_focus_time"] = data["no_focus_time"]
                for ev in data.get("events", []):
                    st.store(cal, copy.deepcopy(ev), ev["id"] not in cal["events"])
                return self.send(200, {})
            if what == "patch":  # an organizer's change, bypassing the API
                cal = st.cal(data.get("calendar", st.user))
                ev = copy.deepcopy(cal["events"][data["id"]])
                merge(ev, data["patch"])
                st.store(cal, ev, False)
                return self.send(200, ev)
            if what == "event":
                cal = st.cal(q.get("calendar", st.user))
                ev = cal["events"].get(q["id"])
                return self.send(200 if ev else 404, ev)
            if what == "events":
                cal = st.cal(q.get("calendar", st.user))
                return self.send(200, list(cal["events"].values()))
            if what == "log":
                return self.send(200, st.log)
            if what == "grants":
                return self.send(200, st.grants)
            if what == "auth_requests":
                return self.send(200, st.auth_requests)
            if what == "expire_sync_tokens":
                st.epoch += 1
                return self.send(200, {})
            if what == "revoke_access_tokens":
                st.access_tokens = {}
                return self.send(200, {})
            if what == "add_refresh_token":
                st.refresh_tokens[data["token"]] = st.user
                return self.send(200, {})
            if what == "add_access_token":
                st.access_tokens[data["token"]] = st.user
                return self.send(200, {})
        return self.send(404, {"error": "no such control"})


class Server(ThreadingHTTPServer):
    # A thread per request, never waited for: a request still held when the server stops
    # (its stdin closed, or killed by PID) does not keep the process alive.
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A client that gave up on a held request has gone; nothing to report.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--user", default="me@example.com")
    ap.add_argument("--client-id", default="focusd-test.apps.googleusercontent.com")
    ap.add_argument("--client-secret", default="GOCSPX-test-secret")
    args = ap.parse_args()
    Handler.state = State(args.user, args.client_id, args.client_secret)
    server = Server(("127.0.0.1", args.port), Handler)
    print("PORT %d" % server.server_address[1], flush=True)
    # Stop when the test that started us goes away (its end of our stdin closes).
    threading.Thread(target=lambda: (sys.stdin.read(), server.shutdown()), daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
