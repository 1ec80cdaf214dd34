"""Districts, their houses and Community Managers, and the residents' proposals."""

from .closures import HouseClosure
from .district import WEEKDAYS, CommunityManager, DistrictPage, NeighbourhoodHouse, OpeningHours
from .proposals import Proposal, ProposalFormField, ProposalFormPage

__all__ = [
    "WEEKDAYS",
    "CommunityManager",
    "DistrictPage",
    "HouseClosure",
    "NeighbourhoodHouse",
    "OpeningHours",
    "Proposal",
    "ProposalFormField",
    "ProposalFormPage",
]
