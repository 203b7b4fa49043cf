from django.db import migrations


def load_content(apps, schema_editor):
    from guides import content

    content.load(apps.get_model("guides", "Guide"), apps.get_model("guides", "GlossaryTerm"))


class Migration(migrations.Migration):
    dependencies = [("guides", "0001_initial")]
    operations = [migrations.RunPython(load_content, migrations.RunPython.noop)]
