"""The demo's notices: in each district one urgent notice shown now, one that ends tomorrow and
one that begins next week, and one for the whole portal, dated from the day the demo is built,
published, and translated like the other snippets (`translations.SNIPPETS`; the words are
`translated_texts.NOTICES`). Found again by their Italian title, so a second run adds nothing."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from wagtail.models import Locale

from districts.models import DistrictPage, NeighbourhoodHouse, Notice
from initiatives.models import InitiativePage

from . import dates


@dataclass(frozen=True)
class NoticeSpec:
    title: str
    text: str
    level: str
    # Days from today, and the hour, of the start and of the end (Turin time).
    starts: tuple[int, int]
    ends: tuple[int, int]
    # "portal", or the Italian slug of a district, optionally with "house" or an initiative's slug.
    district: str | None = None
    house: bool = False
    initiative: str | None = None


URGENT, IMPORTANT, INFORMATION = Notice.Level.URGENT, Notice.Level.IMPORTANT, Notice.Level.INFORMATION

NOTICES = [
    NoticeSpec(
        "Casa chiusa per un guasto all'impianto elettrico",
        "Le attività di oggi e di domani sono sospese. Per urgenze scrivete a Sara Medici.",
        URGENT,
        (-1, 8),
        (3, 9),
        district="san-salvario",
    ),
    NoticeSpec(
        "Corso di italiano: ultimi posti",
        "Le iscrizioni chiudono domani sera. Portate un documento d'identità.",
        IMPORTANT,
        (-5, 9),
        (1, 20),
        district="san-salvario",
        initiative="corso-di-italiano-per-stranieri",
    ),
    NoticeSpec(
        "Lo sportello di ascolto apre anche il venerdì",
        "Da venerdì prossimo, dalle 15 alle 18, senza appuntamento.",
        INFORMATION,
        (6, 9),
        (30, 20),
        district="san-salvario",
    ),
    NoticeSpec(
        "Docce sospese: manca l'acqua calda",
        "Il servizio docce riprende appena torna l'acqua calda. Il bagno resta aperto.",
        URGENT,
        (0, 7),
        (2, 20),
        district="barriera-di-milano",
        house=True,
    ),
    NoticeSpec(
        "Sportello lavoro: domani solo al mattino",
        "Domani lo sportello chiude alle 12 per una formazione del personale.",
        IMPORTANT,
        (-2, 9),
        (1, 20),
        district="barriera-di-milano",
        initiative="sportello-lavoro-e-documenti",
    ),
    NoticeSpec(
        "Cerchiamo volontari per la festa in cortile",
        "Servono mani per allestire, cucinare e sistemare. Scrivete alla Casa.",
        INFORMATION,
        (7, 9),
        (28, 20),
        district="barriera-di-milano",
    ),
    NoticeSpec(
        "Sciopero dei trasporti: navetta sospesa",
        "Oggi la navetta per la Casa nel Parco non passa. Le attività si svolgono regolarmente.",
        URGENT,
        (0, 6),
        (1, 23),
        district="mirafiori-sud",
    ),
    NoticeSpec(
        "Orti condivisi: ultime richieste per un lotto",
        "Le richieste si raccolgono fino a domani sera alla Casa nel Parco.",
        INFORMATION,
        (-6, 9),
        (1, 20),
        district="mirafiori-sud",
        initiative="orti-condivisi",
    ),
    NoticeSpec(
        "Casa nel Parco chiusa una settimana per lavori",
        "Le attività si spostano nel salone della parrocchia di via Negarville.",
        IMPORTANT,
        (8, 8),
        (15, 20),
        district="mirafiori-sud",
        house=True,
    ),
    NoticeSpec(
        "Il portale Quartieri ha una pagina nuova per gli avvisi",
        "Chiusure, iscrizioni e novità delle Case del Quartiere, anche nell'app.",
        INFORMATION,
        (-3, 9),
        (30, 20),
    ),
]


def moment(today, offset):
    days, hour = offset
    return dates.aware(today + datetime.timedelta(days=days), datetime.time(hour, 0))


def ensure_notices(today, created):
    """Each notice of NOTICES, in the default locale, created and published if missing."""
    source = Locale.get_default()
    for spec in NOTICES:
        if Notice.objects.filter(locale=source, title=spec.title).exists():
            continue
        notice = Notice(
            locale=source,
            title=spec.title,
            text=spec.text,
            level=spec.level,
            starts=moment(today, spec.starts),
            ends=moment(today, spec.ends),
            scope=Notice.Scope.PORTAL,
        )
        if spec.district:
            district = DistrictPage.objects.get(locale=source, slug=spec.district)
            if spec.initiative:
                notice.scope = Notice.Scope.INITIATIVE
                notice.initiative = InitiativePage.objects.child_of(district).get(slug=spec.initiative)
            elif spec.house:
                notice.scope = Notice.Scope.HOUSE
                notice.house = NeighbourhoodHouse.objects.get(pk=district.house_id)
            else:
                notice.scope = Notice.Scope.DISTRICT
                notice.district = district
        notice.full_clean()
        notice.live = False
        notice.save()
        notice.save_revision().publish()
        created["notice"] += 1
