# Production image: gunicorn on PostgreSQL/Redis, static files collected at build time.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=tsinghua_med.settings.production \
    GUNICORN_BIND=0.0.0.0:8000

RUN apt-get update \
    && apt-get install -y --no-install-recommends libjpeg62-turbo libwebp7 gettext \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 app

WORKDIR /app
# Requirements first, so this layer is reused while only application code changes.
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY --chown=app:app . .
# collectstatic needs settings but no real secret or database.
RUN SECRET_KEY=build-only DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py collectstatic --noinput \
    && python manage.py compilemessages --ignore=.venv \
    && chown -R app:app /app/staticfiles /app/locale

USER app
EXPOSE 8000
CMD ["gunicorn", "tsinghua_med.wsgi:application", "--config", "gunicorn.conf.py"]
