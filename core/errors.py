"""Refusals any layer may raise, answered with a page of the site's own.

A feature raises a subclass that names its template and status (the
packets app: too many new packets, a view-only browser's write); the
site's middleware (core.middleware.RequestGuards) renders it. So the
plumbing answers for every app without importing any of them.
"""


class RefusedPage(Exception):
    """Answer the request with ``template`` and ``status``, never cached.

    ``retry_after`` (seconds), when set, is sent as Retry-After.
    """

    template: str = "500.html"
    status: int = 400
    retry_after: int | None = None
