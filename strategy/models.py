"""The Strategic Plan: one plan page with its six goal pages as children.

Structure (sections, orderable items) is modelled once; every text field is translated
(see translation.py), so a translator fills in Chinese beside English in the same form.
"""

from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.models import Orderable, Page
from wagtail.search import index

from caching import memo
from caching.view_restrictions import ViewRestrictionsShortcutMixin
from pages import navigation
from pages.images import PageImageMixin, image_alt_field
from pages.models import MENU_PROMOTE_PANELS, MenuTitleMixin
from search.fields import page_search_fields, translated_search_fields

IMAGE = "wagtailimages.Image"
CHINESE_NUMERALS = "一二三四五六七八九十"


def goal_numeral(number):
    """A goal's number as the content writes it: 1 in English, 一 in Chinese (战略目标一)."""
    if (get_language() or "").lower().startswith("zh") and 1 <= number <= len(CHINESE_NUMERALS):
        return CHINESE_NUMERALS[number - 1]
    return str(number)


class StrategicPlanPage(MenuTitleMixin, ViewRestrictionsShortcutMixin, PageImageMixin, Page):
    vision_heading = models.CharField(_("vision heading"), max_length=80, default="Vision")
    vision_headline = models.CharField(_("vision headline"), max_length=200)
    vision_statement = models.TextField(_("vision statement"))
    mission_heading = models.CharField(_("mission heading"), max_length=80, default="Mission")
    mission_lead = models.TextField(_("mission lead sentence"))
    approach_heading = models.CharField(_("strategic approach heading"), max_length=120)
    goals_heading = models.CharField(_("strategic goals heading"), max_length=120)
    capabilities_heading = models.CharField(_("enabling capabilities heading"), max_length=120)
    closing_heading = models.CharField(_("closing heading"), max_length=120)
    closing_text = models.TextField(_("closing text"))
    quote_lead = models.CharField(_("quote lead-in"), max_length=200, blank=True)
    quote = models.TextField(_("quote"))
    quote_attribution = models.CharField(_("quote attribution"), max_length=200, blank=True)
    about_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("About page"),
        help_text=_("Linked from the end of the plan."),
    )

    content_panels = Page.content_panels + [
        PageImageMixin.image_panel(),
        MultiFieldPanel(
            [
                FieldPanel("vision_heading"),
                FieldPanel("vision_headline"),
                FieldPanel("vision_statement"),
            ],
            heading=_("Vision"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("mission_heading"),
                FieldPanel("mission_lead"),
                InlinePanel("commitments", label=_("Commitment"), min_num=1),
            ],
            heading=_("Mission"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("approach_heading"),
                InlinePanel("pillars", label=_("Pillar"), min_num=1),
            ],
            heading=_("Strategic approach"),
        ),
        FieldPanel(
            "goals_heading",
            help_text=_("The goals themselves are the child pages of this page, in their order."),
        ),
        MultiFieldPanel(
            [
                FieldPanel("capabilities_heading"),
                InlinePanel("capabilities", label=_("Capability"), min_num=1),
            ],
            heading=_("Enabling capabilities"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("closing_heading"),
                FieldPanel("closing_text"),
                FieldPanel("quote_lead"),
                FieldPanel("quote"),
                FieldPanel("quote_attribution"),
            ],
            heading=_("Closing statement"),
        ),
        FieldPanel("about_page"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=pgettext_lazy("site", "Content")),
            ObjectList(MENU_PROMOTE_PANELS, heading=pgettext_lazy("site", "Promote")),
        ]
    )
    # Both languages indexed, Chinese segmented: see search/fields.py.
    search_fields = page_search_fields(
        "vision_headline", "vision_statement", "mission_lead", "closing_text", "quote"
    ) + [
        index.RelatedFields("commitments", translated_search_fields("text")),
        index.RelatedFields("pillars", translated_search_fields("name", "subtitle", "description")),
        index.RelatedFields("capabilities", translated_search_fields("title", "text")),
    ]
    # Read API (pages/api.py): values in the requested language.
    api_fields = [
        APIField(name)
        for name in (
            "vision_heading",
            "vision_headline",
            "vision_statement",
            "mission_heading",
            "mission_lead",
            "commitments",
            "approach_heading",
            "pillars",
            "goals_heading",
            "capabilities_heading",
            "capabilities",
            "closing_heading",
            "closing_text",
            "quote_lead",
            "quote",
            "quote_attribution",
            "image",
            "image_alt",
        )
    ]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["strategy.StrategicGoalPage"]
    max_count = 1

    class Meta:
        verbose_name = _("strategic plan page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Remembered until the plan's section (or the site) is purged: publishing a goal,
        # the plan or the about page bumps it (caching.memo).
        context["goals"] = memo.for_request(
            request,
            ("plan-goals", self.pk),
            lambda: list(StrategicGoalPage.objects.child_of(self).live()),
        )
        context["pillars"] = memo.for_request(
            request, ("plan-pillars", self.pk), lambda: list(self.pillars.select_related("icon"))
        )
        context["about"] = memo.for_request(
            request,
            ("plan-about", self.pk),
            lambda: self.about_page if self.about_page and self.about_page.live else None,
        )
        return context


class MissionCommitment(Orderable):
    page = ParentalKey(StrategicPlanPage, related_name="commitments", on_delete=models.CASCADE)
    text = models.TextField(_("commitment"))

    panels = [FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("mission commitment")
        verbose_name_plural = _("mission commitments")

    api_fields = [APIField("text")]


class StrategicPillar(Orderable):
    page = ParentalKey(StrategicPlanPage, related_name="pillars", on_delete=models.CASCADE)
    name = models.CharField(pgettext_lazy("site", "name"), max_length=80)
    subtitle = models.CharField(_("subtitle"), max_length=200)
    description = models.TextField(pgettext_lazy("site", "description"))
    icon = models.ForeignKey(
        IMAGE,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("icon or image"),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("subtitle"),
        FieldPanel("description"),
        FieldPanel("icon"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("strategic pillar")
        verbose_name_plural = _("strategic pillars")

    api_fields = [APIField("name"), APIField("subtitle"), APIField("description")]


class EnablingCapability(Orderable):
    page = ParentalKey(StrategicPlanPage, related_name="capabilities", on_delete=models.CASCADE)
    title = models.CharField(pgettext_lazy("site", "title"), max_length=80)
    text = models.TextField(_("text"))

    panels = [FieldPanel("title"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("enabling capability")
        verbose_name_plural = _("enabling capabilities")

    api_fields = [APIField("title"), APIField("text")]


class StrategicGoalPage(ViewRestrictionsShortcutMixin, PageImageMixin, Page):
    lead = models.TextField(_("lead statement"))
    image = models.ForeignKey(
        IMAGE,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=pgettext_lazy("site", "image"),
    )
    image_alt = image_alt_field()

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        InlinePanel("priorities", label=_("Key priority"), min_num=1),
        PageImageMixin.image_panel(),
    ]
    search_fields = page_search_fields("lead") + [
        index.RelatedFields("priorities", translated_search_fields("text")),
    ]
    api_fields = [
        APIField("lead"),
        APIField("priorities"),
        APIField("image"),
        APIField("image_alt"),
    ]

    parent_page_types = ["strategy.StrategicPlanPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("strategic goal page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Goals share the plan's section: publishing any of them purges this list.
        siblings = memo.for_request(
            request, ("goal-siblings", self.pk), lambda: list(self.get_siblings().live())
        )
        position = next(i for i, page in enumerate(siblings) if page.pk == self.pk)
        context.update(
            # The breadcrumbs read the ancestors anyway: the plan is the last of them.
            plan=navigation.ancestors(request, self)[-1],
            goal_number=goal_numeral(position + 1),
            previous_goal=siblings[position - 1] if position > 0 else None,
            next_goal=siblings[position + 1] if position + 1 < len(siblings) else None,
            priorities=self.priorities.all(),
        )
        return context


class KeyPriority(Orderable):
    page = ParentalKey(StrategicGoalPage, related_name="priorities", on_delete=models.CASCADE)
    text = models.TextField(_("priority"))

    panels = [FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("key priority")
        verbose_name_plural = _("key priorities")

    api_fields = [APIField("text")]
