from .organisation import ContactsPage, LeaderPage, LeadersPage, OrganisationPage, UnitPage
from .places import PlacePage, PlacePhoto, PlacesPage
from .section import FormerWard, HistoryPage, IntroPage

__all__ = [
    "ContactsPage",
    "FormerWard",
    "HistoryPage",
    "IntroPage",
    "LeaderPage",
    "LeadersPage",
    "OrganisationPage",
    "PlacePage",
    "PlacePhoto",
    "PlacesPage",
    "UnitPage",
]
