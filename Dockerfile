# Production image: gunicorn on PostgreSQL/Redis, static files collected at build time.
FROM python:3.11-slim

# The PostgreSQL client (pg_dump / pg_restore for backup_site and restore_site) must be at
# least the server's major version. Debian bookworm (this base image) ships 15; for another
# server version the client comes from the PostgreSQL project's apt repository
# (apt.postgresql.org): docker build --build-arg PG_MAJOR=16 .
ARG PG_MAJOR=15

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=tsinghua_med.settings.production \
    GUNICORN_BIND=0.0.0.0:8000

RUN set -eux; \
    apt-get update; \
    if [ "$PG_MAJOR" != "15" ]; then \
        apt-get install -y --no-install-recommends ca-certificates curl; \
        install -d /usr/share/postgresql-common/pgdg; \
        curl -fsSL -o /usr/share/postgresql-common/pgdg/apt.postgresql.org.asc \
            https://www.postgresql.org/media/keys/ACCC4CF8.asc; \
        . /etc/os-release; \
        echo "deb [signed-by=/usr/share/postgresql-common/pgdg/apt.postgresql.org.asc] https://apt.postgresql.org/pub/repos/apt ${VERSION_CODENAME}-pgdg main" \
            > /etc/apt/sources.list.d/pgdg.list; \
        apt-get update; \
    fi; \
    apt-get install -y --no-install-recommends libjpeg62-turbo libwebp7 gettext \
        "postgresql-client-${PG_MAJOR}"; \
    rm -rf /var/lib/apt/lists/*; \
    pg_dump --version | grep -q "PostgreSQL) ${PG_MAJOR}\."; \
    useradd --create-home --uid 1000 app

WORKDIR /app
# Requirements first, so this layer is reused while only application code changes.
COPY requirements.txt .
RUN pip install -r requirements.txt

# The code belongs to root: the app user can read it but not change it. Only locale/
# (translators save the interface strings from the admin) and media/ (uploads, when not in
# object storage) are writable by the app.
COPY . .
# collectstatic needs settings but no real secret or database.
RUN SECRET_KEY=build-only DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py collectstatic --noinput \
    && python manage.py compilemessages --ignore=.venv \
    && rm -f /tmp/build.sqlite3 \
    && mkdir -p /app/media \
    && chown -R app:app /app/locale /app/media

USER app
EXPOSE 8000
CMD ["gunicorn", "tsinghua_med.wsgi:application", "--config", "gunicorn.conf.py"]
