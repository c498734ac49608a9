from .articles import ArticlePage, ArticleTag
from .categories import CategoryPage

__all__ = ["ArticlePage", "ArticleTag", "CategoryPage"]
