"""Migrations: every model change has one, and every operation of ours can be reversed."""

import pytest
from django.core.management import call_command
from django.db.migrations.loader import MigrationLoader

OUR_APPS = ("seeding", "translations", "pages", "strategy", "partnerships")


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    call_command("makemigrations", *OUR_APPS, "--check", "--dry-run", verbosity=0)


def test_every_operation_is_reversible():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    irreversible = [
        f"{app}.{name}: {operation.describe()}"
        for (app, name), migration in loader.disk_migrations.items()
        if app in OUR_APPS
        for operation in migration.operations
        if not operation.reversible
    ]
    assert irreversible == []
