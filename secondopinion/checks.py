"""Stands in for Django's security.W003, silenced in settings.

W003 only recognises Django's own CSRF middleware by name; ours subclasses
it (see secondopinion/csrf.py), so this check makes sure it is installed.
"""

from django.conf import settings
from django.core.checks import Error, Tags, register

CSRF_MIDDLEWARE = "secondopinion.csrf.CsrfViewMiddleware"


@register(Tags.security, deploy=True)
def csrf_middleware_installed(app_configs, **kwargs) -> list[Error]:
    if CSRF_MIDDLEWARE in settings.MIDDLEWARE:
        return []
    return [
        Error(
            f"{CSRF_MIDDLEWARE} is not in MIDDLEWARE: forms have no CSRF protection.",
            id="secondopinion.E001",
        )
    ]
