"""Packet, Device and PairingCode now belong to packets/, Answer and
ValueRating to questionnaire/: checklists/ forgets them (state only; no
table changes) and its rows point at packets.Packet. The admin's content
types follow, so old log entries still name the right model.
"""

import django.db.models.deletion
from django.db import migrations, models


MOVED = {"packet": "packets", "device": "packets", "pairingcode": "packets",
         "answer": "questionnaire", "valuerating": "questionnaire"}


def move_content_types(apps, schema_editor, back=False):
    """The old content type takes its new app label, keeping its id, so the
    admin's log entries and permissions that point at it stay with it. One
    made for the new label already (a partial `migrate packets` run before
    this one) is removed first; it has nothing of the old one's."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model, app in MOVED.items():
        old, new = (app, "checklists") if back else ("checklists", app)
        existing = ContentType.objects.using(db).filter(app_label=old, model=model)
        if existing.exists():
            ContentType.objects.using(db).filter(app_label=new, model=model).delete()
            existing.update(app_label=new)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, back=True)


class Migration(migrations.Migration):

    dependencies = [
        ("checklists", "0005_letter_language"),
        ("packets", "0001_initial"),
        ("questionnaire", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables are the ones checklists/ made; only Django's picture moves.
            state_operations=[
                migrations.RemoveConstraint(
                    model_name='answer',
                    name='one_answer_per_question',
                ),
                migrations.RemoveConstraint(
                    model_name='answer',
                    name='answer_value_known',
                ),
                migrations.RemoveField(
                    model_name='device',
                    name='packet',
                ),
                migrations.AlterField(
                    model_name='checklistentry',
                    name='packet',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='entries', to='packets.packet'),
                ),
                migrations.RemoveField(
                    model_name='pairingcode',
                    name='packet',
                ),
                migrations.AlterField(
                    model_name='packetquestion',
                    name='packet',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='questions', to='packets.packet'),
                ),
                migrations.AlterField(
                    model_name='insurancecall',
                    name='packet',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='insurance_call', to='packets.packet'),
                ),
                migrations.RemoveConstraint(
                    model_name='valuerating',
                    name='one_rating_per_value',
                ),
                migrations.RemoveConstraint(
                    model_name='valuerating',
                    name='rating_in_range',
                ),
                migrations.RemoveField(
                    model_name='answer',
                    name='packet',
                ),
                migrations.DeleteModel(
                    name='Device',
                ),
                migrations.DeleteModel(
                    name='PairingCode',
                ),
                migrations.RemoveField(
                    model_name='valuerating',
                    name='packet',
                ),
                migrations.DeleteModel(
                    name='Answer',
                ),
                migrations.DeleteModel(
                    name='Packet',
                ),
                migrations.DeleteModel(
                    name='ValueRating',
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
