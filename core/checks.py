"""The site's own deploy checks (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def proxy_trust_decided(app_configs, **kwargs) -> list[Warning]:
    """Behind a proxy with the default of 0, every client has the proxy's
    address, and one busy client would hit the per-address limits for all."""
    if not settings.PRODUCTION or settings.TRUSTED_PROXY_COUNT_SET:
        return []
    return [
        Warning(
            "DJANGO_TRUSTED_PROXY_COUNT is not set: limits per client address will count "
            "the proxy's address for everyone.",
            hint="Set it to the number of proxies of yours in front of gunicorn "
            "(1 for one nginx), or to 0 if clients reach gunicorn directly.",
            id="secondopinion.W002",
        )
    ]
