"""The district pages in the headless API: their house and Community Manager without a query
per district (the houses and managers come from the API's cached directory)."""

from portal.core.api.preparation import preparer

from .models import DistrictPage


@preparer(DistrictPage)
def prepare_districts(pages, preparation):
    for page in pages:
        # The manager's photo URL is made absolute on the request's host (manager_data).
        page.api_request = preparation.request
    if not preparation.wants("house_data", "manager_data"):
        return
    directory = preparation.directory
    for page in pages:
        page.localized_house = directory.houses.localized(page.house_id, page.locale_id)
        page.localized_manager = directory.managers.localized(page.manager_id, page.locale_id)
