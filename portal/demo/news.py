"""The demo's news: a news index per district and one for the portal, with news items dated in
the recent past (relative to the day of the build), some about an initiative or an event.

Called by the builder once the districts exist (`ensure_news`), and built the same way:
get-or-create by slug, published with the rest, so a second run changes nothing. The words are
translated through the translation memory (translated_texts.NEWS).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from districts.models import NewsIndexPage, NewsPage

from .content import paragraph

INDEX_SLUG = "notizie"
INDEX_TITLE = "Notizie"
PORTAL_INTRO = "Le notizie di tutti i quartieri: aperture, orari, iscrizioni e appelli."


def district_intro(name):
    return f"Aperture, orari, iscrizioni e appelli della Casa del Quartiere di {name}."


@dataclass(frozen=True)
class NewsSpec:
    slug: str
    title: str
    summary: str
    text: str  # one paragraph of body
    days_ago: int
    category: str | None = None
    about: tuple[str, ...] = ()  # paths below the home page of the initiatives and events


NEWS = {
    "san-salvario": (
        NewsSpec(
            "iscrizioni-al-corso-di-italiano",
            "Iscrizioni al corso di italiano: si apre lunedì",
            "Da lunedì ci si iscrive al nuovo corso di italiano per stranieri, "
            "dal livello principiante all'intermedio.",
            "Le iscrizioni si fanno di persona allo sportello della Casa, il lunedì e il mercoledì "
            "mattina. Portate un documento d'identità.",
            1,
            "courses",
            ("san-salvario/corso-di-italiano-per-stranieri",),
        ),
        NewsSpec(
            "volontari-per-la-festa-del-cortile",
            "Cerchiamo volontari per la festa del cortile",
            "Serve una mano per montare i tavoli, cucinare e animare i giochi dei bambini.",
            "Scrivete a Sara Medici o passate alla Casa: anche un'ora è preziosa.",
            3,
            "cultural-events",
        ),
        NewsSpec(
            "nuovi-orari-dello-sportello-di-ascolto",
            "Nuovi orari dello sportello di ascolto",
            "Lo sportello di ascolto apre anche il giovedì pomeriggio, dalle 15 alle 18.",
            "Non serve appuntamento: venite quando potete, vi ascoltiamo con calma.",
            6,
            "counselling",
            ("san-salvario/sportello-di-ascolto",),
        ),
        NewsSpec(
            "lingue-in-circolo-cerca-nuove-voci",
            "Lingue in circolo cerca nuove voci",
            "Al tavolo di conversazione mancano persone che parlano arabo, cinese e rumeno.",
            "Se parlate una di queste lingue, venite a conoscerci: si chiacchiera e si impara insieme.",
            10,
            "courses",
            ("san-salvario/lingue-in-circolo",),
        ),
        NewsSpec(
            "open-day-del-corso",
            "Una mattina per conoscere il corso di italiano",
            "All'open day si conoscono insegnanti e compagni prima di iscriversi.",
            "Ci sarà un piccolo test per scegliere il livello giusto, senza voti e senza fretta.",
            14,
            "courses",
            ("san-salvario/corso-di-italiano-per-stranieri/open-day-del-corso-di-italiano",),
        ),
    ),
    "barriera-di-milano": (
        NewsSpec(
            "aiuto-per-il-curriculum",
            "Sportello lavoro: aiuto per il curriculum",
            "Ogni martedì una volontaria aiuta a scrivere o aggiornare il curriculum.",
            "Portate i vostri documenti e, se l'avete, una chiavetta USB.",
            2,
            "counselling",
            ("barriera-di-milano/sportello-lavoro-e-documenti",),
        ),
        NewsSpec(
            "italiano-per-mamme-posti-liberi",
            "Italiano per mamme: posti liberi",
            "Ci sono ancora cinque posti nel corso di italiano per mamme, con spazio gioco per i bambini.",
            "Iscrizioni ai Bagni Pubblici di via Agliè, dal lunedì al venerdì.",
            4,
            "courses",
            ("barriera-di-milano/italiano-per-mamme-e-bambini",),
        ),
        NewsSpec(
            "compiti-insieme-riparte",
            "Compiti insieme riparte dopo le vacanze",
            "Il doposcuola gratuito per i ragazzi delle medie riprende con nuovi volontari.",
            "Cerchiamo ancora studenti universitari disponibili un pomeriggio alla settimana.",
            7,
            "courses",
            ("barriera-di-milano/compiti-insieme",),
        ),
        NewsSpec(
            "il-programma-di-barriera-in-festa",
            "Barriera in festa: il programma",
            "Musica, cibo e giochi in piazza: ecco il programma della festa di quartiere.",
            "Il programma completo è appeso all'ingresso dei Bagni Pubblici e sulla pagina dell'evento.",
            9,
            "cultural-events",
            ("barriera-di-milano/barriera-in-festa",),
        ),
        NewsSpec(
            "libri-per-la-biblioteca-dei-bagni",
            "Raccolta di libri per la biblioteca dei Bagni",
            "Portate i libri per ragazzi che non leggete più: nasce una piccola biblioteca di scambio.",
            "Accettiamo libri in tutte le lingue, in buono stato.",
            12,
            "cultural-events",
        ),
    ),
    "mirafiori-sud": (
        NewsSpec(
            "bollette-come-chiedere-il-bonus",
            "Bollette: come chiedere il bonus",
            "Lo sportello casa e bollette spiega chi ha diritto al bonus e come chiederlo.",
            "Portate l'ultima bolletta e l'ISEE, se l'avete già.",
            1,
            "counselling",
            ("mirafiori-sud/sportello-casa-e-bollette",),
        ),
        NewsSpec(
            "orti-condivisi-due-parcelle-libere",
            "Orti condivisi: si assegnano due parcelle",
            "Due parcelle degli orti condivisi sono libere: le assegniamo a chi abita nel quartiere.",
            "Le domande si consegnano alla Casa nel Parco entro la fine del mese.",
            5,
            "workshops",
            ("mirafiori-sud/orti-condivisi",),
        ),
        NewsSpec(
            "semi-da-scambiare",
            "Semi da scambiare tra vicini",
            "Portate i vostri semi e scambiateli con quelli dei vicini.",
            "Ci saranno anche piantine da regalare e i consigli degli ortolani più esperti.",
            8,
            "workshops",
            ("mirafiori-sud/orti-condivisi/festa-dello-scambio-dei-semi",),
        ),
        NewsSpec(
            "nuovo-percorso-nel-parco",
            "Gruppo di cammino: nuovo percorso nel parco",
            "Il gruppo di cammino prova un nuovo giro lungo il torrente Sangone.",
            "Scarpe comode e una bottiglia d'acqua: al resto pensiamo noi.",
            11,
            "cultural-events",
            ("mirafiori-sud/gruppo-di-cammino",),
        ),
        NewsSpec(
            "pranzo-sociale",
            "Pranzo sociale alla Casa nel Parco",
            "Il primo sabato del mese si pranza insieme: chi può porta qualcosa da condividere.",
            "Prenotate alla Casa nel Parco entro il giovedì.",
            13,
            "catering",
        ),
    ),
}
PORTAL_NEWS = (
    NewsSpec(
        "le-notizie-dei-quartieri",
        "Le notizie dei quartieri in un posto solo",
        "Qui trovate le novità di tutte le Case del Quartiere: aperture, iscrizioni e appelli.",
        "Potete seguire le notizie anche con un lettore di feed RSS.",
        2,
    ),
    NewsSpec(
        "volontari-per-l-autunno",
        "Le Case del Quartiere cercano volontari",
        "San Salvario, Barriera di Milano e Mirafiori Sud cercano volontari per l'autunno.",
        "Chi ha un po' di tempo può scrivere alla propria Casa del Quartiere.",
        15,
    ),
)


def index_paths():
    """The paths below the home page of the news indexes and their news, parents first."""
    paths = [INDEX_SLUG] + [f"{INDEX_SLUG}/{spec.slug}" for spec in PORTAL_NEWS]
    for district, items in NEWS.items():
        paths.append(f"{district}/{INDEX_SLUG}")
        paths += [f"{district}/{INDEX_SLUG}/{spec.slug}" for spec in items]
    return paths


def ensure_news(builder, districts):
    """The portal's news index under the home page and one under each district of `districts`
    ({slug: district page}), each with its news."""
    portal = builder.child(
        builder.home,
        NewsIndexPage,
        INDEX_SLUG,
        lambda: {"title": INDEX_TITLE, "intro": PORTAL_INTRO, "show_in_menus": True},
    )
    for spec in PORTAL_NEWS:
        ensure_item(builder, portal, spec)
    for slug, items in NEWS.items():
        district = districts[slug]
        index = builder.child(
            district,
            NewsIndexPage,
            INDEX_SLUG,
            lambda district=district: {"title": INDEX_TITLE, "intro": district_intro(district.title)},
        )
        for spec in items:
            ensure_item(builder, index, spec)


def ensure_item(builder, index, spec):
    def make_fields():
        return {
            "title": spec.title,
            "summary": spec.summary,
            "date": builder.today - datetime.timedelta(days=spec.days_ago),
            "category": builder.categories[spec.category] if spec.category else None,
            "related_pages": [("page", builder.page_at(path)) for path in spec.about],
        }

    return builder.child(index, NewsPage, spec.slug, make_fields, body=(paragraph(f"<p>{spec.text}</p>"),))
