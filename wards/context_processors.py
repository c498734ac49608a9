def ward(request):
    """The ward whose portal this request is for, its home page and category menu (see wards.sitecache)."""
    bundle = getattr(request, "ward_bundle", None)
    if bundle is None:
        return {"ward": None, "site_home": None, "menu_categories": [], "site_version": None}
    return {
        "ward": bundle.ward,
        "site_home": bundle.home,
        "menu_categories": bundle.menu,
        # Changes whenever the ward's settings, home page or categories do: a key for cached page parts.
        # None while the shared cache is unreachable (generations unknown): then nothing is cached.
        "site_version": None if bundle.generation is None else f"{bundle.site.pk}.{bundle.generation}",
    }
