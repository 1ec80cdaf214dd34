"""Districts, their houses and Community Managers, and the residents' proposals."""

from .district import WEEKDAYS, CommunityManager, DistrictPage, NeighbourhoodHouse, OpeningHours
from .news import NewsIndexPage, NewsPage
from .proposals import Proposal, ProposalFormField, ProposalFormPage

__all__ = [
    "WEEKDAYS",
    "CommunityManager",
    "DistrictPage",
    "NeighbourhoodHouse",
    "NewsIndexPage",
    "NewsPage",
    "OpeningHours",
    "Proposal",
    "ProposalFormField",
    "ProposalFormPage",
]
