from django.core.management.base import BaseCommand
from django.db import transaction

from pages.content_sync import ContentSync


def loaders():
    """Each app contributes its own step; parents come before children."""
    from pages import content_loader as pages_content
    from pages.roles import seed_roles
    from partnerships import content_loader as partnerships_content
    from strategy import content_loader as strategy_content

    return [
        seed_roles,  # Editors / Translators / Moderators groups and the moderation workflow
        pages_content.load_site,
        strategy_content.load,
        partnerships_content.load,
        pages_content.link_home_sections,
    ]


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
            for step in loaders():
                step(sync)
        summary = ", ".join(f"{count} {action}" for action, count in sorted(sync.counts.items()))
        self.stdout.write(self.style.SUCCESS(f"Site content: {summary}."))
