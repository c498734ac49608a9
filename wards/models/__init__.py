from .pages import HomePage
from .settings import WardSettings

__all__ = ["HomePage", "WardSettings"]
