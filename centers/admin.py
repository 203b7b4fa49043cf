from django import forms
from django.contrib import admin

from centers import data, places
from centers.models import Center


class CenterForm(forms.ModelForm):
    """A changed ZIP code moves the center: its place is looked up again."""

    class Meta:
        model = Center
        fields = [field.name for field in Center._meta.fields if field.name != "id"]

    def clean(self) -> dict:
        cleaned = super().clean()
        if "zip_code" in self.changed_data and cleaned.get("zip_code"):
            try:
                place = places.locate(places.five_digits(cleaned["zip_code"]))
            except places.ZipError:
                self.add_error("zip_code", "No location is known for this ZIP code.")
            else:
                cleaned["latitude"], cleaned["longitude"] = place.latitude, place.longitude
        return cleaned


@admin.register(Center)
class CenterAdmin(admin.ModelAdmin):
    form = CenterForm
    list_display = ["name", "designation", "city", "state", "checked", "contact_checked"]
    list_filter = ["designation", "state", "remote_review"]
    search_fields = ["name", "city", "slug"]
    fieldsets = [
        (
            "From the NCI list (the source and date are in centers/data/centers.toml)",
            {"fields": ["slug", "name", "designation", "city", "state", "website", "checked"]},
        ),
        (
            "Place (from the ZIP code)",
            {
                "fields": ["zip_code", "latitude", "longitude"],
                "description": "Latitude and longitude follow a changed ZIP code.",
            },
        ),
        (
            "How to ask for a second opinion (only what the cited page says)",
            {"fields": list(data.CONTACT_FIELDS)},
        ),
        (
            "Notes",
            {
                "fields": list(data.NOTE_FIELDS),
                "description": (
                    "The note (and its Spanish) is shown to patients; the source note only here."
                ),
            },
        ),
    ]
