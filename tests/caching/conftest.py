import pytest

from tests.support.fast_path import fast_path_client


@pytest.fixture
def client():
    """The page-cache tests see the site as gunicorn serves it: hits answered ahead of
    Django by the WSGI fast path (the root conftest's admin_client builds on this too)."""
    return fast_path_client()
