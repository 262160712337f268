"""Documents get a life: draft, then issued per language version (the issued PDF stored), with revisions,
corrigenda, addenda and reissues. Documents made before are drafts until the secretariat issues them: none had a
stored record of what was issued. The audit entries that said "document.issued" recorded the symbol given to a new
document: they are renamed "document.registered", so that "document.issued" means an issue.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def rename_registrations(apps, schema_editor):
    apps.get_model("accounts", "AuditEvent").objects.filter(action="document.issued").update(
        action="document.registered"
    )


def unrename_registrations(apps, schema_editor):
    apps.get_model("accounts", "AuditEvent").objects.filter(action="document.registered").update(
        action="document.issued"
    )


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0006_outbox'),
        ('agendas', '0007_note_paragraphs'),
        ('meetings', '0006_symbol_registry'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='document',
            options={'ordering': ['meeting', 'kind', 'number', 'relation', 'relation_number'], 'verbose_name': 'document', 'verbose_name_plural': 'documents'},
        ),
        migrations.RemoveConstraint(
            model_name='document',
            name='document_unique_number',
        ),
        migrations.RemoveConstraint(
            model_name='documentfile',
            name='document_file_per_language',
        ),
        migrations.RemoveConstraint(
            model_name='symbol',
            name='symbol_unique_number_per_series',
        ),
        migrations.AddField(
            model_name='document',
            name='data_as_of',
            field=models.DateTimeField(blank=True, editable=False, help_text='The moment of the data it reproduces (the responses of a transmittal note).', null=True, verbose_name='data as of'),
        ),
        migrations.AddField(
            model_name='document',
            name='languages',
            field=models.JSONField(blank=True, default=list, editable=False, help_text='The languages it is issued in, when not all the working languages (a corrigendum).', verbose_name='language versions'),
        ),
        migrations.AddField(
            model_name='document',
            name='parent',
            field=models.ForeignKey(blank=True, editable=False, help_text='The document this one revises, corrects or adds to.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='children', to='meetings.document', verbose_name='belongs to'),
        ),
        migrations.AddField(
            model_name='document',
            name='reissued_on',
            field=models.DateField(blank=True, editable=False, null=True, verbose_name='reissued for technical reasons on'),
        ),
        migrations.AddField(
            model_name='document',
            name='relation',
            field=models.CharField(blank=True, choices=[('rev', 'Revision'), ('corr', 'Corrigendum'), ('add', 'Addendum')], editable=False, max_length=4, verbose_name='relation to that document'),
        ),
        migrations.AddField(
            model_name='document',
            name='relation_number',
            field=models.PositiveSmallIntegerField(editable=False, null=True, verbose_name='number of the relation'),
        ),
        migrations.AddField(
            model_name='document',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('issued', 'Issued')], default='draft', editable=False, help_text='Issued once one of its language versions is issued (meetings.issuing).', max_length=10, verbose_name='status'),
        ),
        migrations.AddField(
            model_name='documentfile',
            name='issued_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='issued'),
        ),
        migrations.AddField(
            model_name='documentfile',
            name='sha256',
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name='SHA-256 of the issued file'),
        ),
        migrations.AddField(
            model_name='documentfile',
            name='superseded_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='replaced by a reissue'),
        ),
        migrations.AddField(
            model_name='printjob',
            name='purpose',
            field=models.CharField(choices=[('draft', 'A draft, from the data of now'), ('issue', 'The issued version'), ('reissue', 'A reissue for technical reasons')], default='draft', max_length=10, verbose_name='purpose'),
        ),
        migrations.AddField(
            model_name='symbol',
            name='parent',
            field=models.ForeignKey(blank=True, help_text='For /Rev.1, /Corr.1 and /Add.1: the symbol they are added to.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='extensions', to='meetings.symbol', verbose_name='symbol it extends'),
        ),
        migrations.AlterField(
            model_name='symbol',
            name='series',
            field=models.CharField(choices=[('documents', 'Documents'), ('crp', 'Conference room papers'), ('inf', 'Information papers'), ('rev', 'Revisions'), ('corr', 'Corrigenda'), ('add', 'Addenda')], max_length=20, verbose_name='series'),
        ),
        migrations.AddConstraint(
            model_name='document',
            constraint=models.UniqueConstraint(condition=models.Q(('parent__isnull', True)), fields=('meeting', 'kind', 'number'), name='document_unique_number'),
        ),
        migrations.AddConstraint(
            model_name='document',
            constraint=models.UniqueConstraint(condition=models.Q(('parent__isnull', False)), fields=('parent', 'relation', 'relation_number'), name='document_unique_relation_number'),
        ),
        migrations.AddConstraint(
            model_name='documentfile',
            constraint=models.UniqueConstraint(condition=models.Q(('superseded_at__isnull', True)), fields=('document', 'language'), name='document_file_per_language'),
        ),
        migrations.AddConstraint(
            model_name='symbol',
            constraint=models.UniqueConstraint(condition=models.Q(('parent__isnull', True)), fields=('meeting', 'series', 'number'), name='symbol_unique_number_per_series'),
        ),
        migrations.AddConstraint(
            model_name='symbol',
            constraint=models.UniqueConstraint(condition=models.Q(('parent__isnull', False)), fields=('parent', 'series', 'number'), name='symbol_unique_extension_number'),
        ),
        migrations.RunPython(rename_registrations, unrename_registrations),
    ]
