"""``manage.py translation_status``: what content lacks a language or has outdated Chinese;
non-zero exit for CI (``--report-only``: always zero)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from translations import stale
from translations.status import LANGUAGES, build_report


class Command(BaseCommand):
    help = (
        "List pages, snippets and settings whose translatable fields are empty in one "
        "language or whose Chinese is outdated (the English changed after it was written), "
        "with counts per content type and the overall completeness. Exits with status 1 "
        "when anything public is untranslated or outdated, unless --report-only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--language",
            choices=LANGUAGES,
            help="Only report this missing language (default: every language).",
        )
        parser.add_argument(
            "--report-only",
            action="store_true",
            help="Print the report but exit with status 0 whatever it finds.",
        )

    def handle(self, *args, language=None, report_only=False, **options):
        report = build_report(languages=[language] if language else None)
        base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        width = max((len(str(c.label)) for c in report.counts.values()), default=10)
        self.stdout.write(f"{'Content type':<{width}}  objects  texts  complete  outdated")
        for count in sorted(report.counts.values(), key=lambda c: str(c.label)):
            self.stdout.write(
                f"{count.label!s:<{width}}  {count.objects:>7}  {count.values:>5}  "
                f"{count.percent:>7.1f} %  {count.outdated:>8}"
            )
        for gap in report.gaps:
            where = f"{base_url}{gap.edit_url}" if gap.edit_url else "(no edit view)"
            status = "public" if gap.public else "not public"
            self.stdout.write(
                f"MISSING {gap.language}: {gap.owner_label} · {gap.field} [{status}] {where}"
            )
        for item in report.outdated:
            where = f"{base_url}{item.edit_url}" if item.edit_url else "(no edit view)"
            status = "public" if item.public else "not public"
            self.stdout.write(
                f"OUTDATED {item.field}: {item.owner_label} · English now "
                f"{stale.readable(item.new_english)[:80]!r} [{status}] {where}"
            )
        summary = (
            f"Overall completeness: {report.percent:.1f} % of {report.values} texts; "
            f"{len(report.gaps)} missing, {len(report.public_gaps)} of them public; "
            f"{len(report.outdated)} outdated, {len(report.public_outdated)} of them public."
        )
        if (report.public_gaps or report.public_outdated) and not report_only:
            self.stderr.write(self.style.ERROR(summary))
            raise SystemExit(1)
        self.stdout.write(self.style.SUCCESS(summary))
