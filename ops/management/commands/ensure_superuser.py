import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Create a superuser from DJANGO_SUPERUSER_USERNAME / DJANGO_SUPERUSER_PASSWORD / "
        "DJANGO_SUPERUSER_EMAIL if that user does not exist yet. Does nothing when unset."
    )

    def handle(self, *args, **options):
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME")
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        if not username:
            self.stdout.write("DJANGO_SUPERUSER_USERNAME not set: no superuser created.")
            return
        if not password:
            raise CommandError("DJANGO_SUPERUSER_PASSWORD must be set with the username.")
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"Superuser {username!r} already exists.")
            return
        User.objects.create_superuser(
            username, os.environ.get("DJANGO_SUPERUSER_EMAIL", ""), password
        )
        self.stdout.write(self.style.SUCCESS(f"Superuser {username!r} created."))
