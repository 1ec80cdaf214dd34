"""Drop the per-language overrides of facts that translations can no longer override.

The houses', Community Managers', districts' and proposal forms' facts (addresses, phones,
e-mails, the house and manager of a district, the addresses a form writes to) became
`SynchronizedField(…, overridable=False)`. wagtail-localize forgets a field's overridable
segment only when its source is next refreshed, and until then would still apply an override
made before: this removes those segments and overrides now.
"""

from django.db import migrations

NOT_OVERRIDABLE = {
    "neighbourhoodhouse": [
        "street_address",
        "postal_code",
        "city",
        "latitude",
        "longitude",
        "phone",
        "email",
        "website",
        "step_free",
    ],
    "communitymanager": ["name", "photo", "phone", "email"],
    "districtpage": ["house", "manager"],
    "proposalformpage": ["to_address", "from_address"],
}


def drop_overrides(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    OverridableSegment = apps.get_model("wagtail_localize", "OverridableSegment")
    SegmentOverride = apps.get_model("wagtail_localize", "SegmentOverride")
    for content_type in ContentType.objects.filter(app_label="districts", model__in=NOT_OVERRIDABLE):
        segments = OverridableSegment.objects.filter(
            source__specific_content_type=content_type,
            context__path__in=NOT_OVERRIDABLE[content_type.model],
        )
        contexts = set(segments.values_list("context_id", flat=True))
        segments.delete()
        SegmentOverride.objects.filter(context_id__in=contexts).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("districts", "0002_proposals"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(drop_overrides, migrations.RunPython.noop)]
