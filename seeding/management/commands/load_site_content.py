from django.core.management.base import BaseCommand
from django.db import transaction

from seeding import registry
from seeding.sync import ContentSync


class Command(BaseCommand):
    help = (
        "Create or update the site's bilingual content from the data files in the repo. "
        "Idempotent; never overwrites what editors changed unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overwrite pages and snippets editors have changed, and recreate deleted ones.",
        )

    def handle(self, *args, force=False, verbosity=1, **options):
        log = self.stdout.write if verbosity > 1 else None
        sync = ContentSync(force=force, log=log)
        with transaction.atomic():
            for step in registry.steps():
                step(sync)
        summary = ", ".join(f"{count} {action}" for action, count in sorted(sync.counts.items()))
        self.stdout.write(self.style.SUCCESS(f"Site content: {summary}."))
