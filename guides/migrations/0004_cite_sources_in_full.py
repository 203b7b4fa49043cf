"""Sources become rows: shipped guides cite sources.toml; editors' own lines are kept.

A guide an editor created in the admin (not shipped in guides/content/) had
its sources as free text, one per line. Each line becomes a Source of its
own, with no address yet: the admin then asks for one.
"""

from django.db import migrations


def cite_in_full(apps, schema_editor):
    from guides import content

    Guide = apps.get_model("guides", "Guide")
    Source = apps.get_model("guides", "Source")
    Citation = apps.get_model("guides", "Citation")
    content.load(Guide, apps.get_model("guides", "GlossaryTerm"))
    shipped = {g.slug for g in content.guide_files()}
    for guide in Guide.objects.exclude(slug__in=shipped):
        lines = [line.strip() for line in guide.sources_text.splitlines() if line.strip()]
        for n, line in enumerate(lines, start=1):
            source = Source.objects.create(
                key=f"legacy-{guide.pk}-{n}",
                author="Not given",
                title=line[:400],
                year="n.d.",
                url="",
                read_on=guide.last_reviewed,
                note="Moved from the old one-line list; needs an address.",
            )
            Citation.objects.create(guide=guide, source=source, order=n)


class Migration(migrations.Migration):
    dependencies = [("guides", "0003_sources_and_releases")]
    operations = [migrations.RunPython(cite_in_full, migrations.RunPython.noop)]
