from django.dispatch import Signal

# Sent after a translator saved the interface-string catalogue (every page shows its strings).
catalogue_saved = Signal()
