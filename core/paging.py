"""The page of a listing a reader asked for (`?page=`), whatever they typed."""

MAX_PAGE = 10_000


def page_number(raw, max_page=MAX_PAGE):
    """The page asked for; anything unusable (text, NUL, a number past any listing) is the first page."""
    try:
        number = int(str(raw).strip())
    except (TypeError, ValueError):
        return 1
    return number if 1 <= number <= max_page else 1
