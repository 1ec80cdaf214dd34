"""The demo content as data: taxonomy, houses, Community Managers, districts and their activities.

Everything here is Italian, the source language. Contacts use `.example` domains and
`+39 011 000 …` numbers, which reach nobody. Dates are shapes relative to the day the demo is
loaded (see `portal.demo.dates`); page bodies use the real block names of `portal.core.blocks.BodyBlock`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from .dates import FR, MO, SA, SU, TH, TU, WE, AllDay, Festival, MonthlyByDay, MonthlyByWeekday, Once, Weekly


def t(hours: int, minutes: int = 0) -> datetime.time:
    return datetime.time(hours, minutes)


# --- Body blocks -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PageRef:
    """A page of the Italian tree, by its path below the home page, e.g. "san-salvario/cosa-succede"."""

    path: str


@dataclass(frozen=True)
class ImageRef:
    """A demo picture, by its key (see `PICTURES` and the builder)."""

    key: str


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(html):
    return {"type": "paragraph", "value": html}


def quote(text, attribution=""):
    return {"type": "quote", "value": {"text": text, "attribution": attribution}}


def image(key, alt_text="", caption=""):
    return {"type": "image", "value": {"image": ImageRef(key), "alt_text": alt_text, "caption": caption}}


def call_to_action(text, page=None, url=""):
    return {
        "type": "call_to_action",
        "value": {"text": text, "page": PageRef(page) if page else None, "url": url},
    }


# --- Taxonomy --------------------------------------------------------------------------------

# slug, name, description, palette (dark, light, accent) of its pictures
CATEGORIES = [
    (
        "cultural-events",
        "Eventi culturali",
        "Feste, concerti, cinema, letture e incontri aperti a tutto il quartiere.",
        ("#4a148c", "#f3e5f5", "#ffb74d"),
    ),
    (
        "counselling",
        "Sportelli di ascolto e consulenza",
        "Aiuto gratuito per casa, lavoro, documenti, bollette e servizi pubblici.",
        ("#004d40", "#e0f2f1", "#ffca28"),
    ),
    (
        "catering",
        "Ristorazione",
        "Bistrot, pranzi sociali e cene delle Case del Quartiere.",
        ("#8d2d0b", "#fff3e0", "#ffd54f"),
    ),
    (
        "workshops",
        "Laboratori",
        "Si impara facendo: ceramica, riparazioni, orti, biciclette.",
        ("#1a237e", "#e8eaf6", "#ffca28"),
    ),
    (
        "courses",
        "Corsi",
        "Corsi di lingua, informatica e doposcuola, in piccoli gruppi.",
        ("#0d47a1", "#e3f2fd", "#ff8a65"),
    ),
    (
        "sport",
        "Sport e movimento",
        "Ginnastica, camminate e giochi all'aperto per tutte le età.",
        ("#1b5e20", "#f1f8e9", "#ffeb3b"),
    ),
]

# slug, name, position in lists
AUDIENCES = [
    ("children", "Bambini", 10),
    ("teens", "Ragazzi", 20),
    ("adults", "Adulti", 30),
    ("seniors", "Anziani", 40),
    ("families", "Famiglie", 50),
    ("newcomers", "Nuovi arrivati", 60),
]

# ISO 639 code, autonym
SPOKEN_LANGUAGES = [
    ("it", "Italiano"),
    ("en", "English"),
    ("fr", "Français"),
    ("ar", "العربية"),
    ("ro", "Română"),
    ("zh", "中文"),
    ("es", "Español"),
    ("wo", "Wolof"),
]


# --- Houses and Community Managers -----------------------------------------------------------


@dataclass(frozen=True)
class HouseSpec:
    key: str
    name: str
    street_address: str
    postal_code: str
    latitude: Decimal
    longitude: Decimal
    phone: str
    email: str
    website: str
    opening_hours: tuple[tuple[int, datetime.time, datetime.time], ...]
    opening_notes: str
    step_free: bool
    accessibility_notes: str


def weekdays(days, opens, closes):
    return tuple((day, opens, closes) for day in days)


MON_FRI = (MO, TU, WE, TH, FR)

HOUSES = [
    HouseSpec(
        key="san-salvario",
        name="Casa del Quartiere di San Salvario",
        street_address="Via Morgari 14",
        postal_code="10125",
        latitude=Decimal("45.056000"),
        longitude=Decimal("7.681100"),
        phone="+39 011 000 1101",
        email="info@casadelquartiere-sansalvario.example",
        website="https://casadelquartiere-sansalvario.example/",
        opening_hours=weekdays(MON_FRI, t(9), t(13))
        + weekdays(MON_FRI, t(14), t(20))
        + weekdays((SA,), t(10), t(13)),
        opening_notes="Chiusa la domenica, nei giorni festivi e nelle due settimane centrali di agosto.",
        step_free=True,
        accessibility_notes=(
            "Ingresso a livello della strada da via Morgari. Ascensore per il primo piano e bagno "
            "accessibile al piano terra. Su richiesta è disponibile una stanza tranquilla; chiedete "
            "pure aiuto alla reception."
        ),
    ),
    HouseSpec(
        key="barriera-di-milano",
        name="Bagni Pubblici di via Agliè",
        street_address="Via Agliè 9",
        postal_code="10154",
        latitude=Decimal("45.092600"),
        longitude=Decimal("7.699800"),
        phone="+39 011 000 2101",
        email="info@bagnipubblici-aglie.example",
        website="https://bagnipubblici-aglie.example/",
        opening_hours=weekdays(MON_FRI, t(9), t(13))
        + weekdays(MON_FRI, t(15), t(19))
        + weekdays((SA,), t(9), t(12, 30)),
        opening_notes=(
            "Docce pubbliche il martedì, il giovedì e il sabato mattina. Chiusi la domenica e nei "
            "giorni festivi."
        ),
        step_free=True,
        accessibility_notes=(
            "Rampa all'ingresso principale, bagno e doccia accessibili al piano terra. Le sale dei "
            "corsi sono al piano terra."
        ),
    ),
    HouseSpec(
        key="mirafiori-sud",
        name="Casa nel Parco",
        street_address="Via Panetti 1",
        postal_code="10137",
        latitude=Decimal("45.018500"),
        longitude=Decimal("7.615200"),
        phone="+39 011 000 3101",
        email="info@casanelparco.example",
        website="https://casanelparco.example/",
        opening_hours=weekdays(MON_FRI, t(9), t(13))
        + weekdays(MON_FRI, t(14), t(18))
        + weekdays((SA,), t(9), t(13)),
        opening_notes="La caffetteria apre alle 8:30. Chiusa la domenica e nei giorni festivi.",
        step_free=True,
        accessibility_notes=(
            "Edificio su un solo piano dentro il Parco Colonnetti, con percorsi pavimentati dal "
            "parcheggio di via Panetti. Bagno accessibile; sedie a rotelle in prestito alla reception."
        ),
    ),
]


@dataclass(frozen=True)
class ManagerSpec:
    key: str
    name: str
    initials: str
    role: str
    bio: str
    email: str
    phone: str
    palette: tuple[str, str, str]


MANAGERS = [
    ManagerSpec(
        key="sara-medici",
        name="Sara Medici",
        initials="SM",
        role="Community Manager di San Salvario e Barriera di Milano",
        bio=(
            "Sara aiuta chi abita a San Salvario e a Barriera di Milano a partecipare alla vita "
            "delle Case del Quartiere: ascolta le proposte, mette in contatto persone e associazioni, "
            "trova spazi e tempi e accompagna le idee finché diventano progetti. Scrivetele o passate "
            "a trovarla durante gli orari di apertura."
        ),
        email="sara.medici@quartieri.example",
        phone="+39 011 000 9101",
        palette=("#b71c1c", "#ffffff", "#ff8f00"),
    ),
    ManagerSpec(
        key="imma-di-santo",
        name="Imma di Santo",
        initials="IS",
        role="Community Manager di Mirafiori Sud",
        bio=(
            "Imma accompagna residenti, gruppi e associazioni di Mirafiori Sud che vogliono fare "
            "qualcosa per il quartiere: un orto, una festa, un corso, un gruppo di cammino. Aiuta a "
            "scrivere la proposta, a trovare spazi alla Casa nel Parco e a coinvolgere i vicini."
        ),
        email="imma.disanto@quartieri.example",
        phone="+39 011 000 9102",
        palette=("#1b5e20", "#ffffff", "#0288d1"),
    ),
]


# --- Pages -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Venue:
    name: str
    address: str
    latitude: Decimal
    longitude: Decimal
    step_free: bool = True


@dataclass(frozen=True, kw_only=True)
class ActivitySpec:
    slug: str
    title: str
    category: str
    summary: str
    body: tuple = ()
    audiences: tuple[str, ...] = ()
    languages: tuple[str, ...] = ("it",)
    is_free: bool = True
    cost: str = ""
    booking_info: str = ""
    registration_url: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    venue: Venue | None = None


@dataclass(frozen=True, kw_only=True)
class EventSpec(ActivitySpec):
    when: object
    # (n-th upcoming occurrence, message): that date is cancelled.
    cancel: tuple[int, str] | None = None
    # (n-th upcoming occurrence, days later, message): that date is moved.
    move: tuple[int, int, str] | None = None


@dataclass(frozen=True, kw_only=True)
class InitiativeSpec(ActivitySpec):
    schedule: Weekly
    schedule_notes: str = ""
    events: tuple[EventSpec, ...] = ()


@dataclass(frozen=True)
class DistrictSpec:
    slug: str
    title: str
    population: int
    intro: str
    body: tuple
    house: str
    manager: str
    palette: tuple[str, str, str]
    calendar_title: str
    calendar_intro: str
    initiatives: tuple[InitiativeSpec, ...] = ()
    events: tuple[EventSpec, ...] = field(default_factory=tuple)


HOME_TITLE = "Quartieri"
HOME_INTRO = (
    "Quartieri racconta ciò che succede a San Salvario, Barriera di Milano e Mirafiori Sud: "
    "sportelli, corsi, laboratori, feste e pranzi nelle Case del Quartiere, aperti a chi abita qui "
    "da sempre e a chi è appena arrivato. Scegli il tuo quartiere o guarda il calendario: trovi "
    "orari, luoghi e contatti."
)
HOME_BODY = (
    heading("Le Case del Quartiere"),
    paragraph(
        "<p>Le Case del Quartiere sono spazi pubblici aperti a tutte e a tutti: ci si va per chiedere "
        "un consiglio, imparare l'italiano, mangiare insieme, organizzare una festa o proporre "
        "un'idea. In ogni quartiere una <b>Community Manager</b> aiuta residenti, gruppi e "
        "associazioni a trovare spazi e compagni di strada e a trasformare le idee in progetti "
        "concreti.</p>"
    ),
    quote(
        "La Casa è di chi la abita: ognuno porta qualcosa e ognuno trova qualcosa.",
        "Una residente di Barriera di Milano",
    ),
    call_to_action("Guarda cosa succede questa settimana", page="cosa-succede"),
)
CALENDAR_SLUG = "cosa-succede"
CALENDAR_TITLE = "Cosa succede"
CALENDAR_INTRO = (
    "Tutti gli appuntamenti di San Salvario, Barriera di Milano e Mirafiori Sud, giorno per giorno. "
    "Filtra per quartiere, tipo di attività e pubblico per trovare ciò che fa per te."
)

EVERYONE = ("children", "teens", "adults", "seniors", "families")
MANY_LANGUAGES = ("it", "en", "fr", "ar", "ro", "zh", "es")


SAN_SALVARIO = DistrictSpec(
    slug="san-salvario",
    title="San Salvario",
    population=35000,
    intro=(
        "Quartiere storico a sud-est del centro, tra la stazione di Porta Nuova e il Parco del "
        "Valentino, San Salvario è da anni un motore di innovazione sociale e culturale. Botteghe, "
        "associazioni, locali e comunità arrivate da tutto il mondo convivono in pochi isolati; il "
        "punto d'incontro è la Casa del Quartiere di via Morgari."
    ),
    body=(
        heading("Un quartiere che si reinventa"),
        paragraph(
            "<p>Cresciuto nell'Ottocento oltre Porta Nuova, San Salvario ha attraversato anni "
            "difficili e una rinascita nata dal basso: cortili recuperati, negozi di vicinato, spazi "
            "culturali e luoghi di culto di tradizioni diverse a pochi passi l'uno dall'altro. Oggi è "
            "uno dei quartieri più vivaci di Torino, di giorno e di sera.</p>"
        ),
        image(
            "house:san-salvario",
            alt_text="Disegno della Casa del Quartiere di San Salvario",
            caption="La Casa del Quartiere di San Salvario, in via Morgari 14",
        ),
        paragraph(
            "<p>Alla <b>Casa del Quartiere</b> trovi uno sportello di ascolto, corsi di italiano, "
            "laboratori, una biblioteca sociale e un bistrot. Le sale si possono chiedere in uso da "
            "gruppi e associazioni: se hai un'idea per il quartiere, parlane con la Community "
            "Manager.</p>"
        ),
        call_to_action("Tutti gli appuntamenti di San Salvario", page="san-salvario/cosa-succede"),
    ),
    house="san-salvario",
    manager="sara-medici",
    palette=("#8e1b1b", "#ffe0b2", "#ffb300"),
    calendar_title="Cosa succede a San Salvario",
    calendar_intro=(
        "Gli appuntamenti di San Salvario giorno per giorno: eventi, corsi e orari degli sportelli."
    ),
    initiatives=(
        InitiativeSpec(
            slug="sportello-di-ascolto",
            title="Sportello di ascolto",
            category="counselling",
            summary=(
                "Un posto dove raccontare un problema e trovare chi può aiutare: casa, lavoro, "
                "documenti, scuola e servizi del Comune. Gratuito, senza appuntamento."
            ),
            body=(
                paragraph(
                    "<p>Allo sportello ti accolgono operatrici e volontari che ascoltano con calma, "
                    "senza giudicare, e ti aiutano a capire a chi rivolgerti. Se serve, ti "
                    "accompagnano ai servizi del Comune, ai patronati e alle associazioni del "
                    "quartiere.</p>"
                ),
                heading("Per che cosa puoi venire", "h3"),
                paragraph(
                    "<ul><li>cercare casa o risolvere un problema con il contratto d'affitto;</li>"
                    "<li>rinnovare un documento o prenotare un appuntamento in Comune;</li>"
                    "<li>iscrivere i figli a scuola o al nido;</li>"
                    "<li>orientarti tra lavoro, corsi e tirocini.</li></ul>"
                ),
            ),
            audiences=("adults", "seniors", "newcomers"),
            languages=("it", "en", "fr", "ar"),
            booking_info=(
                "Non serve prenotare: basta presentarsi il martedì mattina. Per un colloquio più "
                "lungo si può fissare un appuntamento per telefono o per e-mail."
            ),
            contact_email="ascolto@casadelquartiere-sansalvario.example",
            contact_phone="+39 011 000 1102",
            schedule=Weekly(days=(TU,), start=t(10), end=t(12), breaks=False),
            schedule_notes="Chiuso nei giorni festivi.",
        ),
        InitiativeSpec(
            slug="corso-di-italiano-per-stranieri",
            title="Corso di italiano per stranieri",
            category="courses",
            summary=(
                "Lezioni di italiano in piccoli gruppi, dal livello principiante al B1, il lunedì "
                "e il mercoledì sera. Gratuito, aperto a tutte le persone adulte."
            ),
            body=(
                paragraph(
                    "<p>Il corso è tenuto da insegnanti volontarie e volontari. Si impara a parlare "
                    "di sé, a muoversi in città, a capire un avviso della scuola o una lettera del "
                    "medico. Si lavora in gruppi per livello (A1, A2 e B1), con giochi, canzoni e "
                    "uscite nel quartiere.</p>"
                ),
                quote(
                    "All'inizio non capivo niente, adesso al mercato scherzo con tutti.",
                    "Una studentessa del gruppo A2",
                ),
                call_to_action(
                    "Iscriviti al corso", url="https://casadelquartiere-sansalvario.example/italiano"
                ),
            ),
            audiences=("adults", "newcomers"),
            languages=("it", "en", "fr", "ar"),
            booking_info=(
                "Iscrizioni allo sportello della Casa dal lunedì al venerdì, dalle 9 alle 13. Porta "
                "un documento d'identità, anche scaduto. All'iscrizione facciamo un breve colloquio "
                "per trovare il gruppo giusto."
            ),
            registration_url="https://casadelquartiere-sansalvario.example/italiano",
            contact_email="italiano@casadelquartiere-sansalvario.example",
            schedule=Weekly(days=(MO, WE), start=t(18), end=t(20)),
            schedule_notes="Pausa durante le vacanze di Natale e ad agosto.",
            events=(
                EventSpec(
                    slug="open-day-del-corso-di-italiano",
                    title="Open day del corso di italiano",
                    category="courses",
                    summary=(
                        "Una mattina per conoscere le insegnanti, fare il test di livello e "
                        "iscriversi al corso di italiano. C'è uno spazio gioco per i bambini."
                    ),
                    body=(
                        paragraph(
                            "<p>Vieni a vedere come si lavora in classe, fai il test di livello con "
                            "calma e scegli il gruppo e l'orario che fanno per te. Le insegnanti "
                            "rispondono alle domande anche in inglese, francese e arabo.</p>"
                        ),
                        call_to_action(
                            "Leggi tutto sul corso", page="san-salvario/corso-di-italiano-per-stranieri"
                        ),
                    ),
                    audiences=("adults", "newcomers", "families"),
                    languages=("it", "en", "fr", "ar"),
                    booking_info="Non serve prenotare. Porta un documento d'identità, anche scaduto.",
                    when=Once(in_days=8, weekday=SA, start=t(10), end=t(12)),
                ),
            ),
        ),
        InitiativeSpec(
            slug="bistrot-della-casa",
            title="Bistrot della Casa",
            category="catering",
            summary=(
                "Il bistrot della Casa del Quartiere: cucina di stagione a prezzi popolari, piatti "
                "vegetariani ogni giorno e un cortile dove pranzare all'aperto."
            ),
            body=(
                paragraph(
                    "<p>In cucina lavorano cuochi e ragazzi in tirocinio, che qui imparano un "
                    "mestiere. Il menù cambia ogni giorno e segue il mercato di piazza Madama "
                    "Cristina.</p>"
                ),
                heading("Cosa trovi", "h3"),
                paragraph(
                    "<ul><li>il piatto del giorno, anche vegetariano;</li>"
                    "<li>insalate, torte salate e dolci fatti in casa;</li>"
                    "<li>caffè e tè del commercio equo e solidale.</li></ul>"
                ),
            ),
            languages=("it", "en"),
            is_free=False,
            cost="Piatto del giorno 8 €, menù completo 12 €",
            booking_info="Per gruppi di più di otto persone è meglio prenotare per telefono.",
            contact_phone="+39 011 000 1103",
            schedule=Weekly(days=(MO, TU, WE, TH, FR), start=t(12, 30), end=t(14, 30), breaks=False),
            schedule_notes="Il pranzo è servito dal lunedì al venerdì; chiuso nei giorni festivi.",
            events=(
                EventSpec(
                    slug="cena-dal-mondo",
                    title="Cena dal mondo",
                    category="catering",
                    summary=(
                        "Una cena a più mani: cuoche e cuochi del quartiere preparano piatti del "
                        "Senegal, del Perù, del Marocco e del Piemonte. Ogni portata ha la sua storia."
                    ),
                    body=(
                        paragraph(
                            "<p>Quattro cucine, quattro famiglie, un'unica tavolata nel cortile "
                            "della Casa. Tra una portata e l'altra chi ha cucinato racconta la "
                            "ricetta e da dove arriva. Il menù è anche vegetariano.</p>"
                        ),
                    ),
                    audiences=("adults", "families"),
                    languages=("it", "fr", "es", "ar"),
                    is_free=False,
                    cost="15 €, bambini sotto i 12 anni 8 €",
                    booking_info=(
                        "Posti limitati: prenota entro il mercoledì precedente, per telefono o al "
                        "bancone del bistrot."
                    ),
                    contact_phone="+39 011 000 1103",
                    when=Once(in_days=18, weekday=FR, start=t(20), end=t(23)),
                ),
            ),
        ),
        InitiativeSpec(
            slug="laboratorio-di-ceramica",
            title="Laboratorio di ceramica",
            category="workshops",
            summary=(
                "Un ciclo di incontri per imparare a modellare l'argilla a mano e al tornio, dalla "
                "prima ciotola a un piccolo servizio da tè. Per principianti."
            ),
            body=(
                paragraph(
                    "<p>Ogni ciclo dura otto incontri. Si comincia dalle tecniche a mano (pizzico, "
                    "colombino, lastra), si prova il tornio e si finisce con la smaltatura. I pezzi "
                    "vengono cotti nel forno della Casa e restano a voi.</p>"
                ),
                call_to_action(
                    "Iscriviti al prossimo ciclo", url="https://casadelquartiere-sansalvario.example/ceramica"
                ),
            ),
            audiences=("adults", "seniors"),
            languages=("it", "es"),
            is_free=False,
            cost="Ciclo di otto incontri: 60 €, materiali e cottura inclusi",
            booking_info=(
                "Iscrizione online o alla reception; al massimo dieci persone per ciclo. Porta un "
                "grembiule e vestiti che si possono sporcare."
            ),
            registration_url="https://casadelquartiere-sansalvario.example/ceramica",
            schedule=Weekly(days=(TH,), start=t(17), end=t(19, 30)),
        ),
        InitiativeSpec(
            slug="biblioteca-sociale",
            title="Biblioteca sociale",
            category="cultural-events",
            summary=(
                "Libri in tante lingue da prendere in prestito senza tessera, letture ad alta voce "
                "per bambini e un angolo tranquillo per studiare, il sabato mattina."
            ),
            body=(
                paragraph(
                    "<p>La biblioteca è nata dai libri regalati dagli abitanti del quartiere: oggi "
                    "ce ne sono più di tremila, in italiano, arabo, francese, inglese, cinese, "
                    "rumeno e spagnolo. Alle 11 le volontarie leggono storie per i più piccoli.</p>"
                ),
                quote("Un libro preso in prestito è un libro che torna con una storia in più."),
            ),
            audiences=("children", "families", "adults"),
            languages=MANY_LANGUAGES,
            booking_info="Per il prestito basta lasciare un nome e un recapito. Le letture iniziano alle 11.",
            schedule=Weekly(days=(SA,), start=t(10), end=t(13)),
        ),
    ),
    events=(
        EventSpec(
            slug="sabato-in-cortile",
            title="Sabato in cortile",
            category="cultural-events",
            summary=(
                "Ogni sabato pomeriggio il cortile della Casa si riempie di giochi da tavolo, libri "
                "da sfogliare e merende da condividere. Gratuito, per grandi e piccoli."
            ),
            body=(
                paragraph(
                    "<p>I volontari della biblioteca portano in cortile i libri illustrati e le "
                    "scatole dei giochi; chi vuole porta una torta o un tè da offrire. Se piove ci "
                    "si sposta nella sala grande.</p>"
                ),
            ),
            audiences=EVERYONE,
            languages=("it", "en", "fr", "ar"),
            booking_info="Non serve prenotare: si arriva e si va quando si vuole.",
            when=Weekly(days=(SA,), start=t(15), end=t(19), breaks=False),
        ),
        EventSpec(
            slug="lingue-in-circolo",
            title="Lingue in circolo",
            category="cultural-events",
            summary=(
                "Tandem linguistico del giovedì: in coppia o in piccoli gruppi si parla un po' nella "
                "propria lingua e un po' in quella dell'altro. Gratuito, tutti i livelli."
            ),
            body=(
                paragraph(
                    "<p>Ogni tavolo ha una bandierina con le lingue di chi ci siede. Si cambia tavolo "
                    "ogni mezz'ora: chi impara l'italiano trova chi vuole esercitarsi in arabo, "
                    "cinese o spagnolo, e viceversa.</p>"
                ),
            ),
            audiences=("teens", "adults", "newcomers"),
            languages=MANY_LANGUAGES,
            booking_info="Non serve prenotare: porta solo la voglia di parlare.",
            when=Weekly(days=(TH,), start=t(18), end=t(20), since_weeks=6, skip=(3,)),
            cancel=(
                1,
                "Giovedì la sala grande ospita l'assemblea dei soci: Lingue in circolo riprende la "
                "settimana successiva.",
            ),
        ),
        EventSpec(
            slug="repair-cafe",
            title="Repair Café: ripara, non buttare",
            category="workshops",
            summary=(
                "Il primo sabato del mese volontari esperti aiutano a riparare piccoli "
                "elettrodomestici, vestiti e oggetti di casa. Si ripara insieme, imparando."
            ),
            body=(
                paragraph(
                    "<p>Porta il tostapane che non scalda, la lampada che non si accende, i "
                    "pantaloni da accorciare: ai tavoli di elettricisti, sarte e falegnami volontari "
                    "si prova a ripararli insieme, e intanto si impara come fare la prossima "
                    "volta.</p>"
                ),
            ),
            audiences=("adults", "seniors", "families"),
            languages=("it", "en"),
            booking_info=(
                "Arriva entro le 12 con l'oggetto da riparare. Gli eventuali pezzi di ricambio sono a "
                "carico di chi li usa."
            ),
            when=MonthlyByWeekday(weekday=SA, nth=1, start=t(10), end=t(13)),
        ),
        EventSpec(
            slug="aperitivo-dei-vicini",
            title="Aperitivo dei vicini",
            category="cultural-events",
            summary=(
                "Il 20 di ogni mese ci si ritrova nel cortile della Casa: ognuno porta qualcosa da "
                "mangiare o da bere e si conoscono i vicini di casa e di isolato."
            ),
            body=(
                paragraph(
                    "<p>Un'occasione semplice per presentarsi a chi abita sulla stessa scala, "
                    "scambiarsi un numero di telefono e scoprire che cosa si fa in quartiere. "
                    "D'inverno l'aperitivo si sposta nella sala grande.</p>"
                ),
            ),
            audiences=("adults", "seniors", "families"),
            languages=("it", "en", "fr"),
            booking_info="Non serve prenotare. Se puoi, porta qualcosa da condividere.",
            when=MonthlyByDay(day=20, start=t(18, 30), end=t(20, 30), breaks=False),
        ),
        EventSpec(
            slug="mercatino-del-baratto",
            title="Mercatino del baratto",
            category="cultural-events",
            summary=(
                "Una domenica per scambiare vestiti, libri, giocattoli e oggetti di casa senza usare "
                "denaro: porti ciò che non usi più e prendi ciò che ti serve."
            ),
            body=(
                paragraph(
                    "<p>La Casa apre apposta di domenica. Per tutta la giornata i tavoli del cortile "
                    "si riempiono di cose da scambiare; i bambini hanno un tavolo tutto loro per i "
                    "giocattoli.</p>"
                ),
            ),
            audiences=EVERYONE,
            languages=("it", "en", "fr", "ar"),
            booking_info=(
                "Si possono portare fino a dieci oggetti puliti e in buono stato. Quello che avanza "
                "va in beneficenza."
            ),
            when=AllDay(in_days=16, weekday=SU),
        ),
        EventSpec(
            slug="san-salvario-in-festa",
            title="San Salvario in festa",
            category="cultural-events",
            summary=(
                "Tre giorni di musica, cucine di strada, giochi per bambini e spettacoli nei "
                "cortili: il quartiere apre le porte e fa festa con chi lo abita e con chi lo scopre."
            ),
            body=(
                heading("Il programma"),
                paragraph(
                    "<ul><li><b>venerdì</b>: concerti delle scuole di musica del quartiere;</li>"
                    "<li><b>sabato</b>: giochi di strada e laboratori per bambini;</li>"
                    "<li><b>domenica</b>: pranzo collettivo e ballo in piazza.</li></ul>"
                ),
                paragraph("<p>Il programma completo è disponibile alla Casa del Quartiere.</p>"),
            ),
            audiences=EVERYONE,
            languages=MANY_LANGUAGES,
            venue=Venue(
                name="Largo Saluzzo",
                address="Largo Saluzzo, 10125 Torino",
                latitude=Decimal("45.055300"),
                longitude=Decimal("7.680400"),
            ),
            when=Festival(in_days=33, weekday=FR, days=3, start=t(17), end=t(23), outdoor=True),
        ),
    ),
)


BARRIERA = DistrictSpec(
    slug="barriera-di-milano",
    title="Barriera di Milano",
    population=50000,
    intro=(
        "Quartiere storicamente operaio nel nord di Torino, Barriera di Milano ha la quota di "
        "residenti stranieri più alta d'Italia e un tessuto economico e culturale fittissimo: "
        "mercati, laboratori, botteghe e associazioni di ogni origine. Il punto di riferimento sono "
        "i Bagni Pubblici di via Agliè."
    ),
    body=(
        heading("Dalla barriera daziaria al quartiere di tutti"),
        paragraph(
            "<p>Il nome ricorda la barriera daziaria sulla strada per Milano, dove tra Ottocento e "
            "Novecento sorsero fabbriche e case per chi ci lavorava. Dalle migrazioni dal Sud Italia "
            "a quelle dal Nord Africa, dall'Europa dell'Est, dall'Africa occidentale e dalla Cina, "
            "Barriera è sempre stata un quartiere di arrivi: qui si parlano decine di lingue, e le "
            "scuole, i mercati e i cortili sono i luoghi dove ci si incontra.</p>"
        ),
        image(
            "house:barriera-di-milano",
            alt_text="Disegno dei Bagni Pubblici di via Agliè",
            caption="I Bagni Pubblici di via Agliè, in Barriera di Milano",
        ),
        paragraph(
            "<p>Nati come bagni pubblici, i <b>Bagni di via Agliè</b> offrono ancora le docce a chi "
            "non ne ha una in casa. Intorno alle docce è cresciuta una Casa del Quartiere con "
            "sportelli, corsi di lingua, una cucina di comunità, un coro e una ciclofficina.</p>"
        ),
        quote(
            "Qui ho imparato l'italiano, e adesso insegno ai miei vicini a cucinare il mafé.",
            "Una partecipante del corso per mamme",
        ),
        call_to_action(
            "Tutti gli appuntamenti di Barriera di Milano", page="barriera-di-milano/cosa-succede"
        ),
    ),
    house="barriera-di-milano",
    manager="sara-medici",
    palette=("#1a237e", "#b2dfdb", "#26a69a"),
    calendar_title="Cosa succede a Barriera di Milano",
    calendar_intro=(
        "Gli appuntamenti di Barriera di Milano giorno per giorno: eventi, corsi e orari degli sportelli."
    ),
    initiatives=(
        InitiativeSpec(
            slug="sportello-lavoro-e-documenti",
            title="Sportello lavoro e documenti",
            category="counselling",
            summary=(
                "Aiuto per scrivere un curriculum, cercare lavoro, capire una busta paga o rinnovare "
                "il permesso di soggiorno, con mediatrici e mediatori che parlano la tua lingua."
            ),
            body=(
                paragraph(
                    "<p>Lo sportello è gestito da operatori e mediatori culturali che parlano arabo, "
                    "francese, wolof, rumeno e cinese. Non sostituisce gli uffici pubblici, ma ti "
                    "aiuta a prepararti, a compilare i moduli e a capire le risposte.</p>"
                ),
                heading("Cosa portare", "h3"),
                paragraph(
                    "<ul><li>un documento d'identità o il permesso di soggiorno;</li>"
                    "<li>il codice fiscale o la tessera sanitaria;</li>"
                    "<li>le lettere o i moduli che hai ricevuto.</li></ul>"
                ),
            ),
            audiences=("adults", "newcomers"),
            languages=("it", "ar", "fr", "wo", "ro", "zh"),
            booking_info=(
                "Il mercoledì pomeriggio senza appuntamento, fino a esaurimento dei posti: all'ingresso "
                "si prende il numero."
            ),
            contact_email="sportello@bagnipubblici-aglie.example",
            contact_phone="+39 011 000 2102",
            schedule=Weekly(days=(WE,), start=t(14, 30), end=t(17, 30), breaks=False),
            schedule_notes="Chiuso nei giorni festivi.",
        ),
        InitiativeSpec(
            slug="italiano-per-mamme-e-bambini",
            title="Italiano per mamme e bambini",
            category="courses",
            summary=(
                "Corso di italiano per mamme, di mattina, con uno spazio gioco per i bambini piccoli "
                "nella stanza accanto. Si impara la lingua e si conoscono i servizi del quartiere."
            ),
            body=(
                paragraph(
                    "<p>Le lezioni partono dalla vita di tutti i giorni: la pediatra, la scuola, il "
                    "mercato, i mezzi pubblici. Una volta al mese il gruppo visita insieme un servizio "
                    "del quartiere, come la biblioteca o il consultorio.</p>"
                ),
                quote("Mentre io studio, mia figlia gioca di là e impara anche lei.", "Una mamma del corso"),
            ),
            audiences=("adults", "newcomers", "families", "children"),
            languages=("it", "ar", "zh", "ro"),
            booking_info=(
                "Iscrizioni il martedì e il giovedì alle 9:30, direttamente in aula. I bambini fino a "
                "6 anni restano con le educatrici dello spazio gioco."
            ),
            schedule=Weekly(days=(TU, TH), start=t(9, 30), end=t(11, 30)),
            schedule_notes="Pausa durante le vacanze scolastiche di Natale e ad agosto.",
        ),
        InitiativeSpec(
            slug="cucina-di-comunita",
            title="Cucina di comunità",
            category="catering",
            summary=(
                "Il pranzo del venerdì preparato da cuoche e cuochi volontari con i prodotti "
                "recuperati al mercato di piazza Foroni. Chi può lascia un'offerta."
            ),
            body=(
                paragraph(
                    "<p>Il venerdì mattina il gruppo della cucina passa tra i banchi del mercato e "
                    "raccoglie la frutta e la verdura invendute. A mezzogiorno e mezzo il pranzo è "
                    "pronto: nessuno resta senza pasto, anche chi non può lasciare nulla.</p>"
                ),
                paragraph("<p>Vuoi cucinare con noi? Vieni dalle 9 del mattino: c'è posto per tutti.</p>"),
            ),
            languages=("it", "ar", "fr", "wo"),
            is_free=False,
            cost="Offerta libera, a partire da 3 €",
            booking_info="Non serve prenotare.",
            schedule=Weekly(days=(FR,), start=t(12, 30), end=t(14, 30), breaks=False),
            events=(
                EventSpec(
                    slug="cena-delle-cucine-del-mondo",
                    title="Cena delle cucine del mondo",
                    category="catering",
                    summary=(
                        "Una cena di raccolta fondi per la cucina di comunità, con i piatti delle "
                        "famiglie del quartiere: cuscus, mafé, sarmale, ravioli al vapore e bonet."
                    ),
                    body=(
                        paragraph(
                            "<p>Il ricavato serve a comprare le nuove pentole e il frigorifero della "
                            "cucina. Dopo cena, musica dal vivo con il coro Voci di Barriera.</p>"
                        ),
                    ),
                    audiences=("adults", "families"),
                    languages=("it", "ar", "fr", "wo", "ro", "zh"),
                    is_free=False,
                    cost="12 €, bambini sotto i 10 anni 5 €",
                    booking_info=(
                        "Prenotazione obbligatoria entro il giovedì precedente, per telefono o al "
                        "bancone dei Bagni."
                    ),
                    when=Once(in_days=24, weekday=SA, start=t(19, 30), end=t(23)),
                ),
            ),
        ),
        InitiativeSpec(
            slug="ciclofficina-popolare",
            title="Ciclofficina popolare",
            category="workshops",
            summary=(
                "Attrezzi, pezzi di ricambio e consigli per riparare la bicicletta da soli: si "
                "impara a cambiare una camera d'aria, regolare i freni e sistemare la catena."
            ),
            body=(
                paragraph(
                    "<p>In ciclofficina non si lascia la bici a riparare: la si ripara insieme, con "
                    "l'aiuto dei meccanici volontari. Chi non ha una bicicletta può costruirsene una "
                    "con i pezzi recuperati.</p>"
                ),
            ),
            audiences=("teens", "adults"),
            languages=("it", "fr", "wo", "ar"),
            booking_info=(
                "Non serve prenotare. I pezzi di ricambio usati costano pochi euro; per chi ha meno "
                "di 18 anni sono gratis."
            ),
            schedule=Weekly(days=(SA,), start=t(15), end=t(18, 30)),
            events=(
                EventSpec(
                    slug="bike-day",
                    title="Bike day in Barriera",
                    category="workshops",
                    summary=(
                        "Una giornata dedicata alla bicicletta: riparazioni gratuite, percorso di "
                        "prova per i più piccoli, mercatino di bici usate e biciclettata nel quartiere."
                    ),
                    body=(
                        paragraph(
                            "<p>Per tutta la giornata il cortile dei Bagni e via Agliè si riempiono "
                            "di biciclette. Nel pomeriggio partiamo tutti insieme per un giro "
                            "tranquillo del quartiere, adatto anche ai bambini.</p>"
                        ),
                    ),
                    audiences=EVERYONE,
                    languages=("it", "fr", "ar"),
                    booking_info=(
                        "Non serve prenotare. Per la biciclettata serve il casco per chi ha meno di 14 anni."
                    ),
                    when=AllDay(in_days=13, weekday=SU),
                ),
            ),
        ),
        InitiativeSpec(
            slug="coro-voci-di-barriera",
            title="Coro multietnico Voci di Barriera",
            category="cultural-events",
            summary=(
                "Un coro aperto a tutte le voci, senza audizioni: si cantano canzoni popolari di tanti "
                "paesi, imparandole a orecchio nella lingua originale."
            ),
            body=(
                paragraph(
                    "<p>Non serve saper leggere la musica né avere esperienza: ogni canzone si impara "
                    "a orecchio, e chi la porta al coro ne racconta il significato. Il repertorio va "
                    "dalle canzoni piemontesi a quelle senegalesi, arabe, rumene e sudamericane.</p>"
                ),
            ),
            audiences=("teens", "adults", "seniors"),
            languages=("it", "ar", "fr", "wo", "es", "ro"),
            booking_info="Si può venire a provare quando si vuole: basta presentarsi il lunedì alle 19.",
            schedule=Weekly(days=(MO,), start=t(19), end=t(21)),
            events=(
                EventSpec(
                    slug="concerto-voci-di-barriera",
                    title="Concerto di Voci di Barriera",
                    category="cultural-events",
                    summary=(
                        "Il coro multietnico del quartiere presenta le canzoni imparate quest'anno, "
                        "dal Piemonte al Senegal. Al termine, tè alla menta e dolci per tutti."
                    ),
                    body=(
                        paragraph(
                            "<p>Un'ora di canti in otto lingue, con le presentazioni dei coristi "
                            "che raccontano da dove arriva ogni canzone.</p>"
                        ),
                    ),
                    audiences=EVERYONE,
                    languages=("it", "ar", "fr", "wo", "es", "ro"),
                    booking_info="Ingresso libero fino a esaurimento posti.",
                    when=Once(in_days=27, weekday=SU, start=t(17), end=t(18, 30)),
                ),
            ),
        ),
    ),
    events=(
        EventSpec(
            slug="compiti-insieme",
            title="Compiti insieme",
            category="courses",
            summary=(
                "Doposcuola per ragazze e ragazzi delle medie: si fanno i compiti con l'aiuto di "
                "volontari e studenti universitari, poi merenda e giochi."
            ),
            body=(
                paragraph(
                    "<p>Ogni gruppo ha al massimo sei ragazzi per volontario. Si lavora soprattutto "
                    "su italiano, matematica e metodo di studio, in contatto con gli insegnanti della "
                    "scuola.</p>"
                ),
            ),
            audiences=("children", "teens"),
            languages=("it", "ar", "zh", "ro"),
            booking_info="Iscrizione con un genitore, una volta sola, all'inizio dell'anno scolastico.",
            when=Weekly(days=(WE,), start=t(16, 30), end=t(18, 30), since_weeks=8),
            move=(
                3,
                1,
                "Mercoledì la sala ospita la formazione dei volontari: Compiti insieme si sposta a "
                "giovedì, stesso orario.",
            ),
        ),
        EventSpec(
            slug="cineforum-di-barriera",
            title="Cineforum di Barriera",
            category="cultural-events",
            summary=(
                "L'ultimo venerdì del mese un film in lingua originale con i sottotitoli in italiano, "
                "scelto a turno dalle comunità del quartiere, e una chiacchierata alla fine."
            ),
            body=(
                paragraph(
                    "<p>Ogni mese una comunità diversa sceglie il film e lo presenta. Dopo la "
                    "proiezione si resta a parlarne davanti a un tè.</p>"
                ),
            ),
            audiences=("teens", "adults"),
            languages=("it",),
            booking_info="Ingresso libero fino a esaurimento posti.",
            when=MonthlyByWeekday(weekday=FR, nth=-1, start=t(21), end=t(23)),
        ),
        EventSpec(
            slug="consulenza-legale-sulla-casa",
            title="Consulenza legale sulla casa",
            category="counselling",
            summary=(
                "Il 5 del mese, se è un giorno feriale, un'avvocata volontaria risponde a domande su "
                "contratti d'affitto, sfratti, bollette e case popolari. Colloqui gratuiti di venti minuti."
            ),
            body=(
                paragraph(
                    "<p>Un primo consiglio per capire i propri diritti e che cosa fare. Se il caso lo "
                    "richiede, l'avvocata indica i servizi di assistenza legale gratuita della "
                    "città.</p>"
                ),
            ),
            audiences=("adults", "seniors", "newcomers"),
            languages=("it", "fr"),
            booking_info=(
                "Su appuntamento: chiama o scrivi entro il giorno prima. Porta il contratto e le "
                "lettere che hai ricevuto."
            ),
            contact_email="sportello@bagnipubblici-aglie.example",
            contact_phone="+39 011 000 2102",
            when=MonthlyByDay(day=5, start=t(17), end=t(19), weekdays_only=True),
        ),
        EventSpec(
            slug="barriera-in-festa",
            title="Barriera in festa",
            category="cultural-events",
            summary=(
                "Due giorni di festa in piazza con le associazioni del quartiere: musica, cucine dal "
                "mondo, tornei di calcetto, giochi per bambini e la grande tavolata della domenica."
            ),
            body=(
                paragraph(
                    "<p>Le associazioni, le scuole e i negozi del quartiere portano in piazza quello "
                    "che sanno fare. Chi vuole partecipare con uno stand può scrivere ai Bagni "
                    "Pubblici.</p>"
                ),
            ),
            audiences=EVERYONE,
            languages=("it", "ar", "fr", "wo", "ro", "zh", "es"),
            venue=Venue(
                name="Piazza Foroni",
                address="Piazza Foroni, Torino",
                latitude=Decimal("45.091500"),
                longitude=Decimal("7.696500"),
            ),
            when=AllDay(in_days=40, weekday=SA, days=2, outdoor=True),
        ),
    ),
)


MIRAFIORI = DistrictSpec(
    slug="mirafiori-sud",
    title="Mirafiori Sud",
    population=38000,
    intro=(
        "All'estremo sud di Torino, Mirafiori Sud è cresciuto nel Novecento accanto al grande "
        "stabilimento FIAT, con i quartieri di case popolari costruiti per le famiglie degli operai. "
        "Oggi è un quartiere verde, tra il Parco Colonnetti e il Sangone, al centro di progetti di "
        "rigenerazione urbana; la Casa nel Parco è il luogo dove i residenti si incontrano."
    ),
    body=(
        heading("Dalla fabbrica al parco"),
        paragraph(
            "<p>Per decenni la vita del quartiere ha seguito i turni della fabbrica. Con la crisi "
            "dell'industria sono cambiati il lavoro e le famiglie, ma è rimasta una forte abitudine a "
            "fare le cose insieme: orti condivisi, gruppi di cammino, feste nei cortili e una rete di "
            "associazioni che si prende cura delle persone e degli spazi.</p>"
        ),
        image(
            "house:mirafiori-sud",
            alt_text="Disegno della Casa nel Parco tra gli alberi",
            caption="La Casa nel Parco, in via Panetti 1, dentro il Parco Colonnetti",
        ),
        quote(
            "Il parco è il nostro salotto: d'estate ci ritroviamo tutti qui.",
            "Una residente di Mirafiori Sud",
        ),
        call_to_action("Tutti gli appuntamenti di Mirafiori Sud", page="mirafiori-sud/cosa-succede"),
    ),
    house="mirafiori-sud",
    manager="imma-di-santo",
    palette=("#1b5e20", "#c8e6c9", "#4fc3f7"),
    calendar_title="Cosa succede a Mirafiori Sud",
    calendar_intro=(
        "Gli appuntamenti di Mirafiori Sud giorno per giorno: eventi, corsi e orari degli sportelli."
    ),
    initiatives=(
        InitiativeSpec(
            slug="sportello-casa-e-bollette",
            title="Sportello casa e bollette",
            category="counselling",
            summary=(
                "Aiuto per leggere le bollette, chiedere i bonus sociali, fare domanda per una casa "
                "popolare o risolvere un problema di condominio."
            ),
            body=(
                paragraph(
                    "<p>Volontari esperti ti aiutano a capire una bolletta troppo alta, a chiedere una "
                    "rateizzazione, a controllare se hai diritto ai bonus e a preparare la domanda "
                    "per una casa popolare.</p>"
                ),
            ),
            audiences=("adults", "seniors", "families"),
            languages=("it", "ro", "ar", "es"),
            booking_info=(
                "Il lunedì mattina senza appuntamento. Porta le ultime bollette e un documento d'identità."
            ),
            contact_email="sportello@casanelparco.example",
            contact_phone="+39 011 000 3102",
            schedule=Weekly(days=(MO,), start=t(9, 30), end=t(12, 30), breaks=False),
            schedule_notes="Chiuso nei giorni festivi.",
        ),
        InitiativeSpec(
            slug="informatica-per-over-60",
            title="Informatica per over 60",
            category="courses",
            summary=(
                "Dieci incontri per usare con sicurezza smartphone e computer: videochiamate, posta "
                "elettronica, SPID, prenotazioni sanitarie e pagamenti online."
            ),
            body=(
                paragraph(
                    "<p>Si lavora in gruppi di otto persone, ciascuna con il proprio telefono o con i "
                    "computer della Casa. Nessuna domanda è troppo semplice: si va avanti solo quando "
                    "tutti hanno capito.</p>"
                ),
                call_to_action("Iscriviti al corso", url="https://casanelparco.example/informatica"),
            ),
            audiences=("seniors",),
            languages=("it",),
            is_free=False,
            cost="20 € per tutto il corso (dieci incontri)",
            booking_info=(
                "Iscrizioni online o alla reception della Casa. Porta il tuo smartphone, se ne hai uno."
            ),
            registration_url="https://casanelparco.example/informatica",
            schedule=Weekly(days=(TU, TH), start=t(10), end=t(12)),
            events=(
                EventSpec(
                    slug="sportello-digitale",
                    title="Sportello digitale: SPID e fascicolo sanitario",
                    category="counselling",
                    summary=(
                        "Il 10 del mese, quando è un giorno feriale, i volontari del corso di informatica "
                        "aiutano ad attivare lo SPID, consultare il fascicolo sanitario e prenotare visite."
                    ),
                    body=(
                        paragraph(
                            "<p>Un appuntamento di mezz'ora a testa per risolvere un problema "
                            "concreto, con calma, sul proprio telefono.</p>"
                        ),
                    ),
                    audiences=("seniors", "adults"),
                    languages=("it", "ro"),
                    booking_info=(
                        "Su prenotazione, per telefono. Porta documento d'identità, tessera sanitaria, "
                        "telefono e indirizzo e-mail."
                    ),
                    when=MonthlyByDay(day=10, start=t(15), end=t(17), weekdays_only=True),
                ),
            ),
        ),
        InitiativeSpec(
            slug="orti-condivisi",
            title="Orti condivisi",
            category="workshops",
            summary=(
                "Aiuole e orti coltivati insieme accanto alla Casa nel Parco: il sabato mattina si "
                "semina, si innaffia e si raccoglie, imparando dai più esperti."
            ),
            body=(
                paragraph(
                    "<p>Gli orti sono divisi in parcelle curate da famiglie, scuole e gruppi di "
                    "anziani, più un grande orto comune dove chiunque può dare una mano. Gli attrezzi "
                    "sono della Casa.</p>"
                ),
            ),
            audiences=("families", "children", "seniors"),
            languages=("it", "ro", "es", "ar"),
            booking_info=(
                "Per lavorare nell'orto comune non serve iscriversi. Per una parcella c'è una lista d'attesa."
            ),
            schedule=Weekly(days=(SA,), start=t(9), end=t(12), breaks=False),
            events=(
                EventSpec(
                    slug="festa-dello-scambio-dei-semi",
                    title="Festa dello scambio dei semi",
                    category="workshops",
                    summary=(
                        "Una giornata negli orti: scambio di semi e piantine, laboratori di "
                        "compostaggio per adulti e bambini e pranzo al sacco sul prato."
                    ),
                    body=(
                        paragraph(
                            "<p>Porta i semi del tuo orto o del tuo balcone, in bustine con il nome "
                            "della pianta: torni a casa con semi nuovi e qualche consiglio.</p>"
                        ),
                    ),
                    audiences=EVERYONE,
                    languages=("it", "ro", "es"),
                    booking_info="Non serve prenotare.",
                    when=AllDay(in_days=19, weekday=SA),
                ),
            ),
        ),
        InitiativeSpec(
            slug="caffetteria-della-casa-nel-parco",
            title="Caffetteria della Casa nel Parco",
            category="catering",
            summary=(
                "Colazioni, pranzi semplici e merende nella caffetteria affacciata sul Parco "
                "Colonnetti. D'estate i tavoli si spostano sul prato."
            ),
            body=(
                paragraph(
                    "<p>La caffetteria è gestita da una cooperativa sociale del quartiere. A pranzo "
                    "ci sono un primo, un secondo e un piatto vegetariano, a prezzi popolari.</p>"
                ),
            ),
            languages=("it",),
            is_free=False,
            cost="Caffè 1 €, pranzo da 7 €",
            booking_info="Non serve prenotare, tranne per i gruppi.",
            contact_phone="+39 011 000 3103",
            schedule=Weekly(days=(MO, TU, WE, TH, FR, SA), start=t(8, 30), end=t(18), breaks=False),
            events=(
                EventSpec(
                    slug="pranzo-della-domenica",
                    title="Pranzo della domenica",
                    category="catering",
                    summary=(
                        "Un pranzo della domenica come una volta, alla Casa nel Parco: agnolotti, "
                        "bollito e bonet, preparati dai volontari della caffetteria."
                    ),
                    body=(
                        paragraph(
                            "<p>Tavolate lunghe, per conoscersi tra vicini. È previsto un menù "
                            "vegetariano: chiedilo al momento della prenotazione.</p>"
                        ),
                    ),
                    audiences=("families", "seniors"),
                    languages=("it",),
                    is_free=False,
                    cost="10 €, ridotto 6 € per bambini e over 65",
                    booking_info=(
                        "Prenotazione obbligatoria entro il venerdì, alla caffetteria o per telefono."
                    ),
                    contact_phone="+39 011 000 3103",
                    when=Once(in_days=22, weekday=SU, start=t(12, 30), end=t(15)),
                ),
            ),
        ),
        InitiativeSpec(
            slug="ginnastica-dolce-nel-parco",
            title="Ginnastica dolce nel parco",
            category="sport",
            summary=(
                "Esercizi leggeri per articolazioni, equilibrio e respirazione con un'istruttrice di "
                "scienze motorie, all'aperto quando il tempo lo permette."
            ),
            body=(
                paragraph(
                    "<p>Un'ora di movimento adatta a tutti, anche a chi non fa sport da anni. Quando "
                    "piove ci si sposta nella sala grande della Casa.</p>"
                ),
            ),
            audiences=("seniors", "adults"),
            languages=("it",),
            booking_info=(
                "Serve un certificato medico per attività non agonistica. Iscrizioni alla reception "
                "della Casa."
            ),
            schedule=Weekly(days=(WE, FR), start=t(9, 30), end=t(10, 30)),
        ),
    ),
    events=(
        EventSpec(
            slug="gruppo-di-cammino",
            title="Gruppo di cammino",
            category="sport",
            summary=(
                "Ogni lunedì mattina un'ora e mezza di cammino a passo tranquillo nel Parco Colonnetti "
                "e lungo il Sangone, con un'accompagnatrice."
            ),
            body=(
                paragraph(
                    "<p>Si parte dalla Casa nel Parco e si cammina per circa cinque chilometri, con "
                    "qualche sosta. Servono scarpe comode e una bottiglia d'acqua.</p>"
                ),
            ),
            audiences=("seniors", "adults"),
            languages=("it",),
            booking_info="Non serve prenotare: ritrovo alle 9 davanti alla Casa nel Parco.",
            when=Weekly(days=(MO,), start=t(9), end=t(10, 30), since_weeks=5, breaks=False),
            cancel=(
                2,
                "L'accompagnatrice del gruppo è in ferie: ci ritroviamo il lunedì successivo.",
            ),
        ),
        EventSpec(
            slug="memorie-di-mirafiori",
            title="Memorie di Mirafiori: la fabbrica e il quartiere",
            category="cultural-events",
            summary=(
                "Ex operaie e operai, insegnanti e nuovi residenti raccontano come è cambiato il "
                "quartiere, con fotografie e filmati d'archivio."
            ),
            body=(
                paragraph(
                    "<p>Una serata di racconti e immagini per ricordare gli anni della grande "
                    "fabbrica e immaginare insieme il quartiere di domani. Chi ha fotografie di "
                    "famiglia da mostrare può portarle: le digitalizziamo sul posto.</p>"
                ),
            ),
            audiences=("adults", "seniors", "teens"),
            languages=("it",),
            booking_info="Ingresso libero fino a esaurimento posti.",
            when=Once(in_days=9, weekday=TH, start=t(18), end=t(20)),
        ),
        EventSpec(
            slug="festa-nel-parco",
            title="Festa nel Parco",
            category="cultural-events",
            summary=(
                "Tre giorni nel Parco Colonnetti con concerti, teatro per bambini, tornei sportivi, "
                "cucine delle associazioni e la grande cena di quartiere del sabato."
            ),
            body=(
                paragraph(
                    "<p>La festa è organizzata dalle associazioni di Mirafiori Sud con la Casa nel "
                    "Parco. Il programma di ogni giornata è appeso all'ingresso della Casa.</p>"
                ),
            ),
            audiences=EVERYONE,
            languages=("it", "ro", "ar", "es"),
            venue=Venue(
                name="Parco Colonnetti",
                address="Parco Colonnetti, via Panetti, 10137 Torino",
                latitude=Decimal("45.017000"),
                longitude=Decimal("7.612800"),
            ),
            when=Festival(in_days=45, weekday=FR, days=3, start=t(16), end=t(23), outdoor=True),
        ),
        EventSpec(
            slug="merenda-e-giochi-in-famiglia",
            title="Merenda e giochi in famiglia",
            category="cultural-events",
            summary=(
                "La terza domenica del mese giochi da tavolo, laboratori creativi e merenda per "
                "famiglie con bambini dai 3 agli 11 anni."
            ),
            body=(
                paragraph(
                    "<p>I genitori restano e giocano con i figli: è un modo per conoscere altre "
                    "famiglie del quartiere. La merenda è offerta dalla caffetteria.</p>"
                ),
            ),
            audiences=("children", "families"),
            languages=("it", "ro", "es"),
            booking_info="Non serve prenotare.",
            when=MonthlyByWeekday(weekday=SU, nth=3, start=t(15, 30), end=t(18)),
        ),
    ),
)

DISTRICTS = [SAN_SALVARIO, BARRIERA, MIRAFIORI]
