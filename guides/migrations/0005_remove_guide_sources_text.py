from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("guides", "0004_cite_sources_in_full")]
    operations = [
        # A default first, so that migrating back can add the column again.
        migrations.AlterField(
            model_name="guide",
            name="sources_text",
            field=models.TextField(blank=True, default="", verbose_name="sources"),
        ),
        migrations.RemoveField(model_name="guide", name="sources_text"),
    ]
