"""/healthz, the bilingual 503 while the database is down, and structured request logs."""

import json
import logging
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client

from tests.support.helpers import PREFIX

pytestmark = pytest.mark.django_db


def test_healthz_reports_app_database_and_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"] == {"database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reveals_no_secrets_or_internals(client, settings):
    text = client.get("/healthz").content.decode()
    assert settings.SECRET_KEY not in text
    for word in ("sqlite", "postgres", "redis", "password", "version", "Traceback"):
        assert word not in text.lower()


def test_healthz_is_503_when_the_database_is_down(client):
    secret = "could not connect to server db-primary.internal:5432 as tm_owner"
    with mock.patch("ops.health.connection.cursor", side_effect=OperationalError(secret)):
        response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"] == {"database": "error", "cache": "ok"}
    # The exception's text (host, user) appears nowhere in the answer.
    text = response.content.decode()
    for word in ("db-primary", "5432", "tm_owner", "could not connect"):
        assert word not in text


def test_healthz_is_degraded_but_up_when_the_cache_is_down(client):
    with mock.patch("ops.health.cache.set", side_effect=ConnectionError("refused")):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"] == {"database": "ok", "cache": "error"}


@pytest.mark.parametrize("lang", ["en", "zh_hans"])
@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_database_outage_answers_a_bilingual_503_not_a_traceback(lang, error):
    client = Client(raise_request_exception=False)
    with mock.patch(
        "wagtail.models.Site.find_for_request", side_effect=error("connection refused")
    ):
        response = client.get(PREFIX[lang])
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "We’ll be back shortly" in html
    assert "网站暂时无法访问" in html
    assert "connection refused" not in html
    assert "Traceback" not in html


def test_other_errors_still_answer_500():
    client = Client(raise_request_exception=False)
    with mock.patch("wagtail.models.Site.find_for_request", side_effect=ValueError("bug")):
        response = client.get("/en/")
    assert response.status_code == 500
    assert "服务器出现错误" in response.content.decode()


def test_the_site_recovers_after_the_outage_without_a_restart():
    client = Client(raise_request_exception=False)
    with mock.patch("wagtail.models.Site.find_for_request", side_effect=OperationalError()):
        assert client.get("/en/").status_code == 503
    assert client.get("/en/").status_code == 200


def test_each_request_is_logged_as_one_json_line(client, caplog):
    with caplog.at_level(logging.INFO, logger="tsinghua_med.requests"):
        response = client.get("/zh-hans/", HTTP_X_REQUEST_ID="proxy-abc.123")
    assert response["X-Request-ID"] == "proxy-abc.123"
    record = next(r for r in caplog.records if r.name == "tsinghua_med.requests")
    from ops.request_log import JsonFormatter

    entry = json.loads(JsonFormatter().format(record))
    assert entry["request_id"] == "proxy-abc.123"
    assert entry["method"] == "GET"
    assert entry["path"] == "/zh-hans/"
    assert entry["status"] == 200
    assert entry["lang"] == "zh-hans"
    assert entry["duration_ms"] >= 0


def test_a_forged_request_id_is_replaced(client):
    response = client.get("/en/", HTTP_X_REQUEST_ID='bad id"\n{"level":"ERROR"}')
    assert response["X-Request-ID"].isalnum()
    assert len(response["X-Request-ID"]) == 32


def test_new_request_ids_are_unique_and_each_worker_draws_its_own(monkeypatch):
    from ops import request_log

    ids = {request_log.request_id_from("") for _ in range(1000)}
    assert len(ids) == 1000
    assert all(len(value) == 32 and int(value, 16) >= 0 for value in ids)
    monkeypatch.setattr(request_log.os, "getpid", lambda: -1)  # as in a forked worker
    forked = request_log.request_id_from("")
    assert forked[:20] not in {value[:20] for value in ids}


def test_the_log_line_gives_each_second_its_own_time():
    from ops.request_log import JsonFormatter

    formatter = JsonFormatter()
    record = logging.makeLogRecord({"msg": "request", "created": 1_800_000_000.2})
    first = json.loads(formatter.format(record))["time"]
    record.created = 1_800_000_000.9
    assert json.loads(formatter.format(record))["time"] == first
    record.created = 1_800_000_001.1
    assert json.loads(formatter.format(record))["time"] != first
