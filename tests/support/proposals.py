"""One resident's proposal, as the web form (tests/proposals/test_form.py) and the app
(tests/proposals/test_api.py) send it, and what both must store and mail: the two ways in
share the form's rules, so their tests share one expectation of the outcome."""

from django.core import mail

from districts.models import Proposal

IDEA = "Vorrei un gruppo di lettura in arabo e italiano per i bambini, il sabato mattina."

# The answers both ways in ask for, as the resident writes them (the category as its slug).
ANSWERS = {
    "name": "Amina",
    "email": "amina@example.org",
    "phone": "+39 333 123 4567",
    "proposal": IDEA,
    "category": "",
    "language": "ar",
}


def with_overrides(data, overrides):
    """`data` changed by `overrides`; a None there leaves the field out."""
    data = {**data, **overrides}
    return {key: value for key, value in data.items() if value is not None}


def assert_received(form_page, editorial, category_name):
    """The one proposal was stored for `form_page` with the resident's answers (the category by
    its name) and consent to publish, and mailed to San Salvario's manager with the resident
    to reply to. Returns (the stored proposal, the message) for what each way adds."""
    stored = Proposal.objects.get()
    assert stored.page_id == form_page.pk
    assert stored.publish_consent
    assert stored.form_data == {
        "name": "Amina",
        "email": "amina@example.org",
        "phone": "+39 333 123 4567",
        "proposal": IDEA,
        "category": category_name,
        "language": "ar",
    }
    (message,) = mail.outbox
    assert message.to == [editorial.ss.manager.email]
    assert message.reply_to == ["amina@example.org"]
    assert IDEA in message.body
    return stored, message
