"""Districts, their houses and Community Managers, and the residents' proposals."""

from .district import WEEKDAYS, CommunityManager, DistrictPage, NeighbourhoodHouse, OpeningHours
from .notices import Notice
from .proposals import Proposal, ProposalFormField, ProposalFormPage

__all__ = [
    "WEEKDAYS",
    "CommunityManager",
    "DistrictPage",
    "NeighbourhoodHouse",
    "Notice",
    "OpeningHours",
    "Proposal",
    "ProposalFormField",
    "ProposalFormPage",
]
