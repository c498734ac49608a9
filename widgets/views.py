from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from widgets.chart import build_chart, usd_sell_history
from widgets.models import KNOWN_CURRENCIES, WidgetSettings
from widgets.reading import fx_status, is_stale, latest_fx
from widgets.templatetags.widgets_tags import empty_note, fx_rows


def exchange_rates(request):
    """/ty-gia/: every currency of the latest table and the USD selling rate over 30 days."""
    bundle = getattr(request, "ward_bundle", None)
    if bundle is None:  # a host that matches no site
        raise Http404
    # The bundle's copy, not WidgetSettings.for_request(), which creates a row: a GET writes nothing.
    config = bundle.setting(WidgetSettings)
    if not config.show_fx:
        raise Http404
    now = timezone.now()
    snapshot = latest_fx()
    start, history = usd_sell_history(now)
    opening = bool(history) and history[0][0] == start
    rows = []
    if snapshot:
        chosen = config.currency_list
        others = [code for code in KNOWN_CURRENCIES if code not in chosen] + sorted(
            code for code in snapshot.rates if code not in KNOWN_CURRENCIES and code not in chosen
        )
        rows = fx_rows(snapshot, chosen + [code for code in others if code in snapshot.rates])
    return render(
        request,
        "widgets/exchange_rates.html",
        {
            "snapshot": snapshot,
            "empty": None if snapshot else empty_note("tỷ giá", fx_status()),
            "rows": rows,
            "stale": bool(snapshot) and is_stale(snapshot.checked_at, settings.WIDGETS_FX_STALE_AFTER, now),
            "chart": build_chart(history, start, now, opening=opening),
            "history": history[1:] if opening else history,
            "start": start,
            "now": now,
        },
    )
