"""Spanish pages show the site's own notes on its sources in Spanish.

The works themselves stay cited as published (in English), but the notes and
the "republished from" words are the site's own, so each source may carry a
Spanish note and a Spanish publisher line. Existing rows get them from
sources.toml; nothing else is touched.
"""

from django.db import migrations, models

from guides import content


def fill(apps, schema_editor):
    source_model = apps.get_model("guides", "Source")
    for entry in content.source_entries().values():
        source_model.objects.filter(key=entry.key).update(
            note_es=entry.note_es, publisher_es=entry.publisher_es
        )


class Migration(migrations.Migration):
    dependencies = [
        ("guides", "0007_spanish_words_for_the_pdf"),
    ]

    operations = [
        migrations.AddField(
            model_name="source",
            name="note_es",
            field=models.CharField(
                blank=True,
                help_text="The same note for Spanish pages. Without it, they show the English note.",
                max_length=400,
                verbose_name="note in Spanish",
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="publisher_es",
            field=models.CharField(
                blank=True,
                help_text="Only when the publisher line has words of our own, such as 'republished from'.",
                max_length=300,
                verbose_name="published in or by, in Spanish",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
