"""Admin registration of the districts' snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CommunityManager, NeighbourhoodHouse


class NeighbourhoodHouseViewSet(SnippetViewSet):
    model = NeighbourhoodHouse
    icon = "home"
    menu_label = _("Neighbourhood houses")
    list_display = ["name", "street_address", "phone", "locale"]
    list_filter = ["locale", "step_free"]
    search_fields = ["name", "street_address"]


class CommunityManagerViewSet(SnippetViewSet):
    model = CommunityManager
    icon = "user"
    menu_label = _("Community Managers")
    list_display = ["name", "role", "email", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class DistrictSnippets(SnippetViewSetGroup):
    items = (NeighbourhoodHouseViewSet, CommunityManagerViewSet)
    menu_icon = "site"
    menu_label = _("Districts")
    menu_name = "districts"


register_snippet(DistrictSnippets)
