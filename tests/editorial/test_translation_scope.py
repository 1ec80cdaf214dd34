"""The plumbing of districts.localize_scope: wagtail-localize's endpoints reach the portal's checks.

Behaviour per role is tested in test_snippet_scope.py and test_proposal_recipients.py; these
tests fail when an upgrade of wagtail-localize moves what the portal relies on.
"""

import pytest
from django.urls import NoReverseMatch, resolve, reverse

from districts import localize_scope

pytestmark = pytest.mark.django_db

# Every endpoint of wagtail-localize (its URL names) and how the portal scopes it.
ENDPOINTS = {
    # Served by districts.localize_scope's subclasses, at the same paths.
    "submit_page_translation": "scoped view",
    "submit_snippet_translation": "scoped view",
    "update_translations": "scoped view",
    # Ask `user_can_edit_instance`, which districts.localize_scope replaces.
    "edit_string_translation": "user_can_translate",
    "edit_override": "user_can_translate",
    "download_pofile": "user_can_translate",
    "upload_pofile": "user_can_translate",
    "machine_translate": "user_can_translate",
    "preview_translation": "user_can_translate",
    "stop_translation": "user_can_translate",
    # Pages only, with Wagtail's page permissions.
    "convert_to_alias": "pages",
    # Lists of names and links (every snippet title is public on the site); no object's content.
    "translations_report": "lists",
    "translations_report_results": "lists",
    "snippets_api_listing": "lists",
    "snippets_api_detail": "lists",
    "javascript_catalog": "no object",
}


def test_every_wagtail_localize_endpoint_is_accounted_for():
    from wagtail_localize.wagtail_hooks import register_admin_urls

    (localize,) = register_admin_urls()
    assert {pattern.name for pattern in localize.url_patterns} == set(ENDPOINTS)


def test_submit_and_sync_resolve_to_the_scoped_views(client):
    client.get(reverse("wagtailadmin_login"))  # the admin's URLs, and its hooks, are loaded
    urls = {
        "submit_page_translation": reverse("wagtail_localize:submit_page_translation", args=[3]),
        "submit_snippet_translation": reverse(
            "wagtail_localize:submit_snippet_translation", args=["districts", "neighbourhoodhouse", 3]
        ),
        "update_translations": reverse("wagtail_localize:update_translations", args=[3]),
    }
    for name, url in urls.items():
        assert resolve(url).func.view_class is localize_scope.SCOPED_VIEWS[name], name


def test_the_translation_endpoints_ask_the_portal(client):
    from wagtail_localize.views import edit_translation

    client.get(reverse("wagtailadmin_login"))
    assert edit_translation.user_can_edit_instance is localize_scope.user_can_translate
    assert localize_scope.upstream_user_can_edit_instance is not localize_scope.user_can_translate


def test_wagtails_write_api_is_not_mounted():
    """Wagtail 8's v3 API (wagtail.api.v3) can update snippets with the model permission alone,
    whatever the district: mounting it would need the same scope as the admin."""
    with pytest.raises(NoReverseMatch):
        reverse("wagtailapi_v3:update_snippet", args=["districts.communitymanager", 1])
