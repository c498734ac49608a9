"""Which live page a path below a site's root names, found by url_path in one query: the one path -> page lookup
of the platform, for HomePage.route's short-cut (a content type's `find_published`) and the visitor beacon
(stats), whatever the page's type."""

from wagtail.models import Page


def live_page_at(root, path_components, queryset=None, *, deepest=False):
    """(page, rest): the live page of `queryset` (every page type by default) at root/<path_components>/ and
    (); (None, path_components) when there is none.

    deepest: else the deepest live page on the way there (the root included) with the components left below it,
    for a routable page's sub-routes (a search's results, a feed).
    """
    queryset = Page.objects.all() if queryset is None else queryset
    path_components = tuple(path_components)
    if not deepest:
        if not path_components:
            return (root, ()) if root.live else (None, ())
        url_path = f"{root.url_path}{'/'.join(path_components)}/"
        # url_path has no index (Wagtail declares none); the slug's index narrows the lookup to a few rows instead
        # of a scan of every page (40 ms at 100,000 pages on SQLite). One page has this url_path, so no ordering:
        # compiling Wagtail's default one was a fifth of this query's cost.
        found = queryset.filter(live=True, slug=path_components[-1], url_path=url_path).order_by()[:1]
        page = next(iter(found), None)
        return (page, ()) if page is not None else (None, path_components)
    prefixes = [root.url_path] + [
        f"{root.url_path}{'/'.join(path_components[:n])}/" for n in range(1, len(path_components) + 1)
    ]
    # Each url_path is one page's, so at most one row per prefix: the deepest is picked here, not by ORDER BY.
    found = queryset.filter(live=True, slug__in={root.slug, *path_components}, url_path__in=prefixes).order_by()
    page = max(found, key=lambda candidate: candidate.depth, default=None)
    if page is None:
        return None, path_components
    return page, path_components[page.depth - root.depth :]
