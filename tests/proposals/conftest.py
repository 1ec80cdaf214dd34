"""The districts' editorial setup (see tests/editorial/conftest.py) and San Salvario's form."""

import pytest

from tests.editorial.conftest import editor, editorial, imma, sara  # noqa: F401


@pytest.fixture
def form_page(editorial):  # noqa: F811 (the fixture imported above)
    from tests.factories import ProposalFormPageFactory

    return ProposalFormPageFactory(parent=editorial.ss)


@pytest.fixture
def other_form_page(editorial):  # noqa: F811
    from tests.factories import ProposalFormPageFactory

    return ProposalFormPageFactory(parent=editorial.ms)
