"""Answers and value ratings move here from checklists/, tables and all.
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("checklists", "0005_letter_language"),
        ("packets", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables are the ones checklists/ made; only Django's picture moves.
            state_operations=[
                migrations.CreateModel(
                    name='Answer',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.CharField(max_length=40)),
                        ('value', models.CharField(choices=[('yes', 'Yes'), ('no', 'No'), ('unsure', 'Not sure')], max_length=10)),
                        ('updated_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('packet', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='packets.packet')),
                    ],
                    options={
                        'db_table': 'checklists_answer',
                        'constraints': [models.UniqueConstraint(fields=('packet', 'key'), name='one_answer_per_question'), models.CheckConstraint(condition=models.Q(('value__in', ['yes', 'no', 'unsure'])), name='answer_value_known')],
                    },
                ),
                migrations.CreateModel(
                    name='ValueRating',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.CharField(max_length=40)),
                        ('rating', models.PositiveSmallIntegerField()),
                        ('updated_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('packet', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='values', to='packets.packet')),
                    ],
                    options={
                        'db_table': 'checklists_valuerating',
                        'constraints': [models.UniqueConstraint(fields=('packet', 'key'), name='one_rating_per_value'), models.CheckConstraint(condition=models.Q(('rating__lte', 3)), name='rating_in_range')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
