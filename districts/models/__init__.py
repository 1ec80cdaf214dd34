"""Districts, their houses and Community Managers, and the residents' proposals."""

from .closures import HouseClosure
from .district import WEEKDAYS, CommunityManager, DistrictPage, NeighbourhoodHouse, OpeningHours
from .news import NewsIndexPage, NewsPage
from .notices import Notice
from .proposals import Proposal, ProposalFormField, ProposalFormPage

__all__ = [
    "WEEKDAYS",
    "CommunityManager",
    "DistrictPage",
    "HouseClosure",
    "NeighbourhoodHouse",
    "NewsIndexPage",
    "NewsPage",
    "Notice",
    "OpeningHours",
    "Proposal",
    "ProposalFormField",
    "ProposalFormPage",
]
