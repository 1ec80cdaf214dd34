"""Words residents filter by: categories, audiences and the languages activities are held in."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField


class Category(TranslatableMixin, index.Indexed, models.Model):
    """What kind of thing an initiative or event is: counselling desk, course, workshop…"""

    name = models.CharField(
        _("name"),
        max_length=80,
        help_text=_("As residents read it in the filters and on the pages, e.g. “Courses”."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        help_text=_("Short name used in addresses and filters, e.g. “courses”. Same in every language."),
    )
    description = models.CharField(
        _("description"),
        max_length=250,
        blank=True,
        help_text=_("For the editors: what belongs in this category. Not shown on the site."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]
    override_translatable_fields = [SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_category_slug_per_locale")
        ]

    def __str__(self):
        return self.name


class Audience(TranslatableMixin, models.Model):
    """Who an activity is meant for: children, teens, adults, seniors, families, newcomers."""

    name = models.CharField(
        _("name"), max_length=80, help_text=_("As residents read it on the pages, e.g. “Seniors”.")
    )
    slug = models.SlugField(_("slug"), max_length=80, help_text=_("Same in every language, e.g. “seniors”."))
    sort_order = models.PositiveSmallIntegerField(
        _("position in lists"),
        default=0,
        help_text=_("Lower numbers come first in the filters and on the pages."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    override_translatable_fields = [SynchronizedField("slug"), SynchronizedField("sort_order")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_audience_slug_per_locale")
        ]

    def __str__(self):
        return self.name


class SpokenLanguage(models.Model):
    """A language an activity is held in, named in itself (autonym), so it needs no translation."""

    code = models.CharField(
        _("language code"),
        max_length=12,
        unique=True,
        help_text=_("ISO 639 code, e.g. “it”, “ar”, “wo” for Wolof."),
    )
    name = models.CharField(
        _("name in the language itself"), max_length=60, help_text=_("E.g. “العربية”, “Română”.")
    )

    panels = [FieldPanel("code"), FieldPanel("name")]

    class Meta:
        verbose_name = _("spoken language")
        verbose_name_plural = _("spoken languages")
        ordering = ["code"]

    def __str__(self):
        return self.name
