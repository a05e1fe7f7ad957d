"""Gunicorn configuration for Kumppanuus: `make serve`, the systemd unit and the bench.

Every value can be overridden from the environment (GUNICORN_*), so one checked-in file
serves a 2-core VM and a 32-core host. These come from the process environment (systemd's
EnvironmentFile, see deploy/), not from the project's .env, which only Django reads.
See deploy/README.md.
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be an integer, got {raw!r}") from None


_cpus = multiprocessing.cpu_count()

wsgi_app = "kumppanuus.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")

# Threads let a worker overlap database round-trips; processes use the cores. Requests are
# short (a form, a page), so 2 x CPU + 1 processes of 2 threads each keep the cores busy
# without crowding PostgreSQL's connections (workers x threads per node).
worker_class = "gthread"
workers = _int("GUNICORN_WORKERS", 2 * _cpus + 1)
threads = _int("GUNICORN_THREADS", 2)

# No request here needs long: a worker silent for 30 s is stuck and gets replaced.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Behind nginx, which keeps its own client connections.
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Recycle a worker now and then so that slow leaks stay bounded; jitter keeps workers from
# restarting together. 0 turns it off (the bench does, to measure steady memory honestly).
max_requests = _int("GUNICORN_MAX_REQUESTS", 5000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 500)

# Limits well above a capture form but far below anything hostile; nginx enforces the
# body limit (1 MB) before a request reaches us.
limit_request_line = 4094
limit_request_fields = 100

# Only the local proxy may say a request came over HTTPS (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs go to stdout/stderr, where systemd's journal collects them.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# No query string (%(q)s, %(r)s) and no Referer: either could carry a receipt code or a
# search. RedactingLogger also blanks the path segment after /r/ (receipt codes).
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms "%(a)s"'
logger_class = "kumppanuus.gunicorn_logging.RedactingLogger"

# The runtime control socket is off: systemd signals (HUP, TERM) do the same job and there
# is no socket to secure or collide on when several instances share a user.
control_socket_disable = True

proc_name = "kumppanuus"
