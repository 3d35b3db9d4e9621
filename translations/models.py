"""What the Chinese of each translated field was written against.

One row per translated field of one object (page, orderable, snippet or setting) whose
Chinese is filled in: the English value at the time the Chinese was last written or
confirmed. When the English moves on, the Chinese is *outdated* until a translator edits it
or confirms it (see ``stale.py``).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TranslationSource(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    field = models.CharField(_("field"), max_length=100)  # without the language suffix
    source_hash = models.CharField(max_length=64)  # sha256 of the normalised English value
    source_text = models.TextField(blank=True)  # that English value, for the diff
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("translation source")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field"], name="translation_source_unique"
            )
        ]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id}:{self.field}"
