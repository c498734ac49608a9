from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.public_urls import absolute_url
from search import results


@require_GET
def search_page(request):
    search = results.run(request)
    response = TemplateResponse(request, "search/search_page.html", {"search": search, "search_query": search.text})
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def search_api(request):
    search = results.run(request)
    return JsonResponse(
        {
            "count": search.count,
            # The count stops at 1,000 (search.query.COUNT_CAP): true means "at least".
            "count_is_capped": search.count_is_capped,
            "page": search.page,
            "num_pages": search.num_pages,
            # Filters dropped as unusable (a bad or absurd date, an unknown category), said as the page says them.
            "messages": search.messages,
            "results": [
                {
                    "title": r.title,
                    "url": absolute_url(request, r.url),
                    "published": timezone.localtime(r.published).isoformat(),
                    "category": r.category,
                    "snippet": str(r.snippet),
                    "kind": r.kind,
                }
                # Where in a file the words are (documents): its page number.
                | ({"page": r.page} if r.page is not None else {})
                for r in search.results
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )
