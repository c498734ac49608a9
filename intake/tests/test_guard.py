"""intake.guard.check on its own, with requests built as a browser (or a bot) would send them."""

import json

import pytest
from django.test import RequestFactory

from intake import challenge, guard
from intake.tests.helpers import solve

pytestmark = pytest.mark.django_db


def form_data(clock, **changes):
    shown = guard.protection("question")
    data = {
        shown["honeypot_field"]: "",
        shown["started_field"]: shown["started"],
        shown["pow_field"]: solve(shown["challenge"]),
        "question": "Xin hỏi thủ tục đăng ký tạm trú?",
    }
    clock[0] += 30  # a person takes half a minute
    return data | changes


def post(data, **extra):
    return RequestFactory().post("/hoi-dap/gui-cau-hoi/", data, REMOTE_ADDR="203.0.113.7", **extra)


def refusal(request, site_id=1):
    try:
        guard.check(request, site_id, "question")
    except guard.Refused as refused:
        return refused
    return None


def test_a_person_passes(ward_site, clock):
    assert refusal(post(form_data(clock))) is None


def test_a_filled_honeypot_is_refused(ward_site, clock):
    refused = refusal(post(form_data(clock, website="http://spam.example")))
    assert refused.reason == guard.HONEYPOT and refused.status == 400


def test_a_form_sent_too_soon_is_refused(ward_site, clock):
    data = form_data(clock)
    clock[0] -= 28  # two seconds after it was shown
    assert refusal(post(data)).reason == guard.TOO_FAST


@pytest.mark.parametrize("started", ["", "forged", "eyJmb3JtIjoicXVlc3Rpb24ifQ:1abc:xyz"])
def test_a_missing_or_forged_timestamp_is_refused(ward_site, clock, started):
    assert refusal(post(form_data(clock, started=started))).reason == guard.BAD_TIMESTAMP


def test_a_timestamp_of_another_form_is_refused(ward_site, clock):
    other = guard.protection("rating")["started"]
    clock[0] += 30
    assert refusal(post(form_data(clock, started=other))).reason == guard.BAD_TIMESTAMP


def test_a_form_left_open_too_long_is_shown_again(ward_site, clock, settings):
    data = form_data(clock)
    clock[0] += guard.max_age() + 1
    assert refusal(post(data)).reason == guard.BAD_TIMESTAMP


def test_no_proof_of_work_is_refused_with_the_javascript_message(ward_site, clock):
    refused = refusal(post(form_data(clock, altcha="")))
    assert refused.reason == challenge.MISSING
    assert "JavaScript" in refused.message


def test_a_replayed_proof_of_work_is_refused(ward_site, clock):
    data = form_data(clock)
    assert refusal(post(data)) is None
    second = form_data(clock, altcha=data["altcha"])
    assert refusal(post(second)).reason == challenge.REPLAYED


def test_an_oversized_body_is_refused_before_it_is_read(ward_site, clock, settings):
    settings.PORTAL_INTAKE_MAX_BYTES = 1000
    refused = refusal(post(form_data(clock, question="x" * 2000)))
    assert refused.reason == guard.TOO_LARGE and refused.status == 413


def test_a_burst_is_refused_per_visitor_and_another_visitor_still_passes(ward_site, clock, settings):
    settings.PORTAL_INTAKE_RATE_PER_ADDRESS = 3
    # Counting windows are fixed slots of the clock: one that spans years keeps the five forms (30 s apart) in
    # one window whatever time the test runs.
    settings.PORTAL_INTAKE_RATE_WINDOW = 10**9
    outcomes = [refusal(post(form_data(clock))) for _ in range(5)]
    assert outcomes[:3] == [None, None, None]
    assert [o.reason for o in outcomes[3:]] == [guard.RATE_VISITOR] * 2
    assert outcomes[3].status == 429 and "phút" in outcomes[3].message
    other = RequestFactory().post("/x/", form_data(clock), REMOTE_ADDR="198.51.100.9")
    assert refusal(other) is None


def test_the_site_allowance_counts_only_what_passed(ward_site, settings):
    settings.PORTAL_INTAKE_RATE_PER_SITE = 2
    guard.admit(ward_site.pk, "question")
    guard.admit(ward_site.pk, "question")
    with pytest.raises(guard.Refused) as refused:
        guard.admit(ward_site.pk, "question")
    assert refused.value.reason == guard.RATE_SITE
    guard.admit(ward_site.pk + 1000, "question")  # another site is not affected


def test_the_challenge_is_rendered_as_json_the_browser_can_read(ward_site):
    shown = guard.protection("question")
    assert set(json.loads(shown["challenge"])) == {"algorithm", "challenge", "maxNumber", "salt", "signature"}
