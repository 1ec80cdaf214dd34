"""Background work of the districts: e-mailing a resident's proposal to its Community Manager,
and anonymising old proposals (queued nightly by the clock, districts/registry.py).

Queued by the proposal form (`ProposalFormPage.notify_manager`) and run by the worker process
(`manage.py db_worker`, the Procfile's `worker`), so a slow or unreachable SMTP server never
holds up a resident's request; the settings' TASKS says where tasks wait (the database, or at
once in tests). The task gets the proposal's number only, never what the resident wrote.
"""

from django.apps import apps
from django.core.management import call_command
from django_tasks import task


@task(backend="background")
def email_proposal(proposal_id):
    """Send proposal `proposal_id` to its Community Manager; False if it is gone or anonymised."""
    # By name: the models module queues this task, so it cannot be imported here.
    proposal_model = apps.get_model("districts", "Proposal")
    proposal = proposal_model.objects.select_related("page").filter(pk=proposal_id).first()
    if proposal is None or proposal.anonymised_at is not None:
        return False
    proposal.page.specific.send_proposal_email(proposal)
    return True


@task(backend="background")
def purge_proposals():
    """Anonymise the proposals older than PROPOSALS_RETENTION_MONTHS (`manage.py purge_proposals`)."""
    call_command("purge_proposals", verbosity=0)
