"""A real SMTP server for the report's mail tests: aiosmtpd on 127.0.0.1, each message
delivered into MAILBOX as N.eml (the bytes as received) and N.json (the headers, the
decoded text and HTML parts as `mail_parts.py` reads them, who authenticated, whether the
session was encrypted).

  smtp_server.py MAILBOX [--starttls CERT KEY] [--tls CERT KEY] [--auth USER:PASSWORD]

Prints "PORT n" once it listens. While MAILBOX/refuse exists every message is refused with
a 451 (a failing server, for the retry tests). Stopped by its PID.
"""

import argparse
import json
import os
import socket
import ssl
import sys
import threading
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

import mail_parts  # beside this file


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Mailbox:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if os.path.exists(os.path.join(self.folder, "refuse")):
            return "451 4.3.0 try again later"
        with self.lock:
            self.count += 1
            n = self.count
        raw = envelope.original_content or envelope.content
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            **mail_parts.record(raw),
            "user": getattr(session, "auth_user", None),
            "tls": session.ssl is not None
            or server.transport.get_extra_info("ssl_object") is not None,
        }
        with open(os.path.join(self.folder, f"{n}.eml"), "wb") as f:
            f.write(raw)
        tmp = os.path.join(self.folder, f".{n}.json")
        with open(tmp, "w") as f:
            json.dump(record, f)
        os.rename(tmp, os.path.join(self.folder, f"{n}.json"))
        return "250 OK"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mailbox")
    p.add_argument("--starttls", nargs=2)
    p.add_argument("--tls", nargs=2)
    p.add_argument("--auth")
    a = p.parse_args()
    handler = Mailbox(a.mailbox)
    kwargs = {}
    if a.starttls:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(*a.starttls)
        kwargs["tls_context"] = ctx
        kwargs["require_starttls"] = True
    if a.tls:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(*a.tls)
        kwargs["ssl_context"] = ctx
    if a.auth:
        user, password = a.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = (
                isinstance(auth_data, LoginPassword)
                and auth_data.login.decode() == user
                and auth_data.password.decode() == password
            )
            if ok:
                session.auth_user = user
            return AuthResult(success=ok, handled=False)

        kwargs["authenticator"] = authenticator
        kwargs["auth_required"] = True
        kwargs["auth_require_tls"] = bool(a.starttls or a.tls)
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, **kwargs)
    if a.tls:
        # The readiness probe of aiosmtpd 1.4 speaks clear text; start without it.
        controller.ready_timeout = 5
    controller.start()
    print(f"PORT {port}", flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    sys.exit(main())
