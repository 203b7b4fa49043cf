"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py secondopinion.wsgi`.

Threads (gthread) keep a slow PDF render from holding a whole process;
PDF_MAX_CONCURRENT in the Django settings caps renders per process so page
requests never queue behind them.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = 30
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then (0 turns it off, as the benchmarks do: a
# restart mid-run would be measured as a stall).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
control_socket_disable = True
# Each worker listens on its own socket (SO_REUSEPORT) and the kernel spreads
# new connections over them, rather than the first worker to wake taking a
# whole burst; see "Connections and workers" in bench/README.md.
reuse_port = os.environ.get("GUNICORN_REUSE_PORT", "0") == "1"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
# Only method, path and status: no query strings, referers or user agents.
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'


def post_worker_init(worker) -> None:
    """Each worker unpacks the center finder's ZIP code data before its first
    request, so no patient waits the 0.2 s it takes (centers/places.py)."""
    from centers import places

    places.warm()
