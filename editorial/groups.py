"""The names of the editorial roles (Django groups) and of the moderation workflow.

Kept apart from roles.py, which needs the auth models: content apps name these roles in
their ``AppConfig.editorial_grants``, and an apps module is imported before any model.
"""

from django.utils.translation import gettext_noop

EDITORS = "Editors"
TRANSLATORS = "Translators"
MODERATORS = "Moderators"
WORKFLOW_NAME = "Moderators approval"

# Stored in English (code looks the rows up by these names); shown in the admin's language
# (display_names.py). gettext_noop marks them for the message catalogue.
DISPLAY_NAMES = {
    gettext_noop("Editors"),
    gettext_noop("Translators"),
    gettext_noop("Moderators"),
    gettext_noop("Moderators approval"),
}
