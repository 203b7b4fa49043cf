"""Five Spanish word-list entries, reworded so the packet PDF (written in the
first person) can quote them: they spoke to the reader as "usted", and the
deductible one left out that it counts covered care.

The PDF's "words used" box now quotes the site's Spanish word list, so a
database loaded before this change gets the new wording here. An entry an
editor has changed since is left alone: only the exact old text is replaced.
"""

from django.db import migrations

CHANGES = {
    "deductible": (
        "Lo que usted paga cada año por su cuidado de salud antes de que su plan "
        "empiece a pagar su parte.",
        "Lo que una persona paga cada año por la atención que cubre su plan de salud, "
        "antes de que el plan empiece a pagar su parte.",
    ),
    "discharge-summary": (
        "Un informe que se escribe cuando usted sale del hospital. Dice por qué estuvo "
        "allí, qué le hicieron y qué cuidado sigue.",
        "Un informe que se escribe cuando un paciente sale del hospital. Dice por qué "
        "estuvo allí, qué se le hizo y qué cuidado sigue.",
    ),
    "hipaa": (
        "Una ley de los Estados Unidos que protege sus datos de salud. También le da el "
        "derecho a pedir copias de su expediente médico.",
        "Una ley de los Estados Unidos que protege los datos de salud de cada persona. "
        "También da a cada paciente el derecho a pedir copias de su expediente médico.",
    ),
    "prior-approval": (
        "Cuando su plan de salud tiene que dar el sí a una prueba, una visita o un "
        "tratamiento antes de que ocurra. Si se salta este paso, puede que el plan no pague.",
        "Cuando el plan de salud tiene que dar el sí a una prueba, una visita o un "
        "tratamiento antes de que ocurra. Si se salta este paso, puede que el plan no pague.",
    ),
    "referral": (
        "Una orden de un médico que lo manda a usted a ver a otro médico. Algunos planes "
        "de salud la piden antes de pagar la visita. También se le llama remisión.",
        "Una orden de un médico que manda a un paciente a ver a otro médico. Algunos "
        "planes de salud la piden antes de pagar la visita. También se le llama remisión.",
    ),
}


def reword(apps, schema_editor, back=False):
    Translation = apps.get_model("guides", "GlossaryTermTranslation")
    for slug, (old, new) in CHANGES.items():
        before, after = (new, old) if back else (old, new)
        Translation.objects.filter(
            language="es", glossary_term__slug=slug, definition=before
        ).update(definition=after)


def reword_back(apps, schema_editor):
    reword(apps, schema_editor, back=True)


class Migration(migrations.Migration):
    dependencies = [("guides", "0006_translations")]
    operations = [migrations.RunPython(reword, reword_back)]
