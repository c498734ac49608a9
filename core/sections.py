"""The standard sections every ward site starts with (ContentKind.home_setup): created once, published, in the
header menu; a section the ward's editors renamed, moved down the menu or unpublished is left as they made it."""


def ensure_section(home, model, title, slug):
    """The `model` page below `home`, created and published with `title` and `slug` when there is none."""
    section = model.objects.child_of(home).first()
    if section is None:
        section = model(title=title, slug=slug, show_in_menus=True)
        home.add_child(instance=section)
        section.save_revision().publish()
    return section
