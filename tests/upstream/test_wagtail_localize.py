"""wagtail-localize's internals the portal relies on (portal.core.upstream, "wagtail-localize").

tests/editorial/test_translation_scope.py checks the portal's use of them end to end.
"""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page

from portal.core import upstream
from tests.factories import DistrictPageFactory, UserFactory, translate_with_localize

pytestmark = pytest.mark.django_db


def test_the_edit_check_is_the_one_the_translation_endpoints_call(client, district, en_home):
    from wagtail_localize.models import Translation
    from wagtail_localize.views import edit_translation

    translate_with_localize(district.house, Locale.objects.get(language_code="en"))
    translation = Translation.objects.get(target_locale__language_code="en")
    client.force_login(UserFactory(is_superuser=True))
    url = reverse("wagtail_localize:download_pofile", args=[translation.pk])
    assert client.get(url).status_code == 200

    current = upstream.localize_user_can_edit_instance()
    assert current is edit_translation.user_can_edit_instance
    asked = []

    def refuse(user, instance):
        asked.append(instance)
        return False

    upstream.replace_localize_user_can_edit_instance(refuse)
    try:
        response = client.get(url)  # PermissionDenied, which Wagtail's admin turns into a redirect
        assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    finally:
        upstream.replace_localize_user_can_edit_instance(current)
    assert asked == [translation.get_target_instance()]
    assert upstream.localize_user_can_edit_instance() is current


def test_the_subclassed_views_are_the_ones_at_wagtail_localizes_urls():
    from wagtail_localize.wagtail_hooks import register_admin_urls

    views = upstream.wagtail_localize_views()
    (localize,) = register_admin_urls()
    served = {
        pattern.name: pattern.callback.view_class
        for pattern in localize.url_patterns
        if hasattr(pattern.callback, "view_class")
    }
    assert served["submit_page_translation"] is views.SubmitPageTranslationView
    assert served["submit_snippet_translation"] is views.SubmitSnippetTranslationView
    assert served["update_translations"] is views.UpdateTranslationsView
    # The sync view builds its form in get_form(); "Publish immediately" is this field.
    assert "get_form" in vars(views.UpdateTranslationsView)
    assert "publish_translations" in views.UpdateTranslationsForm().fields


def test_the_admin_routes_are_read_from_wagtail_localizes_hook():
    prefix, routes = upstream.localize_admin_routes()
    assert prefix == "localize/"
    assert routes["submit_page_translation"] == "submit/page/<int:page_id>/"
    assert routes["submit_snippet_translation"] == (
        "submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/"
    )
    assert routes["update_translations"] == "update/<int:translation_source_id>/"


def test_trees_are_synchronised_and_new_pages_aliased(site_tree, home):
    from wagtail_localize.models import LocaleSynchronization

    french = Locale.objects.create(language_code="fr")
    upstream.synchronize_tree(site_tree.it, french)
    assert Page.objects.filter(locale=french, alias_of=home).exists()

    LocaleSynchronization.objects.create(locale=french, sync_from=site_tree.it)
    page = DistrictPageFactory(parent=home, title="Barriera di Milano", slug="barriera")
    assert not Page.objects.filter(locale=french, alias_of=page).exists()  # created outside the admin
    upstream.create_aliases_for_new_page(page)
    assert Page.objects.filter(locale=french, alias_of=page).exists()
