"""`refresh_widgets` and `run_widget_jobs` against the fake services."""

import io
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from widgets.models import FetchStatus, FxSnapshot, WeatherSnapshot
from widgets.tests.fake import FX_PATH, WEATHER_PATH, Reply, closed_port, good_fx, good_weather

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_refresh_widgets_once(located_site, fake, widget_settings):
    fake.weather(good_weather())
    fake.fx(good_fx())
    out = io.StringIO()
    call_command("refresh_widgets", stdout=out)
    assert "weather:20.95,107.07: đã lưu" in out.getvalue()
    assert "fx: đã lưu" in out.getvalue()
    assert WeatherSnapshot.objects.count() == FxSnapshot.objects.count() == 1

    # Within five minutes the rate feed is not asked again, even by hand.
    out = io.StringIO()
    call_command("refresh_widgets", "--only", "fx", stdout=out)
    assert "fx: bỏ qua" in out.getvalue()
    assert (fake.count(WEATHER_PATH), fake.count(FX_PATH)) == (1, 1)

    call_command("refresh_widgets", "--only", "weather", "--site", located_site.hostname, stdout=io.StringIO())
    assert (fake.count(WEATHER_PATH), fake.count(FX_PATH)) == (2, 1)


@pytest.mark.django_db
def test_accept_jump_stores_a_checked_large_move(plain_site, fake, widget_settings):
    import datetime

    from django.utils import timezone

    from widgets.refresh import refresh_fx

    fake.fx(good_fx())
    refresh_fx(now=timezone.now() - datetime.timedelta(minutes=10))
    fake.fx(good_fx(rates={"KRW": ("KOREAN WON ", "8.00", "8.90", "9.70")}))
    with pytest.raises(CommandError):
        call_command("refresh_widgets", "--only", "fx", stdout=io.StringIO(), stderr=io.StringIO())
    FetchStatus.objects.filter(key__startswith="fx:").update(counted_at=timezone.now() - datetime.timedelta(minutes=6))
    call_command("refresh_widgets", "--only", "fx", "--accept-jump", stdout=io.StringIO())
    assert FxSnapshot.objects.first().rates["KRW"]["sell"] == "9.70"


@pytest.mark.django_db
def test_refresh_widgets_reports_failures_and_bad_arguments(located_site, fake, widget_settings):
    with pytest.raises(CommandError, match="nowhere.example"):
        call_command("refresh_widgets", "--site", "nowhere.example")
    fake.weather(Reply(b'{"current": {}}'))
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 nguồn lỗi"):
        call_command("refresh_widgets", "--only", "weather", stdout=io.StringIO(), stderr=err)
    assert "thiếu utc_offset_seconds" in err.getvalue()
    assert FetchStatus.objects.get(key="weather:20.95,107.07").failures == 1


@pytest.mark.django_db
def test_job_fetches_on_schedule(located_site, fake, widget_settings):
    fake.weather(good_weather())
    fake.fx(good_fx())
    widget_settings.PORTAL_FX_INTERVAL = 60  # below the feed's rule: raised to five minutes
    out = io.StringIO()
    call_command("run_widget_jobs", "--cycles", "3", "--tick", "0.05", stdout=out)
    assert "tỷ giá mỗi 300 giây" in out.getvalue()
    assert (fake.count(WEATHER_PATH), fake.count(FX_PATH)) == (1, 1)
    assert WeatherSnapshot.objects.count() == FxSnapshot.objects.count() == 1


@pytest.mark.django_db
def test_job_stops_on_sigterm(located_site, fake, widget_settings):
    fake.weather(Reply(b"down", 503))
    fake.fx(Reply(b"down", 503))
    before = signal.getsignal(signal.SIGTERM)
    timer = threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGTERM))
    timer.start()
    try:
        call_command("run_widget_jobs", "--tick", "30", stdout=io.StringIO())
    finally:
        timer.cancel()
    # It came back long before the 30-second tick, failures did not stop it, and the handler is restored.
    assert FetchStatus.objects.get(key__startswith="fx:").failures == 1
    assert signal.getsignal(signal.SIGTERM) == before


def test_environment_overrides_the_service_urls():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "PORTAL_WEATHER_URL": "http://127.0.0.1:9/forecast",
        "PORTAL_FX_URL": "http://127.0.0.1:9/fx.xml",
    }
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.PORTAL_WEATHER_URL, s.PORTAL_FX_URL)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["http://127.0.0.1:9/forecast", "http://127.0.0.1:9/fx.xml"]


STUB_PYTHON = """#!/usr/bin/env bash
# Stands in for the venv's python: records what run_dev.sh starts and when each part is stopped.
part="$2"
echo $$ > "$STUB_DIR/$part.pid"
trap 'echo stopped > "$STUB_DIR/$part.stopped"; exit 0' TERM
[ "$part" = runserver ] && echo "$3" > "$STUB_DIR/server.args"
ticks=300
[ "$part" = runserver ] && ticks="${STUB_SERVER_TICKS:-300}"
for i in $(seq 1 "$ticks"); do sleep 0.1; done
"""


@pytest.mark.parametrize("ending", ["server-exits", "sigterm"])
def test_dev_script_stops_the_job_with_the_server(ending, tmp_path):
    stub = tmp_path / "python"
    stub.write_text(STUB_PYTHON)
    stub.chmod(0o755)
    env = {**os.environ, "BIN": str(tmp_path), "PORT": "8101", "STUB_DIR": str(tmp_path)}
    if ending == "server-exits":
        env["STUB_SERVER_TICKS"] = "10"
    script = subprocess.Popen(["bash", str(ROOT / "scripts" / "run_dev.sh")], env=env)
    try:
        if ending == "sigterm":
            for _ in range(100):
                if (tmp_path / "runserver.pid").exists() and (tmp_path / "run_widget_jobs.pid").exists():
                    break
                time.sleep(0.05)
            script.terminate()
        script.wait(timeout=20)
    finally:
        script.kill()
    assert (tmp_path / "server.args").read_text().strip() == "127.0.0.1:8101"
    assert (tmp_path / "run_widget_jobs.stopped").read_text().strip() == "stopped"
    for part in ("run_widget_jobs", "runserver"):
        with pytest.raises(ProcessLookupError):
            os.kill(int((tmp_path / f"{part}.pid").read_text()), 0)
    assert "scripts/run_dev.sh" in (ROOT / "Makefile").read_text()


def test_systemd_unit_runs_the_job():
    unit = (ROOT / "deploy" / "portal-widget-jobs.service").read_text()
    assert "ExecStart=/srv/portal/app/.venv/bin/python manage.py run_widget_jobs" in unit
    assert "Restart=always" in unit


@pytest.mark.django_db
def test_refresh_after_no_network_asks_the_corrected_feed_at_once(plain_site, fake, widget_settings):
    """`make run` without internet, then `refresh_widgets` with a corrected PORTAL_FX_URL: rates shown at once."""
    good_url = widget_settings.PORTAL_FX_URL
    widget_settings.PORTAL_FX_URL = f"http://127.0.0.1:{closed_port()}{FX_PATH}"
    call_command("run_widget_jobs", "--cycles", "1", stdout=io.StringIO())
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 nguồn lỗi"):
        call_command("refresh_widgets", "--only", "fx", stdout=io.StringIO(), stderr=err)
    assert "fx: lỗi (không kết nối được" in err.getvalue() and "sau 3 lần thử" in err.getvalue()

    widget_settings.PORTAL_FX_URL = good_url
    fake.fx(good_fx())
    out = io.StringIO()
    call_command("refresh_widgets", "--only", "fx", stdout=out)
    assert out.getvalue().startswith("fx: đã lưu (")
    out = io.StringIO()
    call_command("refresh_widgets", "--only", "fx", stdout=out)
    assert "fx: bỏ qua (nguồn chỉ cho phép một yêu cầu mỗi 5 phút" in out.getvalue()
    assert fake.count(FX_PATH) == 1
