"""Admin registration of the initiatives' taxonomy snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Audience, Category, SpokenLanguage


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = _("Categories")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    menu_label = _("Audiences")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]


class SpokenLanguageViewSet(SnippetViewSet):
    model = SpokenLanguage
    icon = "globe"
    menu_label = _("Spoken languages")
    list_display = ["name", "code"]


class TaxonomySnippets(SnippetViewSetGroup):
    items = (CategoryViewSet, AudienceViewSet, SpokenLanguageViewSet)
    menu_icon = "tag"
    menu_label = _("Taxonomy")
    menu_name = "taxonomy"
    # After the districts' group (districts/wagtail_hooks.py), before Wagtail's reports (9000).
    menu_order = 8998


register_snippet(TaxonomySnippets)
