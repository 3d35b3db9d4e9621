"""Local development: SQLite by default, debug on, a throwaway secret key."""

from .base import *  # noqa: F403
from .env import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-never-used-in-production")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
