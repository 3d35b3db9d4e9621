"""Which translatable content is missing a language, found generically.

Every model registered with modeltranslation is inspected (pages, snippets, settings and the
orderables inside them), so the strategy and partnerships apps are covered without being
named here. A value counts as a *gap* when one language has text and the other has none
(both empty means there is nothing to translate). Orderables are reported under the page or
snippet that owns them, because that is where a translator edits them.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.text import capfirst
from modelcluster.fields import ParentalKey
from modeltranslation.translator import translator
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import DraftStateMixin, Page

from . import i18n

LANGUAGES = [code.replace("-", "_") for code, _name in settings.LANGUAGES]
# Derived by Wagtail from the slugs; never edited by hand.
DERIVED_FIELDS = {"url_path"}


@dataclass
class Gap:
    """One field of one object that has text in one language and none in ``language``."""

    owner: object  # the page/snippet/setting a translator opens
    owner_label: str
    model_label: str  # the content type the value belongs to (may be an orderable's)
    field: str
    field_label: str
    language: str  # the language that is missing ("zh_hans" or "en")
    public: bool
    edit_url: str | None
    pending_draft: bool = False


@dataclass
class TypeCount:
    label: str
    objects: int = 0
    values: int = 0  # translatable values that have text in at least one language
    complete: int = 0  # of those, the ones that have text in every language

    @property
    def percent(self):
        return percent(self.complete, self.values)


@dataclass
class Report:
    gaps: list[Gap] = field(default_factory=list)
    counts: dict[str, TypeCount] = field(default_factory=dict)

    @property
    def values(self):
        return sum(c.values for c in self.counts.values())

    @property
    def complete(self):
        return sum(c.complete for c in self.counts.values())

    @property
    def percent(self):
        return percent(self.complete, self.values)

    @property
    def public_gaps(self):
        return [gap for gap in self.gaps if gap.public]

    def gaps_by_owner(self):
        grouped = defaultdict(list)
        for gap in self.gaps:
            grouped[(gap.owner_label, gap.edit_url)].append(gap)
        return dict(grouped)


def percent(part, whole):
    # Floor to one decimal so 99.96 % never shows as a reassuring "100.0 %".
    if not whole:
        return 100.0
    return int(part * 1000 / whole) / 10


def translatable_models():
    """Concrete registered models, most specific first. ``Page`` itself stays in the list but
    only covers pages whose type registered no fields of its own (see ``rows_of``)."""
    result = [m for m in translator.get_registered_models(abstract=False) if not m._meta.proxy]
    return sorted(result, key=lambda m: (m is Page, m._meta.app_label, m._meta.model_name))


def rows_of(model):
    rows = model._default_manager.all()
    if issubclass(model, Page):
        rows = rows.filter(depth__gt=1)  # the tree's root is not a page anyone sees
    if model is Page:
        # Pages of a registered type are reported (with all their fields) under that type.
        registered = [
            m for m in translator.get_registered_models(abstract=False) if issubclass(m, Page)
        ]
        covered = ContentType.objects.get_for_models(*registered).values()
        rows = rows.exclude(content_type__in=[ct for ct in covered if ct.model_class() is not Page])
    return rows


def translated_fields(model):
    options = translator.get_options_for_model(model)
    # all_fields includes the inherited Page fields (title, slug, search description…).
    return [name for name in options.all_fields if name not in DERIVED_FIELDS]


def parental_key(model):
    """The ParentalKey of an orderable (its owning page or snippet), or None."""
    for model_field in model._meta.get_fields():
        if isinstance(model_field, ParentalKey):
            return model_field
    return None


def is_public(obj):
    if isinstance(obj, Page):
        return obj.live and obj.depth > 1
    if isinstance(obj, DraftStateMixin):
        return obj.live
    return True


def owner_label(obj):
    if isinstance(obj, Page):
        return f"{obj.title} ({capfirst(obj._meta.verbose_name)})"
    return f"{obj} ({capfirst(obj._meta.verbose_name)})"


def build_report(user=None, languages=None):
    """Scan every translatable object. ``user`` limits edit links to what they may edit."""
    languages = languages or LANGUAGES
    url_finder = AdminURLFinder(user)
    report = Report()
    edit_urls = {}

    def edit_url(owner):
        key = (type(owner), owner.pk)
        if key not in edit_urls:
            edit_urls[key] = url_finder.get_edit_url(owner)
        return edit_urls[key]

    for model in translatable_models():
        fields = translated_fields(model)
        if not fields:
            continue
        parent_field = parental_key(model)
        rows = rows_of(model)
        if parent_field is not None:
            rows = rows.select_related(parent_field.name)
        count = report.counts.setdefault(
            model._meta.label, TypeCount(capfirst(model._meta.verbose_name))
        )
        for obj in rows:
            owner = getattr(obj, parent_field.name) if parent_field else obj
            count.objects += 1
            for name in fields:
                values = {lang: getattr(obj, f"{name}_{lang}", None) for lang in LANGUAGES}
                filled = {lang for lang, value in values.items() if not i18n.is_empty(value)}
                if not filled:
                    continue
                count.values += 1
                if len(filled) == len(LANGUAGES):
                    count.complete += 1
                    continue
                for lang in languages:
                    if lang in filled:
                        continue
                    report.gaps.append(
                        Gap(
                            owner=owner,
                            owner_label=owner_label(owner),
                            model_label=count.label,
                            field=f"{name}_{lang}",
                            field_label=field_label(model, name),
                            language=lang,
                            public=is_public(owner),
                            edit_url=edit_url(owner),
                            pending_draft=bool(getattr(owner, "has_unpublished_changes", False)),
                        )
                    )
    report.counts = {k: v for k, v in report.counts.items() if v.objects}
    return report


def field_label(model, name):
    try:
        model_field = model._meta.get_field(name)
    except models.FieldDoesNotExist:
        return name
    return capfirst(model_field.verbose_name)
