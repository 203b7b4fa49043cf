from django.db import migrations


def load_centers(apps, schema_editor):
    from centers import data

    data.load(apps.get_model("centers", "Center"))


class Migration(migrations.Migration):
    dependencies = [("centers", "0001_initial")]
    operations = [migrations.RunPython(load_centers, migrations.RunPython.noop)]
