from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("guides", "0004_cite_sources_in_full")]
    operations = [migrations.RemoveField(model_name="guide", name="sources_text")]
