"""Gunicorn's access log, minus what must never reach a log file.

Query strings are dropped: a search or a typed receipt code could ride in one. The path
segment after ``/r/`` is replaced by ``-``: a receipt code in a path (``/r/<code>``) is the
only key a client holds to follow their note, so a log line with it would let anyone who
reads the logs follow that client's note. The same rule covers every other atom an
operator might add to the format (Referer, raw URI, environ values).

Control characters are escaped: a path may carry an encoded CR/LF (%0D%0A), which the server
decodes into PATH_INFO, and written raw it would start a forged line in the log.
"""

import re

from gunicorn.glogging import Logger

# "/r/<code>" with or without a language prefix, in a path or inside a full URL.
_RECEIPT_PATH = re.compile(r"(/r/)[^/?#\s\"]+")
REDACTED = "-"


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def redact(value: str) -> str:
    """The value with every receipt code in a ``/r/`` path replaced."""
    return _RECEIPT_PATH.sub(rf"\g<1>{REDACTED}", value)


def printable(value: str) -> str:
    """The value with control characters (CR, LF, ESC...) written as escapes: one line."""
    return _CONTROL.sub(lambda match: match.group().encode("unicode_escape").decode(), value)


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        path = redact(environ.get("PATH_INFO") or "")
        atoms["U"] = path
        atoms["r"] = f"{environ.get('REQUEST_METHOD')} {path} {environ.get('SERVER_PROTOCOL')}"
        atoms["q"] = REDACTED
        for key in ("{raw_uri}e", "{query_string}e"):
            if key in atoms:
                atoms[key] = REDACTED
        for key, value in atoms.items():
            if isinstance(value, str):
                atoms[key] = printable(redact(value) if "/r/" in value else value)
        return atoms
