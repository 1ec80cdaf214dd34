"""The pages endpoint: Wagtail's, strict, limited to what the public may see, and preparing listed
pages in bulk.

Wagtail's viewsets serialise every listed page on its own, so a property that reads a snippet,
a district or the occurrence table costs queries per item. Here a listing first groups its
pages by type and hands each group to the preparer its app registered
(`portal.core.api.preparation.preparer`), which loads what the requested fields need for the
whole group at once; the model properties then read those prepared values instead of the
database.
"""

import hashlib
from collections import defaultdict
from functools import partial

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
)
from rest_framework.response import Response
from wagtail.api.v2.filters import LocaleFilter, SearchFilter
from wagtail.api.v2.views import PagesAPIViewSet as WagtailPagesAPIViewSet
from wagtail.models import Page

from portal.api.find import FIND_PARAMETERS, find_page
from portal.api.find import openapi_operation as find_operation
from portal.api.preview import PreviewRouteMixin
from portal.core import upstream
from portal.core.api.deleted import updated_since, updated_since_parameter
from portal.core.api.links import LinkedPages, linked_page_ids, linked_pages_context
from portal.core.api.preparation import PREPARERS, Preparation
from portal.core.api.serializers import (
    DetailUrlField,
    ImageRenditionsField,
    PageSerializer,
    TranslationsField,
    detail_url_maker,
    image_field_names,
    prefetch_image_renditions,
    prefetch_stream_blocks,
    rich_text_field_names,
    serializer_shape,
    stream_field_names,
)
from portal.core.api.strict import (
    StrictAPIMixin,
    StrictLocaleFilter,
    StrictSearchFilter,
    content_language_codes,
)
from portal.core.directory import get_directory
from portal.core.models import SyncRecord
from portal.core.page_cache import cached_by_version, cached_each_by_version
from portal.core.sites import site_for_request
from portal.core.sync import changed_ids
from portal.core.visibility import under

# Fixed renditions suited to phones: a 4:3 card picture and a full-width one.

# --- Pages ----------------------------------------------------------------------------------


class PagesAPIViewSet(PreviewRouteMixin, StrictAPIMixin, WagtailPagesAPIViewSet):
    base_serializer_class = PageSerializer
    filter_backends = [
        {LocaleFilter: StrictLocaleFilter, SearchFilter: StrictSearchFilter}.get(backend, backend)
        for backend in WagtailPagesAPIViewSet.filter_backends
    ]
    known_query_parameters = (WagtailPagesAPIViewSet.known_query_parameters - {"format"}) | {"updated_since"}
    # Offline sync (portal/core/sync.py): what was published, moved or made public again since.
    openapi_parameters = [updated_since_parameter()]
    # What `find` reads to find the page; the redirect to it keeps every other parameter.
    find_query_parameters = FIND_PARAMETERS
    meta_fields = WagtailPagesAPIViewSet.meta_fields + ["translations"]
    listing_default_fields = WagtailPagesAPIViewSet.listing_default_fields + ["translations"]
    # Each content app registers how its page types are prepared (portal.core.api.preparation).
    preparers = PREPARERS

    @classmethod
    def get_field_serializer_overrides(cls, model):
        overrides = super().get_field_serializer_overrides(model)
        overrides.setdefault("translations", TranslationsField(read_only=True))
        overrides.setdefault("detail_url", DetailUrlField(read_only=True))
        for name in image_field_names(model):
            overrides.setdefault(name, ImageRenditionsField(read_only=True))
        return overrides

    @property
    def directory(self):
        if not hasattr(self, "_directory"):
            self._directory = get_directory()
        return self._directory

    def get_base_queryset(self):
        # Wagtail builds it twice per request (queryset and serializer context), with three
        # queries each time; the directory knows the sites and the view restrictions already.
        if not hasattr(self, "_base_queryset"):
            if "site" in self.request.GET:
                # Wagtail's scoping to the named site, and the portal's rule of what the public
                # may see (portal/core/visibility.py), which Wagtail's does not extend to translations.
                queryset = super().get_base_queryset()
                hidden = self.directory.guards.paths_hidden_from(self.request)
                self._base_queryset = queryset.exclude(under(hidden)) if hidden else queryset
            else:
                self._base_queryset = self.directory.public_pages(self.request)
        return self._base_queryset

    def get_queryset(self):
        queryset = super().get_queryset()
        if queryset.model is not Page and "site" not in self.request.GET:
            # One page type: each of its rows tested against the rule, rather than Wagtail's
            # `pk IN (every public page)`, which SQLite builds in full (10,000 events) to count
            # 8 districts; as EXISTS, so that SQLite without statistics reads the type's own
            # table first rather than every page.
            condition = self.directory.public_condition(self.request)
            manager = queryset.model._default_manager
            if condition is None:
                queryset = manager.none()
            elif "search" in self.request.GET:
                # modelsearch checks every condition of a searched queryset and cannot read an
                # EXISTS (a 500 for `?type=…&search=`); the same rule as `pk IN` it can.
                queryset = manager.filter(pk__in=Page.objects.filter(condition).values("pk"))
            else:
                queryset = manager.filter(Exists(Page.objects.filter(condition, pk=OuterRef("pk"))))
        since = updated_since(self.request)
        if since is not None:
            queryset = queryset.filter(
                Q(last_published_at__gt=since) | Q(pk__in=changed_ids(SyncRecord.PAGE, since))
            )
        return queryset.select_related("locale", "alias_of__locale", *image_field_names(queryset.model))

    def listing_view(self, request):
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        queryset = self.filter_queryset(queryset)
        listed = self.paginate_queryset(queryset)
        serializer_class = self.get_serializer_class()
        if isinstance(listed, QuerySet) and self.shared_item_key(serializer_class):
            # The listed ids first: the pages themselves are read only for the items not kept.
            pks = list(listed.values_list("pk", flat=True))

            def load(missing):
                found = {page.pk: page for page in queryset.filter(pk__in=missing)}
                return [found[pk] for pk in missing]

        else:
            pages = {page.pk: page for page in listed}
            pks = list(pages)

            def load(missing):
                return [pages[pk] for pk in missing]

        return self.get_paginated_response(self.serialized_items(pks, serializer_class, load))

    def count_of(self, queryset):
        """How many pages the listing's filters select (StrictPagination), kept by content
        version for the readers of a site who share its items: which pages are live and public
        changes only with a publish, an unpublish, a move or a restriction, each of which moves
        the version on. The filters are named by their digest; a search is counted afresh."""
        site_id = self.shared_site_id()
        if site_id is None or not isinstance(queryset, QuerySet):
            return queryset.count()
        asked = sorted(
            (name, values)
            for name, values in self.request.GET.lists()
            if name not in ("limit", "offset", "fields", "order")
        )
        digest = hashlib.sha256(repr((queryset.model._meta.label_lower, asked)).encode()).hexdigest()[:32]
        return cached_by_version(self.request, "portal:api-count", queryset.count, site_id, digest)

    @classmethod
    def openapi_paths(cls):
        """The endpoints this viewset adds to Wagtail's listing and detail (the OpenAPI contract)."""
        return {**super().openapi_paths(), "/pages/find/": {"get": find_operation()}}

    def find_object(self, queryset, request):
        """The page a public address names, in the language it names (portal/api/find.py)."""
        return find_page(request, queryset)

    def answer_language(self, response):
        """A page's own language; a listing's `locale`, else the languages of its items (every
        content language when the items do not say theirs)."""
        detail = getattr(self, "_detail_page", None)
        if detail is not None:
            return detail.locale.language_code
        if "locale" in self.request.GET:
            return super().answer_language(response)
        codes = content_language_codes()
        items = response.data.get("items", []) if isinstance(response.data, dict) else []
        found = {item.get("meta", {}).get("locale") for item in items}
        if not items or not found <= set(codes):
            return ", ".join(codes)
        return ", ".join(code for code in codes if code in found)

    def get_object(self):
        """The page as its own type, with its locale and pictures read in the same query
        (Wagtail's `base.specific` reads them one by one)."""
        if not hasattr(self, "_specific_object"):
            base = super(WagtailPagesAPIViewSet, self).get_object()
            model = base.specific_class
            if model is None or model is type(base):
                self._specific_object = base
            else:
                self._specific_object = model._default_manager.select_related(
                    "locale", "alias_of__locale", *image_field_names(model)
                ).get(pk=base.pk)
        return self._specific_object

    def detail_view(self, request, pk):
        self.check_query_parameters(self.get_queryset())
        page = self.get_object()
        self._detail_page = page
        return Response(self.serialized_items([page.pk], self.get_serializer_class(), lambda _pks: [page])[0])

    def serialized_items(self, pks, serializer_class, load):
        """Each page as the serializer represents it, kept per page until the content changes
        (`cached_each_by_version`); only the pages not kept are prepared and serialised.

        An item is shared by the readers who see the same thing: the same site, the same
        fields in the same rich text format, and no view restriction passed (a visitor who
        gave a password may see more translations; such a request builds its own). The key's
        content version moves with every publish, unpublish, move, deletion and change of a
        view restriction or of a snippet a page shows (portal/core/signals.py), so an item is
        never kept past its page's change, nor past a change of what it shows of other pages;
        one holding next dates is kept only until the first of them starts or ends.
        """

        def build(missing):
            return self.representations(load([pk for *_shared, pk in missing]), serializer_class)

        shared = self.shared_item_key(serializer_class)
        keys = [(*shared, pk) for pk in pks]
        if not shared:
            return [item() for item in build(keys)]
        return cached_each_by_version(self.request, "portal:api-item", keys, build)

    def representations(self, pages, serializer_class):
        """For each page, a callable giving its representation, the group prepared at once:
        what a listing, a detail and a draft previewed "As in the app" all serialise with."""
        self.prepare_pages(pages, serializer_class.Meta.fields)
        child = serializer_class(context=self.get_serializer_context())
        return [partial(self.serialized, child.to_representation, page) for page in pages]

    def shared_item_key(self, serializer_class):
        """(site id, digest of the fields and format) of items any reader of this request's
        site may be given, or () if this request's items are its own."""
        site_id = self.shared_site_id()
        if site_id is None:
            return ()
        fields = repr((serializer_shape(serializer_class), self.resolve_rich_text_format()))
        return (site_id, hashlib.sha256(fields.encode()).hexdigest()[:24])

    def shared_site_id(self):
        """The id of the request's site if what it is given may be shared with any reader of
        that site (no `?site=`, no view restriction passed), else None."""
        request = self.request
        if "site" in request.GET:
            return None
        if not self.directory.guards.sees_what_the_public_sees(request):
            return None
        site = site_for_request(request, [site for site, _paths in self.directory.sites])
        return site.pk if site is not None else None

    def prepare_pages(self, pages, fields):
        self._listed_pages = pages
        preparation = Preparation(self, fields)
        by_model = defaultdict(list)
        for page in pages:
            by_model[type(page)].append(page)
        images = []  # the renditions of every listed picture in one query
        link_ids = set()  # the pages linked from rich text, read in one query
        for model, group in by_model.items():
            for name in rich_text_field_names(model):
                if name in preparation.fields:
                    for page in group:
                        linked_page_ids(getattr(page, name), link_ids)
            for name in image_field_names(model):
                if name in preparation.fields:
                    images.extend(image for page in group if (image := getattr(page, name)) is not None)
            for name in stream_field_names(model):
                if name in preparation.fields:
                    images.extend(prefetch_stream_blocks(group, name))
                    for page in group:
                        linked_page_ids(upstream.stream_raw_items(getattr(page, name)), link_ids)
            preparer = next((self.preparers[cls] for cls in model.__mro__ if cls in self.preparers), None)
            if preparer is not None:
                preparer(group, preparation)
        if images:
            prefetch_image_renditions(list({id(image): image for image in images}.values()), "")
        detail = getattr(self, "_detail_page", None)
        if detail is not None:
            self.detail_relatives(detail, link_ids)
        elif link_ids:
            rows = Page.objects.filter(LinkedPages.condition(link_ids)).select_related("locale")
            self._linked_pages = LinkedPages(link_ids, list(rows), self.directory)

    def detail_url(self, pk):
        if not hasattr(self, "_detail_url"):
            from wagtail.models import Page

            self._detail_url = detail_url_maker(self.request.wagtailapi_router, self.request, Page)
        return self._detail_url(pk)

    def detail_relatives(self, page, link_ids=()):
        """A detail's public translations and public parent, and the pages its rich text links
        to, in one query (Wagtail reads the parent, then checks that it is public, and reads
        the linked pages twice per rich text)."""
        if not hasattr(self, "_relatives"):
            parent_path = page.path[: -page.steplen] if page.depth > 1 else None
            condition = Q(translation_key=page.translation_key)
            if parent_path:
                condition |= Q(path=parent_path)
            relatives = self.get_base_queryset().filter(condition)
            if link_ids:
                public = Q(pk__in=relatives.values("pk"))
                rows = list(
                    Page.objects.filter(public | LinkedPages.condition(link_ids))
                    .annotate(relative=ExpressionWrapper(public, output_field=BooleanField()))
                    .select_related("locale")
                    .order_by("locale__language_code", "id")
                )
                self._linked_pages = LinkedPages(link_ids, rows, self.directory)
                rows = [row for row in rows if row.relative]
            else:
                rows = list(relatives.select_related("locale").order_by("locale__language_code", "id"))
            self._relatives = (
                [row for row in rows if row.translation_key == page.translation_key],
                next((row for row in rows if row.path == parent_path), None),
            )
        return self._relatives

    def serialized(self, represent, page):
        """`represent(page)` with the rich text's page links read from the prepared pages."""
        token = linked_pages_context.set(getattr(self, "_linked_pages", None))
        try:
            return represent(page)
        finally:
            linked_pages_context.reset(token)

    def parent_of(self, page):
        if getattr(self, "_detail_page", None) is page:
            return self.detail_relatives(page)[1]
        parent = page.get_parent()
        return parent if self.get_base_queryset().filter(id=parent.id).exists() else None

    def translations_of(self, page):
        """Links to the page's translations; one query for the whole listing."""
        if getattr(self, "_translations", None) is None and getattr(self, "_detail_page", None) is page:
            self._translations = defaultdict(list)
            for row in self.detail_relatives(page)[0]:
                self._translations[row.translation_key].append(
                    {"id": row.pk, "locale": row.locale.language_code, "detail_url": self.detail_url(row.pk)}
                )
        if getattr(self, "_translations", None) is None:
            pages = getattr(self, "_listed_pages", None) or [page]
            others = (
                self.get_base_queryset()
                .filter(translation_key__in={item.translation_key for item in pages})
                .select_related("locale")
                .order_by("locale__language_code", "id")
                .values_list("pk", "translation_key", "locale__language_code")
            )
            self._translations = defaultdict(list)
            for pk, key, code in others:
                self._translations[key].append({"id": pk, "locale": code, "detail_url": self.detail_url(pk)})
        return [item for item in self._translations.get(page.translation_key, []) if item["id"] != page.pk]
