from django.db import models


class ContentRecord(models.Model):
    """What the content loader last wrote for one object, so a re-run can tell
    "nothing changed", "the data file changed" and "an editor changed it" apart."""

    key = models.CharField(max_length=120, unique=True)
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    data_hash = models.CharField(max_length=64)
    state_hash = models.CharField(max_length=64)
    revision_id = models.PositiveBigIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        # Created by the pages app before content loading became an app of its own; the
        # table keeps its name so an upgraded site keeps every record.
        db_table = "pages_contentrecord"

    def __str__(self):
        return self.key
