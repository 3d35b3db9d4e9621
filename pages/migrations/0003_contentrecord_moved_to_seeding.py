"""ContentRecord now belongs to the seeding app (seeding.0001 adopts the same table): drop
it from this app's model state only; the table and its rows stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0002_alter_homefeaturedlink_options_and_more"),
        ("seeding", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ContentRecord")],
            database_operations=[],
        ),
    ]
