"""The packet and its browsers move here from checklists/, table and all:
the rows stay where they are (db_table), only Django's model state moves.
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        # The tables exist from there (checklists_packet and so on).
        ("checklists", "0005_letter_language"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables are the ones checklists/ made; only Django's picture moves.
            state_operations=[
                migrations.CreateModel(
                    name='Packet',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('updated_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                        ('name', models.CharField(blank=True, max_length=80, verbose_name='name')),
                        ('cancer_type', models.CharField(blank=True, max_length=120, verbose_name='type of cancer')),
                        ('first_doctor', models.CharField(blank=True, max_length=120, verbose_name='first doctor')),
                        ('doctor_contact', models.CharField(blank=True, max_length=200, verbose_name="first doctor's office contact")),
                        ('center', models.CharField(blank=True, max_length=120, verbose_name='second-opinion center')),
                        ('appointment_date', models.DateField(blank=True, null=True, verbose_name='appointment date')),
                        ('date_of_birth', models.DateField(blank=True, null=True, verbose_name='date of birth')),
                        ('address', models.CharField(blank=True, max_length=200, verbose_name='address')),
                        ('phone', models.CharField(blank=True, max_length=40, verbose_name='phone')),
                        ('records_office', models.CharField(blank=True, max_length=120, verbose_name='records office')),
                        ('records_office_address', models.CharField(blank=True, max_length=200, verbose_name='records office address')),
                        ('had_surgery', models.CharField(blank=True, choices=[('', 'Not said'), ('yes', 'Yes'), ('no', 'No')], max_length=10, verbose_name='surgery so far')),
                        ('delivery', models.CharField(blank=True, choices=[('', 'Not chosen yet'), ('me', 'Send them to me'), ('center', 'Send them straight to my second-opinion center')], max_length=10, verbose_name='where the records go')),
                        ('record_format', models.CharField(blank=True, choices=[('', 'Not chosen yet'), ('portal', 'In my patient portal'), ('electronic', 'An electronic copy (email or download)'), ('paper', 'Paper copies')], max_length=12, verbose_name='format for records')),
                        ('imaging_format', models.CharField(blank=True, choices=[('', 'Not chosen yet'), ('cd', 'On a CD or DVD'), ('link', 'Through an image-sharing link')], max_length=10, verbose_name='format for scans')),
                        ('letter_language', models.CharField(blank=True, choices=[('', 'Not chosen yet'), ('en', 'English'), ('es', 'Spanish and English')], max_length=5, verbose_name='language of the letter')),
                        ('questions_done', models.BooleanField(default=False, verbose_name='questions finished')),
                        ('paper_size', models.CharField(choices=[('letter', 'US Letter'), ('a4', 'A4')], default='letter', max_length=10, verbose_name='paper size')),
                    ],
                    options={
                        'db_table': 'checklists_packet',
                    },
                ),
                migrations.CreateModel(
                    name='Device',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('can_edit', models.BooleanField(default=False)),
                        ('label', models.CharField(blank=True, max_length=40, verbose_name='label')),
                        ('added_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('packet', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='devices', to='packets.packet')),
                    ],
                    options={
                        'db_table': 'checklists_device',
                        'ordering': ['added_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='PairingCode',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code_hash', models.CharField(max_length=64, unique=True)),
                        ('can_edit', models.BooleanField(default=False)),
                        ('label', models.CharField(blank=True, max_length=40, verbose_name='label')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('expires_at', models.DateTimeField(db_index=True)),
                        ('used_at', models.DateTimeField(blank=True, null=True)),
                        ('packet', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='pairing_codes', to='packets.packet')),
                    ],
                    options={
                        'db_table': 'checklists_pairingcode',
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
