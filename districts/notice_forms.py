"""The notice's admin form: the choosers narrowed to the user's districts (districts.permissions
says who may do what with a notice once saved)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Locale

from initiatives.models import InitiativePage

from .editorial import districts_for_user
from .models import DistrictPage, NeighbourhoodHouse, Notice


class NoticeForm(WagtailAdminModelForm):
    """The notice's edit form, narrowed to the user's districts: the choosers offer only the
    districts, houses and initiatives the user may edit, the whole portal is for administrators,
    and a notice cannot be moved out of the user's districts by a crafted form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        self.districts = None
        if user is None or user.is_superuser:
            return
        self.districts = districts_for_user(user)
        fields = self.fields
        if "district" in fields:
            fields["district"].queryset = DistrictPage.objects.filter(
                translation_key__in=self.districts.values("translation_key"), locale=Locale.get_default()
            )
        if "house" in fields:
            fields["house"].queryset = NeighbourhoodHouse.objects.filter(
                translation_key__in=self.districts.filter(house__isnull=False).values(
                    "house__translation_key"
                ),
                locale=Locale.get_default(),
            )
        if "initiative" in fields:
            under = Q()
            for path in self.districts.values_list("path", flat=True):
                under |= Q(path__startswith=path)
            fields["initiative"].queryset = (
                InitiativePage.objects.filter(under, locale=Locale.get_default())
                if under
                else InitiativePage.objects.none()
            )
        if "scope" in fields:
            fields["scope"].choices = [
                choice for choice in fields["scope"].choices if choice[0] != Notice.Scope.PORTAL
            ]

    def clean(self):
        cleaned = super().clean()
        scope = cleaned.get("scope")
        if scope is None:
            return cleaned
        wanted = Notice.SCOPE_FIELDS.get(scope)
        for name in Notice.SCOPE_FIELDS.values():
            if name not in self.fields:
                continue
            if name == wanted and cleaned.get(name) is None:
                self.add_error(name, _("Choose where the notice shows."))
            elif name != wanted and cleaned.get(name) is not None:
                self.add_error(name, _("Leave this empty, or choose the matching “where it shows”."))
        if self.districts is not None and scope == Notice.Scope.PORTAL:
            self.add_error("scope", _("Only administrators publish notices for the whole portal."))
        starts, ends = cleaned.get("starts"), cleaned.get("ends")
        if starts and ends and ends <= starts:
            self.add_error("ends", _("The end must be after the start."))
        return cleaned
