"""Districts, their houses and Community Managers, news and notices, the residents' proposals
and the residents who follow them."""

from .closures import HouseClosure
from .district import WEEKDAYS, CommunityManager, DistrictPage, NeighbourhoodHouse, OpeningHours
from .follow import Delivery, Follower, PushEndpoint, SavedEvent
from .news import NewsIndexPage, NewsPage
from .notices import Notice
from .proposals import Proposal, ProposalFormField, ProposalFormPage

__all__ = [
    "WEEKDAYS",
    "CommunityManager",
    "Delivery",
    "DistrictPage",
    "Follower",
    "HouseClosure",
    "NeighbourhoodHouse",
    "NewsIndexPage",
    "NewsPage",
    "Notice",
    "OpeningHours",
    "Proposal",
    "ProposalFormField",
    "ProposalFormPage",
    "PushEndpoint",
    "SavedEvent",
]
