def ward(request):
    """The ward whose portal this request is for, its home page and category menu (see wards.sitecache)."""
    bundle = getattr(request, "ward_bundle", None)
    if bundle is None:
        return {"ward": None, "site_home": None, "menu_categories": []}
    return {"ward": bundle.ward, "site_home": bundle.home, "menu_categories": bundle.menu}
