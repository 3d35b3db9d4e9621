import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from caching import memo


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, plus Page's translated columns filled and the seed content loaded
    once per session; each test then runs in a transaction that is rolled back."""
    with django_db_blocker.unblock():
        call_command("update_translation_fields", verbosity=0)
        call_command("load_site_content", verbosity=0)


@pytest.fixture(autouse=True)
def _reset_language_and_cache():
    # Each test's database changes are rolled back, but the cache is not: a menu cached
    # from a rolled-back edit must not leak into the next test. Nor may a value remembered
    # in memory (caching.memo), though new generations would already miss it.
    cache.clear()
    memo.clear()
    yield
    translation.activate("en")
    cache.clear()
    memo.clear()


@pytest.fixture
def admin_client(db, client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.com", "pw-test-123")
    client.force_login(user)
    return client
