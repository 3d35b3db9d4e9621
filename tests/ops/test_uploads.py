"""Uploads through the admin: only safe, sane files get in; documents download safely."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from tests.support.helpers import soup

pytestmark = pytest.mark.django_db
Image = get_image_model()
Document = get_document_model()


def png_bytes(width=40, height=30):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (120, 20, 160)).save(buffer, "PNG")
    return buffer.getvalue()


def png_claiming_size(width, height):
    """A tiny, valid-looking PNG whose header claims width × height pixels: a
    decompression bomb as far as any decoder that trusts the header is concerned."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


EVIL_SVG = b"""<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
<script>alert(document.cookie)</script><rect width="10" height="10"/></svg>"""


def upload_image(admin_client, name, content):
    return admin_client.post(
        "/admin/images/add/",
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": "1"},
    )


def form_errors(response):
    return " ".join(e.get_text(" ", strip=True) for e in soup(response).select(".error-message"))


def test_a_real_png_is_accepted(admin_client):
    response = upload_image(admin_client, "logo.png", png_bytes())
    assert response.status_code == 302, form_errors(response)
    assert Image.objects.filter(title="logo.png").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("evil.svg", EVIL_SVG, "Not a supported image format"),
        ("bomb.png", png_claiming_size(30_000, 30_000), "pixels"),
        ("notes.png", b"just some text pretending to be a picture", "Upload a valid image"),
        ("page.jpg", png_bytes(), "extension does not match"),
    ],
    ids=["svg-with-script", "decompression-bomb", "text-as-png", "png-named-jpg"],
)
def test_unsafe_images_get_a_form_error_not_a_500(admin_client, name, content, message):
    count = Image.objects.count()
    response = upload_image(admin_client, name, content)
    assert response.status_code == 200
    assert message in form_errors(response)
    assert Image.objects.count() == count


def test_oversize_image_gets_a_form_error(admin_client):
    with override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=2_000):
        response = upload_image(admin_client, "big.png", png_bytes(400, 400) + b"\x00" * 4_000)
    assert response.status_code == 200
    assert "too big" in form_errors(response)


def test_pillow_refuses_to_decode_bombs():
    with pytest.raises((PILImage.DecompressionBombError, PILImage.DecompressionBombWarning)):
        PILImage.open(io.BytesIO(png_claiming_size(30_000, 30_000))).load()


# --- Documents ---------------------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload_document(admin_client, name, content):
    return admin_client.post(
        "/admin/documents/add/",
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": "1"},
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", b"<html><script>alert(1)</script></html>", "does not match"),
        ("sheet.xlsx", PDF, "does not match"),
        ("page.html", b"<html></html>", "File extension"),
        ("image.svg", EVIL_SVG, "File extension"),
        ("tool.exe", b"MZ\x90\x00", "File extension"),
    ],
)
def test_unsafe_documents_get_a_form_error(admin_client, name, content, message):
    response = upload_document(admin_client, name, content)
    assert response.status_code == 200
    assert message in form_errors(response)
    assert not Document.objects.filter(title=name).exists()


def test_oversize_document_gets_a_form_error(admin_client):
    with override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1_000):
        response = upload_document(admin_client, "big.pdf", PDF + b"0" * 2_000)
    assert response.status_code == 200
    assert "too big" in form_errors(response)


@pytest.mark.parametrize(
    ("name", "content", "disposition"),
    [
        ("minutes.txt", "会议纪要 minutes".encode(), "attachment"),
        ("plan.docx", b"PK\x03\x04" + b"\x00" * 60, "attachment"),
        ("plan.pdf", PDF, "inline"),
    ],
)
def test_documents_download_with_a_safe_content_disposition(
    admin_client, client, name, content, disposition
):
    response = upload_document(admin_client, name, content)
    assert response.status_code == 302, form_errors(response)
    document = Document.objects.get(title=name)
    download = client.get(document.url)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith(disposition)
    assert download["X-Content-Type-Options"] == "nosniff"
    # Even a PDF shown inline may load and run nothing (Wagtail's download policy).
    assert download["Content-Security-Policy"] == "default-src 'none'"
    assert b"".join(download.streaming_content) == content
