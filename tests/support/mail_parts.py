"""One message as the mail tests assert on it: its headers, its content type and its
decoded text and HTML parts (Python's standard library `email`, nothing else).

  mail_parts.py FILE     prints that record of the message in FILE as JSON

`smtp_server.py` records each delivered message the same way; the sendmail test reads the
message its fake sendmail was handed.
"""

import json
import sys
from email import policy
from email.parser import BytesParser


def record(raw):
    msg = BytesParser(policy=policy.default).parsebytes(raw)
    parts = {}
    for part in msg.walk():
        if part.get_content_maintype() == "text":
            parts[part.get_content_type()] = part.get_content()
    return {
        "headers": {k: str(v) for k, v in msg.items()},
        "content_type": msg.get_content_type(),
        "text": parts.get("text/plain"),
        "html": parts.get("text/html"),
    }


if __name__ == "__main__":
    with open(sys.argv[1], "rb") as f:
        json.dump(record(f.read()), sys.stdout)
