"""The names of the editorial roles (Django groups) and of the moderation workflow.

Kept apart from roles.py, which needs the auth models: content apps name these roles in
their ``AppConfig.editorial_grants``, and an apps module is imported before any model.
"""

EDITORS = "Editors"
TRANSLATORS = "Translators"
MODERATORS = "Moderators"
WORKFLOW_NAME = "Moderators approval"
