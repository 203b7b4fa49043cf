"""The one privacy sentence every page that mentions keeping data uses:
``{% load privacy %}{% privacy_note %}``. It says the same true thing
everywhere: where the packet is kept, for how long, who can open it, and
that the patient can delete it."""

from django import template
from django.conf import settings

register = template.Library()


@register.inclusion_tag("includes/privacy.html")
def privacy_note() -> dict:
    return {"days": settings.PACKET_MAX_IDLE_DAYS}
