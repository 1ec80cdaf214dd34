"""The editorial part of the demo (development only): each district's proposal form with a few
invented proposals, and the demo users who run the districts.

Run by `load_demo` through the `load_editorial_demo` command, after `setup_editorial`. Like the
rest of the demo it only adds what is missing: existing users keep their password and are only
put back into their groups.
"""

from __future__ import annotations

import datetime
import os
import secrets
from collections import Counter
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils import timezone
from wagtail.models import Locale

from districts.editorial import editors_group_name, managers_group_name
from districts.models import DistrictPage, Proposal, ProposalFormPage
from initiatives.models import InitiativePage
from portal.core import upstream
from portal.demo.users import KNOWN_PASSWORDS

PASSWORD_VARIABLE = "DEMO_USERS_PASSWORD"  # noqa: S105 (the name of a variable, not a password)
FORM_SLUG = "proponi-un-idea"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str  # "managers" or "editors"
    districts: tuple[str, ...]  # slugs of the Italian district pages

    @property
    def email(self):
        return f"{self.username}@quartieri.example"


DEMO_USERS = [
    DemoUser("sara", "Sara", "Medici", "managers", ("san-salvario", "barriera-di-milano")),
    DemoUser("imma", "Imma", "di Santo", "managers", ("mirafiori-sud",)),
    DemoUser("editor_sansalvario", "Luca", "Ferrero", "editors", ("san-salvario",)),
    DemoUser("editor_barriera", "Fatou", "Diop", "editors", ("barriera-di-milano",)),
    DemoUser("editor_mirafiori", "Giorgio", "Rinaldi", "editors", ("mirafiori-sud",)),
]

FORM_TITLE = "Proponi un'idea"
FORM_INTRO = (
    "Hai un'idea per il quartiere, vuoi organizzare qualcosa alla Casa o ti serve una mano? "
    "Scrivici: la Community Manager legge ogni proposta e ti risponde entro due settimane."
)
PRIVACY_TEXT = (
    "La tua proposta arriva alla Community Manager del quartiere e alla Casa del Quartiere, che "
    "la usano solo per risponderti e per costruire il progetto con te. Non la pubblichiamo e non "
    "la diamo a nessun altro. La conserviamo per al massimo 24 mesi, poi cancelliamo il tuo nome "
    "e i tuoi contatti. Puoi chiedere in ogni momento di vederla o di cancellarla scrivendo alla "
    "Community Manager."
)
THANK_YOU_TEXT = (
    "Grazie! La Community Manager leggerà la tua proposta nei prossimi giorni. Se ci hai lasciato "
    "un contatto ti risponderemo entro due settimane, nella lingua che hai scelto."
)

# Invented proposals: (days ago, name, e-mail, category name, language, text, status, consent)
SAMPLE_PROPOSALS = [
    (
        40,
        "Giulia",
        "giulia@example.org",
        "Laboratori",
        "it",
        "Vorrei organizzare un laboratorio di riparazione di piccoli elettrodomestici una volta al "
        "mese: so aggiustare tostapane e lampade e potrei insegnarlo.",
        Proposal.Status.BECAME_INITIATIVE,
        True,
    ),
    (
        9,
        "Ahmed",
        "",
        "Corsi",
        "ar",
        "Sarebbe bello avere un gruppo di conversazione in italiano il sabato mattina per chi lavora "
        "durante la settimana.",
        Proposal.Status.IN_DISCUSSION,
        True,
    ),
    (
        2,
        "Maria",
        "maria.r@example.org",
        "",
        "ro",
        "Chiedo aiuto: non riesco a prenotare la visita medica online e non so a chi rivolgermi.",
        Proposal.Status.RECEIVED,
        False,
    ),
]


@dataclass(frozen=True)
class CreatedUser:
    username: str
    password: str
    generated: bool


def demo_password():
    """The password from DEMO_USERS_PASSWORD, checked, or None to generate one per user."""

    password = os.environ.get(PASSWORD_VARIABLE, "")
    if not password:
        return None
    if password.strip().lower() in KNOWN_PASSWORDS:
        raise CommandError(f"{PASSWORD_VARIABLE} is a well-known password; choose another one or unset it.")
    try:
        validate_password(password)
    except ValidationError as error:
        raise CommandError(f"{PASSWORD_VARIABLE} is too weak: {' '.join(error.messages)}") from error
    return password


class EditorialDemo:
    def __init__(self):
        self.created = Counter()
        self.users = []
        self.source = Locale.get_default()

    def districts(self):
        return {
            page.slug: page for page in DistrictPage.objects.filter(locale=self.source, alias_of__isnull=True)
        }

    def build(self, password=None):
        districts = self.districts()
        for district in districts.values():
            form_page = self.ensure_form_page(district)
            self.ensure_samples(district, form_page)
        for spec in DEMO_USERS:
            self.ensure_user(spec, districts, password)
        return self

    def ensure_form_page(self, district):
        existing = ProposalFormPage.objects.child_of(district).first()
        if existing is not None:
            return existing
        page = ProposalFormPage(
            title=FORM_TITLE,
            slug=FORM_SLUG,
            locale=self.source,
            intro=FORM_INTRO,
            privacy_text=PRIVACY_TEXT,
            thank_you_text=THANK_YOU_TEXT,
            show_in_menus=False,
        )
        district.add_child(instance=page)
        page.save_revision().publish()
        self.created["proposal form"] += 1
        # Every other locale follows the Italian tree (wagtail-localize's synchronised trees).
        upstream.create_aliases_for_new_page(page)
        return page

    def ensure_samples(self, district, form_page):
        copies = ProposalFormPage.objects.filter(translation_key=form_page.translation_key)
        if Proposal.objects.filter(page__in=copies).exists():
            return
        initiative = InitiativePage.objects.child_of(district).live().order_by("path").first()
        now = timezone.now()
        for days_ago, name, email, category, language, text, status, consent in SAMPLE_PROPOSALS:
            if status == Proposal.Status.BECAME_INITIATIVE and initiative is None:
                status = Proposal.Status.IN_DISCUSSION
            proposal = Proposal.objects.create(
                page=form_page,
                form_data={
                    "name": name,
                    "email": email,
                    "phone": "",
                    "proposal": text,
                    "category": category,
                    "language": language,
                },
                status=status,
                initiative=initiative if status == Proposal.Status.BECAME_INITIATIVE else None,
                publish_consent=consent,
            )
            Proposal.objects.filter(pk=proposal.pk).update(
                submit_time=now - datetime.timedelta(days=days_ago, hours=days_ago % 7)
            )
            self.created["proposal"] += 1

    def ensure_user(self, spec, districts, password):
        user_model = get_user_model()
        user = user_model._default_manager.filter(username=spec.username).first()
        if user is None:
            generated = password is None
            user_password = secrets.token_urlsafe(12) if generated else password
            user = user_model._default_manager.create_user(
                username=spec.username,
                email=spec.email,
                password=user_password,
                first_name=spec.first_name,
                last_name=spec.last_name,
            )
            self.users.append(CreatedUser(spec.username, user_password, generated))
            self.created["user"] += 1
        name_for = managers_group_name if spec.role == "managers" else editors_group_name
        wanted = [name_for(districts[slug].title) for slug in spec.districts if slug in districts]
        groups = list(Group.objects.filter(name__in=wanted))
        missing = set(wanted) - {group.name for group in groups}
        if missing:
            raise CommandError(f"Groups {sorted(missing)} do not exist: run setup_editorial first.")
        user.groups.add(*groups)
