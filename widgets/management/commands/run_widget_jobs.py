import logging
import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection
from django.utils.translation import gettext as _

from widgets.refresh import FX_MIN_INTERVAL, refresh_fx, refresh_weather

logger = logging.getLogger("widgets")


class Command(BaseCommand):
    help = _(
        "Chạy liên tục: lấy thời tiết và tỷ giá theo chu kỳ cấu hình "
        "(PORTAL_WEATHER_INTERVAL, PORTAL_FX_INTERVAL; tỷ giá không dưới 5 phút). Dừng bằng SIGTERM hoặc Ctrl-C."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tick", type=float, default=30.0, help=_("số giây giữa hai lần xem việc đến hạn"))
        parser.add_argument("--cycles", type=int, default=0, help=_("dừng sau chừng này vòng (0: chạy mãi)"))

    def handle(self, *args, tick, cycles, **options):
        stop = threading.Event()
        previous = {signum: signal.signal(signum, lambda *_: stop.set()) for signum in (signal.SIGTERM, signal.SIGINT)}
        try:
            self.run(stop, tick, cycles)
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)

    def run(self, stop, tick, cycles):
        weather_every = settings.PORTAL_WEATHER_INTERVAL
        fx_every = max(settings.PORTAL_FX_INTERVAL, FX_MIN_INTERVAL)
        self.stdout.write(
            _("Tiện ích: thời tiết mỗi %(weather)d giây, tỷ giá mỗi %(fx)d giây.")
            % {"weather": weather_every, "fx": fx_every}
        )
        done = 0
        while not stop.is_set():
            try:
                outcomes = refresh_weather(min_interval=weather_every) + refresh_fx(min_interval=fx_every)
            except Exception:
                # The database or a bug: say so and try again next tick rather than leave pages without updates.
                logger.exception("widgets: vòng lấy dữ liệu lỗi, thử lại ở vòng sau")
                outcomes = []
            # Failures are already logged as warnings by refresh; this is the job's own running record.
            for outcome in outcomes:
                if outcome.status != "skipped":
                    self.stdout.write(str(outcome))
            # A long-running process must not keep a broken or expired connection; never drop one
            # inside a transaction, though (the tests run the job inside theirs).
            if not connection.in_atomic_block:
                close_old_connections()
            done += 1
            if cycles and done >= cycles:
                break
            stop.wait(tick)
