"""Which translatable content is missing a language or has outdated Chinese, found
generically.

Every model registered with modeltranslation is inspected (pages, snippets, settings and the
orderables inside them), so the strategy and partnerships apps are covered without being
named here. A value counts as a *gap* when one language has text and the other has none
(both empty means there is nothing to translate); a Chinese value is *outdated* when its
English changed after it was written (see ``stale.py``). Orderables are reported under the page or
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

from . import i18n, stale
from .stale import translated_fields

LANGUAGES = [code.replace("-", "_") for code, _name in settings.LANGUAGES]


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
class Outdated:
    """A Chinese value whose English changed after it was written or last confirmed."""

    owner: object
    owner_label: str
    model_label: str
    field: str  # the Chinese column, e.g. "intro_zh_hans"
    field_label: str
    public: bool
    edit_url: str | None
    pending_draft: bool
    content_type_id: int
    object_id: str
    source_field: str  # the translated field, e.g. "intro"
    old_english: str
    new_english: str

    @property
    def diff(self):
        return stale.word_diff(self.old_english, self.new_english)


@dataclass
class TypeCount:
    label: str
    objects: int = 0
    values: int = 0  # translatable values that have text in at least one language
    complete: int = 0  # of those, the ones that have text in every language
    outdated: int = 0  # of the complete ones, those whose Chinese is outdated

    @property
    def percent(self):
        return percent(self.complete, self.values)


@dataclass
class Report:
    gaps: list[Gap] = field(default_factory=list)
    outdated: list[Outdated] = field(default_factory=list)
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

    @property
    def public_outdated(self):
        return [item for item in self.outdated if item.public]

    def gaps_by_owner(self):
        return group_by_owner(self.gaps)

    def outdated_by_owner(self):
        return group_by_owner(self.outdated)


def group_by_owner(items):
    grouped = defaultdict(list)
    for item in items:
        grouped[(item.owner_label, item.edit_url)].append(item)
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


def build_report(user=None, languages=None, outdated=True):
    """Scan every translatable object. ``user`` limits edit links to what they may edit."""
    languages = languages or LANGUAGES
    url_finder = AdminURLFinder(user)
    report = Report()
    edit_urls = {}
    anchors = stale.anchors_for(None) if outdated else {}

    def edit_url(owner):
        key = (type(owner), owner.pk)
        if key not in edit_urls:
            edit_urls[key] = url_finder.get_edit_url(owner)
        return edit_urls[key]

    for model in translatable_models():
        fields = translated_fields(model)
        if not fields:
            continue
        tracked = set(stale.tracked_fields(model)) if anchors else set()
        model_ct = ContentType.objects.get_for_model(model).pk
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
            ct_id = obj.content_type_id if isinstance(obj, Page) else model_ct
            for name in fields:
                values = {lang: getattr(obj, f"{name}_{lang}", None) for lang in LANGUAGES}
                filled = {lang for lang, value in values.items() if not i18n.is_empty(value)}
                if not filled:
                    continue
                count.values += 1
                if len(filled) == len(LANGUAGES):
                    count.complete += 1
                    anchor = name in tracked and stale.outdated_source(obj, name, anchors, ct_id)
                    if anchor:
                        count.outdated += 1
                        report.outdated.append(
                            Outdated(
                                owner=owner,
                                owner_label=owner_label(owner),
                                model_label=count.label,
                                field=f"{name}_{stale.TARGET}",
                                field_label=field_label(model, name),
                                public=is_public(owner),
                                edit_url=edit_url(owner),
                                pending_draft=bool(
                                    getattr(owner, "has_unpublished_changes", False)
                                ),
                                content_type_id=ct_id,
                                object_id=str(obj.pk),
                                source_field=name,
                                old_english=anchor.source_text,
                                new_english=stale.values_of(obj, name)[0],
                            )
                        )
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
