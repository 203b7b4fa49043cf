"""No message from the PDF renderer carries patient text into a log.

WeasyPrint, fontTools and pydyf put what they are given into their messages:
WeasyPrint logs one warning per character its fonts lack, naming the
character, so a note could be read back, in order, from the server log.

Each of their records is made text-free as it is created (a log record
factory, so no handler anywhere, whoever attached it, ever sees the
original): only the message's fixed wording is kept (the format string the
library wrote, with every argument replaced by "[withheld]"), never the
arguments, an exception's text or a message built before logging.

Their loggers do not propagate: ``RedactingForwarder`` hands each wording to
the ``secondopinion.renderer`` logger, and from there to every handler the
root logger has, at most once a minute, so a packet in an unknown script
cannot fill the disk either.
"""

import logging
import re
import threading
import time

# Libraries the renderer runs, whose messages may quote the document.
RENDERER_LOGGERS = ("weasyprint", "fontTools", "pydyf")
FORWARD_TO = "secondopinion.renderer"
WITHHELD = "[withheld]"
REPEAT_SECONDS = 60.0
_CONVERSION = re.compile(r"%(\([^)]*\))?[-#0 +]*(\*|\d+)?(\.(\*|\d+))?[hlL]?[a-zA-Z]")


def redacted_message(record: logging.LogRecord) -> str:
    """The record's fixed wording with every argument withheld."""
    template = record.msg if isinstance(record.msg, str) else ""
    if not record.args:
        # No arguments: the text may have been built (f-string) from the
        # document, so none of it is kept.
        return f"{record.name}: message withheld"
    # Arguments are replaced whatever their conversion (%s, %r, %04X, %(name)s).
    wording = _CONVERSION.sub(WITHHELD, template.replace("%%", "\0")).replace("\0", "%")
    return f"{record.name}: {wording}"


def _is_renderer(name: str) -> bool:
    return any(name == root or name.startswith(root + ".") for root in RENDERER_LOGGERS)


def _redact(record: logging.LogRecord) -> logging.LogRecord:
    if _is_renderer(record.name) and not getattr(record, "redacted", False):
        record.msg = redacted_message(record)
        record.args = None
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        record.redacted = True
    return record


class RedactingForwarder(logging.Handler):
    """Forwards a text-free copy of each renderer record to the site's logs."""

    def __init__(self, level: int = logging.NOTSET) -> None:
        super().__init__(level)
        self._seen: dict[str, float] = {}
        self._seen_lock = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = _redact(record).getMessage()
            now = time.monotonic()
            with self._seen_lock:
                last = self._seen.get(message)
                if last is not None and now - last < REPEAT_SECONDS:
                    return
                if len(self._seen) > 1000:
                    self._seen.clear()
                self._seen[message] = now
            copy = logging.LogRecord(
                name=FORWARD_TO,
                level=record.levelno,
                pathname=record.pathname,
                lineno=record.lineno,
                msg=message,
                args=None,
                exc_info=None,  # an exception's text may quote the document
                func=record.funcName,
            )
            logging.getLogger(FORWARD_TO).handle(copy)
        except Exception:  # a log line must never break a render
            self.handleError(record)

    def handleError(self, record: logging.LogRecord) -> None:
        # logging's own handleError prints the record's message and
        # arguments to stderr: exactly what must not be written.
        pass


_install_lock = threading.Lock()
_installed = False


def install() -> None:
    """Redact every renderer record as it is made, and route the renderer
    libraries' loggers through the forwarder (idempotent).

    Called when the app is ready and again before the first render; settings'
    LOGGING sets up the same loggers, and this also covers a process whose
    logging was configured some other way.
    """
    global _installed
    with _install_lock:
        if not _installed:
            make_record = logging.getLogRecordFactory()

            def factory(*args, **kwargs) -> logging.LogRecord:
                return _redact(make_record(*args, **kwargs))

            logging.setLogRecordFactory(factory)
            _installed = True
    for name in RENDERER_LOGGERS:
        logger = logging.getLogger(name)
        logger.propagate = False
        if not any(isinstance(h, RedactingForwarder) for h in logger.handlers):
            logger.addHandler(RedactingForwarder())
    server = logging.getLogger(SERVER_LOGGER)
    if not any(isinstance(f, PathOnly) for f in server.filters):
        server.addFilter(PathOnly())


# The development server (`make run`) logs each request line whole. A query
# string can carry what a patient typed (a search, a ZIP code in the center
# finder): only the path is kept, as gunicorn's access log does.
SERVER_LOGGER = "django.server"
_QUERY = re.compile(r"^(\S+ [^?\s]*)\?\S*")


class PathOnly(logging.Filter):
    """Request lines without their query strings."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and args and isinstance(args[0], str):
            record.args = (_QUERY.sub(r"\1", args[0]), *args[1:])
        return True
