"""wagtail-localize's admin endpoints, confined to what the user may translate.

wagtail-localize checks less than the portal needs (wagtail-localize 1.14):

- its translation endpoints (strings, overrides, PO files, machine translation, preview, stop:
  views/edit_translation.py) ask `user_can_edit_instance`, which for a snippet only asks whether
  the user may edit the snippet *type*: a Community Manager of Mirafiori could read and change
  the translations of San Salvario's house (or notices);
- "Translate" (submit_translations.py) and "Sync translated …" (update_translations.py) only ask
  for the `submit_translation` permission, whatever the object; and "Sync" with "Publish
  immediately" publishes every translated page, bypassing the Community Manager's approval.

Here:

- `user_can_translate` replaces wagtail-localize's `user_can_edit_instance` (`install()`, from
  DistrictsConfig.ready): pages keep Wagtail's page permissions; houses, Community Managers
  and notices ask their policy's "translate" action (districts.permissions), by record and
  district;
- the submit and sync views are served by subclasses that check the object first, at the same
  admin paths (`shadowing_admin_urls`, registered ahead of wagtail-localize's own); "Publish
  immediately" is offered only to who may publish every translated page;
- a page's translations are published only once the page itself is (wagtail-localize reads a
  translation's facts from the source's database row, which for a page never published is a
  draft nobody approved): the sync view and `translations_follow_their_source`.

The translation editor itself opens through the snippet's edit view (wagtail-localize's
before_edit_snippet hook), which districts.wagtail_hooks scopes.
"""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.shortcuts import redirect
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.models import DraftStateMixin, Page
from wagtail.permissions import policy_registry
from wagtail.snippets.permissions import get_permission_name
from wagtail_localize.models import Translation

from portal.core import upstream

from .permissions import TRANSLATE, DistrictSnippetPermissionPolicy, NoticePermissionPolicy

# wagtail-localize's own check, for the objects the portal does not scope itself.
upstream_user_can_edit_instance = upstream.localize_user_can_edit_instance()
# The views of wagtail-localize the portal serves scoped (see the module's docstring).
localize_views = upstream.wagtail_localize_views()


def user_can_translate(user, instance):
    """May `user` translate `instance`, or edit its translation into some locale?"""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    policy = policy_registry.get_by_type(type(instance))
    if isinstance(policy, DistrictSnippetPermissionPolicy | NoticePermissionPolicy):
        return policy.user_has_permission_for_instance(user, TRANSLATE, instance)
    return upstream_user_can_edit_instance(user, instance)


def user_can_publish(user, instance):
    """May `user` publish `instance` (a translated copy) as it stands?"""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    if isinstance(instance, DraftStateMixin):
        return user.is_superuser or user.has_perm(get_permission_name("publish", type(instance)))
    # Plain snippets have no drafts: saving their translation is translating them.
    return user_can_translate(user, instance)


def install():
    """Make wagtail-localize's translation endpoints ask `user_can_translate`.

    Its views look the function up in their module when called, so replacing the module's
    attribute is enough; tests/editorial/test_translation_scope.py checks it still is.
    """
    upstream.replace_localize_user_can_edit_instance(user_can_translate)


class TranslateScopeMixin:
    """A wagtail-localize view whose object must be one the user may translate."""

    def get_object(self):
        instance = super().get_object()
        if not user_can_translate(self.request.user, instance):
            raise PermissionDenied
        return instance


class ScopedSubmitPageTranslationView(TranslateScopeMixin, localize_views.SubmitPageTranslationView):
    pass


class ScopedSubmitSnippetTranslationView(TranslateScopeMixin, localize_views.SubmitSnippetTranslationView):
    pass


class ScopedUpdateTranslationsForm(localize_views.UpdateTranslationsForm):
    """wagtail-localize's sync form, without "Publish immediately" for who may not publish."""

    def __init__(self, *args, may_publish=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_publish:
            del self.fields["publish_translations"]

    def clean(self):
        cleaned_data = super().clean()
        cleaned_data.setdefault("publish_translations", False)
        return cleaned_data


def unpublished_source(translation):
    """The source page of `translation` if it is a page that is not live, else None.

    wagtail-localize takes a translation's content, facts included, from the source page's
    database row, which for a page never published is its first draft, not yet approved (a
    form's `to_address`, for one). Its translations wait until it is published.
    """
    try:
        source = translation.source.get_source_instance()
    except ObjectDoesNotExist:
        return None
    return source if isinstance(source, Page) and not source.live else None


def translations_follow_their_source(request, page):
    """before_edit_page hook, ahead of wagtail-localize's: its translation editor's "Publish"
    (a POST with action=publish) waits until the source page is published."""
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source")
        .first()
    )
    source = unpublished_source(translation) if translation else None
    if source is None:
        return None
    messages.error(
        request,
        _("“%(title)s” is not published in its own language yet: translations are published after it.")
        % {"title": source.get_admin_display_title()},
    )
    return redirect(request.path)


class ScopedUpdateTranslationsView(localize_views.UpdateTranslationsView):
    def get_object(self):
        source = super().get_object()
        try:
            instance = source.get_source_instance()
        except ObjectDoesNotExist:
            instance = None
        if instance is None or not user_can_translate(self.request.user, instance):
            raise PermissionDenied
        self.source_instance = instance
        return source

    @cached_property
    def may_publish(self):
        """Whether the user may publish every translated copy (a Community Manager's approval),
        once the source is published (see `unpublished_source`)."""
        if isinstance(self.source_instance, Page) and not self.source_instance.live:
            return False
        user = self.request.user
        for translation in self.object.translations.filter(enabled=True).select_related("target_locale"):
            try:
                target = translation.get_target_instance()
            except ObjectDoesNotExist:
                continue
            if not user_can_publish(user, target):
                return False
        return True

    def get_form(self):
        data = self.request.POST if self.request.method == "POST" else None
        return ScopedUpdateTranslationsForm(data, may_publish=self.may_publish)

    def post(self, request, **kwargs):
        if request.POST.get("publish_translations") and not self.may_publish:
            # The form does not offer it: a forged or outdated request.
            raise PermissionDenied
        return super().post(request, **kwargs)


SCOPED_VIEWS = {
    "submit_page_translation": ScopedSubmitPageTranslationView,
    "submit_snippet_translation": ScopedSubmitSnippetTranslationView,
    "update_translations": ScopedUpdateTranslationsView,
}


def shadowing_admin_urls():
    """The scoped views at wagtail-localize's own paths, to be registered before its URLs.

    The paths are read from wagtail-localize's URL list, so a renamed view fails loudly here
    instead of being left unscoped. They carry no names: `reverse("wagtail_localize:…")`
    still builds the same paths, which now resolve here first.
    """
    prefix, routes = upstream.localize_admin_routes()
    return [path(prefix + routes[name], view.as_view()) for name, view in SCOPED_VIEWS.items()]
