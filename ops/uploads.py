"""Upload checks beyond Wagtail's own.

Wagtail already checks images (allowed extensions, the file really is that format, size and
pixel limits; see ``WAGTAILIMAGES_*`` in settings). For documents it only checks the file
name's extension, so a page of HTML renamed ``report.pdf`` would be accepted; this form also
checks the file's first bytes against the format its extension claims, and a size limit."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

OFFICE_ZIP = b"PK\x03\x04"  # docx, xlsx, pptx, odt … are zip archives
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy doc, xls, ppt
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "docx": (OFFICE_ZIP,),
    "xlsx": (OFFICE_ZIP,),
    "pptx": (OFFICE_ZIP,),
    "odt": (OFFICE_ZIP,),
    "ods": (OFFICE_ZIP,),
    "odp": (OFFICE_ZIP,),
    "zip": (OFFICE_ZIP,),
    "doc": (OLE2,),
    "xls": (OLE2,),
    "ppt": (OLE2,),
}
PLAIN_TEXT = {"txt", "csv"}


def extension_of(name):
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def content_matches_extension(uploaded):
    """True when the file's first bytes are what its extension promises."""
    extension = extension_of(uploaded.name)
    uploaded.seek(0)
    head = uploaded.read(4096)
    uploaded.seek(0)
    if extension in PLAIN_TEXT:
        if b"\x00" in head:
            return False
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            # A multi-byte character cut at the 4096-byte boundary is still text.
            return error.start >= len(head) - 4
        return True
    return head.startswith(SIGNATURES.get(extension, (b"\x00invalid",)))


class SafeDocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if not uploaded or not hasattr(uploaded, "content_type"):
            return uploaded  # unchanged file on an edit form
        limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
        if uploaded.size > limit:
            raise forms.ValidationError(
                _("This file is too big (%(size)s). The maximum is %(limit)s.")
                % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)}
            )
        checked = extension_of(uploaded.name) in SIGNATURES.keys() | PLAIN_TEXT
        if checked and not content_matches_extension(uploaded):
            raise forms.ValidationError(
                _("The file’s content does not match its extension “.%(ext)s”.")
                % {"ext": extension_of(uploaded.name)}
            )
        return uploaded
