"""Admin forms of the initiatives' pages."""

from django.db.models import Q
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Locale


class ActivityPageForm(WagtailAdminPageForm):
    """Offers each audience once, in the default language.

    Pages point to the default locale's audiences (translations synchronise them and show each
    in its own language), so ticking among every locale's copies — “Bambini”, “Children”,
    “Copii”… six audiences times seven languages — only confused editors. An audience a page
    already points to stays offered, so saving never drops it.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("audiences")
        if field is None:
            return
        chosen = [audience.pk for audience in self.instance.audiences.all()]
        field.queryset = field.queryset.filter(Q(locale=Locale.get_default()) | Q(pk__in=chosen))
