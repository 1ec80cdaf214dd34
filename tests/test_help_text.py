"""Every field an editor fills in says what it is for (docs/CONTRIBUTING.md, "help_text on every
field an editor sees").

Walks the admin panels of every model of the project's apps that the admin edits — page types,
snippets, the proposals, and the inline children they open (opening hours, cancelled dates,
extra questions) — and fails on a field shown there without help text, whether the help comes
from the model field, the panel or the admin form. The fields Wagtail's own Page declares (title,
slug, SEO fields, publishing dates) carry Wagtail's help and are left out unless a panel of ours
gives them some.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.utils.functional import Promise
from wagtail.admin.panels import FieldPanel, InlinePanel, get_edit_handler
from wagtail.models import Page


def project_models():
    """The models of the apps in this repository (not installed packages), in a stable order."""
    base = Path(settings.BASE_DIR).resolve()
    found = []
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(base) and "site-packages" not in path.parts:
            found.extend(config.get_models())
    return sorted(found, key=lambda model: model._meta.label)


def edited_in_the_admin(model):
    """Page types, and models the admin shows with panels (snippets, the proposals)."""
    return (
        issubclass(model, Page)
        or hasattr(model, "panels")
        or hasattr(model, "edit_handler")
        or hasattr(model, "snippet_viewset")
    )


def edit_handler_of(model):
    return model.get_edit_handler() if issubclass(model, Page) else get_edit_handler(model)


def field_panels(panel, model, form_class):
    """(model, panel, form class) for every FieldPanel below `panel`, inline children included."""
    if isinstance(panel, InlinePanel):
        child = panel.child_edit_handler
        child_form = form_class.formsets[panel.relation_name].form if form_class else None
        yield from field_panels(child, child.model, child_form)
        return
    if isinstance(panel, FieldPanel):
        yield model, panel, form_class
        return
    for child in getattr(panel, "children", ()):
        yield from field_panels(child, model, form_class)


def declared_by_wagtail_page(model, name):
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return field.model is Page


def help_text_of(model, panel, form_class):
    if panel.help_text:
        return panel.help_text
    if form_class is not None and panel.field_name in form_class.base_fields:
        return form_class.base_fields[panel.field_name].help_text
    try:
        return model._meta.get_field(panel.field_name).help_text
    except FieldDoesNotExist:
        return ""


def shown_fields():
    rows = []
    for model in project_models():
        if not edited_in_the_admin(model):
            continue
        handler = edit_handler_of(model)
        for owner, panel, form_class in field_panels(handler, model, handler.get_form_class()):
            rows.append((owner, panel, form_class))
    return rows


def test_the_walk_finds_the_fields_editors_see():
    names = {(owner.__name__, panel.field_name) for owner, panel, _form in shown_fields()}
    # A page type, its own tab, an inline child of a snippet, a snippet and the proposals.
    assert {
        ("EventPage", "recurrence"),
        ("EventPage", "venue_latitude"),
        ("OccurrenceChange", "reason"),
        ("OpeningHours", "weekday"),
        ("NeighbourhoodHouse", "latitude"),
        ("ProposalFormField", "field_type"),
        ("CalendarPage", "per_page"),
        ("Proposal", "status"),
        ("SpokenLanguage", "code"),
    } <= names


def test_every_field_an_editor_sees_has_translatable_help_text():
    missing, untranslated = [], []
    for owner, panel, form_class in shown_fields():
        if declared_by_wagtail_page(owner, panel.field_name) and not panel.help_text:
            continue  # Wagtail's own help
        help_text = help_text_of(owner, panel, form_class)
        name = f"{owner.__name__}.{panel.field_name}"
        if not str(help_text).strip():
            missing.append(name)
        elif not isinstance(help_text, Promise):
            untranslated.append(name)
    assert not missing, "No help text for the editors: " + ", ".join(sorted(set(missing)))
    assert not untranslated, "Help text not marked for translation (gettext_lazy): " + ", ".join(
        sorted(set(untranslated))
    )
