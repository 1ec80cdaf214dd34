"""News as residents find it: a news index's listing (newest first, filtered by district and
category in a GET form, paginated), the latest news of the home and district pages, the pages a
news item is about, and the RSS and Atom feeds of an index (`…/news/feed.xml`, `…/news/atom.xml`).

Every listing and feed shows what the public may see (portal/core/visibility.py), in the
index's language: wagtail-localize's synchronised tree gives every locale its copy (or alias) of
each news item. The pages themselves are models of districts/models/news.py, which hands its
querysets here.
"""

import datetime

from django import forms
from django.contrib.syndication.views import Feed
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from initiatives.calendar import filter_choices
from initiatives.district_pages import district_pages
from initiatives.models import EventPage, InitiativePage
from initiatives.occurrences import make_local_aware, to_local_naive
from initiatives.queries import pages_for_keys
from initiatives.structured_data import as_script
from portal.core.absolute_urls import absolute_url, page_url
from portal.core.directory import get_directory, reader_locale
from portal.core.page_cache import cached_by_version
from portal.core.public_forms import WithoutControlCharactersMixin
from portal.core.visibility import private_paths, without_restricted

FEED_ITEMS = 30


def news_in(index, request=None):
    """The live, public news items listed by `index`, newest first: a district's own, or (the
    portal's index, under the home page) every news item of the locale's tree."""
    model = index.news_model()
    if index.district is not None:
        pages = model.objects.child_of(index)
    else:
        pages = model.objects.descendant_of(index.get_parent()).filter(locale_id=index.locale_id)
    return without_restricted(pages.live(), request).order_by("-date", "-first_published_at", "-pk")


def latest_news(model, root, limit=4, request=None):
    """The newest `limit` public news items below `root` (a home or a district page), with
    their pictures; a lazy queryset, read only where the listing is rendered."""
    pages = model.objects.descendant_of(root).live()
    return (
        without_restricted(pages, request)
        .select_related("image", "category")
        .order_by("-date", "-first_published_at", "-pk")[:limit]
    )


class NewsFilterForm(WithoutControlCharactersMixin, forms.Form):
    district = forms.ChoiceField(label=gettext_lazy("District"), required=False)
    category = forms.ChoiceField(label=gettext_lazy("Category"), required=False)

    def __init__(self, data, *, districts, categories, **kwargs):
        super().__init__(data, **kwargs)
        everything = [("", gettext_lazy("All"))]
        self.districts = {district.slug: district for district in districts}
        self.fields["district"].choices = everything + [(d.slug, d.title) for d in districts]
        self.fields["category"].choices = everything + list(categories)
        if not districts:
            del self.fields["district"]


def news_index_context(request, index):
    """The template context of a news index: the filter form, the page of news, the query."""
    directory = get_directory(request)
    locale = directory.locales.get(index.locale_id) or reader_locale(request)
    district_scope = index.district

    def load():
        districts = []
        if district_scope is None:
            found = without_restricted(district_pages().child_of(index.get_parent()).live(), request)
            districts = list(found.order_by("title"))
        return districts, filter_choices(locale, request)["category"]

    districts, categories = cached_by_version(request, "districts:news-filters", load, index.pk)
    form = NewsFilterForm(request.GET or None, districts=districts, categories=categories)
    # An invalid value (a hand-edited URL) is shown as a form error and ignored; the valid
    # filters still apply, as in the calendar.
    cleaned = {}
    if form.is_bound:
        form.is_valid()
        cleaned = form.cleaned_data
    news = news_in(index, request)
    chosen_district = form.districts.get(cleaned.get("district") or "") if district_scope is None else None
    if chosen_district is not None:
        news = news.descendant_of(chosen_district)
    if cleaned.get("category"):
        news = news.filter(category__slug=cleaned["category"])
    paginator = Paginator(news.select_related("image"), index.per_page or 12)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page_obj = paginator.page(1)
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages)
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "filter_form": form,
        "district_scope": district_scope,
        "page_obj": page_obj,
        "news_items": list(page_obj.object_list),
        "filter_query": query.urlencode(),
    }


def related_ids(news):
    """The ids of the pages `news` links to, in the editor's order (the stored stream, unread)."""
    ids = [block.get("value") for block in news.related_pages.raw_data if block.get("type") == "page"]
    return [pk for pk in ids if isinstance(pk, int)]


def related_cards_for(news_pages, request=None):
    """{news page id: [the initiatives and events it is about]}, each in the news page's
    language where translated (else the Italian page), public and live only, in the editor's
    order. One query, then two per language of the news pages."""
    wanted = {news.pk: related_ids(news) for news in news_pages}
    ids = {pk for found in wanted.values() for pk in found}
    if not ids:
        return {news.pk: [] for news in news_pages}
    keys = dict(Page.objects.filter(pk__in=ids).values_list("pk", "translation_key"))
    hidden = private_paths(request)
    chosen = {}  # locale id -> {translation key: page}
    for news in news_pages:
        if news.locale_id not in chosen:
            found = {}
            for model in (InitiativePage, EventPage):
                found.update(pages_for_keys(set(keys.values()), news.locale, model))
            chosen[news.locale_id] = found
    cards = {}
    for news in news_pages:
        listed = []
        for pk in wanted[news.pk]:
            page = chosen[news.locale_id].get(keys.get(pk))
            if page is None or page in listed or any(page.path.startswith(path) for path in hidden):
                continue
            listed.append(page)
        cards[news.pk] = listed
    return cards


def related_cards(news, request=None):
    """The initiatives and events one news page is about (`related_cards_for`)."""
    return related_cards_for([news], request)[news.pk]


class NewsRSSFeed(Feed):
    """The news of an index (a district's, or the portal's), newest first."""

    def get_object(self, request, index):
        self.request = request
        return index

    def title(self, obj):
        district = obj.district
        if district is not None:
            return _("News from %(district)s · Quartieri") % {"district": district.title}
        return _("News from the neighbourhoods · Quartieri")

    # Absolute URLs on the portal's base: Django's Feed would prefix relative ones with the
    # request's Host header.
    def link(self, obj):
        return page_url(obj, self.request) or absolute_url("/")

    def feed_url(self, obj):
        return absolute_url(self.request.path)

    def description(self, obj):
        district = obj.district
        if district is not None:
            return _("News, openings and calls from %(district)s.") % {"district": district.title}
        return _("News, openings and calls from the neighbourhoods of Turin.")

    def items(self, obj):
        return news_in(obj, self.request)[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.search_description

    def item_link(self, item):
        return page_url(item, self.request)

    def item_pubdate(self, item):
        """The news's date, at the time of day it was first published (Turin time)."""
        published = item.first_published_at or timezone.now()
        return make_local_aware(datetime.datetime.combine(item.date, to_local_naive(published).time()))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_guid(self, item):
        return f"urn:uuid:{item.translation_key}"

    item_guid_is_permalink = False

    def item_categories(self, item):
        category = item.localized_category
        return [category.name] if category else []


class NewsAtomFeed(NewsRSSFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)


def news_article(page, request=None, language="it"):
    """The schema.org NewsArticle of a news page, as a JSON-LD script."""
    published = page.first_published_at or timezone.now()
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "description": page.summary,
        "url": page_url(page, request),
        "inLanguage": language,
        "datePublished": make_local_aware(
            datetime.datetime.combine(page.date, to_local_naive(published).time())
        ).isoformat(),
    }
    if page.last_published_at:
        data["dateModified"] = timezone.localtime(page.last_published_at).isoformat()
    if page.image_id:
        rendition = page.image.get_rendition("fill-1200x675")
        data["image"] = [absolute_url(rendition.url)]
    district = get_directory(request).districts.above(page)
    house = get_directory(request).houses.localized(district.house_id, page.locale_id) if district else None
    publisher = {"@type": "Organization", "name": house.name if house else "Quartieri"}
    website = house.website if house else ""
    if website:
        publisher["url"] = website
    data["publisher"] = publisher
    data["author"] = publisher
    category = page.localized_category
    if category:
        data["articleSection"] = category.name
    return as_script(data)
