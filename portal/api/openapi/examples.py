"""Realistic answers for the reference page, one per operation (tests check them against the
document's schemas, so they cannot drift either)."""

BASE = "https://quartieri.example"
IMAGE = {
    "id": 12,
    "title": "Festa di primavera al Valentino",
    "alt": "Bambini che ballano nel cortile della Casa del Quartiere",
    "width": 1600,
    "height": 1000,
    "thumbnail": {"url": f"{BASE}/media/images/festa.2e16d0ba.fill-400x300.jpg", "width": 400, "height": 300},
    "large": {"url": f"{BASE}/media/images/festa.width-1200.jpg", "width": 1200, "height": 750},
    "detail_url": f"{BASE}/api/v2/images/12/",
}
EVENT_IN_LISTING = {
    "id": 97,
    "meta": {
        "type": "initiatives.EventPage",
        "detail_url": f"{BASE}/api/v2/pages/97/",
        "html_url": f"{BASE}/en/san-salvario/open-day-italian-course/",
        "slug": "open-day-italian-course",
        "first_published_at": "2026-10-02T09:14:00+02:00",
        "translations": [{"id": 9, "locale": "it", "detail_url": f"{BASE}/api/v2/pages/9/"}],
    },
    "title": "Open day of the Italian course",
    "start": "2026-11-28T10:00:00+01:00",
    "end": "2026-11-28T12:00:00+01:00",
}
PAGE_LISTING = {"meta": {"total_count": 147}, "items": [EVENT_IN_LISTING]}
DISTRICT_DETAIL = {
    "id": 49,
    "meta": {
        "type": "districts.DistrictPage",
        "detail_url": f"{BASE}/api/v2/pages/49/",
        "html_url": f"{BASE}/it/san-salvario/",
        "slug": "san-salvario",
        "show_in_menus": True,
        "seo_title": "",
        "search_description": "La Casa del Quartiere di San Salvario e le sue attività.",
        "first_published_at": "2026-03-01T10:00:00+01:00",
        "alias_of": None,
        "parent": {
            "id": 3,
            "meta": {
                "type": "home.HomePage",
                "detail_url": f"{BASE}/api/v2/pages/3/",
                "html_url": f"{BASE}/it/",
            },
            "title": "Quartieri",
        },
        "locale": "it",
        "translations": [{"id": 50, "locale": "en", "detail_url": f"{BASE}/api/v2/pages/50/"}],
    },
    "title": "San Salvario",
    "intro": "Tra la stazione di Porta Nuova e il Valentino.",
    "population": 35000,
    "hero_image": IMAGE,
    "body": [{"type": "paragraph", "value": "<p>La Casa è aperta a tutti.</p>", "id": "5b0e…"}],
    "house_data": {
        "id": 1,
        "name": "Casa del Quartiere di San Salvario",
        "address": "Via Morgari 14, 10125 Torino",
        "latitude": 45.0541,
        "longitude": 7.6836,
        "opening_hours": [{"weekday": "MO", "opens": "09:00", "closes": "13:00"}],
        "opening_notes": "Chiuso in agosto.",
        "phone": "+39 011 000 0000",
        "email": "info@casadelquartiere.example",
        "website": "https://casadelquartiere.example",
        "step_free": True,
        "accessibility_notes": "Ingresso senza gradini da via Morgari.",
        "closures": [
            {
                "start": "2027-08-08T00:00:00+02:00",
                "end": "2027-08-23T00:00:00+02:00",
                "reason": "Chiusura estiva: ci rivediamo dopo Ferragosto",
            }
        ],
    },
    "manager_data": {
        "id": 1,
        "name": "Sara Medici",
        "role": "Community Manager",
        "bio": "",
        "email": "sara.medici@casadelquartiere.example",
        "phone": "",
        "photo": {"url": f"{BASE}/media/images/sara.fill-400x400.jpg", "width": 400, "height": 400},
    },
}
IMAGE_ITEM = {
    "id": 12,
    "meta": {
        "type": "wagtailimages.Image",
        "detail_url": f"{BASE}/api/v2/images/12/",
        "tags": ["festa"],
        "download_url": "/media/original_images/festa.jpg",
    },
    "title": IMAGE["title"],
    "alt": IMAGE["alt"],
    "thumbnail": IMAGE["thumbnail"],
    "large": IMAGE["large"],
}
DOCUMENT_ITEM = {
    "id": 4,
    "meta": {
        "type": "wagtaildocs.Document",
        "detail_url": f"{BASE}/api/v2/documents/4/",
        "tags": [],
        "download_url": f"{BASE}/documents/4/programma-dicembre.pdf",
    },
    "title": "Programma di dicembre",
}
OCCURRENCE = {
    "event_id": 58,
    "title": "Lingue in circolo",
    "locale": "it",
    "start": "2026-12-01T18:00:00+01:00",
    "end": "2026-12-01T20:00:00+01:00",
    "all_day": False,
    "cancelled": True,
    "moved": False,
    "original_start": None,
    "reason": "La sala è chiusa per lavori.",
    "venue": {
        "name": "Casa del Quartiere di San Salvario",
        "address": "Via Morgari 14, 10125 Torino",
        "lat": 45.0541,
        "lon": 7.6836,
        "step_free": True,
    },
    "district": {"id": 49, "slug": "san-salvario", "title": "San Salvario"},
    "category": {"slug": "courses", "name": "Corsi"},
    "is_free": False,
    "html_url": f"{BASE}/it/san-salvario/lingue-in-circolo/",
    "detail_url": f"{BASE}/api/v2/pages/58/",
}


def listing(item):
    return {"meta": {"total_count": 1}, "items": [item]}


# schema name of the 200 answer -> its example
RESPONSES = {
    "PageListing": PAGE_LISTING,
    "PageItem": DISTRICT_DETAIL,
    "ImageListing": listing(IMAGE_ITEM),
    "ImageItem": IMAGE_ITEM,
    "DocumentListing": listing(DOCUMENT_ITEM),
    "DocumentItem": DOCUMENT_ITEM,
    "OccurrenceListing": listing(OCCURRENCE),
}
# The examples of declared answers that bring none, by schema (portal/api/openapi/document.py).
ERRORS_WITH_FIELDS = {
    "message": "Some answers need correcting.",
    "errors": {"name": ["Tell us your name: a first name is enough."]},
}

ERRORS = {
    "400": {"message": "limit cannot be higher than 100"},
    "404": {"message": "not found"},
    "410": {"message": "since is older than 90 days: sync again in full."},
    "415": {"message": "Send the proposal as application/json in UTF-8."},
    "429": {"message": "Too many proposals from this address: try again in a few minutes."},
    "503": {"message": "temporarily unavailable, please retry later"},
}
