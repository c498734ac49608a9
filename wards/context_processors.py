FRAGMENT_SECONDS = 60


def ward(request):
    """The ward whose portal this request is for, its home page and category menu (see wards.sitecache),
    and what the templates' {% cache %} tags need."""
    # A preview shows unsaved edits: it must neither read the published page's cached parts nor leave its
    # own behind (0 seconds: not kept), so its keys differ and nothing it renders is stored.
    preview = bool(getattr(request, "is_preview", False))
    fragments = {
        "fragment_seconds": 0 if preview else FRAGMENT_SECONDS,
        "fragment_scope": "preview" if preview else "live",
    }
    bundle = getattr(request, "ward_bundle", None)
    if bundle is None:
        return {"ward": None, "site_home": None, "menu_categories": [], "site_version": None, **fragments}
    return {
        "ward": bundle.ward,
        "site_home": bundle.home,
        "menu_categories": bundle.menu,
        # Changes whenever the ward's settings, home page or categories do: part of the cached parts' keys.
        # None while the shared cache is unreachable (generations unknown): the header is then not cached.
        "site_version": None if bundle.generation is None else f"{bundle.site.pk}.{bundle.generation}",
        **fragments,
    }
