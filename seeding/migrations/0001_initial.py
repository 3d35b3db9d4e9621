"""ContentRecord moves here from the pages app: its table (pages_contentrecord) stays as it
is, so this migration changes only Django's model state, never the database."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        # The table was created by pages.0001; it must exist before this app adopts it.
        ("pages", "0002_alter_homefeaturedlink_options_and_more"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ContentRecord",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("key", models.CharField(max_length=120, unique=True)),
                        ("object_id", models.PositiveBigIntegerField()),
                        ("data_hash", models.CharField(max_length=64)),
                        ("state_hash", models.CharField(max_length=64)),
                        ("revision_id", models.PositiveBigIntegerField(blank=True, null=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "content_type",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                to="contenttypes.contenttype",
                            ),
                        ),
                    ],
                    options={"db_table": "pages_contentrecord"},
                ),
            ],
            database_operations=[],
        ),
    ]
