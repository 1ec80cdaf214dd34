"""The images and documents endpoints: Wagtail's, strict, listing only the files that public
content uses, from collections the public may see."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    CharField,
    IntegerField,
    Q,
)
from django.db.models.functions import Cast
from wagtail.api.v2.filters import SearchFilter
from wagtail.documents.api.v2.views import DocumentsAPIViewSet as WagtailDocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet as WagtailImagesAPIViewSet
from wagtail.models import Collection, CollectionViewRestriction, Page, ReferenceIndex

from portal.core.api.deleted import updated_since, updated_since_parameter
from portal.core.api.serializers import (
    IMAGE_RENDITIONS,
    AltTextField,
    PrefetchedTagsField,
    RenditionField,
    prefetch_image_renditions,
)
from portal.core.api.strict import StrictAPIMixin, StrictSearchFilter
from portal.core.directory import get_directory
from portal.core.models import SyncRecord
from portal.core.page_cache import cached_by_version
from portal.core.sync import PUBLIC_SNIPPETS, changed_ids

# Fixed renditions suited to phones: a 4:3 card picture and a full-width one.

# --- Images and documents -------------------------------------------------------------------


def used_by_public_content(queryset, request):
    """Only the objects that a live, public page or a public snippet refers to.

    Uploads for a draft, for a page awaiting moderation or for a private page stay out of the
    API, as Wagtail's own endpoints list every file of every unrestricted collection.
    """
    page_type = ContentType.objects.get_for_model(Page)
    snippet_types = [
        ContentType.objects.get_for_model(apps.get_model(name)) for name in sorted(PUBLIC_SNIPPETS)
    ]
    # The cached directory's sites and restrictions: Wagtail's get_public_pages_queryset reads them.
    public_pages = (
        get_directory(request)
        .public_pages(request)
        .annotate(api_key=Cast("pk", CharField()))
        .values("api_key")
    )
    references = (
        ReferenceIndex.objects.filter(
            Q(base_content_type=page_type, object_id__in=public_pages)
            | Q(base_content_type__in=snippet_types),
            to_content_type=ContentType.objects.get_for_model(queryset.model),
        )
        .annotate(target=Cast("to_object_id", IntegerField()))
        .values("target")
    )
    return queryset.filter(pk__in=references)


def restricted_collection_ids(request):
    """Wagtail's `get_restricted_collection_ids` with the restrictions and the collection tree
    cached by content version (it reads them on every request)."""

    def load():
        return (
            list(CollectionViewRestriction.objects.select_related("collection").prefetch_related("groups")),
            list(Collection.objects.values_list("pk", "path")),
        )

    restrictions, collections = cached_by_version(request, "portal:collection-restrictions", load)
    paths = [r.collection.path for r in restrictions if not r.accept_request(request)]
    return {pk for pk, path in collections if any(path.startswith(root) for root in paths)}


class PublicFilesMixin:
    """Images and documents of visible collections used by public content, built once per
    request (a detail builds it twice)."""

    def get_queryset(self):
        if not hasattr(self, "_public_queryset"):
            queryset = self.model.objects.all().order_by("id")
            restricted = restricted_collection_ids(self.request)
            if restricted:
                queryset = queryset.exclude(collection__in=restricted)
            since = updated_since(self.request)
            if since is not None:
                # Offline sync: new, edited, or newly used by public content since.
                queryset = queryset.filter(
                    Q(created_at__gt=since) | Q(pk__in=changed_ids(self.sync_type, since))
                )
            self._public_queryset = used_by_public_content(queryset, self.request).prefetch_related("tags")
        return self._public_queryset.all()


class ImagesAPIViewSet(PublicFilesMixin, StrictAPIMixin, WagtailImagesAPIViewSet):
    filter_backends = [
        StrictSearchFilter if backend is SearchFilter else backend
        for backend in WagtailImagesAPIViewSet.filter_backends
    ]
    known_query_parameters = (WagtailImagesAPIViewSet.known_query_parameters - {"format"}) | {"updated_since"}
    openapi_parameters = [updated_since_parameter()]
    sync_type = SyncRecord.IMAGE
    body_fields = WagtailImagesAPIViewSet.body_fields + ["alt", *IMAGE_RENDITIONS]
    listing_default_fields = WagtailImagesAPIViewSet.listing_default_fields + ["alt", *IMAGE_RENDITIONS]

    @classmethod
    def get_field_serializer_overrides(cls, model):
        overrides = super().get_field_serializer_overrides(model)
        overrides["alt"] = AltTextField(read_only=True)
        overrides["tags"] = PrefetchedTagsField(read_only=True)
        for name, spec in IMAGE_RENDITIONS.items():
            overrides[name] = RenditionField(spec, read_only=True)
        return overrides

    def listing_view(self, request):
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        queryset = self.filter_queryset(queryset)
        images = list(self.paginate_queryset(queryset))
        prefetch_image_renditions(images, "")
        serializer = self.get_serializer(images, many=True)
        return self.get_paginated_response(serializer.data)

    def detail_view(self, request, pk):
        self.check_query_parameters(self.get_queryset())
        return super().detail_view(request, pk)


class DocumentsAPIViewSet(PublicFilesMixin, StrictAPIMixin, WagtailDocumentsAPIViewSet):
    filter_backends = [
        StrictSearchFilter if backend is SearchFilter else backend
        for backend in WagtailDocumentsAPIViewSet.filter_backends
    ]
    known_query_parameters = (WagtailDocumentsAPIViewSet.known_query_parameters - {"format"}) | {
        "updated_since"
    }
    openapi_parameters = [updated_since_parameter()]
    sync_type = SyncRecord.DOCUMENT

    @classmethod
    def get_field_serializer_overrides(cls, model):
        overrides = super().get_field_serializer_overrides(model)
        overrides["tags"] = PrefetchedTagsField(read_only=True)
        return overrides

    def detail_view(self, request, pk):
        self.check_query_parameters(self.get_queryset())
        return super().detail_view(request, pk)
